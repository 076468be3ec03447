import { _electron as electron, expect, test } from '@playwright/test'
import { electronSwitchesForThisUser, findElectronBinary } from '../src-main/tools/electron-binary'
import { readRunRows, runsTable } from './helpers/runs-table'
import { REPOSITORY_ROOT, createTwoRunWorkspace, removeWorkspace } from './helpers/workspaces'

const ELECTRON_BINARY = findElectronBinary(REPOSITORY_ROOT)

test.describe('desktop app (Electron)', () => {
  let workspace: string | undefined

  test.afterAll(() => removeWorkspace(workspace))

  test('shows the run list of the workspace given on the command line', async () => {
    test.skip(
      ELECTRON_BINARY === null,
      'Electron binary not installed (node_modules/electron/dist missing); run `npx install-electron` to enable this spec',
    )
    workspace = createTwoRunWorkspace()
    const app = await electron.launch({
      executablePath: ELECTRON_BINARY!,
      args: [...electronSwitchesForThisUser(), REPOSITORY_ROOT, '--workspace', workspace],
      cwd: REPOSITORY_ROOT,
    })
    try {
      const window = await app.firstWindow()
      expect(window.url()).toBe('app://renderer/index.html')
      const table = runsTable(window)
      await expect(table.locator('tbody tr')).toHaveCount(2)
      const [second, first] = await readRunRows(table)
      expect(second).toMatchObject({ Hits: '1', Executed: '1' })
      expect(first).toMatchObject({ Hits: '0', Executed: '2' })
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
})
