/**
 * Names and structure lookups the canvas edits share: fresh variable and call ids, and which
 * variables a variable depends on (so an edit never closes a cycle).
 */
import { type OpCatalog, type Pattern } from '../../../src-shared/query/pattern'
import { identifierProblem } from '../../../src-shared/query/validate'

/** Every id in use: variables and calls share one namespace (Q1). */
export function takenIds(pattern: Pattern): Set<string> {
  return new Set([
    ...pattern.variables.map((variable) => variable.id),
    ...pattern.calls.map((call) => call.id),
  ])
}

/** `base` made into an identifier (invalid characters become `_`). */
export function identifierFrom(base: string): string {
  let cleaned = base.replace(/[^\w$]/g, '_')
  if (cleaned === '') cleaned = 'v'
  if (/^\d/.test(cleaned)) cleaned = `_${cleaned}`
  return identifierProblem(cleaned) === null ? cleaned : `${cleaned}_`
}

/**
 * A variable name from `base` that is free: not a variable, call id or op name (an op name
 * would make the call's bare callee ambiguous), numbered `base2`, `base3`, ... when taken.
 */
export function freshVariableName(pattern: Pattern, base: string, catalog: OpCatalog): string {
  const taken = takenIds(pattern)
  for (const call of pattern.calls) taken.add(call.op)
  for (const op of catalog.keys()) taken.add(op)
  const stem = identifierFrom(base)
  let name = stem
  for (let suffix = 2; taken.has(name); suffix++) name = `${stem}${suffix}`
  return name
}

export function freshCallId(pattern: Pattern): string {
  const taken = takenIds(pattern)
  let index = pattern.calls.length
  while (taken.has(`call${index}`)) index++
  return `call${index}`
}

/**
 * The name a new variable for an op's output gets: the output's own name, except the anonymous
 * `output_<n>` of single-result ops, which reads better as `<op>Out`.
 */
export function outputVariableBase(op: string, output: string, outputCount: number): string {
  const anonymous = /^output_(\d+)$/.exec(output)
  if (anonymous === null) return output
  const stem = identifierFrom(op.charAt(0).toLowerCase() + op.slice(1))
  return outputCount === 1 ? `${stem}Out` : `${stem}Out${anonymous[1] ?? ''}`
}

/** Variables each variable is computed from, directly (call inputs, collections, keys). */
function directSources(pattern: Pattern): Map<string, Set<string>> {
  const sources = new Map<string, Set<string>>()
  const add = (target: string, source: string): void => {
    const set = sources.get(target) ?? new Set<string>()
    set.add(source)
    sources.set(target, set)
  }
  for (const call of pattern.calls) {
    for (const output of call.outputs) {
      for (const input of call.inputs) add(output.variable, input.variable)
    }
  }
  for (const edge of pattern.elementsOf) {
    add(edge.element, edge.collection)
    if (edge.key !== null) add(edge.element, edge.key)
  }
  for (const edge of pattern.collectionsOf) {
    for (const { element, key } of edge.elements) {
      add(edge.collection, element)
      if (key !== null) add(edge.collection, key)
    }
  }
  return sources
}

/** True when `variable` is computed (transitively) from `from`, or is `from`. */
export function dependsOn(pattern: Pattern, variable: string, from: string): boolean {
  const sources = directSources(pattern)
  const seen = new Set<string>()
  const stack = [variable]
  while (stack.length > 0) {
    const next = stack.pop()
    if (next === undefined || seen.has(next)) continue
    if (next === from) return true
    seen.add(next)
    for (const source of sources.get(next) ?? []) stack.push(source)
  }
  return false
}

/** What defines the variable, if anything: a pin, a call output or a collection edge. */
export function definitionOf(pattern: Pattern, variable: string): string | null {
  const declared = pattern.variables.find((candidate) => candidate.id === variable)
  if (declared?.pin != null) return 'a pinned value'
  for (const call of pattern.calls) {
    const output = call.outputs.find((binding) => binding.variable === variable)
    if (output !== undefined) return `output ${output.name} of ${call.op}`
  }
  if (pattern.elementsOf.some((edge) => edge.element === variable)) return 'an elementOf edge'
  if (pattern.collectionsOf.some((edge) => edge.collection === variable)) {
    return 'a collectionOf edge'
  }
  return null
}

/** True when anything mentions the variable (a call, an edge or a pin). */
export function isConnected(pattern: Pattern, variable: string): boolean {
  const declared = pattern.variables.find((candidate) => candidate.id === variable)
  if (declared?.pin != null) return true
  return (
    pattern.calls.some((call) =>
      [...call.inputs, ...call.outputs].some((binding) => binding.variable === variable),
    ) ||
    pattern.elementsOf.some((edge) =>
      [edge.collection, edge.element, edge.key].includes(variable),
    ) ||
    pattern.collectionsOf.some(
      (edge) =>
        edge.collection === variable ||
        edge.elements.some(({ element, key }) => element === variable || key === variable),
    )
  )
}
