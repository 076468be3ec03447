/**
 * Counts what a view would put on screen before anything is laid out or drawn (O(V+E), Kahn's
 * topological order for the depth), and refuses sizes the layout and the DOM cannot take.
 * Dagster's pre-flight, with limits measured for elk's fast options (reference §3).
 */
import { type GraphModel } from './types'

export interface GraphSize {
  readonly nodes: number
  readonly edges: number
  /** Longest path in nodes; cycles (an op feeding itself) are cut. */
  readonly depth: number
}

export interface PreflightLimits {
  readonly nodes: number
  readonly edges: number
  readonly depth: number
}

export const DEFAULT_LIMITS: PreflightLimits = { nodes: 2000, edges: 4000, depth: 300 }

export type PreflightVerdict =
  | { readonly ok: true; readonly size: GraphSize }
  | { readonly ok: false; readonly size: GraphSize; readonly message: string }

export function measureGraph(model: GraphModel): GraphSize {
  const indegree = new Map<string, number>()
  const next = new Map<string, string[]>()
  for (const node of model.nodes) indegree.set(node.id, 0)
  for (const edge of model.edges) {
    if (!indegree.has(edge.source) || !indegree.has(edge.target)) continue
    indegree.set(edge.target, (indegree.get(edge.target) ?? 0) + 1)
    const targets = next.get(edge.source)
    if (targets === undefined) next.set(edge.source, [edge.target])
    else targets.push(edge.target)
  }
  const level = new Map<string, number>()
  const queue: string[] = []
  for (const [id, degree] of indegree) {
    if (degree === 0) {
      queue.push(id)
      level.set(id, 1)
    }
  }
  let depth = model.nodes.length === 0 ? 0 : 1
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string
    const depthHere = level.get(id) ?? 1
    for (const target of next.get(id) ?? []) {
      level.set(target, Math.max(level.get(target) ?? 0, depthHere + 1))
      depth = Math.max(depth, depthHere + 1)
      const remaining = (indegree.get(target) ?? 1) - 1
      indegree.set(target, remaining)
      if (remaining === 0) queue.push(target)
    }
  }
  return { nodes: model.nodes.length, edges: model.edges.length, depth }
}

const number = (n: number) => n.toLocaleString('en-US')

export function preflight(model: GraphModel, limits = DEFAULT_LIMITS): PreflightVerdict {
  const size = measureGraph(model)
  const over: string[] = []
  if (size.nodes > limits.nodes)
    over.push(`${number(size.nodes)} nodes (limit ${number(limits.nodes)})`)
  if (size.edges > limits.edges)
    over.push(`${number(size.edges)} edges (limit ${number(limits.edges)})`)
  if (size.depth > limits.depth)
    over.push(`depth ${number(size.depth)} (limit ${number(limits.depth)})`)
  if (over.length === 0) return { ok: true, size }
  return { ok: false, size, message: `Too large to draw: ${over.join(', ')}.` }
}
