import { CodedError } from '../errors'
import type { OpCatalog, OpShape, Pattern, PatternCall, PinValue } from './pattern'

/**
 * SPEC rule Q1: when a pattern is valid. Checked before a pattern is compiled, printed or
 * returned by the parser, so every problem is reported once, here, naming the node at fault.
 *
 * Beyond the listed rules, a valid pattern is one the code form (printPattern) can write: every
 * variable has at most one definition (a pin, a call output, the element of an elementOf or the
 * collection of a collectionOf) and definitions do not depend on themselves in a cycle.
 */
export interface PatternProblem {
  readonly message: string
  /** The variable or call at fault, by id. */
  readonly node: string | null
  /** Where in the node (`inputs.nTree`, `pin`, `select[2]`, `elementsOf[0].key`, ...). */
  readonly field: string | null
}

const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with yield let static implements interface package private ' +
    'protected public await arguments eval'
  ).split(' '),
)
const IDENTIFIER_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u
const CONTENT_ID = /^[A-Za-z0-9_-]{22}$/
const COLLECTION_KINDS = new Set(['list', 'object', 'map', 'set'])

/** Why `id` cannot name a variable (or an op written as a bare callee), or null when it can. */
export function identifierProblem(id: string): string | null {
  if (!IDENTIFIER_NAME.test(id)) return 'it is not a JavaScript identifier'
  if (RESERVED_WORDS.has(id)) return `'${id}' is a reserved word`
  if (id === 'q') return "'q' is the query object"
  if (id === 'undefined') return "'undefined' marks an unbound argument"
  return null
}

/** The input names a call of this op may bind: parameters, or rest inputs `<rest>_<n>`. */
export function isOpInput(shape: OpShape, name: string): boolean {
  if (shape.inputs.includes(name)) return true
  if (shape.rest === null) return false
  // A destructured parameter with `...rest` takes any key (O3).
  if (shape.destructured) return true
  return restIndex(shape, name) !== null
}

/** n for a rest input `<rest>_<n>` of a positional op, else null. */
export function restIndex(shape: OpShape, name: string): number | null {
  if (shape.rest === null || shape.destructured) return null
  const prefix = `${shape.rest}_`
  if (!name.startsWith(prefix)) return null
  const digits = name.slice(prefix.length)
  return /^(0|[1-9]\d{0,8})$/.test(digits) ? Number(digits) : null
}

/** The message for an op the catalog does not have, with a did-you-mean when one is close. */
export function unknownOpMessage(op: string, catalog: OpCatalog): string {
  const names = [...catalog.keys()].sort()
  const stored = names.length === 0 ? 'no ops are stored' : `stored ops: ${listNames(names)}`
  return `unknown op '${op}'; ${stored}${didYouMean(op, names)}`
}

