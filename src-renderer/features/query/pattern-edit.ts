/**
 * Adding ops to a drawn pattern, with auto-wiring: the op picker's choice is connected to the
 * port or variable the user dragged from, to existing variables whose names match its inputs,
 * and gets new variables for its outputs. Pure: a pattern (plus which names were generated)
 * goes in, a new one comes out.
 */
import {
  CURRENT_VERSION,
  type Binding,
  type OpCatalog,
  type Pattern,
  type PatternCall,
} from '../../../src-shared/query/pattern'
import {
  definitionOf,
  dependsOn,
  freshCallId,
  freshVariableName,
  outputVariableBase,
} from './pattern-names'

/** Where the op picker was opened from; null for a free-standing op. */
export type PickerAnchor =
  | { readonly kind: 'variable'; readonly variable: string }
  | { readonly kind: 'output'; readonly callId: string; readonly output: string }
  | { readonly kind: 'input'; readonly callId: string; readonly input: string }
  | null

/**
 * A pattern being drawn; `autoNamed` variables still carry names generated for anonymous
 * outputs (`trainForestOut`), which give way to the name of the input they are wired into.
 */
export interface PatternDraft {
  readonly pattern: Pattern
  readonly autoNamed: readonly string[]
}

export interface AddOpResult {
  readonly draft: PatternDraft
  readonly callId: string
  /** Variables the edit created, in order. */
  readonly createdVariables: readonly string[]
  /** Variables renamed by the edit (old id → new id), so their positions can follow. */
  readonly renamed: ReadonlyMap<string, string>
}

export function emptyDraft(pattern: Pattern): PatternDraft {
  return { pattern, autoNamed: [] }
}

function withVariable(pattern: Pattern, id: string, selected: boolean): Pattern {
  return {
    ...pattern,
    variables: [...pattern.variables, { kind: 'variable', id, pin: null }],
    select: selected ? [...pattern.select, id] : pattern.select,
  }
}

function replaceCall(pattern: Pattern, call: PatternCall): Pattern {
  return { ...pattern, calls: pattern.calls.map((old) => (old.id === call.id ? call : old)) }
}

function bindInput(call: PatternCall, name: string, variable: string): PatternCall {
  const inputs = call.inputs.filter((binding) => binding.name !== name)
  return { ...call, inputs: [...inputs, { name, variable }] }
}

/** Renames a variable everywhere it appears. */
export function renameEverywhere(pattern: Pattern, from: string, to: string): Pattern {
  const swap = (id: string): string => (id === from ? to : id)
  const rebind = (bindings: readonly Binding[]): Binding[] =>
    bindings.map(({ name, variable }) => ({ name, variable: swap(variable) }))
  return {
    ...pattern,
    variables: pattern.variables.map((variable) => ({ ...variable, id: swap(variable.id) })),
    calls: pattern.calls.map((call) => ({
      ...call,
      inputs: rebind(call.inputs),
      outputs: rebind(call.outputs),
    })),
    elementsOf: pattern.elementsOf.map((edge) => ({
      ...edge,
      collection: swap(edge.collection),
      element: swap(edge.element),
      key: edge.key === null ? null : swap(edge.key),
    })),
    collectionsOf: pattern.collectionsOf.map((edge) => ({
      ...edge,
      collection: swap(edge.collection),
      elements: edge.elements.map(({ element, key }) => ({
        element: swap(element),
        key: key === null ? null : swap(key),
      })),
    })),
    select: pattern.select.map(swap),
  }
}

/**
 * The variable an output port stands for; an unbound output first gets a new (generated)
 * variable. Returns null when the call does not exist.
 */
export function variableForOutput(
  draft: PatternDraft,
  callId: string,
  output: string,
  catalog: OpCatalog,
): { readonly draft: PatternDraft; readonly variable: string; readonly created: boolean } | null {
  const call = draft.pattern.calls.find((candidate) => candidate.id === callId)
  if (call === undefined) return null
  const bound = call.outputs.find((binding) => binding.name === output)
  if (bound !== undefined) return { draft, variable: bound.variable, created: false }
  const count = catalog.get(call.op)?.outputs.length ?? 1
  const variable = freshVariableName(
    draft.pattern,
    outputVariableBase(call.op, output, count),
    catalog,
  )
  const pattern = replaceCall(withVariable(draft.pattern, variable, true), {
    ...call,
    outputs: [...call.outputs, { name: output, variable }],
  })
  return {
    draft: {
      pattern,
      autoNamed: isAnonymous(output) ? [...draft.autoNamed, variable] : draft.autoNamed,
    },
    variable,
    created: true,
  }
}

/** Outputs an op did not name (`output_0`): their variables get generated names. */
function isAnonymous(output: string): boolean {
  return /^output_\d+$/.test(output)
}

/** The input a variable dragged onto a new op binds to: same name first, else the first one. */
function inputForVariable(inputs: readonly string[], rest: string | null, variable: string) {
  if (inputs.includes(variable)) return variable
  return inputs[0] ?? (rest === null ? undefined : `${rest}_0`)
}

