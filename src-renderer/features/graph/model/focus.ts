/**
 * Growing a view that started from some ops: back adds the producers of a node's inputs,
 * forward adds the consumers of its outputs.
 */
import { neighbourOps } from './build-frame'
import { type RunIndex } from './run-index'

export type ExpandDirection = 'back' | 'forward'

/** The ops to add when expanding from a node (`op:`, `call:`, `var:` or `src:` id). */
export function opsAround(index: RunIndex, nodeId: string, direction: ExpandDirection) {
  const [kind] = nodeId.split(':', 1)
  const rest = nodeId.slice((kind?.length ?? 0) + 1)
  if (kind === 'op') return neighbourOps(index, rest, direction)
  if (kind === 'call') {
    const call = index.callById.get(rest.replace(/@\d+$/, ''))
    return call === undefined ? new Set<string>() : neighbourOps(index, call.op, direction)
  }
  const variable = index.variables.get(nodeId)
  if (variable === undefined) return new Set<string>()
  if (direction === 'forward') return new Set(variable.consumers)
  return new Set(variable.role === 'output' ? [variable.op] : [])
}

export function expandFocus(
  index: RunIndex,
  visible: ReadonlySet<string> | null,
  nodeId: string,
  direction: ExpandDirection,
): ReadonlySet<string> | null {
  if (visible === null) return null
  const grown = new Set(visible)
  for (const op of opsAround(index, nodeId, direction)) grown.add(op)
  return grown
}

/** Focus ops that exist in the run; null (everything) when none does. */
export function initialFocus(index: RunIndex, ops: readonly string[] | null | undefined) {
  if (ops === null || ops === undefined) return null
  const known = ops.filter((op) => index.callsByOp.has(op))
  return known.length === 0 ? null : new Set(known)
}
