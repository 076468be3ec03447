import {
  Background,
  Controls,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type InternalNode,
  type NodeChange,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react'
import { useAppStore } from '../../app/store-context'
import { opAdded, partsRemoved, variableAdded, wired } from './canvas-actions'
import { flowEdges, flowNodes, portOf, removalOf, type PatternFlowNode } from './flow-elements'
import { OpCallNode, StructureNode } from './OpCallNode'
import { OpPicker } from './OpPicker'
import { type PickerAnchor } from './pattern-edit'
import { type Position } from './pattern-layout'
import { connectionProblem } from './pattern-ops'
import { type PickerOption } from './picker-options'
import { queryStore, useQueryStore } from './query-store'
import { VariableNode } from './VariableNode'

const NODE_TYPES = { op: OpCallNode, variable: VariableNode, structure: StructureNode }
const PICKER_WIDTH = 300
const PICKER_HEIGHT = 340
const OP_WIDTH = 190
/** Fitting never shrinks text below legible: big patterns pan instead. */
const FIT_OPTIONS = { padding: 0.15, maxZoom: 1, minZoom: 0.45 }

interface PickerState {
  readonly anchor: PickerAnchor
  readonly left: number
  readonly top: number
  /** Where the new node goes, in flow coordinates. */
  readonly at: Position
}

type Size = { readonly width: number; readonly height: number }

function pointOf(event: MouseEvent | globalThis.MouseEvent | TouchEvent): { x: number; y: number } {
  if ('changedTouches' in event) {
    const touch = event.changedTouches[0]
    return { x: touch?.clientX ?? 0, y: touch?.clientY ?? 0 }
  }
  return { x: event.clientX, y: event.clientY }
}

function anchorOf(node: InternalNode, handleId: string | null | undefined): PickerAnchor | null {
  const port = portOf(node.id, handleId)
  if (port === null) return null
  if (port.kind === 'variable') return { kind: 'variable', variable: port.variable }
  if (port.kind === 'input') return { kind: 'input', callId: port.callId, input: port.name }
  return { kind: 'output', callId: port.callId, output: port.name }
}

/** A wire dropped on the pane or on a node body (not on a port) opens the picker. */
function isInCanvas(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('.react-flow__renderer') !== null
}

function isPane(target: EventTarget | null): boolean {
  return target instanceof Element && target.classList.contains('react-flow__pane')
}

function Canvas() {
  const pattern = useQueryStore((state) => state.draft.pattern)
  const catalog = useQueryStore((state) => state.catalogMap)
  const positions = useQueryStore((state) => state.positions)
  const problems = useQueryStore((state) => state.patternProblems)
  const fitNonce = useQueryStore((state) => state.fitNonce)
  const codeBroken = useQueryStore((state) => state.codeProblem !== null)
  const theme = useAppStore((state) => state.theme)
  const flow = useReactFlow<PatternFlowNode, Edge>()
  const wrapper = useRef<HTMLDivElement>(null)
  const lastProblem = useRef<string | null>(null)
  const [measured, setMeasured] = useState<Readonly<Record<string, Size>>>({})
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set())
  const [picker, setPicker] = useState<PickerState | null>(null)
  const [hint, setHint] = useState<string | null>(null)

  const nodes = useMemo(
    () =>
      flowNodes(pattern, catalog, positions, problems).map((node) => ({
        ...node,
        measured: measured[node.id],
        selected: selection.has(node.id),
      })),
    [pattern, catalog, positions, problems, measured, selection],
  )
  const edges = useMemo(
    () =>
      flowEdges(pattern).map((edge) => ({
        ...edge,
        selected: selection.has(edge.id),
        className: edge.id.startsWith('s|') ? 'query-edge-structure' : 'query-edge',
      })),
    [pattern, selection],
  )

  useEffect(() => {
    if (fitNonce === 0) return
    const frame = requestAnimationFrame(() => void flow.fitView({ ...FIT_OPTIONS, duration: 200 }))
    return () => cancelAnimationFrame(frame)
  }, [fitNonce, flow])

  useEffect(() => {
    if (hint === null) return
    const timer = setTimeout(() => setHint(null), 4000)
    return () => clearTimeout(timer)
  }, [hint])

  const onNodesChange = useCallback((changes: NodeChange<PatternFlowNode>[]) => {
    const sizes: Record<string, Size> = {}
    const moves: Record<string, Position> = {}
    const selected: [string, boolean][] = []
    for (const change of changes) {
      if (change.type === 'dimensions' && change.dimensions !== undefined) {
        sizes[change.id] = change.dimensions
      } else if (change.type === 'position' && change.position !== undefined) {
        moves[change.id] = change.position
      } else if (change.type === 'select') selected.push([change.id, change.selected])
    }
    if (Object.keys(sizes).length > 0) setMeasured((old) => ({ ...old, ...sizes }))
    if (Object.keys(moves).length > 0) {
      const state = queryStore.getState()
      state.moved({ ...state.positions, ...moves })
    }
    if (selected.length > 0) {
      setSelection((old) => {
        const next = new Set(old)
        for (const [id, on] of selected) {
          if (on) next.add(id)
          else next.delete(id)
        }
        return next
      })
    }
  }, [])

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const selected = changes.flatMap((change) =>
      change.type === 'select' ? [[change.id, change.selected] as const] : [],
    )
    if (selected.length === 0) return
    setSelection((old) => {
      const next = new Set(old)
      for (const [id, on] of selected) {
        if (on) next.add(id)
        else next.delete(id)
      }
      return next
    })
  }, [])

  const isValidConnection = useCallback((connection: Connection | Edge) => {
    const source = portOf(connection.source, connection.sourceHandle)
    const target = portOf(connection.target, connection.targetHandle)
    const problem =
      source === null || target === null
        ? 'connect op ports and variables'
        : connectionProblem(queryStore.getState().draft.pattern, source, target)
    lastProblem.current = problem
    return problem === null
  }, [])

  const onConnect = useCallback((connection: Connection) => {
    const source = portOf(connection.source, connection.sourceHandle)
    const target = portOf(connection.target, connection.targetHandle)
    if (source !== null && target !== null) wired(source, target)
  }, [])

  const openPicker = useCallback(
    (anchor: PickerAnchor, client: { x: number; y: number }, leftOfDrop: boolean) => {
      const box = wrapper.current?.getBoundingClientRect()
      if (box === undefined) return
      const point = flow.screenToFlowPosition(client)
      setHint(null)
      setPicker({
        anchor,
        // Just off the pointer, so the list does not start under a resting cursor.
        left: Math.max(8, Math.min(client.x - box.left + 14, box.width - PICKER_WIDTH - 8)),
        top: Math.max(8, Math.min(client.y - box.top + 14, box.height - PICKER_HEIGHT - 8)),
        at: { x: leftOfDrop ? point.x - OP_WIDTH : point.x, y: point.y - 30 },
      })
    },
    [flow],
  )

  const onConnectEnd = useCallback(
    (event: globalThis.MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid === true || state.fromNode === null) return
      if (state.toHandle === null && isInCanvas(event.target)) {
        const anchor = anchorOf(state.fromNode, state.fromHandle?.id)
        if (anchor !== null) openPicker(anchor, pointOf(event), anchor.kind === 'input')
      } else if (state.toHandle !== null && lastProblem.current !== null) {
        setHint(`Cannot connect: ${lastProblem.current}`)
      }
    },
    [openPicker],
  )

  const onPaneClick = useCallback(
    (event: MouseEvent) => {
      if (event.ctrlKey || event.metaKey) openPicker(null, pointOf(event), false)
      else setPicker(null)
    },
    [openPicker],
  )

  const onDoubleClick = (event: MouseEvent) => {
    if (isPane(event.target)) openPicker(null, pointOf(event), false)
  }

  const openFromButton = () => {
    const box = wrapper.current?.getBoundingClientRect()
    if (box === undefined) return
    openPicker(null, { x: box.left + 24, y: box.top + 56 }, false)
  }

  /**
   * After the picker added nodes: when they landed off screen or against the right edge, pan
   * (zoom unchanged) so they sit a quarter in from the left, leaving room to drag the next op.
   */
  const keepInView = (nodeIds: readonly string[]) => {
    requestAnimationFrame(() => {
      const box = wrapper.current?.getBoundingClientRect()
      if (box === undefined) return
      let left = Infinity
      let top = Infinity
      let right = -Infinity
      let bottom = -Infinity
      for (const id of nodeIds) {
        const node = flow.getInternalNode(id)
        if (node === undefined) continue
        const start = node.internals.positionAbsolute
        const from = flow.flowToScreenPosition(start)
        const to = flow.flowToScreenPosition({
          x: start.x + (node.measured.width ?? OP_WIDTH),
          y: start.y + (node.measured.height ?? 60),
        })
        left = Math.min(left, from.x)
        top = Math.min(top, from.y)
        right = Math.max(right, to.x)
        bottom = Math.max(bottom, to.y)
      }
      if (!Number.isFinite(left)) return
      const roomRight = box.right - right
      const fits = left >= box.left && top >= box.top && bottom <= box.bottom
      if (fits && roomRight >= 120) return
      const viewport = flow.getViewport()
      const dx = box.left + box.width / 4 - left
      const dy = top >= box.top + 40 && bottom <= box.bottom ? 0 : box.top + box.height / 3 - top
      void flow.setViewport(
        { ...viewport, x: viewport.x + dx, y: viewport.y + dy },
        { duration: 200 },
      )
    })
  }

  const onPick = (option: PickerOption) => {
    if (picker === null) return
    const { anchor, at } = picker
    setPicker(null)
    if (option.kind === 'op') {
      const before = new Set(queryStore.getState().draft.pattern.calls.map((call) => call.id))
      opAdded(option.op, anchor, at)
      const added = queryStore
        .getState()
        .draft.pattern.calls.filter((call) => !before.has(call.id))
        .flatMap((call) => [
          `call:${call.id}`,
          ...call.outputs.map(({ variable }) => `var:${variable}`),
        ])
      keepInView(added)
    } else if (option.kind === 'newVariable') variableAdded(anchor, at)
    else if (anchor?.kind === 'input') {
      wired(
        { kind: 'variable', variable: option.variable },
        { kind: 'input', callId: anchor.callId, name: anchor.input },
      )
    }
    wrapper.current?.focus()
  }

  const firstProblem = problems[0]
  return (
    <div className="query-canvas" data-testid="query-canvas" ref={wrapper} tabIndex={-1}>
      <ReactFlow<PatternFlowNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onDelete={({ nodes: gone, edges: cut }) =>
          partsRemoved(
            removalOf(
              gone.map((node) => node.id),
              cut.map((edge) => edge.id),
            ),
          )
        }
        onPaneClick={onPaneClick}
        onDoubleClick={onDoubleClick}
        deleteKeyCode={['Delete', 'Backspace']}
        zoomOnDoubleClick={false}
        connectOnClick={false}
        colorMode={theme}
        minZoom={0.2}
        maxZoom={2}
        fitView
        fitViewOptions={FIT_OPTIONS}
        proOptions={{ hideAttribution: true }}
        aria-label="Pattern canvas"
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
        <Panel position="top-left" className="query-canvas-tools">
          <button type="button" data-testid="add-op" onClick={openFromButton}>
            + Add op
          </button>
          <button
            type="button"
            onClick={() => queryStore.getState().arranged()}
            disabled={pattern.calls.length + pattern.variables.length === 0}
          >
            Arrange
          </button>
        </Panel>
        {(firstProblem !== undefined || hint !== null || codeBroken) && (
          <Panel position="top-right" className="query-canvas-status">
            {codeBroken && (
              <div className="query-badge query-badge-error" role="status">
                <span aria-hidden="true">!</span> The code has an error: showing the last pattern
                that parsed
              </div>
            )}
            {hint !== null && (
              <div className="query-badge query-badge-warning" role="status">
                <span aria-hidden="true">⚠</span> {hint}
              </div>
            )}
            {firstProblem !== undefined && (
              <div
                className="query-badge query-badge-error"
                role="status"
                data-testid="pattern-problem"
              >
                <span aria-hidden="true">!</span> Pattern incomplete: {firstProblem.message}
              </div>
            )}
          </Panel>
        )}
      </ReactFlow>
      {pattern.calls.length + pattern.variables.length === 0 && picker === null && (
        <div className="query-canvas-empty">
          <p>
            Draw a pattern: <strong>Add op</strong>, double-click or Ctrl+click the canvas.
          </p>
          <p>Then drag from an op&apos;s port onto empty space to add the next op, wired up.</p>
        </div>
      )}
      {picker !== null && (
        <OpPicker
          pattern={pattern}
          catalog={catalog}
          anchor={picker.anchor}
          left={picker.left}
          top={picker.top}
          onPick={onPick}
          onClose={() => setPicker(null)}
        />
      )}
    </div>
  )
}

/** The pattern drawing: op calls with named ports, variables, and the picker that adds ops. */
export function PatternCanvas() {
  return (
    <ReactFlowProvider>
      <Canvas />
    </ReactFlowProvider>
  )
}
