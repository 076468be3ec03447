/**
 * A run's call graph: computation-frame level first, ops expand into calls on demand, laid
 * out by elk in a worker. Reused by the graph, runs and versions views; it fills its parent.
 */
import '@xyflow/react/dist/style.css'
import './graph.css'
import {
  ControlButton,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
} from '@xyflow/react'
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { type RunGraph } from '../../../src-shared/model/run-graph'
import { useAppStore } from '../../app/store-context'
import { CanvasActionsContext, type CanvasActions } from './canvas/canvas-actions'
import {
  CanvasToolbar,
  HighlightBanner,
  RefusalNotice,
  TooLargeNotice,
} from './canvas/CanvasPanels'
import { type GraphFlowNode, flowEdges, flowNodes } from './canvas/flow-elements'
import { NODE_TYPES } from './canvas/GraphNodes'
import { prewarmLayoutWorker, prewarmLayoutWorkerWhenIdle } from './layout/layout-client'
import { Legend } from './canvas/Legend'
import { useFitLayout, useRevealNodes } from './canvas/use-fit-layout'
import { useGlobalCanvasKeys } from './canvas/use-global-keys'
import { useGraphLayout } from './canvas/use-graph-layout'
import { useViewState } from './canvas/use-view-state'
import { useGraphSettings } from './graph-settings'
import { buildFrame } from './model/build-frame'
import { lineageOf } from './model/lineage'
import { preflight } from './model/preflight'
import { type RunIndex, indexRun } from './model/run-index'
import { type GraphModel, type GraphNode, type VariableNode, opNodeId } from './model/types'

export interface RunGraphCanvasProps {
  readonly graph: RunGraph
  /** The EARLIER run: marks say what changed from it to `graph`. */
  readonly compareTo?: RunGraph | null
  readonly differencesOnly?: boolean
  /** Ops that would recompute (a pending change's dependents): ringed; the rest dimmed. */
  readonly highlightOps?: readonly string[] | null
  /** Start from these ops only (then expand back and forward). */
  readonly focusOps?: readonly string[] | null
  readonly selectedCallId?: string | null
  readonly onSelectCall?: (callId: string | null) => void
  readonly onSelectOp?: (op: string | null) => void
  readonly ariaLabel?: string
  /** Banner text for the highlight, and a way to clear it. */
  readonly highlightLabel?: string
  readonly onClearHighlight?: () => void
  /** Nodes whose label contains this text are highlighted. */
  readonly searchText?: string
  readonly onSelectVariable?: (variable: VariableNode | null) => void
}

// Every view that can show a graph imports this module: have elk ready before it is needed.
prewarmLayoutWorkerWhenIdle()

export function RunGraphCanvas(props: RunGraphCanvasProps) {
  // Started while rendering, so the layout effect below finds elk already loading.
  useState(prewarmLayoutWorker)
  return (
    <ReactFlowProvider>
      <CanvasBody {...props} />
    </ReactFlowProvider>
  )
}

const MINIMAP_COLOUR: Readonly<Record<string, string>> = {
  hit: 'var(--hit)',
  executed: 'var(--executed)',
  failed: 'var(--failure)',
  mixed: 'var(--stale)',
  none: 'var(--muted-node)',
}

function minimapColour(node: GraphFlowNode): string {
  const data = node.data.node
  return MINIMAP_COLOUR[data.kind === 'more' ? 'none' : data.outcome] ?? 'var(--muted-node)'
}