/** Adds a call of `op`, wired to the anchor and to same-named variables (see the file comment). */
export function addOp(
  start: PatternDraft,
  op: string,
  catalog: OpCatalog,
  anchor: PickerAnchor,
): AddOpResult {
  const shape = catalog.get(op)
  const inputs = shape?.inputs ?? []
  const outputs = shape?.outputs ?? ['output_0']
  let draft = start
  let anchorVariable: string | null = null
  const created: string[] = []
  if (anchor?.kind === 'output') {
    const resolved = variableForOutput(draft, anchor.callId, anchor.output, catalog)
    if (resolved !== null) {
      draft = resolved.draft
      anchorVariable = resolved.variable
      if (resolved.created) created.push(resolved.variable)
    }
  } else if (anchor?.kind === 'variable') {
    anchorVariable = anchor.variable
  }
  let pattern = draft.pattern
  let autoNamed = [...draft.autoNamed]
  const callId = freshCallId(pattern)
  let call: PatternCall = {
    kind: 'call',
    id: callId,
    op,
    version: CURRENT_VERSION,
    inputs: [],
    outputs: [],
  }

  // Outputs: the one feeding the anchor input (dragged backwards), then one variable each.
  const target =
    anchor?.kind === 'input'
      ? pattern.calls.find((candidate) => candidate.id === anchor.callId)
      : undefined
  const feeding =
    anchor?.kind === 'input' ? (outputs.find((name) => name === anchor.input) ?? outputs[0]) : null
  for (const output of outputs) {
    let variable: string
    if (anchor?.kind === 'input' && target !== undefined && output === feeding) {
      const bound = target.inputs.find((binding) => binding.name === anchor.input)?.variable
      if (bound !== undefined && definitionOf(pattern, bound) === null) variable = bound
      else {
        variable = freshVariableName(pattern, anchor.input, catalog)
        pattern = withVariable(pattern, variable, false)
        created.push(variable)
      }
      pattern = replaceCall(pattern, bindInput(target, anchor.input, variable))
    } else {
      variable = freshVariableName(pattern, outputVariableBase(op, output, outputs.length), catalog)
      pattern = withVariable(pattern, variable, true)
      if (isAnonymous(output)) autoNamed.push(variable)
      created.push(variable)
    }
    call = { ...call, outputs: [...call.outputs, { name: output, variable }] }
  }
  const outputVariables = call.outputs.map(({ variable }) => variable)
  const wouldCycle = (variable: string): boolean =>
    outputVariables.some((output) => output === variable || dependsOn(pattern, variable, output))

  const wired: string[] = []
  const renamed = new Map<string, string>()
  if (anchorVariable !== null) {
    const input = inputForVariable(inputs, shape?.rest ?? null, anchorVariable)
    if (input !== undefined && !wouldCycle(anchorVariable)) {
      let variable = anchorVariable
      // A generated name gives way to the name of the input it now feeds (`trees`).
      if (input !== variable && autoNamed.includes(variable)) {
        const better = freshVariableName(pattern, input, catalog)
        if (better === input) {
          pattern = renameEverywhere(pattern, variable, input)
          autoNamed = autoNamed.filter((id) => id !== variable)
          renamed.set(variable, input)
          variable = input
        }
      }
      call = bindInput(call, input, variable)
      wired.push(variable)
    }
  }
  for (const input of inputs) {
    if (call.inputs.some((binding) => binding.name === input)) continue
    const exists = pattern.variables.some((variable) => variable.id === input)
    if (exists && !wouldCycle(input)) {
      call = bindInput(call, input, input)
      wired.push(input)
    }
  }
  // A chained op's other inputs become free variables (and columns), so the table shows what
  // each matched call was given. A free-standing op leaves them open: parameters with defaults
  // are often omitted from calls (O3), and binding them would match nothing.
  if (anchor !== null) {
    for (const input of inputs) {
      if (call.inputs.some((binding) => binding.name === input)) continue
      const variable = freshVariableName(pattern, input, catalog)
      pattern = withVariable(pattern, variable, true)
      created.push(variable)
      call = bindInput(call, input, variable)
    }
  }
  // Intermediate results drop out of the columns once something consumes them.
  const consumed = new Set(
    wired.filter((variable) =>
      pattern.calls.some((other) => other.outputs.some((binding) => binding.variable === variable)),
    ),
  )
  pattern = {
    ...pattern,
    calls: [...pattern.calls, { ...call, inputs: orderInputs(call.inputs, inputs) }],
    select: pattern.select.filter((id) => !consumed.has(id)),
  }
  return {
    draft: { pattern, autoNamed },
    callId,
    createdVariables: created.map((id) => renamed.get(id) ?? id),
    renamed,
  }
}

function orderInputs(bindings: readonly Binding[], order: readonly string[]): Binding[] {
  const rank = (name: string): number => {
    const index = order.indexOf(name)
    return index === -1 ? order.length : index
  }
  return [...bindings].sort((a, b) => rank(a.name) - rank(b.name))
}

/** Binds a new free variable (named after the input, selected as a column) to an input. */
export function bindNewVariable(
  draft: PatternDraft,
  callId: string,
  input: string,
  catalog: OpCatalog,
): { readonly draft: PatternDraft; readonly variable: string } | null {
  const call = draft.pattern.calls.find((candidate) => candidate.id === callId)
  if (call === undefined) return null
  const variable = freshVariableName(draft.pattern, input, catalog)
  const pattern = replaceCall(withVariable(draft.pattern, variable, true), {
    ...call,
    inputs: orderInputs(
      bindInput(call, input, variable).inputs,
      catalog.get(call.op)?.inputs ?? [],
    ),
  })
  return { draft: { ...draft, pattern }, variable }
}
