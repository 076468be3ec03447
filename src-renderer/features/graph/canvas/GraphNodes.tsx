/**
 * The node types. Each is memoized and reads only its own data plus one boolean from the
 * React Flow store (zoomed out or not), so panning and zooming do not re-render nodes.
 */
import { Handle, Position, type NodeProps, type ReactFlowState, useStore } from '@xyflow/react'
import { memo, type MouseEvent, type ReactNode } from 'react'
import { MARK_WORDS, OUTCOME_WORDS, formatDuration } from '../model/labels'
import { type CompareMark, type MarkCounts, type OutcomeCounts } from '../model/types'
import { useCanvasActions } from './canvas-actions'
import { type GraphFlowNode, type GraphNodeData } from './flow-elements'
import { MARK_ICON, OUTCOME_ICON } from './outcome-icons'

/** Below this zoom, nodes drop their details (semantic zoom). */
export const COMPACT_ZOOM = 0.5
const isCompact = (state: ReactFlowState) => state.transform[2] < COMPACT_ZOOM

function frameClass(kind: string, data: GraphNodeData, outcome: string): string {
  let className = `graph-node graph-${kind} graph-outcome-${outcome}`
  if (data.lineage !== null) className += ` graph-lineage-${data.lineage}`
  if (data.highlight !== null) className += ` graph-highlight-${data.highlight}`
  if (data.match) className += ' graph-match'
  return className
}

function Frame(props: { data: GraphNodeData; className: string; children: ReactNode }) {
  const { data } = props
  const horizontal = data.direction === 'RIGHT'
  return (
    <div className={props.className}>
      <Handle
        type="target"
        position={horizontal ? Position.Left : Position.Top}
        isConnectable={false}
      />
      {props.children}
      {data.highlight === 'on' ? (
        <span className="graph-badge graph-badge-recompute" title="Would recompute">
          ↻ recompute
        </span>
      ) : null}
      {data.lineage === 'upstream' || data.lineage === 'downstream' || data.lineage === 'both' ? (
        <span className={`graph-badge graph-badge-${data.lineage}`}>
          {data.lineage === 'upstream' ? '↑ up' : data.lineage === 'downstream' ? '↓ down' : '↕'}
        </span>
      ) : null}
      <Handle
        type="source"
        position={horizontal ? Position.Right : Position.Bottom}
        isConnectable={false}
      />
    </div>
  )
}

function stop(event: MouseEvent, action: () => void) {
  event.stopPropagation()
  action()
}

function GrowButtons(props: { id: string; back: number; forward: number; label: string }) {
  const actions = useCanvasActions()
  return (
    <>
      {props.back > 0 ? (
        <button
          type="button"
          className="graph-grow graph-grow-back nodrag nopan"
          tabIndex={-1}
          title={`Show ${props.back} op(s) producing the inputs of ${props.label} ([)`}
          onClick={(event) => stop(event, () => actions.grow(props.id, 'back'))}
        >
          ◀ {props.back}
        </button>
      ) : null}
      {props.forward > 0 ? (
        <button
          type="button"
          className="graph-grow graph-grow-forward nodrag nopan"
          tabIndex={-1}
          title={`Show ${props.forward} op(s) reading the outputs of ${props.label} (])`}
          onClick={(event) => stop(event, () => actions.grow(props.id, 'forward'))}
        >
          {props.forward} ▶
        </button>
      ) : null}
    </>
  )
}

function OutcomeChips({ counts }: { counts: OutcomeCounts }) {
  const chips = [
    ['hit', counts.hit],
    ['executed', counts.executed],
    ['failed', counts.failed],
  ] as const
  return (
    <div className="graph-chips">
      {chips.map(([outcome, count]) => (
        <span
          key={outcome}
          className={`graph-chip graph-chip-${outcome}${count === 0 ? ' graph-chip-zero' : ''}`}
          title={`${count} ${OUTCOME_WORDS[outcome]}`}
        >
          <span aria-hidden="true">{OUTCOME_ICON[outcome]}</span>
          {count.toLocaleString('en-US')}
        </span>
      ))}
    </div>
  )
}

function MarkChips({ marks }: { marks: MarkCounts }) {
  const shown = (Object.keys(marks) as (keyof MarkCounts)[]).filter((mark) => marks[mark] > 0)
  return (
    <div className="graph-marks">
      {shown.length === 0 ? <span className="graph-mark graph-mark-unchanged">= same</span> : null}
      {shown.map((mark) => (
        <MarkBadge key={mark} mark={mark} count={marks[mark]} />
      ))}
    </div>
  )
}

