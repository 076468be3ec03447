/**
 * Electron main process: the composition root of the desktop app.
 *   electron . --workspace <dir> [--trust <project dir>]
 * One window per process and one process per workspace (workspace-instance.ts), sandboxed,
 * served over app://; the host (engine + workspace) lives here and is reached only through the
 * typed IPC binding in host-ipc.ts.
 */
import { existsSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, dialog, session, type BrowserWindow } from 'electron'
import { createHost } from '../host'
import { readCommandLineOption } from '../host/command-line'
import { installAppMenu, type AppMenuActions } from './app-menu'
import { registerAppScheme, serveRendererOverAppScheme } from './app-protocol'
import { registerHostIpc } from './host-ipc'
import { createMainWindow } from './main-window'
import { pressPageShortcut, SHORTCUTS_SHEET_KEY, THEME_TOGGLE_KEY } from './page-shortcuts'
import {
  instanceUserDataDir,
  isSecondLaunchRequest,
  launchWantsOpenWorkspace,
  workspaceInstanceKey,
  type SecondLaunchRequest,
} from './workspace-instance'

const OUT_DIR = fileURLToPath(new URL('..', import.meta.url))
const RENDERER_DIR = join(OUT_DIR, 'renderer')
const PRELOAD_PATH = join(OUT_DIR, 'preload', 'index.cjs')

/** Used when no --workspace is given and `npm start` has prepared the example. */
const EXAMPLE_WORKSPACE = join(process.cwd(), '.memograph-example', 'random-forest')

function initialWorkspace(): string | undefined {
  const fromArguments = readCommandLineOption(process.argv, 'workspace')
  if (fromArguments !== undefined) return resolve(fromArguments)
  if (process.env.MEMOGRAPH_WORKSPACE) return resolve(process.env.MEMOGRAPH_WORKSPACE)
  return existsSync(EXAMPLE_WORKSPACE) ? EXAMPLE_WORKSPACE : undefined
}

const launchWorkspace = initialWorkspace()

// Both must happen before the app is ready: the lock is taken in the userData folder.
app.setPath(
  'userData',
  instanceUserDataDir(app.getPath('userData'), workspaceInstanceKey(launchWorkspace)),
)
const launchRequest: SecondLaunchRequest = { workspace: launchWorkspace ?? null }
const isFirstInstance = app.requestSingleInstanceLock(launchRequest)

if (!isFirstInstance) {
  // The instance that has this workspace open got 'second-instance' and shows its window.
  app.quit()
} else {
  registerAppScheme()
  startInstance().catch((error: unknown) => {
    console.error('memograph: failed to start', error)
    app.exit(1)
  })
}

async function startInstance(): Promise<void> {
  let mainWindow: BrowserWindow | null = null
  let openWorkspacePath: string | null = null
  let recentWorkspaces: readonly string[] = []

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

  function showWindow(): void {
    if (mainWindow === null) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  }

  async function openWorkspace(path: string): Promise<void> {
    const result = await host.dispatch('workspace.open', { path })
    if (!result.ok) dialog.showErrorBox(`Could not open ${path}`, result.error.message)
  }

  async function openFromDialog(): Promise<void> {
    const result = await host.dispatch('workspace.pick', {})
    if (!result.ok) dialog.showErrorBox('Could not open the workspace', result.error.message)
  }

  const menuActions: AppMenuActions = {
    openWorkspace: () => void openFromDialog(),
    openRecent: (path) => void openWorkspace(path),
    clearRecentDocuments: () => app.clearRecentDocuments(),
    toggleTheme: () => pressPageShortcut(mainWindow, THEME_TOGGLE_KEY),
    showShortcuts: () => pressPageShortcut(mainWindow, SHORTCUTS_SHEET_KEY),
  }

  function refreshMenu(): void {
    installAppMenu(menuActions, {
      recentWorkspaces,
      openWorkspace: openWorkspacePath,
      development: !app.isPackaged,
    })
  }

  async function reloadRecentWorkspaces(): Promise<void> {
    const result = await host.dispatch('workspace.recent', {})
    if (result.ok && Array.isArray(result.value)) {
      recentWorkspaces = result.value.filter((path): path is string => typeof path === 'string')
    }
    refreshMenu()
  }

  // Whoever opened it (the page, the menu, a second launch), the shell follows the workspace.
  host.onEvent((event) => {
    if (event.name !== 'onDidChangeWorkspace') return
    const changed = openWorkspacePath !== event.payload.path
    openWorkspacePath = event.payload.path
    mainWindow?.setTitle(`${basename(event.payload.path)} — Memograph`)
    if (!changed) return
    app.addRecentDocument(event.payload.path)
    void reloadRecentWorkspaces()
  })

  // Another launch for this instance's workspace (or with none): show this window instead.
  // If this window has since switched to another workspace, go back to the one asked for.
  app.on('second-instance', (_event, _argv, _cwd, data) => {
    showWindow()
    if (isSecondLaunchRequest(data) && !launchWantsOpenWorkspace(data, openWorkspacePath)) {
      if (data.workspace !== null) void openWorkspace(data.workspace)
    }
  })

  // macOS: a workspace chosen from the Dock's or Finder's recent documents.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    void app.whenReady().then(() => openWorkspace(path))
  })

  await app.whenReady()
  // The app needs no camera, notifications or the like; refuse every permission prompt.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  serveRendererOverAppScheme(RENDERER_DIR)
  registerHostIpc(host, () => mainWindow)
  refreshMenu()

  const opened =
    launchWorkspace === undefined
      ? null
      : await host.dispatch('workspace.open', { path: launchWorkspace })
  void reloadRecentWorkspaces()

  mainWindow = createMainWindow(PRELOAD_PATH)
  if (openWorkspacePath !== null) mainWindow.setTitle(`${basename(openWorkspacePath)} — Memograph`)
  mainWindow.on('closed', () => {
    mainWindow = null
  })
  if (opened !== null && !opened.ok) {
    // The page then shows "no workspace open" with the Open form; say why next to it.
    void dialog.showMessageBox(mainWindow, {
      type: 'error',
      message: `Could not open ${launchWorkspace}`,
      detail: `${opened.error.message} (${opened.error.code})`,
    })
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
}
