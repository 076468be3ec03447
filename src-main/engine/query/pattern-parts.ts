import { type Pattern } from '../../../src-shared/query/pattern'

/**
 * The first call (in pattern order) of each connected part of the pattern: where the query
 * starts scanning. Parts are connected through shared variables and element edges: what an
 * index can follow from one row to the next.
 */
export function entryCalls(pattern: Pattern): Set<string> {
  const parent = new Map<string, string>()
  const find = (node: string): string => {
    let root = node
    while (parent.has(root)) root = parent.get(root) as string
    return root
  }
  const union = (a: string, b: string): void => {
    const [rootA, rootB] = [find(a), find(b)]
    if (rootA !== rootB) parent.set(rootA, rootB)
  }
  // Call ids and variable ids share one namespace here: prefixes keep them apart.
  for (const call of pattern.calls) {
    for (const { variable } of [...call.inputs, ...call.outputs]) {
      union(`call:${call.id}`, `var:${variable}`)
    }
  }
  // A shared key only filters (no index finds items by position across collections), so it
  // does not connect: each side keeps an entry of its own.
  for (const edge of pattern.elementsOf) union(`var:${edge.collection}`, `var:${edge.element}`)
  for (const edge of pattern.collectionsOf) {
    for (const { element } of edge.elements) union(`var:${edge.collection}`, `var:${element}`)
  }
  const seen = new Set<string>()
  const entries = new Set<string>()
  for (const call of pattern.calls) {
    const part = find(`call:${call.id}`)
    if (seen.has(part)) continue
    seen.add(part)
    entries.add(call.id)
  }
  return entries
}

/** Variables that stand for a list position or an object/Map key rather than a ref. */
export function keyVariablesOf(pattern: Pattern): Set<string> {
  const keys = new Set<string>()
  for (const edge of pattern.elementsOf) if (edge.key !== null) keys.add(edge.key)
  for (const edge of pattern.collectionsOf) {
    for (const { key } of edge.elements) if (key !== null) keys.add(key)
  }
  return keys
}