function CanvasBody(props: RunGraphCanvasProps) {
  const theme = useAppStore((s) => s.theme)
  const direction = useGraphSettings((s) => s.direction)
  const fitShown = useFitLayout()
  const compareTo = props.compareTo ?? null
  const index = useMemo(() => indexRun(props.graph, compareTo), [props.graph, compareTo])
  const controls = useViewState(index, props.focusOps, props.differencesOnly ?? false)
  const model = useMemo(() => buildFrame(index, controls.view), [index, controls.view])
  const verdict = useMemo(() => preflight(model), [model])
  const [forced, setForced] = useState<GraphModel | null>(null)
  const drawable = verdict.ok || forced === model ? model : null
  const layout = useGraphLayout(drawable, direction, index)
  const shown = layout.shown

  const layoutReady = shown !== null && shown.source === index
  const markedIndex = useRef<RunIndex | null>(null)
  useEffect(() => {
    if (!layoutReady || markedIndex.current === index) return
    markedIndex.current = index
    performance.mark('memograph:graph-ready', {
      detail: { runId: index.runId, nodes: shown.model.nodes.length },
    })
    fitShown(shown)
  }, [layoutReady, shown, index, fitShown])

  const nodeById = useMemo(
    () => new Map<string, GraphNode>((shown?.model.nodes ?? []).map((n) => [n.id, n])),
    [shown],
  )
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const selected = selectedId !== null && nodeById.has(selectedId) ? selectedId : null
  const { onSelectCall, onSelectOp, onSelectVariable } = props
  const select = useCallback(
    (id: string | null) => {
      setSelectedId(id)
      const node = id === null ? undefined : nodeById.get(id)
      if (node === undefined) {
        onSelectCall?.(null)
        onSelectOp?.(null)
        onSelectVariable?.(null)
      } else if (node.kind === 'call') onSelectCall?.(node.callId)
      else if (node.kind === 'op') onSelectOp?.(node.op)
      else if (node.kind === 'variable') onSelectVariable?.(node)
    },
    [nodeById, onSelectCall, onSelectOp, onSelectVariable],
  )

  // A call selected from outside (a table row, the palette) is shown: its op expands when
  // the pre-flight allows it, otherwise the op is selected. Adjusted while rendering.
  const [seenCall, setSeenCall] = useState({ callId: props.selectedCallId, index })
  if (seenCall.callId !== props.selectedCallId || seenCall.index !== index) {
    setSeenCall({ callId: props.selectedCallId, index })
    const call = index.callById.get(props.selectedCallId ?? '')
    if (call !== undefined) {
      setSelectedId(controls.revealOp(call.op) ? call.nodeId : opNodeId(call.op))
    }
  }

  const lineage = useMemo(
    () => (selected === null || shown === null ? null : lineageOf(selected, shown.model.edges)),
    [selected, shown],
  )
  const highlightOps = useMemo(
    () => (props.highlightOps == null ? null : new Set(props.highlightOps)),
    [props.highlightOps],
  )
  const search = props.searchText?.trim().toLowerCase() ?? ''
  const decorations = useMemo(
    () => ({ selectedId: selected, lineage, highlightOps, search }),
    [selected, lineage, highlightOps, search],
  )
  const nodes = useMemo(
    () =>
      shown === null ? [] : flowNodes(shown.model, shown.positions, shown.direction, decorations),
    [shown, decorations],
  )
  const edges = useMemo(
    () => (shown === null ? [] : flowEdges(shown.model, decorations)),
    [shown, decorations],
  )

  const actions: CanvasActions = useMemo(
    () => ({
      toggleOp: controls.toggleOp,
      showAllCalls: controls.showAllCalls,
      grow: controls.grow,
    }),
    [controls.toggleOp, controls.showAllCalls, controls.grow],
  )

  const fit = useCallback(() => fitShown(shown), [fitShown, shown])
  const escape = useCallback(() => {
    if (controls.refusal !== null) controls.dismissRefusal()
    else select(null)
  }, [controls, select])
  const rootRef = useRef<HTMLDivElement>(null)
  // Nodes an expansion adds are brought into view (by key, click, button or a pre-flight choice).
  const revealNodes = useRevealNodes()
  const previousNodeIds = useRef<ReadonlySet<string>>(new Set())
  useEffect(() => {
    if (shown === null) return
    const before = previousNodeIds.current
    previousNodeIds.current = new Set(shown.model.nodes.map((node) => node.id))
    // The first layout of a graph is fitted as a whole elsewhere.
    if (before.size === 0) return
    const added = shown.model.nodes.filter((node) => !before.has(node.id))
    if (added.length > 0) revealNodes(shown, added)
  }, [shown, revealNodes])
  // After an expand or collapse from the keyboard, focus follows the op to its new node(s).
  const focusOpAfterLayout = useRef<string | null>(null)
  useEffect(() => {
    const op = focusOpAfterLayout.current
    if (op === null || shown === null) return
    const candidates = shown.model.nodes.filter((n) => n.kind !== 'variable' && n.op === op)
    if (candidates.length === 0) return
    focusOpAfterLayout.current = null
    // Two frames: React Flow renders the new nodes (only those on screen) after this commit.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        for (const candidate of candidates) {
          const selector = `.react-flow__node[data-id="${CSS.escape(candidate.id)}"]`
          const element = rootRef.current?.querySelector<HTMLElement>(selector)
          if (element) {
            element.focus()
            return
          }
        }
      }),
    )
  }, [shown])
  useGlobalCanvasKeys(rootRef, fit, escape)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement
    const nodeId = target.closest<HTMLElement>('.react-flow__node')?.dataset.id
    const node = nodeId === undefined ? undefined : nodeById.get(nodeId)
    const typing = target.matches('input, textarea, select, [contenteditable="true"]')
    if (event.key === 'Escape') {
      escape()
      return
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return
    if ((event.key === 'f' || event.key === 'F') && !target.matches('button')) {
      event.preventDefault()
      fit()
    } else if (node !== undefined && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault()
      if (node.kind === 'op' || node.kind === 'call') focusOpAfterLayout.current = node.op
      if (node.kind === 'op') controls.toggleOp(node.op)
      else if (node.kind === 'more') controls.showAllCalls(node.op)
      select(node.id)
    } else if (node !== undefined && (event.key === '[' || event.key === ']')) {
      event.preventDefault()
      controls.grow(node.id, event.key === '[' ? 'back' : 'forward')
    }
  }

  return (
    <div
      ref={rootRef}
      className="graph-canvas"
      data-testid="run-graph"
      data-layout-state={layoutReady ? 'ready' : 'pending'}
      data-run-id={index.runId}
      role="region"
      aria-label={props.ariaLabel ?? `Call graph of run ${index.runId}`}
      onKeyDown={onKeyDown}
    >
      <CanvasActionsContext.Provider value={actions}>
        <ReactFlow<GraphFlowNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          colorMode={theme}
          onlyRenderVisibleElements
          zoomOnDoubleClick={false}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          deleteKeyCode={null}
          minZoom={0.05}
          maxZoom={2.5}
          onNodeClick={(_, node) => select(node.id)}
          onNodeDoubleClick={(_, node) => {
            if (node.data.node.kind === 'op') controls.toggleOp(node.data.node.op)
          }}
          onPaneClick={() => select(null)}
        >
          <Panel position="top-left" className="graph-top-panel">
            <CanvasToolbar
              size={verdict.size}
              computing={layout.computing}
              focused={controls.view.visibleOps !== null}
              onExpandAll={controls.expandEverything}
              onCollapseAll={controls.collapseEverything}
              onShowEverything={controls.showEverything}
              onFit={fit}
            />
            {highlightOps !== null ? (
              <HighlightBanner
                label={props.highlightLabel ?? 'Would recompute'}
                count={highlightOps.size}
                {...(props.onClearHighlight === undefined
                  ? {}
                  : { onClear: props.onClearHighlight })}
              />
            ) : null}
            {controls.refusal !== null ? (
              <RefusalNotice
                refusal={controls.refusal}
                onChoose={controls.chooseExpansion}
                onDismiss={controls.dismissRefusal}
              />
            ) : null}
          </Panel>
          <Panel position="bottom-left" className="graph-legend-panel">
            <Legend
              comparing={index.comparing}
              highlighting={highlightOps !== null}
              lineage={lineage !== null}
            />
          </Panel>
          <Controls showInteractive={false} showFitView={false} position="bottom-right">
            <ControlButton onClick={fit} title="Fit the graph (F)" aria-label="Fit the graph">
              <span aria-hidden="true">⤢</span>
            </ControlButton>
          </Controls>
          <MiniMap<GraphFlowNode>
            pannable
            zoomable
            nodeColor={minimapColour}
            position="top-right"
          />
        </ReactFlow>
      </CanvasActionsContext.Provider>
      {!verdict.ok && forced !== model ? (
        <TooLargeNotice
          message={verdict.message}
          onForce={() => setForced(model)}
          onCollapse={controls.collapseEverything}
        />
      ) : null}
      {model.nodes.length === 0 ? (
        <p className="graph-empty">
          {index.comparing && props.differencesOnly
            ? 'No differences between the two runs.'
            : 'This run made no op calls.'}
        </p>
      ) : null}
      {shown === null && layout.error === null && verdict.ok ? (
        <p className="graph-pending" role="status">
          Laying out the graph…
        </p>
      ) : null}
      {layout.error !== null ? (
        <p className="graph-error" role="alert">
          Layout failed: {layout.error}
        </p>
      ) : null}
    </div>
  )
}
