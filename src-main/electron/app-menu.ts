import { Menu, type MenuItemConstructorOptions } from 'electron'

export interface AppMenuActions {
  /** File > Open Workspace…: ask for a folder and open it. */
  openWorkspace(): void
}

/** The one native menu. Opening a workspace reaches the page as an onDidChangeWorkspace event. */
export function installAppMenu(actions: AppMenuActions): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        {
          label: 'Open Workspace…',
          accelerator: 'CmdOrCtrl+O',
          click: () => actions.openWorkspace(),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
