/**
 * Keeping positions stable across expand and collapse: new nodes get position hints where
 * the node they replace was (so elk keeps the in-layer order), and the new layout is shifted
 * so the nodes both layouts share stay where they were on screen on average.
 */
type Point = { readonly x: number; readonly y: number }
export type Positions = Readonly<Record<string, Point>>

export interface HintSubject {
  readonly id: string
  /** The op a node belongs to (op, call and "more" nodes); null for variables. */
  readonly op: string | null
}

/** The previous layout and which op each of its nodes belonged to. */
export interface PreviousLayout {
  readonly positions: Positions
  readonly nodes: readonly HintSubject[]
}

/** Hints for every node, or null when there is nothing to stay close to. */
export function layoutHints(
  nodes: readonly HintSubject[],
  previous: PreviousLayout | null,
): Record<string, Point> | null {
  if (previous === null) return null
  // Where each op was: its own node, or the middle of its calls when it was expanded.
  const oldPointsOfOp = new Map<string, Point[]>()
  for (const node of previous.nodes) {
    const point = previous.positions[node.id]
    if (point === undefined || node.op === null) continue
    const points = oldPointsOfOp.get(node.op)
    if (points === undefined) oldPointsOfOp.set(node.op, [point])
    else points.push(point)
  }
  const hints: Record<string, Point> = {}
  let shared = 0
  const newPerOp = new Map<string, number>()
  for (const node of nodes) {
    const known = previous.positions[node.id]
    if (known !== undefined) {
      hints[node.id] = known
      shared++
      continue
    }
    if (node.op === null) continue
    const anchor = centre(oldPointsOfOp.get(node.op))
    if (anchor === undefined) continue
    const rank = newPerOp.get(node.op) ?? 0
    newPerOp.set(node.op, rank + 1)
    // A tiny step keeps the run's order among the new nodes without moving them apart.
    hints[node.id] = { x: anchor.x + rank * 0.01, y: anchor.y + rank * 0.01 }
  }
  return shared === 0 ? null : hints
}

function centre(points: readonly Point[] | undefined): Point | undefined {
  if (points === undefined || points.length === 0) return undefined
  const sum = points.reduce((a, p) => ({ x: a.x + p.x, y: a.y + p.y }), { x: 0, y: 0 })
  return { x: sum.x / points.length, y: sum.y / points.length }
}

/** Shifts `next` so the nodes it shares with `previous` move as little as possible. */
export function alignToPrevious(next: Positions, previous: Positions | null): Positions {
  if (previous === null) return next
  let dx = 0
  let dy = 0
  let shared = 0
  for (const [id, point] of Object.entries(next)) {
    const before = previous[id]
    if (before === undefined) continue
    dx += before.x - point.x
    dy += before.y - point.y
    shared++
  }
  if (shared === 0) return next
  dx /= shared
  dy /= shared
  const shifted: Record<string, Point> = {}
  for (const [id, point] of Object.entries(next)) shifted[id] = { x: point.x + dx, y: point.y + dy }
  return shifted
}
