import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Electron ≥ 42 has no install script: the binary is fetched on first use (tech-scout §1).
 * electron-vite and Playwright read `node_modules/electron/path.txt` directly and never trigger
 * that download, so we look for the binary ourselves and fetch it explicitly.
 */
export function findElectronBinary(repositoryRoot: string): string | null {
  const packageDir = join(repositoryRoot, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

/** One quiet attempt to download the binary (fails fast offline); true if it is there after. */
export function tryInstallElectron(repositoryRoot: string): boolean {
  spawnSync(process.execPath, [join(repositoryRoot, 'node_modules', 'electron', 'install.js')], {
    cwd: repositoryRoot,
    stdio: 'ignore',
    timeout: 5 * 60_000,
  })
  return findElectronBinary(repositoryRoot) !== null
}

/**
 * Chromium refuses to start as root without --no-sandbox (containers, CI). That switch only
 * drops the OS-level sandbox; the renderer's `sandbox: true` and context isolation stay.
 */
export function electronSwitchesForThisUser(): string[] {
  return process.getuid?.() === 0 ? ['--no-sandbox'] : []
}
