/**
 * Electron main process: the composition root of the desktop app.
 *   electron . --workspace <dir> [--trust <project dir>]
 * One window, sandboxed, served over app://; the host (engine + workspace) lives here and is
 * reached only through the typed IPC binding in host-ipc.ts.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, dialog, session, type BrowserWindow } from 'electron'
import { createHost } from '../host'
import { readCommandLineOption } from '../host/command-line'
import { installAppMenu } from './app-menu'
import { registerAppScheme, serveRendererOverAppScheme } from './app-protocol'
import { registerHostIpc } from './host-ipc'
import { createMainWindow } from './main-window'

const OUT_DIR = fileURLToPath(new URL('..', import.meta.url))
const RENDERER_DIR = join(OUT_DIR, 'renderer')
const PRELOAD_PATH = join(OUT_DIR, 'preload', 'index.cjs')

/** Used when no --workspace is given and `npm start` has prepared the example. */
const EXAMPLE_WORKSPACE = join(process.cwd(), '.memograph-example', 'random-forest')

registerAppScheme()

let mainWindow: BrowserWindow | null = null

async function pickDirectory(): Promise<string | null> {
  const options = { title: 'Open Workspace', properties: ['openDirectory' as const] }
  const result =
    mainWindow === null
      ? await dialog.showOpenDialog(options)
      : await dialog.showOpenDialog(mainWindow, options)
  return result.canceled ? null : (result.filePaths[0] ?? null)
}

// `npm start` passes --trust for the example project it copied from this repository.
const trustedPath = readCommandLineOption(process.argv, 'trust')
const host = createHost({
  mode: 'electron',
  pickDirectory,
  ...(trustedPath === undefined ? {} : { trustedPaths: [trustedPath] }),
})

function initialWorkspace(): string | undefined {
  const fromArguments = readCommandLineOption(process.argv, 'workspace')
  if (fromArguments !== undefined) return fromArguments
  if (process.env.MEMOGRAPH_WORKSPACE) return process.env.MEMOGRAPH_WORKSPACE
  return existsSync(EXAMPLE_WORKSPACE) ? EXAMPLE_WORKSPACE : undefined
}

async function openFromMenu(): Promise<void> {
  const result = await host.dispatch('workspace.pick', {})
  if (!result.ok) dialog.showErrorBox('Could not open the workspace', result.error.message)
}

async function start(): Promise<void> {
  await app.whenReady()
  // The app needs no camera, notifications or the like; refuse every permission prompt.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  serveRendererOverAppScheme(RENDERER_DIR)
  registerHostIpc(host, () => mainWindow)
  installAppMenu({ openWorkspace: () => void openFromMenu() })

  const workspace = initialWorkspace()
  const opened =
    workspace === undefined ? null : await host.dispatch('workspace.open', { path: workspace })

  mainWindow = createMainWindow(PRELOAD_PATH)
  mainWindow.on('closed', () => {
    mainWindow = null
  })
  if (opened !== null && !opened.ok) {
    // The page then shows "no workspace open" with the Open form; say why next to it.
    void dialog.showMessageBox(mainWindow, {
      type: 'error',
      message: `Could not open ${workspace}`,
      detail: `${opened.error.message} (${opened.error.code})`,
    })
  }
}

app.on('window-all-closed', () => app.quit())

// Close the storage before exiting so a checkpoint in progress is not cut off.
let closedCleanly = false
app.on('will-quit', (event) => {
  if (closedCleanly) return
  event.preventDefault()
  void host.close().finally(() => {
    closedCleanly = true
    app.quit()
  })
})

start().catch((error: unknown) => {
  console.error('memograph: failed to start', error)
  app.exit(1)
})