function MarkBadge({ mark, count }: { mark: CompareMark; count?: number }) {
  return (
    <span className={`graph-mark graph-mark-${mark}`} title={MARK_WORDS[mark]}>
      <span aria-hidden="true">{MARK_ICON[mark]}</span>
      {count === undefined ? MARK_WORDS[mark] : count}
    </span>
  )
}

export const OpNodeView = memo(function OpNodeView({ data }: NodeProps<GraphFlowNode>) {
  const compact = useStore(isCompact)
  const actions = useCanvasActions()
  const node = data.node
  if (node.kind !== 'op') return null
  return (
    <Frame data={data} className={frameClass('op', data, node.outcome)}>
      <div className="graph-node-head">
        <button
          type="button"
          className="graph-expand nodrag nopan"
          tabIndex={-1}
          title={`Expand ${node.op} into its calls (Enter)`}
          onClick={(event) => stop(event, () => actions.toggleOp(node.op))}
        >
          <span aria-hidden="true">⊞</span>
        </button>
        <span className="graph-node-title">{node.label}</span>
        {compact ? null : (
          <span className="graph-node-meta">{formatDuration(node.meanDurationMs)}</span>
        )}
      </div>
      {compact ? (
        <div className="graph-chips-compact" aria-hidden="true">
          {OUTCOME_ICON[node.outcome]} {node.counts.calls}
        </div>
      ) : (
        <OutcomeChips counts={node.counts} />
      )}
      {!compact && node.marks !== null ? <MarkChips marks={node.marks} /> : null}
      <GrowButtons
        id={node.id}
        back={node.hiddenProducers}
        forward={node.hiddenConsumers}
        label={node.op}
      />
    </Frame>
  )
})

export const CallNodeView = memo(function CallNodeView({ data }: NodeProps<GraphFlowNode>) {
  const compact = useStore(isCompact)
  const actions = useCanvasActions()
  const node = data.node
  if (node.kind !== 'call') return null
  return (
    <Frame data={data} className={frameClass('call', data, node.outcome)}>
      <div className="graph-node-head">
        <span className="graph-outcome-icon" aria-hidden="true">
          {OUTCOME_ICON[node.outcome]}
        </span>
        <span className="graph-node-title">{node.label}</span>
        <button
          type="button"
          className="graph-expand nodrag nopan"
          tabIndex={-1}
          title={`Collapse ${node.op} back into one node`}
          onClick={(event) => stop(event, () => actions.toggleOp(node.op))}
        >
          <span aria-hidden="true">⊟</span>
        </button>
      </div>
      {compact ? null : <div className="graph-call-inputs">{node.inputSummary}</div>}
      {!compact && node.mark !== null && node.mark !== 'unchanged' ? (
        <div className="graph-marks">
          <MarkBadge mark={node.mark} />
        </div>
      ) : null}
    </Frame>
  )
})

export const VariableNodeView = memo(function VariableNodeView({ data }: NodeProps<GraphFlowNode>) {
  const compact = useStore(isCompact)
  const node = data.node
  if (node.kind !== 'variable') return null
  const count =
    node.singleValue !== null ? node.singleValue.summary : `${node.values.toLocaleString('en-US')}`
  return (
    <Frame data={data} className={frameClass(`variable graph-${node.role}`, data, node.outcome)}>
      <span className="graph-variable-label">{node.label}</span>
      {compact ? null : (
        <span className="graph-variable-count" title={`${node.values} distinct value(s)`}>
          {count.length > 14 ? `${count.slice(0, 13)}…` : count}
        </span>
      )}
      <GrowButtons
        id={node.id}
        back={node.hiddenProducers}
        forward={node.hiddenConsumers}
        label={node.label}
      />
    </Frame>
  )
})

export const MoreNodeView = memo(function MoreNodeView({ data }: NodeProps<GraphFlowNode>) {
  const actions = useCanvasActions()
  const node = data.node
  if (node.kind !== 'more') return null
  return (
    <Frame data={data} className={frameClass('more', data, 'none')}>
      <button
        type="button"
        className="graph-more-button nodrag nopan"
        tabIndex={-1}
        onClick={(event) => stop(event, () => actions.showAllCalls(node.op))}
      >
        {node.label}
      </button>
    </Frame>
  )
})

export const NODE_TYPES = {
  op: OpNodeView,
  call: CallNodeView,
  variable: VariableNodeView,
  more: MoreNodeView,
}
