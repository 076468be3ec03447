/** Upstream and downstream of a node, for lineage focus. */
import { type GraphEdge } from './types'

export interface Lineage {
  readonly selected: string
  readonly upstream: ReadonlySet<string>
  readonly downstream: ReadonlySet<string>
}

function reach(start: string, step: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>()
  const stack = [start]
  while (stack.length > 0) {
    const id = stack.pop() as string
    for (const next of step.get(id) ?? []) {
      if (seen.has(next) || next === start) continue
      seen.add(next)
      stack.push(next)
    }
  }
  return seen
}

export function lineageOf(selected: string, edges: readonly GraphEdge[]): Lineage {
  const forward = new Map<string, string[]>()
  const backward = new Map<string, string[]>()
  for (const edge of edges) {
    const out = forward.get(edge.source)
    if (out === undefined) forward.set(edge.source, [edge.target])
    else out.push(edge.target)
    const into = backward.get(edge.target)
    if (into === undefined) backward.set(edge.target, [edge.source])
    else into.push(edge.source)
  }
  return {
    selected,
    upstream: reach(selected, backward),
    downstream: reach(selected, forward),
  }
}

export type LineageRole = 'selected' | 'upstream' | 'downstream' | 'both' | 'outside'

export function lineageRole(lineage: Lineage | null, id: string): LineageRole | null {
  if (lineage === null) return null
  if (id === lineage.selected) return 'selected'
  const up = lineage.upstream.has(id)
  const down = lineage.downstream.has(id)
  if (up && down) return 'both'
  if (up) return 'upstream'
  if (down) return 'downstream'
  return 'outside'
}
