/**
 * 1-dimensional Weisfeiler–Lehman color refinement on a directed graph with labelled edges
 * (mandala's projection, SPEC Q6). Colors are small integers assigned by sorting the distinct
 * signatures, so they depend on the graph's structure only, never on node order: two runs on
 * isomorphic graphs color corresponding nodes alike, which makes the colors usable as a
 * canonical order.
 */
export interface LabeledEdge {
  readonly from: number
  readonly to: number
  readonly label: string
  /**
   * Set edges count once per (label, neighbour color) however often they occur; plain edges
   * count each time (a multiset).
   */
  readonly set: boolean
}

export interface Refinement {
  /** Final color of each node; equal colors = same role. */
  readonly colors: readonly number[]
  readonly classCount: number
  /** Rounds run, the last one being the one that changed nothing. */
  readonly rounds: number
}

interface Neighbor {
  readonly node: number
  readonly label: string
  readonly set: boolean
}

export function refineColors(
  initial: readonly string[],
  edges: readonly LabeledEdge[],
): Refinement {
  const nodeCount = initial.length
  const incoming: Neighbor[][] = Array.from({ length: nodeCount }, () => [])
  const outgoing: Neighbor[][] = Array.from({ length: nodeCount }, () => [])
  for (const { from, to, label, set } of edges) {
    incoming[to]?.push({ node: from, label, set })
    outgoing[from]?.push({ node: to, label, set })
  }
  let { colors, count } = relabel(initial)
  let rounds = 0
  for (;;) {
    rounds++
    const signatures: string[] = new Array<string>(nodeCount)
    for (let node = 0; node < nodeCount; node++) {
      signatures[node] =
        `${colors[node]}<${neighborhood(incoming[node] ?? [], colors)}>${neighborhood(outgoing[node] ?? [], colors)}`
    }
    const next = relabel(signatures)
    // Each signature starts with the old color, so classes only ever split: an unchanged
    // count means an unchanged partition.
    colors = next.colors
    if (next.count === count) break
    count = next.count
  }
  return { colors, classCount: count, rounds }
}

function neighborhood(neighbors: readonly Neighbor[], colors: readonly number[]): string {
  const plain: string[] = []
  const set = new Set<string>()
  for (const { node, label, set: isSet } of neighbors) {
    const entry = `${label}=${colors[node]}`
    if (isSet) set.add(entry)
    else plain.push(entry)
  }
  return [...plain.sort(), '#', ...[...set].sort()].join(',')
}

/** Colors by rank of the distinct signatures (canonical: no dependence on node order). */
function relabel(signatures: readonly string[]): { colors: number[]; count: number } {
  const distinct = [...new Set(signatures)].sort()
  const rank = new Map(distinct.map((signature, index) => [signature, index]))
  return {
    colors: signatures.map((signature) => rank.get(signature) as number),
    count: distinct.length,
  }
}
