import { useRef } from 'react'
import { useAppStore } from '../../app/store-context'
import { formatKeyChord } from './shortcut-keys'
import { SHORTCUT_AREAS, shortcutsOfArea } from './shortcut-registry'
import { useModalFocus } from './use-modal-focus'
import { IS_MAC } from './use-global-shortcuts'

/** `?`: every shortcut of the app, grouped by where it works. */
export function ShortcutsSheet() {
  const shortcutsToggled = useAppStore((state) => state.shortcutsToggled)
  const dialog = useRef<HTMLDivElement>(null)
  const closeButton = useRef<HTMLButtonElement>(null)
  useModalFocus(dialog, closeButton)

  return (
    <div className="shell-backdrop" onMouseDown={() => shortcutsToggled(false)}>
      <div
        ref={dialog}
        className="shell-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-sheet-title"
        data-testid="shortcuts-sheet"
        onMouseDown={(event) => event.stopPropagation()}
      >
        <div className="shell-sheet-header">
          <h2 id="shortcuts-sheet-title">Keyboard shortcuts</h2>
          <button
            ref={closeButton}
            type="button"
            className="shell-icon-button"
            aria-label="Close keyboard shortcuts"
            title="Close (Esc)"
            onClick={() => shortcutsToggled(false)}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </div>
        <div className="shell-sheet-areas">
          {SHORTCUT_AREAS.map((area) => (
            <section key={area} className="shell-sheet-area" aria-labelledby={`shortcuts-${area}`}>
              <h3 id={`shortcuts-${area}`}>{area}</h3>
              <table className="shell-sheet-table">
                <tbody>
                  {shortcutsOfArea(area).map((entry) => (
                    <tr key={`${entry.keys} ${entry.description}`}>
                      <th scope="row">
                        <kbd>{formatKeyChord(entry.keys, IS_MAC)}</kbd>
                      </th>
                      <td>{entry.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
        <p className="shell-sheet-note">
          Plain keys (like <kbd>?</kbd> or <kbd>B</kbd>) do nothing while you type in a field or the
          editor; combinations with <kbd>{IS_MAC ? '⌘' : 'Ctrl'}</kbd> always work.
        </p>
      </div>
    </div>
  )
}
