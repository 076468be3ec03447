import { type BrowserWindow } from 'electron'

/** The parts of a KeyboardEvent the page's shortcut listener reads. */
interface PageKey {
  readonly key: string
  readonly code: string
  readonly shiftKey?: boolean
  /** Stands for Cmd on macOS, Ctrl elsewhere, like the page's "Mod". */
  readonly mod?: boolean
}

export const THEME_TOGGLE_KEY: PageKey = { key: 'L', code: 'KeyL', shiftKey: true, mod: true }
export const SHORTCUTS_SHEET_KEY: PageKey = { key: '?', code: 'Slash', shiftKey: true }

/**
 * Menu items that mirror a page shortcut press that shortcut in the page: the page needs no
 * extra IPC channel (its bridge stays `invoke` + `onEvent`), and menu and keys share one path.
 * The script is a constant plus JSON of the fixed keys above; nothing from the user goes in.
 */
export function pressPageShortcut(window: BrowserWindow | null, pageKey: PageKey): void {
  if (window === null || window.isDestroyed()) return
  const isMac = process.platform === 'darwin'
  const init = {
    key: pageKey.key,
    code: pageKey.code,
    shiftKey: pageKey.shiftKey === true,
    ctrlKey: pageKey.mod === true && !isMac,
    metaKey: pageKey.mod === true && isMac,
    bubbles: true,
    cancelable: true,
  }
  const script = `document.body.dispatchEvent(new KeyboardEvent('keydown', ${JSON.stringify(init)}))`
  if (window.isMinimized()) window.restore()
  window.focus()
  void window.webContents.executeJavaScript(script, true).catch(() => undefined)
}
