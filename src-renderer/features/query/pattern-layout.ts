/**
 * Where the pattern's nodes go: a small layered left-to-right layout (sources left, results
 * right). Patterns are tens of nodes, so no elk. Positions the user or an earlier layout gave
 * are kept; only nodes without one are placed, next to a placed neighbour when there is one, so
 * a code edit that changes a pin does not move anything.
 */
import { type OpCatalog, type Pattern } from '../../../src-shared/query/pattern'

export interface Position {
  readonly x: number
  readonly y: number
}

export type Positions = Readonly<Record<string, Position>>

export const callKey = (id: string): string => `call:${id}`
export const variableKey = (id: string): string => `var:${id}`
export const elementKey = (index: number): string => `elem:${index}`
export const collectionKey = (index: number): string => `coll:${index}`

const COLUMN_WIDTH = 240
const ROW_GAP = 28
const VARIABLE_HEIGHT = 48
const PORT_HEIGHT = 24
const OP_HEADER_HEIGHT = 40

const COLUMN_GAP = 60

interface LayoutNode {
  readonly key: string
  /** Estimated from the text it shows (the layout runs before anything is measured). */
  readonly width: number
  readonly height: number
}

const variableWidth = (id: string): number => Math.max(90, 64 + 8 * id.length)

/** The pattern as nodes and directed edges (the direction values flow). */
export function patternGraph(
  pattern: Pattern,
  catalog: OpCatalog,
): { nodes: LayoutNode[]; edges: [string, string][] } {
  const nodes: LayoutNode[] = []
  const edges: [string, string][] = []
  for (const variable of pattern.variables) {
    nodes.push({
      key: variableKey(variable.id),
      width: variableWidth(variable.id),
      height: VARIABLE_HEIGHT,
    })
  }
  for (const call of pattern.calls) {
    const shape = catalog.get(call.op)
    const inputs = new Set([...(shape?.inputs ?? []), ...call.inputs.map((b) => b.name)])
    const outputs = new Set([...(shape?.outputs ?? []), ...call.outputs.map((b) => b.name)])
    const rows = Math.max(inputs.size, outputs.size, 1)
    nodes.push({
      key: callKey(call.id),
      width: Math.max(190, 80 + 8.5 * call.op.length),
      height: OP_HEADER_HEIGHT + rows * PORT_HEIGHT,
    })
    for (const { variable } of call.inputs) edges.push([variableKey(variable), callKey(call.id)])
    for (const { variable } of call.outputs) edges.push([callKey(call.id), variableKey(variable)])
  }
  pattern.elementsOf.forEach((edge, index) => {
    const key = elementKey(index)
    nodes.push({ key, width: 110, height: VARIABLE_HEIGHT })
    edges.push([variableKey(edge.collection), key], [key, variableKey(edge.element)])
    if (edge.key !== null) edges.push([variableKey(edge.key), key])
  })
  pattern.collectionsOf.forEach((edge, index) => {
    const key = collectionKey(index)
    nodes.push({ key, width: 110, height: VARIABLE_HEIGHT })
    edges.push([key, variableKey(edge.collection)])
    for (const { element, key: elementKeyVariable } of edge.elements) {
      edges.push([variableKey(element), key])
      if (elementKeyVariable !== null) edges.push([variableKey(elementKeyVariable), key])
    }
  })
  return { nodes, edges }
}

/** Every node in a column by its longest path from a source, stacked in pattern order. */
export function layoutPattern(pattern: Pattern, catalog: OpCatalog): Record<string, Position> {
  const { nodes, edges } = patternGraph(pattern, catalog)
  const incoming = new Map<string, string[]>()
  for (const [from, to] of edges) incoming.set(to, [...(incoming.get(to) ?? []), from])
  const layer = new Map<string, number>()
  const visiting = new Set<string>()
  const layerOf = (key: string): number => {
    const known = layer.get(key)
    if (known !== undefined) return known
    // A cycle (only in invalid patterns) is cut where it is found.
    if (visiting.has(key)) return 0
    visiting.add(key)
    const sources = incoming.get(key) ?? []
    const value = sources.length === 0 ? 0 : Math.max(...sources.map(layerOf)) + 1
    visiting.delete(key)
    layer.set(key, value)
    return value
  }
  const columns = new Map<number, LayoutNode[]>()
  for (const node of nodes) {
    const column = layerOf(node.key)
    columns.set(column, [...(columns.get(column) ?? []), node])
  }
  const positions: Record<string, Position> = {}
  let x = 0
  const order = [...columns.keys()].sort((a, b) => a - b)
  for (const column of order) {
    const members = columns.get(column) ?? []
    let y = 0
    for (const node of members) {
      positions[node.key] = { x, y }
      y += node.height + ROW_GAP
    }
    x += Math.max(...members.map((node) => node.width)) + COLUMN_GAP
  }
  return positions
}

