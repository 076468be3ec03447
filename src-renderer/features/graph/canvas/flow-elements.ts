/** The model plus its decorations (selection, lineage, highlight, search) as React Flow elements. */
import { type Edge, type Node } from '@xyflow/react'
import { type HTMLAttributes } from 'react'
import { type LayoutDirection } from '../layout/layout-types'
import { type Positions } from '../layout/stable'
import { nodeAriaLabel } from '../model/labels'
import { type Lineage, type LineageRole, lineageRole } from '../model/lineage'
import { type GraphModel, type GraphNode } from '../model/types'
import { nodeSize } from './node-size'

export interface Decorations {
  readonly selectedId: string | null
  readonly lineage: Lineage | null
  readonly highlightOps: ReadonlySet<string> | null
  /** Lower-cased search text; empty when not searching. */
  readonly search: string
}

export interface GraphNodeData extends Record<string, unknown> {
  readonly node: GraphNode
  readonly direction: LayoutDirection
  readonly lineage: LineageRole | null
  /** `on`: would recompute; `off`: dimmed by highlight mode; null: no highlight mode. */
  readonly highlight: 'on' | 'off' | null
  readonly match: boolean
}

export type GraphFlowNode = Node<GraphNodeData, GraphNode['kind']>

/** The op a node belongs to, for highlight mode and position hints. */
export function opOfNode(node: GraphNode): string | null {
  if (node.kind === 'variable') return node.role === 'output' ? node.op : null
  return node.op
}

function highlightOf(node: GraphNode, ops: ReadonlySet<string> | null): 'on' | 'off' | null {
  if (ops === null) return null
  const op = opOfNode(node)
  return op !== null && ops.has(op) ? 'on' : 'off'
}

function matches(node: GraphNode, search: string): boolean {
  if (search === '') return false
  if (node.label.toLowerCase().includes(search)) return true
  return node.kind === 'call' && node.inputSummary.toLowerCase().includes(search)
}

export function outcomeAttribute(node: GraphNode): string {
  return node.kind === 'more' ? 'none' : node.outcome
}

/** Highlight mode is said in words too: a screen reader hears what the ring shows. */
function withHighlight(label: string, highlight: 'on' | 'off' | null): string {
  return highlight === 'on' ? `${label}; would recompute if the change is breaking` : label
}

export function flowNodes(
  model: GraphModel,
  positions: Positions,
  direction: LayoutDirection,
  decorations: Decorations,
): GraphFlowNode[] {
  return model.nodes.map((node) => {
    const size = nodeSize(node)
    const domAttributes = {
      'data-testid': `graph-node-${node.id}`,
      'data-outcome': outcomeAttribute(node),
    } as HTMLAttributes<HTMLDivElement>
    return {
      id: node.id,
      type: node.kind,
      position: positions[node.id] ?? { x: 0, y: 0 },
      width: size.width,
      height: size.height,
      draggable: false,
      connectable: false,
      selected: node.id === decorations.selectedId,
      ariaLabel: withHighlight(nodeAriaLabel(node), highlightOf(node, decorations.highlightOps)),
      domAttributes,
      data: {
        node,
        direction,
        lineage: lineageRole(decorations.lineage, node.id),
        highlight: highlightOf(node, decorations.highlightOps),
        match: matches(node, decorations.search),
      },
    }
  })
}

function edgeLineage(lineage: Lineage | null, source: string, target: string): string {
  if (lineage === null) return ''
  const upOrSelf = (id: string) => id === lineage.selected || lineage.upstream.has(id)
  const downOrSelf = (id: string) => id === lineage.selected || lineage.downstream.has(id)
  if (upOrSelf(source) && upOrSelf(target)) return ' graph-edge-up'
  if (downOrSelf(source) && downOrSelf(target)) return ' graph-edge-down'
  return ' graph-edge-dim'
}

export function flowEdges(model: GraphModel, decorations: Decorations): Edge[] {
  // Counts help on small graphs; on big ones the labels are clutter (and DOM).
  const labelled = model.edges.length <= 40
  const highlighted = decorations.highlightOps
  const highlightedNodes =
    highlighted === null
      ? null
      : new Set(
          model.nodes
            .filter((n) => {
              const op = opOfNode(n)
              return op !== null && highlighted.has(op)
            })
            .map((n) => n.id),
        )
  return model.edges.map((edge) => {
    let className = 'graph-edge'
    if (edge.intoExecuted) className += ' graph-edge-executed'
    className += edgeLineage(decorations.lineage, edge.source, edge.target)
    if (highlightedNodes !== null && !highlightedNodes.has(edge.target)) {
      className += ' graph-edge-dim'
    }
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      className,
      focusable: false,
      selectable: false,
      ...(labelled && edge.count > 1 ? { label: `×${edge.count}` } : {}),
    }
  })
}
