import { useAppStore } from '../../app/store-context'
import { formatKeyChord } from '../shell/shortcut-keys'
import { IS_MAC } from '../shell/use-global-shortcuts'

/** Palette, theme and shortcuts: the same things Mod+K, Mod+Shift+L and ? do. */
export function HeaderActions() {
  const theme = useAppStore((state) => state.theme)
  const themeChanged = useAppStore((state) => state.themeChanged)
  const paletteToggled = useAppStore((state) => state.paletteToggled)
  const shortcutsToggled = useAppStore((state) => state.shortcutsToggled)
  const paletteKeys = formatKeyChord('Mod+K', IS_MAC)
  const themeKeys = formatKeyChord('Mod+Shift+L', IS_MAC)

  return (
    <div className="workspace-actions">
      <button
        type="button"
        className="workspace-palette-button"
        data-testid="palette-button"
        aria-keyshortcuts={IS_MAC ? 'Meta+K' : 'Control+K'}
        onClick={() => paletteToggled(true)}
      >
        <span aria-hidden="true">⌕</span>
        <span className="workspace-palette-label">Search or run a command</span>
        <kbd aria-hidden="true">{paletteKeys}</kbd>
      </button>
      <button
        type="button"
        className="workspace-icon-button"
        aria-pressed={theme === 'dark'}
        aria-label="Dark theme"
        aria-keyshortcuts={IS_MAC ? 'Meta+Shift+L' : 'Control+Shift+L'}
        title={`Dark theme (${themeKeys})`}
        data-testid="theme-toggle"
        onClick={() => themeChanged(theme === 'dark' ? 'light' : 'dark')}
      >
        <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
      </button>
      <button
        type="button"
        className="workspace-icon-button"
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts="?"
        title="Keyboard shortcuts (?)"
        data-testid="shortcuts-button"
        onClick={() => shortcutsToggled(true)}
      >
        <span aria-hidden="true">?</span>
      </button>
    </div>
  )
}
