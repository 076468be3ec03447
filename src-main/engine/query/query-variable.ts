import { inspect } from 'node:util'
import { type PinLiteral, type PinValue } from '../../../src-shared/query/pattern'
import { EngineError } from '../errors'
import { type HistoryId } from '../ids'
import { collectionKindOf } from '../memo/collections'
import { isRef, Ref, type RefOwner } from '../memo/ref'
import { RefKind } from '../memo/schema'
import { encodeValue, type CodecRegistry } from '../values'

/** A variable has no value: reaching for one is a variable used outside its query. */
const NO_VALUE_OWNER: RefOwner = {
  label: 'a query',
  cidOf: noValue,
  kindOf: noValue,
  load: noValue,
}

function noValue(ref: Ref): never {
  throw new EngineError(
    'query.invalid',
    `${String(ref)} stands for stored values and has none itself; use it only inside the storage.query(q => ...) callback that made it`,
  )
}

/**
 * A variable of a query being built (SPEC Q5). It is a Ref as far as types go, so that typed
 * ops accept it as an argument and return variables where they would return refs; at run
 * time an op called inside the query callback records a call node instead of running.
 */
export class QueryVariable<T = never> extends Ref<T> {
  /** @internal Which query it belongs to. */
  readonly query: object
  /** @internal Its index in that query, until the pattern gets its ids. */
  readonly index: number

  /** @internal */
  constructor(query: object, index: number) {
    super(`query variable ${index}` as HistoryId, undefined, undefined, NO_VALUE_OWNER, false)
    this.query = query
    this.index = index
  }

  override toString(): string {
    return `QueryVariable(${this.index})`
  }

  override [inspect.custom](): string {
    return this.toString()
  }
}

/**
 * How `q.value(x)` pins a variable: JSON-like values stay readable literals in the pattern;
 * anything else the engine can encode (bigint, Map, typed arrays, codec classes, a stored ref)
 * is pinned by content id.
 */
export function pinOf(value: unknown, codecs: CodecRegistry): PinValue {
  if (value instanceof QueryVariable) {
    throw new EngineError(
      'query.invalid',
      'q.value() takes a value, not a query variable; use the variable itself',
    )
  }
  if (isRef(value)) return { kind: 'cid', cid: value.cid }
  if (isPinLiteral(value)) return { kind: 'literal', value }
  try {
    return { kind: 'cid', cid: encodeValue(value, { argument: 'q.value' }, codecs).cid }
  } catch (error) {
    throw new EngineError(
      'query.invalid',
      `q.value(): the value cannot be encoded, so it cannot pin a variable: ${error instanceof Error ? error.message : String(error)}`,
      undefined,
      { cause: error },
    )
  }
}

/** True for values a pattern can hold as written: no -0, NaN, Infinity, holes or classes. */
export function isPinLiteral(value: unknown): value is PinLiteral {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0)
  const kind = collectionKindOf(value)
  if (kind === RefKind.List) {
    const list = value as unknown[]
    for (let index = 0; index < list.length; index++) {
      if (!(index in list) || !isPinLiteral(list[index])) return false
    }
    return true
  }
  if (kind === RefKind.Object) {
    if (Object.getOwnPropertySymbols(value).length > 0) return false
    return Object.values(value as Record<string, unknown>).every(isPinLiteral)
  }
  return false
}

/** Whether a container holds query variables at any depth (then it is a collection pattern). */
export function containsVariable(value: unknown, seen = new Set<object>()): boolean {
  if (value instanceof QueryVariable) return true
  if (typeof value !== 'object' || value === null || seen.has(value)) return false
  const kind = collectionKindOf(value)
  if (kind === null) return false
  seen.add(value)
  const elements =
    kind === RefKind.Map
      ? [...(value as Map<unknown, unknown>).values()]
      : kind === RefKind.Set
        ? [...(value as Set<unknown>)]
        : Object.values(value as Record<string, unknown>)
  return elements.some((element) => containsVariable(element, seen))
}