export function validatePattern(pattern: Pattern, catalog?: OpCatalog): PatternProblem[] {
  const problems: PatternProblem[] = []
  const report = (node: string | null, field: string | null, message: string): void => {
    problems.push({ message, node, field })
  }
  const opNames = new Set(pattern.calls.map((call) => call.op))
  const ids = new Set<string>()
  const declared = new Set(pattern.variables.map((variable) => variable.id))

  for (const variable of pattern.variables) {
    const nameProblem = identifierProblem(variable.id)
    if (nameProblem !== null) {
      report(variable.id, 'id', `variable '${variable.id}' is not a valid name: ${nameProblem}`)
    } else if (opNames.has(variable.id)) {
      const why = 'it is the name of an op called in the pattern'
      report(variable.id, 'id', `variable '${variable.id}' is not a valid name: ${why}`)
    }
    if (ids.has(variable.id)) report(variable.id, 'id', `id '${variable.id}' is declared twice`)
    ids.add(variable.id)
    if (variable.pin !== null) checkPin(variable.id, variable.pin, report)
  }

  const roles = new RoleTracker()
  for (const call of pattern.calls) {
    const label = `call '${call.id}' (${call.op})`
    if (call.id === '') report(call.id, 'id', `a call of ${call.op} has an empty id`)
    else if (ids.has(call.id)) report(call.id, 'id', `id '${call.id}' is declared twice`)
    ids.add(call.id)
    const shape = catalog?.get(call.op)
    if (catalog !== undefined && shape === undefined) {
      report(call.id, 'op', `call '${call.id}': ${unknownOpMessage(call.op, catalog)}`)
    }
    checkVersion(call, label, shape, report)
    for (const side of ['inputs', 'outputs'] as const) {
      const seen = new Set<string>()
      for (const { name, variable } of call[side]) {
        const field = `${side}.${name}`
        const what = side === 'inputs' ? 'input' : 'output'
        if (seen.has(name)) report(call.id, field, `${label}: ${what} '${name}' is bound twice`)
        seen.add(name)
        if (!declared.has(variable)) {
          report(
            call.id,
            field,
            `${label}: ${what} '${name}' names undeclared variable '${variable}'`,
          )
        }
        if (shape !== undefined) checkBindingName(shape, side, name, label, call.id, report)
        const role = `${what} '${name}' of ${label}`
        roles.value(variable, role, call.id, field)
        if (side === 'outputs') roles.define(variable, role, call.id, field)
        else roles.use(variable, call.id)
      }
    }
  }

  pattern.elementsOf.forEach((edge, index) => {
    const at = `elementsOf[${index}]`
    const label = `elementOf ${at}`
    const node = edge.element
    for (const [part, id] of [
      ['collection', edge.collection],
      ['element', edge.element],
      ['key', edge.key],
    ] as const) {
      if (id !== null && !declared.has(id)) {
        report(node, `${at}.${part}`, `${label}: ${part} '${id}' is not a declared variable`)
      }
    }
    roles.value(edge.collection, `the collection of ${label}`, node, `${at}.collection`)
    roles.value(edge.element, `the element of ${label}`, node, `${at}.element`)
    roles.define(edge.element, `the element of ${label}`, node, `${at}.element`)
    roles.use(edge.collection, node)
    if (edge.key !== null) {
      roles.key(edge.key, `the key of ${label}`, node, `${at}.key`)
      roles.use(edge.key, node)
    }
  })

  pattern.collectionsOf.forEach((edge, index) => {
    const at = `collectionsOf[${index}]`
    const label = `collectionOf ${at}`
    const node = edge.collection
    if (!declared.has(edge.collection)) {
      report(node, `${at}.collection`, `${label}: '${node}' is not a declared variable`)
    }
    if (!COLLECTION_KINDS.has(edge.collectionKind)) {
      const kind = String(edge.collectionKind)
      report(node, `${at}.collectionKind`, `${label}: '${kind}' is not list, object, map or set`)
    }
    roles.value(node, `the collection of ${label}`, node, `${at}.collection`)
    roles.define(node, `the collection of ${label}`, node, `${at}.collection`)
    edge.elements.forEach(({ element, key }, position) => {
      const entry = `${at}.elements[${position}]`
      if (!declared.has(element)) {
        report(
          node,
          `${entry}.element`,
          `${label}: element '${element}' is not a declared variable`,
        )
      }
      roles.value(element, `an element of ${label}`, node, `${entry}.element`)
      roles.use(element, node)
      if (key === null) return
      if (!declared.has(key)) {
        report(node, `${entry}.key`, `${label}: key '${key}' is not a declared variable`)
      }
      if (edge.collectionKind === 'set') {
        report(node, `${entry}.key`, `${label}: a set has no keys, but element ${position} has one`)
      }
      roles.key(key, `a key of ${label}`, node, `${entry}.key`)
      roles.use(key, node)
    })
  })

  const selected = new Set<string>()
  pattern.select.forEach((id, index) => {
    if (!declared.has(id))
      report(id, `select[${index}]`, `selected '${id}' is not a declared variable`)
    if (selected.has(id)) report(id, `select[${index}]`, `variable '${id}' is selected twice`)
    selected.add(id)
  })

  roles.reportConflicts(pattern, report)
  const onlySelected =
    pattern.variables.length === 1 &&
    pattern.calls.length === 0 &&
    pattern.elementsOf.length + pattern.collectionsOf.length === 0 &&
    pattern.select.length === 1
  for (const variable of pattern.variables) {
    if (variable.pin !== null || roles.isConnected(variable.id) || onlySelected) continue
    const message = `variable '${variable.id}' is not connected to anything: use it in a call or an edge, pin it, or remove it`
    report(variable.id, null, message)
  }
  return problems
}

