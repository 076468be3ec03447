/**
 * The canvas's other edits: wiring ports, deleting, renaming, pinning and selecting variables.
 * Pure functions over a PatternDraft; each says why it refuses instead of breaking the pattern.
 */
import {
  type OpCatalog,
  type Pattern,
  type PatternCall,
  type PinValue,
} from '../../../src-shared/query/pattern'
import { identifierProblem } from '../../../src-shared/query/validate'
import { renameEverywhere, variableForOutput, type PatternDraft } from './pattern-edit'
import { definitionOf, dependsOn, freshVariableName, isConnected } from './pattern-names'

/** One end of a wire: a variable node, or a named port of a call. */
export type PortRef =
  | { readonly kind: 'variable'; readonly variable: string }
  | { readonly kind: 'input'; readonly callId: string; readonly name: string }
  | { readonly kind: 'output'; readonly callId: string; readonly name: string }

function findCall(pattern: Pattern, callId: string): PatternCall | undefined {
  return pattern.calls.find((call) => call.id === callId)
}

function feedsCall(pattern: Pattern, variable: string, call: PatternCall): string | null {
  if (call.outputs.some((binding) => binding.variable === variable)) {
    return `${variable} is an output of this ${call.op}: a call cannot feed itself`
  }
  const loop = call.outputs.find((binding) => dependsOn(pattern, variable, binding.variable))
  return loop === undefined
    ? null
    : `${variable} is computed from ${call.op}'s output ${loop.name}: that would be a cycle`
}

function definesVariable(pattern: Pattern, call: PatternCall, variable: string): string | null {
  const definition = definitionOf(pattern, variable)
  if (definition !== null) return `${variable} is already defined by ${definition}`
  const loop = call.inputs.find((binding) => dependsOn(pattern, binding.variable, variable))
  return loop === undefined ? null : `${call.op}'s input ${loop.name} is computed from ${variable}`
}

/**
 * Why a wire from `source` (a variable or an output) to `target` (a variable or an input)
 * cannot be drawn, or null when it can.
 */
export function connectionProblem(
  pattern: Pattern,
  source: PortRef,
  target: PortRef,
): string | null {
  if (source.kind === 'input') return 'an input takes a value; drag from an output or a variable'
  if (target.kind === 'output') return 'an output gives a value; drop it on an input or a variable'
  if (source.kind === 'variable' && target.kind === 'variable') {
    return 'connect a variable to an op input, not to another variable'
  }
  if (target.kind === 'input') {
    const call = findCall(pattern, target.callId)
    if (call === undefined) return 'that call is gone'
    if (source.kind === 'variable') return feedsCall(pattern, source.variable, call)
    if (source.callId === target.callId) return `a call of ${call.op} cannot feed itself`
    const from = findCall(pattern, source.callId)
    if (from === undefined) return 'that call is gone'
    const bound = from.outputs.find((binding) => binding.name === source.name)?.variable
    if (bound !== undefined) return feedsCall(pattern, bound, call)
    const loop = from.inputs.find((binding) =>
      call.outputs.some((output) => dependsOn(pattern, binding.variable, output.variable)),
    )
    return loop === undefined
      ? null
      : `${from.op} is computed from ${call.op}: that would be a cycle`
  }
  // Output → variable.
  if (source.kind !== 'output') return 'drag from an output or a variable'
  const call = findCall(pattern, source.callId)
  if (call === undefined) return 'that call is gone'
  const current = call.outputs.find((binding) => binding.name === source.name)?.variable
  if (current === target.variable) return null
  return definesVariable(pattern, call, target.variable)
}

function bind(
  call: PatternCall,
  side: 'inputs' | 'outputs',
  name: string,
  variable: string,
): PatternCall {
  const others = call[side].filter((binding) => binding.name !== name)
  return { ...call, [side]: [...others, { name, variable }] }
}

