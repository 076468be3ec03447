/** The canvas's overlays: toolbar, highlight banner, pre-flight refusal. */
import { type Expanded, type Refusal } from '../model/expansion'
import { type GraphSize } from '../model/preflight'
import { useGraphSettings } from '../graph-settings'

export function CanvasToolbar(props: {
  size: GraphSize
  computing: boolean
  focused: boolean
  onExpandAll: () => void
  onCollapseAll: () => void
  onShowEverything: () => void
  onFit: () => void
}) {
  const direction = useGraphSettings((s) => s.direction)
  const toggleDirection = useGraphSettings((s) => s.directionToggled)
  return (
    <div className="graph-toolbar" role="toolbar" aria-label="Graph tools">
      <button type="button" onClick={props.onExpandAll} data-testid="graph-expand-all">
        Expand all
      </button>
      <button type="button" onClick={props.onCollapseAll} data-testid="graph-collapse-all">
        Collapse all
      </button>
      {props.focused ? (
        <button type="button" onClick={props.onShowEverything}>
          Show all ops
        </button>
      ) : null}
      <button
        type="button"
        onClick={toggleDirection}
        aria-label={`Layout direction: ${direction === 'RIGHT' ? 'left to right' : 'top to bottom'}`}
        title="Switch layout direction"
        data-testid="graph-direction"
      >
        {direction === 'RIGHT' ? '→ Left to right' : '↓ Top to bottom'}
      </button>
      <button type="button" onClick={props.onFit} title="Fit the graph to the view (F)">
        Fit
      </button>
      <span className="graph-toolbar-status" aria-live="polite">
        {props.computing ? 'Laying out… · ' : ''}
        {props.size.nodes.toLocaleString('en-US')} nodes ·{' '}
        {props.size.edges.toLocaleString('en-US')} edges
      </span>
    </div>
  )
}

export function HighlightBanner(props: { label: string; count: number; onClear?: () => void }) {
  return (
    <div
      className="graph-banner graph-banner-highlight"
      role="status"
      data-testid="graph-highlight-banner"
    >
      <span aria-hidden="true">↻</span>
      <span>
        {props.label}{' '}
        <span className="graph-banner-note">({props.count} op(s) marked; others dimmed)</span>
      </span>
      {props.onClear === undefined ? null : (
        <button type="button" onClick={props.onClear}>
          Clear
        </button>
      )}
    </div>
  )
}

export function RefusalNotice(props: {
  refusal: Refusal
  onChoose: (expanded: Expanded) => void
  onDismiss: () => void
}) {
  return (
    <div
      className="graph-banner graph-banner-refusal"
      role="alert"
      data-testid="graph-preflight-refusal"
    >
      <p>{props.refusal.message}</p>
      <div className="graph-banner-actions">
        {props.refusal.choices.map((choice) => (
          <button key={choice.label} type="button" onClick={() => props.onChoose(choice.expanded)}>
            {choice.label}
          </button>
        ))}
        <button type="button" onClick={props.onDismiss}>
          Keep collapsed
        </button>
      </div>
    </div>
  )
}

export function TooLargeNotice(props: {
  message: string
  onForce: () => void
  onCollapse: () => void
}) {
  return (
    <div className="graph-too-large" role="alert" data-testid="graph-preflight-refusal">
      <p>{props.message}</p>
      <p>Collapse ops or start from fewer ops to draw it.</p>
      <div className="graph-banner-actions">
        <button type="button" onClick={props.onCollapse}>
          Collapse all
        </button>
        <button type="button" onClick={props.onForce}>
          Draw anyway (slow)
        </button>
      </div>
    </div>
  )
}