/** Throws `query.invalid` for the first problem; all problems are in details. */
export function assertValidPattern(pattern: Pattern, catalog?: OpCatalog): void {
  const problems = validatePattern(pattern, catalog)
  const first = problems[0]
  if (first === undefined) return
  const others = problems.length - 1
  const more = others === 0 ? '' : ` (and ${others} more problem${others === 1 ? '' : 's'})`
  throw new CodedError('query.invalid', `${first.message}${more}`, {
    node: first.node,
    field: first.field,
    problems,
  })
}

type Report = (node: string | null, field: string | null, message: string) => void

function checkVersion(
  call: PatternCall,
  label: string,
  shape: OpShape | undefined,
  report: Report,
): void {
  if (call.version.kind !== 'exact') return
  const key = call.version.versionKey
  // 'all' would print as `{ version: 'all' }` and read back as every version.
  if (key === '' || key === 'all') {
    report(call.id, 'version', `${label}: '${key}' cannot be a version key`)
  } else if (shape !== undefined && !shape.versions.includes(key)) {
    const versions = shape.versions.length === 0 ? 'none stored' : listNames(shape.versions)
    report(call.id, 'version', `${label}: '${key}' is not a version of ${call.op} (${versions})`)
  }
}

function checkBindingName(
  shape: OpShape,
  side: 'inputs' | 'outputs',
  name: string,
  label: string,
  node: string,
  report: Report,
): void {
  if (side === 'inputs' ? isOpInput(shape, name) : shape.outputs.includes(name)) return
  const known = side === 'inputs' ? shape.inputs : shape.outputs
  const rest = side === 'inputs' && shape.rest !== null ? [`...${shape.rest}`] : []
  const names = [...known, ...rest].join(', ') || 'none'
  const what =
    side === 'inputs'
      ? `a parameter of ${shape.op} (parameters: ${names})`
      : `an output of ${shape.op} (outputs: ${names})`
  report(node, `${side}.${name}`, `${label}: '${name}' is not ${what}${didYouMean(name, known)}`)
}

function checkPin(id: string, pin: readonly PinValue[], report: Report): void {
  if (!Array.isArray(pin) || pin.length === 0) {
    report(id, 'pin', `variable '${id}': a pin lists one or more values (null means unpinned)`)
    return
  }
  pin.forEach((value: PinValue, index) => {
    const field = pin.length === 1 ? 'pin' : `pin[${index}]`
    if (value.kind === 'cid') {
      if (typeof value.cid !== 'string' || !CONTENT_ID.test(value.cid)) {
        const message = `variable '${id}': '${String(value.cid)}' is not a content id (22 base64url characters)`
        report(id, field, message)
      }
      return
    }
    const problem = literalProblem(value.value, '', new Set())
    if (problem !== null)
      report(id, field, `variable '${id}': pinned value is not plain data: ${problem}`)
  })
}

/** Pins are written out as literals: only finite numbers, strings, booleans, null, arrays, objects. */
function literalProblem(value: unknown, path: string, open: Set<object>): string | null {
  const at = path === '' ? '' : ` at ${path}`
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return null
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : `${String(value)}${at} is not a finite number`
  }
  if (typeof value !== 'object') return `a ${typeof value}${at}`
  if (open.has(value)) return `a cycle${at}`
  open.add(value)
  try {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        if (!(index in value)) return `a hole at ${path}[${index}]`
        const problem = literalProblem(value[index], `${path}[${index}]`, open)
        if (problem !== null) return problem
      }
      return null
    }
    const prototype: unknown = Object.getPrototypeOf(value)
    if (prototype !== Object.prototype && prototype !== null) return `a class instance${at}`
    if (Object.getOwnPropertySymbols(value).length > 0) return `a symbol key${at}`
    for (const [key, entry] of Object.entries(value)) {
      // An object literal with a `__proto__` key sets the prototype instead of a property.
      if (key === '__proto__') return `the key '__proto__'${at}`
      const child = IDENTIFIER_NAME.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
      const problem = literalProblem(entry, child, open)
      if (problem !== null) return problem
    }
    return null
  } finally {
    open.delete(value)
  }
}

