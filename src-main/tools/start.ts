/**
 * `npm start`: build, prepare the example workspace, then open it in the desktop app, or in
 * browser mode when the Electron binary is not available (offline machines, CI, containers).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  electronSwitchesForThisUser,
  findElectronBinary,
  tryInstallElectron,
} from './electron-binary'
import { REPOSITORY_ROOT, ensureExampleWorkspace, seedExampleWorkspace } from './example-workspace'

export { ensureExampleWorkspace, type ExampleWorkspace } from './example-workspace'

function build(): void {
  const electronVite = join(
    REPOSITORY_ROOT,
    'node_modules',
    'electron-vite',
    'bin',
    'electron-vite.js',
  )
  const result = spawnSync(process.execPath, [electronVite, 'build'], {
    cwd: REPOSITORY_ROOT,
    stdio: 'inherit',
  })
  if (result.status !== 0) {
    console.error('memograph: the build failed; not starting.')
    process.exit(result.status ?? 1)
  }
}

/** Runs the app in the foreground: signals go to it, and its exit code becomes ours. */
function runInForeground(child: ChildProcess): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal))
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)))
}

function start(): void {
  build()
  const example = ensureExampleWorkspace(REPOSITORY_ROOT)
  seedExampleWorkspace(example, REPOSITORY_ROOT)
  const { projectDir } = example
  const electron =
    findElectronBinary(REPOSITORY_ROOT) ??
    (tryInstallElectron(REPOSITORY_ROOT) ? findElectronBinary(REPOSITORY_ROOT) : null)
  if (electron !== null) {
    const electronArguments = [
      ...electronSwitchesForThisUser(),
      REPOSITORY_ROOT,
      '--workspace',
      projectDir,
      // The example is our own code, copied from resources/; no need to ask before running it.
      '--trust',
      projectDir,
    ]
    runInForeground(spawn(electron, electronArguments, { cwd: REPOSITORY_ROOT, stdio: 'inherit' }))
    return
  }
  console.log('Electron binary not available (offline?); starting browser mode instead.')
  const server = join(REPOSITORY_ROOT, 'out', 'main', 'server.js')
  runInForeground(
    spawn(process.execPath, [server, '--workspace', projectDir, '--trust', projectDir], {
      cwd: REPOSITORY_ROOT,
      stdio: 'inherit',
    }),
  )
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  start()
}
