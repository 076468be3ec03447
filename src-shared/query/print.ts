import type {
  CollectionOf,
  ElementOf,
  OpCatalog,
  OpShape,
  Pattern,
  PatternCall,
  PinLiteral,
  PinValue,
  VersionConstraint,
} from './pattern'
import { assertValidPattern, identifierProblem, isOpInput, restIndex } from './validate'

/**
 * SPEC rule Q5: writes a pattern as the code `storage.query` takes and `parseQuery` reads back.
 * Deterministic (the same pattern gives the same text) and pure, so the renderer can use it.
 *
 * Each variable is declared by exactly one statement: `q.any()` / `q.value(...)` / `q.oneOf(...)`
 * / `q.cid(...)` for variables nothing defines, else the op call, `q.elementOf` or
 * `q.collectionOf` that defines it. Statements come in dependency order; among those that could
 * come next, the pattern's own order (calls, then elementsOf, then collectionsOf) decides, and
 * free variables are declared just before their first use.
 *
 * Throws `query.invalid` for a pattern that is invalid even without a catalog. Ops the catalog
 * does not know (or calls it cannot express positionally) are written with `q.call`.
 */
export function printPattern(pattern: Pattern, catalog: OpCatalog): string {
  assertValidPattern(pattern)
  const statements = [
    ...pattern.calls.map((call) => callStatement(call, catalog.get(call.op))),
    ...pattern.elementsOf.map(elementStatement),
    ...pattern.collectionsOf.map(collectionStatement),
  ]
  const defined = new Set(statements.flatMap((statement) => statement.defines))
  const used = new Set(statements.flatMap((statement) => statement.uses))
  const pins = new Map(pattern.variables.map((variable) => [variable.id, variable.pin]))
  const declared = new Set<string>()
  const lines: string[] = []
  const declare = (id: string): void => {
    if (declared.has(id)) return
    declared.add(id)
    lines.push(`const ${id} = ${variableSource(pins.get(id) ?? null)}`)
  }

  // Variables no statement mentions (selected-only or pinned alone) come first.
  for (const variable of pattern.variables) {
    if (!defined.has(variable.id) && !used.has(variable.id)) declare(variable.id)
  }
  const pending = [...statements]
  while (pending.length > 0) {
    const index = pending.findIndex((statement) =>
      statement.uses.every((id) => declared.has(id) || !defined.has(id)),
    )
    // Validation rules out cycles, so some statement is always ready.
    const next = pending.splice(index === -1 ? 0 : index, 1)[0]
    if (next === undefined) break
    for (const id of next.uses) declare(id)
    lines.push(next.text)
    for (const id of next.defines) declared.add(id)
  }
  lines.push(`return {${pattern.select.length === 0 ? '' : ` ${pattern.select.join(', ')} `}}`)
  return `(q) => {\n${lines.map((line) => `  ${line}`).join('\n')}\n}`
}

