/**
 * A structural check of pattern data arriving over the wire: the right kinds of fields in the
 * right places, so the engine's validation (SPEC Q1, `query.invalid`) never walks a malformed
 * object. Meaning (unknown ops, dangling variables, ...) is the engine's to judge.
 */

type Check = (value: unknown) => string | null

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Patterns are drawn by hand: thousands of nodes is not one of ours. */
const MAX_PATTERN_ITEMS = 10_000

function listOf(what: string, check: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) return `${what} must be an array`
    if (value.length > MAX_PATTERN_ITEMS) return `${what} has more than ${MAX_PATTERN_ITEMS} items`
    for (const [index, item] of (value as unknown[]).entries()) {
      const problem = check(item)
      if (problem !== null) return `${what}[${index}]: ${problem}`
    }
    return null
  }
}

function fields(shape: Readonly<Record<string, Check>>): Check {
  return (value) => {
    if (!isRecord(value)) return 'must be an object'
    for (const [key, check] of Object.entries(shape)) {
      const problem = check(value[key])
      if (problem !== null) return `\`${key}\` ${problem}`
    }
    return null
  }
}

const text: Check = (value) => (typeof value === 'string' ? null : 'must be a string')
const textOrNull: Check = (value) =>
  value === null || typeof value === 'string' ? null : 'must be a string or null'
const literal =
  (expected: string): Check =>
  (value) =>
    value === expected ? null : `must be '${expected}'`

function isPinLiteral(value: unknown, depth: number): boolean {
  if (depth > 100) return false
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every((item) => isPinLiteral(item, depth + 1))
  return isRecord(value) && Object.values(value).every((item) => isPinLiteral(item, depth + 1))
}

const pinValue: Check = (value) => {
  if (!isRecord(value)) return 'must be an object'
  if (value.kind === 'cid') return text(value.cid) === null ? null : '`cid` must be a string'
  if (value.kind === 'literal') {
    return isPinLiteral(value.value, 0) ? null : '`value` must be JSON-like data'
  }
  return "`kind` must be 'literal' or 'cid'"
}

const version: Check = (value) => {
  if (!isRecord(value)) return 'must be an object'
  if (value.kind === 'current' || value.kind === 'all') return null
  if (value.kind === 'exact') {
    return typeof value.versionKey === 'string' ? null : '`versionKey` must be a string'
  }
  return "`kind` must be 'current', 'all' or 'exact'"
}

const binding = fields({ name: text, variable: text })

const variable = fields({
  kind: literal('variable'),
  id: text,
  pin: (value) => (value === null ? null : listOf('pin', pinValue)(value)),
})

const call = fields({
  kind: literal('call'),
  id: text,
  op: text,
  version,
  inputs: listOf('inputs', binding),
  outputs: listOf('outputs', binding),
})

const elementOf = fields({
  kind: literal('elementOf'),
  collection: text,
  element: text,
  key: textOrNull,
})

const collectionOf = fields({
  kind: literal('collectionOf'),
  collection: text,
  collectionKind: (value) =>
    value === 'list' || value === 'object' || value === 'map' || value === 'set'
      ? null
      : "must be 'list', 'object', 'map' or 'set'",
  elements: listOf('elements', fields({ element: text, key: textOrNull })),
})

const pattern = fields({
  kind: literal('pattern'),
  variables: listOf('variables', variable),
  calls: listOf('calls', call),
  elementsOf: listOf('elementsOf', elementOf),
  collectionsOf: listOf('collectionsOf', collectionOf),
  select: listOf('select', text),
})

/** Why `value` is not shaped like a Pattern, or null when it is. */
export function patternShapeProblem(value: unknown): string | null {
  return pattern(value)
}