function replaceCall(pattern: Pattern, call: PatternCall): Pattern {
  return { ...pattern, calls: pattern.calls.map((old) => (old.id === call.id ? call : old)) }
}

/** Draws a wire (checked with connectionProblem first); unchanged when it cannot be drawn. */
export function connect(
  draft: PatternDraft,
  source: PortRef,
  target: PortRef,
  catalog: OpCatalog,
): PatternDraft {
  if (connectionProblem(draft.pattern, source, target) !== null) return draft
  let next = draft
  let variable: string
  if (source.kind === 'variable') variable = source.variable
  else if (source.kind === 'output' && target.kind === 'input') {
    const resolved = variableForOutput(next, source.callId, source.name, catalog)
    if (resolved === null) return draft
    next = resolved.draft
    variable = resolved.variable
  } else if (source.kind === 'output' && target.kind === 'variable') {
    const call = findCall(next.pattern, source.callId)
    if (call === undefined) return draft
    const pattern = replaceCall(next.pattern, bind(call, 'outputs', source.name, target.variable))
    return {
      ...next,
      pattern: dropOrphans(
        pattern,
        call.outputs.map((b) => b.variable),
      ),
    }
  } else return draft
  if (target.kind !== 'input') return draft
  const call = findCall(next.pattern, target.callId)
  if (call === undefined) return draft
  const previous = call.inputs.find((binding) => binding.name === target.name)?.variable
  const pattern = replaceCall(next.pattern, bind(call, 'inputs', target.name, variable))
  return { ...next, pattern: dropOrphans(pattern, previous === undefined ? [] : [previous]) }
}

/** Removes variables among `candidates` that nothing mentions any more (and are not pinned). */
function dropOrphans(pattern: Pattern, candidates: readonly string[]): Pattern {
  const orphans = new Set(candidates.filter((id) => !isConnected(pattern, id)))
  if (orphans.size === 0) return pattern
  return {
    ...pattern,
    variables: pattern.variables.filter((variable) => !orphans.has(variable.id)),
    select: pattern.select.filter((id) => !orphans.has(id)),
  }
}

/** What a Delete key press removes: nodes and wires, by pattern id. */
export interface Removal {
  readonly calls?: readonly string[]
  readonly variables?: readonly string[]
  readonly elementsOf?: readonly number[]
  readonly collectionsOf?: readonly number[]
  readonly bindings?: readonly {
    readonly callId: string
    readonly side: 'inputs' | 'outputs'
    readonly name: string
  }[]
}

/**
 * Removes the given parts. Variables that only served a removed call or wire go with it, so
 * deleting an op does not leave its outputs dangling.
 */
export function removeParts(draft: PatternDraft, removal: Removal): PatternDraft {
  const { pattern } = draft
  const calls = new Set(removal.calls ?? [])
  const variables = new Set(removal.variables ?? [])
  const elements = new Set(removal.elementsOf ?? [])
  const collections = new Set(removal.collectionsOf ?? [])
  const touched: string[] = []
  const bindingGone = (callId: string, side: 'inputs' | 'outputs', name: string): boolean =>
    (removal.bindings ?? []).some(
      (binding) => binding.callId === callId && binding.side === side && binding.name === name,
    )
  const keptCalls = pattern.calls
    .filter((call) => {
      if (!calls.has(call.id)) return true
      touched.push(...[...call.inputs, ...call.outputs].map((binding) => binding.variable))
      return false
    })
    .map((call) => {
      const keep = (side: 'inputs' | 'outputs') =>
        call[side].filter((binding) => {
          const gone = variables.has(binding.variable) || bindingGone(call.id, side, binding.name)
          if (gone) touched.push(binding.variable)
          return !gone
        })
      return { ...call, inputs: keep('inputs'), outputs: keep('outputs') }
    })
  const elementsOf = pattern.elementsOf.filter((edge, index) => {
    const gone =
      elements.has(index) ||
      [edge.collection, edge.element, edge.key].some((id) => id !== null && variables.has(id))
    if (gone) touched.push(edge.collection, edge.element, ...(edge.key === null ? [] : [edge.key]))
    return !gone
  })
  const collectionsOf = pattern.collectionsOf.flatMap((edge, index) => {
    if (collections.has(index) || variables.has(edge.collection)) {
      touched.push(edge.collection, ...edge.elements.map(({ element }) => element))
      return []
    }
    const kept = edge.elements.filter(
      ({ element, key }) => !variables.has(element) && (key === null || !variables.has(key)),
    )
    return [{ ...edge, elements: kept }]
  })
  const next: Pattern = {
    ...pattern,
    variables: pattern.variables.filter((variable) => !variables.has(variable.id)),
    calls: keptCalls,
    elementsOf,
    collectionsOf,
    select: pattern.select.filter((id) => !variables.has(id)),
  }
  const remaining = dropOrphans(next, touched)
  const ids = new Set(remaining.variables.map((variable) => variable.id))
  return { pattern: remaining, autoNamed: draft.autoNamed.filter((id) => ids.has(id)) }
}