/** A value written out as a literal: JSON-like, strings in single quotes, -0 kept. */
export function printLiteral(value: PinLiteral): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  if (typeof value === 'string') return quote(value)
  if (Array.isArray(value))
    return `[${(value as readonly PinLiteral[]).map(printLiteral).join(', ')}]`
  const record = value as { readonly [key: string]: PinLiteral }
  const entries = Object.keys(record).map(
    (key) => `${propertyKey(key)}: ${printLiteral(record[key] ?? null)}`,
  )
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`
}

interface Statement {
  readonly text: string
  /** Variables the statement declares. */
  readonly defines: readonly string[]
  /** Variables it reads, in the order they appear in its text. */
  readonly uses: readonly string[]
}

function variableSource(pin: readonly PinValue[] | null): string {
  if (pin === null) return 'q.any()'
  const [only] = pin
  if (pin.length === 1 && only !== undefined) {
    return only.kind === 'cid' ? pinSource(only) : `q.value(${pinSource(only)})`
  }
  return `q.oneOf(${pin.map(pinSource).join(', ')})`
}

function pinSource(value: PinValue): string {
  return value.kind === 'cid' ? `q.cid(${quote(value.cid)})` : printLiteral(value.value)
}

function elementStatement(edge: ElementOf): Statement {
  const key = edge.key === null ? '' : `, ${edge.key}`
  return {
    text: `const ${edge.element} = q.elementOf(${edge.collection}${key})`,
    defines: [edge.element],
    uses: edge.key === null ? [edge.collection] : [edge.collection, edge.key],
  }
}

function collectionStatement(edge: CollectionOf): Statement {
  const elements = edge.elements.map(({ element }) => element)
  const keys = edge.elements.map(({ key }) => key)
  const keyText = keys.some((key) => key !== null)
    ? `, [${keys.map((key) => key ?? 'null').join(', ')}]`
    : ''
  return {
    text: `const ${edge.collection} = q.collectionOf(${quote(edge.collectionKind)}, [${elements.join(', ')}]${keyText})`,
    defines: [edge.collection],
    uses: [...elements, ...keys.filter((key): key is string => key !== null)],
  }
}

function callStatement(call: PatternCall, shape: OpShape | undefined): Statement {
  const defines = call.outputs.map(({ variable }) => variable)
  const target = shape === undefined ? null : outputTarget(call, shape)
  const args = shape === undefined ? null : argumentList(call, shape)
  if (shape === undefined || target === null || args === null) {
    // The catalog cannot place every binding: name them all.
    const inputs = call.inputs.map(({ name, variable }) => property(name, variable))
    const options = versionOption(call.version)
    const outputs = call.outputs.map(({ name, variable }) => property(name, variable))
    const head = outputs.length === 0 ? '' : `const { ${outputs.join(', ')} } = `
    const inputText = inputs.length === 0 ? '{}' : `{ ${inputs.join(', ')} }`
    return {
      text: `${head}q.call(${quote(call.op)}, ${inputText}${options === '' ? '' : `, ${options}`})`,
      defines,
      uses: call.inputs.map(({ variable }) => variable),
    }
  }
  const callee =
    identifierProblem(call.op) === null && call.version.kind === 'current'
      ? call.op
      : `q.op(${quote(call.op)}${call.version.kind === 'current' ? '' : `, ${versionOption(call.version)}`})`
  return { text: `${target}${callee}(${args.text})`, defines, uses: args.uses }
}

/** `const x = `, `const [a, , c] = ` or nothing; null when an output is not the op's. */
function outputTarget(call: PatternCall, shape: OpShape): string | null {
  if (call.outputs.length === 0) return ''
  const slots: string[] = []
  for (const { name, variable } of call.outputs) {
    const position = shape.outputs.indexOf(name)
    if (position === -1) return null
    slots[position] = variable
  }
  if (shape.outputs.length === 1) return `const ${slots[0] ?? ''} = `
  return `const [${Array.from(slots, (slot) => slot ?? '').join(', ')}] = `
}

/** The arguments as the op takes them; null when an input is not one of its parameters. */
function argumentList(
  call: PatternCall,
  shape: OpShape,
): { readonly text: string; readonly uses: readonly string[] } | null {
  if (!call.inputs.every(({ name }) => isOpInput(shape, name))) return null
  if (shape.destructured) {
    // Declared keys in parameter order, then any keys a `...rest` parameter took.
    const rank = (name: string): number => {
      const index = shape.inputs.indexOf(name)
      return index === -1 ? shape.inputs.length : index
    }
    const inputs = [...call.inputs].sort((a, b) => rank(a.name) - rank(b.name))
    return {
      text:
        inputs.length === 0
          ? ''
          : `{ ${inputs.map(({ name, variable }) => property(name, variable)).join(', ')} }`,
      uses: inputs.map(({ variable }) => variable),
    }
  }
  const slots: string[] = []
  for (const { name, variable } of call.inputs) {
    const index = shape.inputs.indexOf(name)
    slots[index === -1 ? shape.inputs.length + (restIndex(shape, name) ?? 0) : index] = variable
  }
  const args = Array.from(slots, (slot) => slot ?? 'undefined')
  return { text: args.join(', '), uses: args.filter((arg) => arg !== 'undefined') }
}

function versionOption(version: VersionConstraint): string {
  if (version.kind === 'current') return ''
  return `{ version: ${quote(version.kind === 'all' ? 'all' : version.versionKey)} }`
}

/** `key: variable`, or the shorthand `key` when they are the same name. */
function property(key: string, variable: string): string {
  return key === variable ? key : `${propertyKey(key)}: ${variable}`
}

/**
 * Keys are written bare only when they are plain ASCII names: quoting is always safe, while
 * newer Unicode letters may be identifiers to the runtime but not to the parser's tables.
 */
function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key)
}

/** A single-quoted string literal; control characters and lone surrogates escaped. */
function quote(text: string): string {
  let out = "'"
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index)
    const code = text.charCodeAt(index)
    if (char === "'" || char === '\\') out += `\\${char}`
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (char === '\t') out += '\\t'
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      out += text.slice(index, index + 2)
      index++
    } else if (
      code < 0x20 ||
      code === 0x7f ||
      (code >= 0xd800 && code <= 0xdfff) ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      out += `\\u${code.toString(16).padStart(4, '0')}`
    } else out += char
  }
  return `${out}'`
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}