/** Positions with renamed keys carried over (a renamed variable stays where it was). */
export function renamePositions(
  positions: Positions,
  renamed: ReadonlyMap<string, string>,
): Record<string, Position> {
  const next: Record<string, Position> = { ...positions }
  for (const [from, to] of renamed) {
    const position = positions[variableKey(from)]
    if (position === undefined) continue
    delete next[variableKey(from)]
    next[variableKey(to)] = position
  }
  return next
}

function isFree(taken: readonly Position[], candidate: Position): boolean {
  return taken.every(
    (other) => Math.abs(other.x - candidate.x) > 60 || Math.abs(other.y - candidate.y) > 40,
  )
}

/**
 * Positions for every node of the pattern: earlier ones kept, new ones next to a placed
 * neighbour (right of what feeds them, or left of what they feed), else where the layered
 * layout puts them. With nothing placed yet, the whole layered layout.
 */
export function mergePositions(
  pattern: Pattern,
  catalog: OpCatalog,
  previous: Positions,
): Record<string, Position> {
  const { nodes, edges } = patternGraph(pattern, catalog)
  const kept: Record<string, Position> = {}
  for (const node of nodes) {
    const position = previous[node.key]
    if (position !== undefined) kept[node.key] = position
  }
  const layout = layoutPattern(pattern, catalog)
  if (Object.keys(kept).length === 0) return layout
  const taken = Object.values(kept)
  const place = (key: string, around: Position): void => {
    let candidate = around
    for (let step = 0; !isFree(taken, candidate) && step < 40; step++) {
      candidate = { x: around.x, y: around.y + (step + 1) * (VARIABLE_HEIGHT + ROW_GAP / 2) }
    }
    kept[key] = candidate
    taken.push(candidate)
  }
  // Placing one node can give its neighbours an anchor: repeat until nothing changes.
  let progress = true
  while (progress) {
    progress = false
    for (const node of nodes) {
      if (kept[node.key] !== undefined) continue
      const upstream = edges.find(([from, to]) => to === node.key && kept[from] !== undefined)
      const downstream = edges.find(([from, to]) => from === node.key && kept[to] !== undefined)
      const from = upstream === undefined ? undefined : kept[upstream[0]]
      const to = downstream === undefined ? undefined : kept[downstream[1]]
      if (from !== undefined) place(node.key, { x: from.x + COLUMN_WIDTH, y: from.y })
      else if (to !== undefined) place(node.key, { x: to.x - COLUMN_WIDTH, y: to.y })
      else continue
      progress = true
    }
  }
  for (const node of nodes) {
    const fallback = layout[node.key]
    if (kept[node.key] === undefined && fallback !== undefined) place(node.key, fallback)
  }
  return kept
}

/**
 * Positions after the picker added a call at `drop`: the call where the user let go, its new
 * output variables in a column to its right (or to its left-right gap when it feeds an input).
 */
export function placeAddedCall(
  positions: Positions,
  callId: string,
  drop: Position,
  outputVariables: readonly string[],
): Record<string, Position> {
  const next: Record<string, Position> = { ...positions, [callKey(callId)]: drop }
  outputVariables.forEach((variable, index) => {
    if (next[variableKey(variable)] !== undefined) return
    next[variableKey(variable)] = {
      x: drop.x + COLUMN_WIDTH - 20,
      y: drop.y + index * (VARIABLE_HEIGHT + ROW_GAP / 2),
    }
  })
  return next
}
