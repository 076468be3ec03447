import type {
  Binding,
  CollectionOf,
  ElementOf,
  Pattern,
  PatternCall,
  PatternVariable,
  PinLiteral,
  PinValue,
} from './pattern'

/**
 * The canonical form of a pattern: two patterns mean the same query exactly when their
 * canonical forms are equal. Order carries no meaning anywhere except in `select` (column
 * order), and call ids are only names, so calls are renamed `call0`, `call1`, ... in content
 * order. Variable ids are kept: they are the column names and what users refer to.
 */
export function normalizePattern(pattern: Pattern): Pattern {
  const variables = pattern.variables.map(normalizeVariable).sort((a, b) => compareText(a.id, b.id))
  const calls = pattern.calls
    .map((call) => ({
      call: {
        ...call,
        inputs: sortBindings(call.inputs),
        outputs: sortBindings(call.outputs),
      },
    }))
    .map(({ call }) => ({ call, content: canonicalText(callContent(call)) }))
    .sort((a, b) => compareText(a.content, b.content))
  const prefix = callIdPrefix(pattern.variables)
  const elementsOf: ElementOf[] = pattern.elementsOf
    .map((edge) => ({ ...edge }))
    .sort((a, b) => compareText(canonicalText(edgeContent(a)), canonicalText(edgeContent(b))))
  const collectionsOf: CollectionOf[] = pattern.collectionsOf
    .map((edge) => ({
      ...edge,
      elements: [...edge.elements]
        .map(({ element, key }) => ({ element, key }))
        .sort((a, b) =>
          compareText(canonicalText([a.element, a.key]), canonicalText([b.element, b.key])),
        ),
    }))
    .sort((a, b) =>
      compareText(canonicalText(collectionContent(a)), canonicalText(collectionContent(b))),
    )
  return {
    kind: 'pattern',
    variables,
    calls: calls.map(({ call }, index): PatternCall => ({ ...call, id: `${prefix}${index}` })),
    elementsOf,
    collectionsOf,
    select: [...pattern.select],
  }
}

/** Whether two patterns mean the same query (equal canonical forms). */
export function patternsEquivalent(a: Pattern, b: Pattern): boolean {
  return canonicalText(normalizePattern(a)) === canonicalText(normalizePattern(b))
}

/** Pins are sets of values: sorted, with object keys in a fixed order (V4: key order is no part of a value). */
function normalizeVariable(variable: PatternVariable): PatternVariable {
  if (variable.pin === null) return { kind: 'variable', id: variable.id, pin: null }
  const pin = variable.pin
    .map((value): PinValue =>
      value.kind === 'cid'
        ? { kind: 'cid', cid: value.cid }
        : { kind: 'literal', value: sortKeys(value.value) },
    )
    .sort((a, b) => compareText(canonicalText(a), canonicalText(b)))
  return { kind: 'variable', id: variable.id, pin }
}

function sortKeys(value: PinLiteral): PinLiteral {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return (value as readonly PinLiteral[]).map(sortKeys)
  const record = value as { readonly [key: string]: PinLiteral }
  return Object.fromEntries(
    Object.keys(record)
      .sort(compareText)
      .map((key) => [key, sortKeys(record[key] ?? null)]),
  )
}

function sortBindings(bindings: readonly Binding[]): Binding[] {
  return bindings
    .map(({ name, variable }) => ({ name, variable }))
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.variable, b.variable))
}

function callContent(call: PatternCall): unknown {
  return [call.op, call.version, call.inputs, call.outputs]
}

function edgeContent(edge: ElementOf): unknown {
  return [edge.collection, edge.element, edge.key]
}

function collectionContent(edge: CollectionOf): unknown {
  return [edge.collection, edge.collectionKind, edge.elements]
}

/** `call` unless a variable is named `call<n>`; then `call_`, `call__`, ... */
function callIdPrefix(variables: readonly PatternVariable[]): string {
  let prefix = 'call'
  while (
    variables.some(
      (variable) =>
        variable.id.startsWith(prefix) && /^\d+$/.test(variable.id.slice(prefix.length)),
    )
  ) {
    prefix += '_'
  }
  return prefix
}

/** Code-unit order, independent of locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Deterministic text of plain data: object keys sorted, -0 kept apart from 0 (V2), lone
 * surrogates escaped by JSON.stringify.
 */
function canonicalText(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(',')}]`
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>
    const entries = Object.keys(record)
      .sort(compareText)
      .map((key) => `${JSON.stringify(key)}:${canonicalText(record[key])}`)
    return `{${entries.join(',')}}`
  }
  // Not plain data (validation rejects it); named by type so it never equals plain data.
  return `<${typeof value}>`
}
