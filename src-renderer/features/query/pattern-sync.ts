/**
 * Keeping the canvas steady when code is parsed: the parser numbers calls afresh, so each
 * parsed call takes over the id of the drawn call it corresponds to (same op and outputs, then
 * same op and inputs, then same op in order). Node ids, positions and test hooks stay put.
 */
import { type Pattern, type PatternCall } from '../../../src-shared/query/pattern'

function bindingText(call: PatternCall, side: 'inputs' | 'outputs'): string {
  return call[side]
    .map(({ name, variable }) => `${name}=${variable}`)
    .sort()
    .join(',')
}

export function adoptCallIds(parsed: Pattern, previous: Pattern): Pattern {
  const variableIds = new Set(parsed.variables.map((variable) => variable.id))
  const available = previous.calls.filter((call) => !variableIds.has(call.id))
  const assigned = new Map<number, string>()
  const take = (match: (old: PatternCall, call: PatternCall) => boolean): void => {
    parsed.calls.forEach((call, index) => {
      if (assigned.has(index)) return
      const found = available.findIndex((old) => match(old, call))
      if (found === -1) return
      const [old] = available.splice(found, 1)
      if (old !== undefined) assigned.set(index, old.id)
    })
  }
  take(
    (old, call) =>
      old.op === call.op &&
      bindingText(old, 'outputs') === bindingText(call, 'outputs') &&
      call.outputs.length > 0,
  )
  take(
    (old, call) => old.op === call.op && bindingText(old, 'inputs') === bindingText(call, 'inputs'),
  )
  take((old, call) => old.op === call.op)
  // Parsed ids that were not replaced must not collide with the ids handed over.
  const handed = new Set(assigned.values())
  const used = new Set([...variableIds, ...handed])
  let fresh = 0
  const calls = parsed.calls.map((call, index) => {
    const adopted = assigned.get(index)
    if (adopted !== undefined) return { ...call, id: adopted }
    if (!used.has(call.id)) {
      used.add(call.id)
      return call
    }
    while (used.has(`call${fresh}`)) fresh++
    const id = `call${fresh}`
    used.add(id)
    return { ...call, id }
  })
  return { ...parsed, calls }
}