/** Why `name` cannot be the variable's new name, or null when it can. */
export function renameProblem(pattern: Pattern, from: string, name: string): string | null {
  if (name === from) return null
  const problem = identifierProblem(name)
  if (problem !== null) return `'${name}' cannot name a variable: ${problem}`
  if (pattern.variables.some((variable) => variable.id === name)) {
    return `a variable '${name}' already exists`
  }
  if (pattern.calls.some((call) => call.id === name || call.op === name)) {
    return `'${name}' is already the name of a call or an op`
  }
  return null
}

export function renameVariable(draft: PatternDraft, from: string, name: string): PatternDraft {
  if (name === from || renameProblem(draft.pattern, from, name) !== null) return draft
  return {
    pattern: renameEverywhere(draft.pattern, from, name),
    autoNamed: draft.autoNamed.filter((id) => id !== from),
  }
}

/** Why the variable cannot be pinned (something else defines it), or null. */
export function pinProblem(pattern: Pattern, variable: string): string | null {
  const declared = pattern.variables.find((candidate) => candidate.id === variable)
  if (declared === undefined) return `no variable '${variable}'`
  if (declared.pin !== null) return null
  const definition = definitionOf(pattern, variable)
  return definition === null ? null : `${variable} is computed by ${definition}`
}

export function pinVariable(
  draft: PatternDraft,
  variable: string,
  pin: readonly PinValue[] | null,
): PatternDraft {
  if (pin !== null && pinProblem(draft.pattern, variable) !== null) return draft
  const pattern: Pattern = {
    ...draft.pattern,
    variables: draft.pattern.variables.map((candidate) =>
      candidate.id === variable ? { ...candidate, pin } : candidate,
    ),
  }
  return { ...draft, pattern: pin === null ? dropOrphans(pattern, [variable]) : pattern }
}

/** Adds the variable to the result columns, or takes it out. */
export function toggleSelected(draft: PatternDraft, variable: string): PatternDraft {
  const { pattern } = draft
  if (!pattern.variables.some((candidate) => candidate.id === variable)) return draft
  const select = pattern.select.includes(variable)
    ? pattern.select.filter((id) => id !== variable)
    : [...pattern.select, variable]
  return { ...draft, pattern: { ...pattern, select } }
}

/** A free variable on its own (the canvas's "add variable"), selected. */
export function addFreeVariable(
  draft: PatternDraft,
  base: string,
  catalog: OpCatalog,
): { readonly draft: PatternDraft; readonly variable: string } {
  const variable = freshVariableName(draft.pattern, base, catalog)
  const pattern: Pattern = {
    ...draft.pattern,
    variables: [...draft.pattern.variables, { kind: 'variable', id: variable, pin: null }],
    select: [...draft.pattern.select, variable],
  }
  return { draft: { ...draft, pattern }, variable }
}
