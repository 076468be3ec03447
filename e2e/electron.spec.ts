import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { electronSwitchesForThisUser, findElectronBinary } from '../src-main/tools/electron-binary'
import { openView, runFigures, runRow } from './helpers/app'
import { REPOSITORY_ROOT, createTwoRunWorkspace, removeWorkspace } from './helpers/workspaces'

const ELECTRON_BINARY = findElectronBinary(REPOSITORY_ROOT)
const SKIP_MESSAGE =
  'Electron binary not installed (node_modules/electron/dist missing); run `npx install-electron` to enable this spec'

/** Starts the desktop app as a plain process; resolves with its exit code, or 'running'. */
function launchAndWait(
  workspace: string,
  env: Readonly<Record<string, string>>,
  waitMs: number,
): Promise<number | 'running'> {
  const child = spawn(
    ELECTRON_BINARY!,
    [...electronSwitchesForThisUser(), REPOSITORY_ROOT, '--workspace', workspace],
    { cwd: REPOSITORY_ROOT, env, stdio: 'ignore' },
  )
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill()
      resolve('running')
    }, waitMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve(code ?? -1)
    })
  })
}

async function launchApp(
  workspace: string,
  env: Readonly<Record<string, string>>,
): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: ELECTRON_BINARY!,
    args: [...electronSwitchesForThisUser(), REPOSITORY_ROOT, '--workspace', workspace],
    cwd: REPOSITORY_ROOT,
    env,
  })
}

test.describe('desktop app (Electron)', () => {
  let workspace: string | undefined

  test.afterAll(() => removeWorkspace(workspace))

  test('shows the run list of the workspace given on the command line', async () => {
    test.skip(ELECTRON_BINARY === null, SKIP_MESSAGE)
    workspace = createTwoRunWorkspace()
    const app = await electron.launch({
      executablePath: ELECTRON_BINARY!,
      args: [...electronSwitchesForThisUser(), REPOSITORY_ROOT, '--workspace', workspace],
      cwd: REPOSITORY_ROOT,
    })
    try {
      const window = await app.firstWindow()
      expect(window.url()).toBe('app://renderer/index.html')
      await openView(window, 'runs')
      await expect(window.locator('[data-testid^="run-row-"]')).toHaveCount(2)
      expect(await runFigures(runRow(window, 2))).toEqual({ hits: 1, executed: 1, failed: 0 })
      expect(await runFigures(runRow(window, 1))).toEqual({ hits: 0, executed: 2, failed: 0 })
      // The page sees only the narrow bridge, not Node or ipcRenderer.
      const globals = await window.evaluate(() => ({
        bridge: Object.keys((window as unknown as { memographHost: object }).memographHost).sort(),
        hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
      }))
      expect(globals).toEqual({ bridge: ['invoke', 'onEvent'], hasRequire: false })
    } finally {
      await app.close()
    }
  })

  test('has a File menu with recent workspaces, and one instance per workspace', async () => {
    test.skip(ELECTRON_BINARY === null, SKIP_MESSAGE)
    test.setTimeout(90_000)
    const first = createTwoRunWorkspace()
    const second = createTwoRunWorkspace()
    // Instance locks live in userData (under XDG_CONFIG_HOME): keep them out of the user's.
    const config = mkdtempSync(join(tmpdir(), 'memograph-e2e-config-'))
    const inherited = Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    )
    const env = {
      ...Object.fromEntries(inherited),
      XDG_CONFIG_HOME: config,
      MEMOGRAPH_CONFIG_DIR: config,
    }
    const app = await launchApp(first, env)
    try {
      const window = await app.firstWindow()
      await openView(window, 'runs')
      await expect(window.locator('[data-testid^="run-row-"]')).toHaveCount(2)
      expect(await window.title()).not.toBe('')
      const menu = await app.evaluate(({ Menu }) =>
        (Menu.getApplicationMenu()?.items ?? []).map((item) => ({
          label: item.label.replace('&', ''),
          items: (item.submenu?.items ?? []).map((child) => child.label),
        })),
      )
      const file = menu.find((item) => item.label === 'File')
      expect(file?.items).toEqual(expect.arrayContaining(['Open Workspace…', 'Open Recent']))

      // The same workspace again: the running instance takes it, the new process exits at once.
      expect(await launchAndWait(first, env, 20_000)).toBe(0)
      expect(app.windows()).toHaveLength(1)
      // Another workspace: an instance of its own, still running after a few seconds.
      expect(await launchAndWait(second, env, 5_000)).toBe('running')
    } finally {
      await app.close()
      removeWorkspace(first)
      removeWorkspace(second)
      rmSync(config, { recursive: true, force: true })
    }
  })
})
