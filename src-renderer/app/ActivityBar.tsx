import { VIEW_NAMES, type ViewName } from '../store/navigation-slice'
import { useAppStore } from './store-context'

const VIEW_LABELS: Readonly<Record<ViewName, string>> = {
  workspace: 'Workspace',
  runs: 'Runs',
  graph: 'Graph',
  query: 'Query',
  versions: 'Versions',
}

/** Glyphs are decorative; each button's name is its label. */
const VIEW_GLYPHS: Readonly<Record<ViewName, string>> = {
  workspace: '✎',
  runs: '☰',
  graph: '⬡',
  query: '⌕',
  versions: '⎇',
}

export function viewLabel(view: ViewName): string {
  return VIEW_LABELS[view]
}

/** The views, as tabs down the left edge; the versions tab counts pending changes. */
export function ActivityBar() {
  const view = useAppStore((state) => state.view)
  const viewChanged = useAppStore((state) => state.viewChanged)
  const pending = useAppStore((state) => state.proposals.length)
  return (
    <nav className="activity-bar" aria-label="Views">
      <div role="tablist" aria-orientation="vertical" aria-label="Views">
        {VIEW_NAMES.map((name, index) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`view-tab-${name}`}
            aria-selected={view === name}
            aria-controls="view-panel"
            className="activity-tab"
            data-testid={`view-tab-${name}`}
            title={`${VIEW_LABELS[name]} (Alt+${index + 1})`}
            aria-keyshortcuts={`Alt+${index + 1}`}
            onClick={() => viewChanged(name)}
          >
            <span aria-hidden="true" className="activity-glyph">
              {VIEW_GLYPHS[name]}
            </span>
            <span className="activity-label">{VIEW_LABELS[name]}</span>
            {name === 'versions' && pending > 0 && (
              <span className="activity-badge" aria-label={`${pending} pending changes`}>
                {pending}
              </span>
            )}
          </button>
        ))}
      </div>
    </nav>
  )
}
