import { basename } from 'node:path'
import { Menu, type MenuItemConstructorOptions } from 'electron'

export interface AppMenuActions {
  /** File > Open Workspace…: ask for a folder and open it. */
  openWorkspace(): void
  /** File > Open Recent > <path>. */
  openRecent(path: string): void
  /** File > Open Recent > Clear Menu (the OS list; the host keeps its own). */
  clearRecentDocuments(): void
  /** View > Toggle Theme: the page's own shortcut does it, so menu and keys stay one path. */
  toggleTheme(): void
  /** Help > Keyboard Shortcuts: the page's `?` sheet. */
  showShortcuts(): void
}

export interface AppMenuState {
  /** Recent workspaces, newest first (host `workspace.recent`). */
  readonly recentWorkspaces: readonly string[]
  /** The open workspace, left out of Open Recent. */
  readonly openWorkspace: string | null
  /** Developer tools and reload only where the app is not packaged. */
  readonly development: boolean
}

const RECENT_MENU_LIMIT = 10

function recentSubmenu(actions: AppMenuActions, state: AppMenuState): MenuItemConstructorOptions[] {
  const recent = state.recentWorkspaces
    .filter((path) => path !== state.openWorkspace)
    .slice(0, RECENT_MENU_LIMIT)
  if (recent.length === 0) return [{ label: 'No Recent Workspaces', enabled: false }]
  return [
    ...recent.map((path): MenuItemConstructorOptions => ({
      // The folder name first: paths share long prefixes. Menus show `&` as a mnemonic.
      label: `${basename(path)}  —  ${path}`.replaceAll('&', '&&'),
      click: () => actions.openRecent(path),
    })),
    { type: 'separator' },
    { label: 'Clear Menu', click: () => actions.clearRecentDocuments() },
  ]
}

/**
 * The one native menu; rebuilt when the recent workspaces change. Items the page also has a
 * key for show that key but do not register it (`registerAccelerator: false`): the page's own
 * listener handles the key, so pressing it never runs the action twice.
 */
export function installAppMenu(actions: AppMenuActions, state: AppMenuState): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        {
          label: 'Open Workspace…',
          accelerator: 'CmdOrCtrl+O',
          click: () => actions.openWorkspace(),
        },
        { label: 'Open Recent', submenu: recentSubmenu(actions, state) },
        { type: 'separator' },
        { role: 'close' },
        ...(isMac ? [] : [{ role: 'quit' as const }]),
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        {
          label: 'Toggle Dark Theme',
          accelerator: 'CmdOrCtrl+Shift+L',
          registerAccelerator: false,
          click: () => actions.toggleTheme(),
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(state.development
          ? [
              { type: 'separator' as const },
              { role: 'reload' as const },
              { role: 'toggleDevTools' as const },
            ]
          : []),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'Keyboard Shortcuts',
          accelerator: 'Shift+/',
          registerAccelerator: false,
          click: () => actions.showShortcuts(),
        },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
