import { BrowserWindow, shell } from 'electron'
import { APP_ENTRY_URL, isAppUrl } from './app-protocol'

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    title: 'Memograph',
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  // The title names the workspace (main.ts sets it); the page's <title> must not replace it.
  window.on('page-title-updated', (event) => event.preventDefault())

  // The window only ever shows the app; links to the web open in the user's browser.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })

  void window.loadURL(APP_ENTRY_URL)
  return window
}
