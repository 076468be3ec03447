import { inspect } from 'node:util'
import { type ContentId, type HistoryId } from '../ids'
import { EngineError } from '../errors'
import { REF_BRAND } from '../values'
import { type RefKindName } from './schema'

/** What a ref needs from the storage it came from to resolve lazily. */
export interface RefOwner {
  readonly label: string
  cidOf(ref: Ref): ContentId
  kindOf(ref: Ref): RefKindName
  load(ref: Ref): unknown
}

/**
 * A value with a history: the content id says what it is, the history id says how it was
 * computed. Refs returned by memo hits are lazy: they hold ids only and load on unwrap.
 */
export class Ref<T = unknown> {
  readonly [REF_BRAND] = true
  readonly hid: HistoryId
  /** @internal */ knownCid: ContentId | undefined
  /** @internal */ knownKind: RefKindName | undefined
  /** @internal */ value: T | undefined
  /** @internal */ loaded: boolean
  /** @internal */ readonly owner: RefOwner | null

  /** @internal */
  constructor(
    hid: HistoryId,
    cid: ContentId | undefined,
    kind: RefKindName | undefined,
    owner: RefOwner | null,
    loaded: boolean,
    value?: T,
  ) {
    this.hid = hid
    this.knownCid = cid
    this.knownKind = kind
    this.owner = owner
    this.loaded = loaded
    this.value = value
  }

  /** Content id: equal for equal values, whatever their history. */
  get cid(): ContentId {
    if (this.knownCid === undefined) this.knownCid = this.requireOwner().cidOf(this)
    return this.knownCid
  }

  /** 'atom' for a value stored whole; 'list' | 'object' | 'map' | 'set' for collections of refs. */
  get kind(): RefKindName {
    if (this.knownKind === undefined) this.knownKind = this.requireOwner().kindOf(this)
    return this.knownKind
  }

  /** Whether the value is in memory (unwrapping will not read storage). */
  get inMemory(): boolean {
    return this.loaded
  }

  /** @internal */
  load(): T {
    if (!this.loaded) {
      this.value = this.requireOwner().load(this) as T
      this.loaded = true
    }
    return this.value as T
  }

  private requireOwner(): RefOwner {
    if (this.owner === null) {
      throw new EngineError('ref.unknown', `ref ${this.hid} does not belong to any storage`)
    }
    return this.owner
  }

  /** Refs are lazy: comparing or doing arithmetic on one is almost always a missing unwrap. */
  valueOf(): never {
    throw new EngineError(
      'ref.unknown',
      `ref ${this.hid} is a reference, not a value; call storage.unwrap(ref) to use its value`,
    )
  }

  toString(): string {
    return `Ref(${this.hid})`
  }

  toJSON(): { hid: string; cid: string | undefined } {
    return { hid: this.hid, cid: this.knownCid }
  }

  [inspect.custom](): string {
    const shown = this.loaded ? inspect(this.value, { depth: 1, breakLength: Infinity }) : 'lazy'
    return `Ref<${shown}> ${this.hid}`
  }
}

/** Brand check rather than instanceof, so refs from a second copy of the engine module count. */
export function isRef(value: unknown): value is Ref {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [REF_BRAND]?: unknown })[REF_BRAND] === true
  )
}

/** Refs replaced by their values, inside arrays, plain objects, Maps and Sets. */
export type Unwrapped<T> =
  T extends Ref<infer Value>
    ? Unwrapped<Value>
    : T extends (...args: never[]) => unknown
      ? T
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: Unwrapped<T[K]> }
        : T extends Map<infer Key, infer Value>
          ? Map<Key, Unwrapped<Value>>
          : T extends Set<infer Element>
            ? Set<Unwrapped<Element>>
            : T extends ArrayBufferView | ArrayBuffer | Date
              ? T
              : T extends object
                ? { [K in keyof T]: Unwrapped<T[K]> }
                : T