/** Which roles each variable plays, to find keys used as values and variables defined twice. */
class RoleTracker {
  private readonly values = new Map<string, { role: string; node: string; field: string }>()
  private readonly keys = new Map<string, { role: string; node: string; field: string }>()
  private readonly definitions = new Map<string, { role: string; node: string; field: string }[]>()
  /** Variables each definition reads: the edges of the dependency graph. */
  private readonly readsByNode = new Map<string, string[]>()
  private readonly connected = new Set<string>()

  value(variable: string, role: string, node: string, field: string): void {
    if (!this.values.has(variable)) this.values.set(variable, { role, node, field })
    this.connected.add(variable)
  }

  key(variable: string, role: string, node: string, field: string): void {
    if (!this.keys.has(variable)) this.keys.set(variable, { role, node, field })
    this.connected.add(variable)
  }

  define(variable: string, role: string, node: string, field: string): void {
    this.definitions.set(variable, [
      ...(this.definitions.get(variable) ?? []),
      { role, node, field },
    ])
  }

  use(variable: string, node: string): void {
    this.readsByNode.set(node, [...(this.readsByNode.get(node) ?? []), variable])
  }

  isConnected(variable: string): boolean {
    return this.connected.has(variable)
  }

  reportConflicts(pattern: Pattern, report: Report): void {
    for (const [variable, key] of this.keys) {
      const value = this.values.get(variable)
      if (value === undefined) continue
      const message = `variable '${variable}' is ${key.role}, so it cannot also be ${value.role}`
      report(variable, null, `${message} (a key variable stands for a position or key)`)
    }
    const pinned = new Set(pattern.variables.filter((v) => v.pin !== null).map((v) => v.id))
    const definedBy = new Map<string, string>()
    for (const [variable, definitions] of this.definitions) {
      const [first, second] = definitions
      if (first === undefined) continue
      if (second !== undefined) {
        const message = `variable '${variable}' is defined twice: as ${first.role} and as ${second.role}`
        report(second.node, second.field, message)
      } else if (pinned.has(variable)) {
        const message = `variable '${variable}' is pinned, so it cannot also be ${first.role} (the code form declares pinned variables with q.value)`
        report(variable, 'pin', message)
      } else {
        definedBy.set(variable, first.node)
      }
    }
    this.reportCycles(definedBy, report)
  }

  /** A definition may not read, directly or through other definitions, what it defines. */
  private reportCycles(definedBy: Map<string, string>, report: Report): void {
    const state = new Map<string, 'open' | 'done'>()
    const visit = (variable: string, path: string[]): void => {
      const seen = state.get(variable)
      if (seen === 'done') return
      if (seen === 'open') {
        const cycle = [...path.slice(path.indexOf(variable)), variable].map((id) => `'${id}'`)
        report(
          variable,
          null,
          `variables ${cycle.join(' → ')} are computed from each other in a cycle`,
        )
        return
      }
      state.set(variable, 'open')
      const node = definedBy.get(variable)
      for (const read of node === undefined ? [] : (this.readsByNode.get(node) ?? [])) {
        visit(read, [...path, variable])
      }
      state.set(variable, 'done')
    }
    for (const variable of definedBy.keys()) visit(variable, [])
  }
}

function listNames(names: readonly string[]): string {
  return names.length <= 20 ? names.join(', ') : `${names.slice(0, 20).join(', ')}, …`
}

/** `; did you mean 'x'?` for a candidate within a small edit distance of `name`, else ''. */
function didYouMean(name: string, candidates: readonly string[]): string {
  const guess = closest(name, candidates)
  return guess === null ? '' : `; did you mean '${guess}'?`
}

/** The candidate within a small edit distance of `name` (or equal ignoring case), if any. */
function closest(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1
  for (const candidate of candidates) {
    const distance =
      candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate)
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
