/**
 * Built-in methods and getters, captured once and called with `.call`: an own `length` or
 * `size` property on a value, a patched prototype method, or a value from another realm must
 * not change what gets encoded.
 */

type Intrinsic<R> = (this: unknown, ...args: never[]) => R

function intrinsicGetter<R>(target: object, key: PropertyKey): Intrinsic<R> {
  const descriptor: { get?: unknown } | undefined = Object.getOwnPropertyDescriptor(target, key)
  const get = descriptor?.get
  if (typeof get !== 'function') throw new Error(`missing intrinsic getter ${String(key)}`)
  return get as Intrinsic<R>
}

function intrinsicMethod<F>(target: object, key: PropertyKey): F {
  const method: unknown = Object.getOwnPropertyDescriptor(target, key)?.value
  if (typeof method !== 'function') throw new Error(`missing intrinsic method ${String(key)}`)
  return method as F
}

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object

export const functionToString = intrinsicMethod<(this: unknown) => string>(
  Function.prototype,
  'toString',
)
export const objectToString = intrinsicMethod<(this: unknown) => string>(
  Object.prototype,
  'toString',
)
export const dateGetTime = intrinsicMethod<(this: unknown) => number>(Date.prototype, 'getTime')
const mapForEach = intrinsicMethod<
  (this: unknown, callback: (value: unknown, key: unknown) => void) => void
>(Map.prototype, 'forEach')
const setForEach = intrinsicMethod<(this: unknown, callback: (value: unknown) => void) => void>(
  Set.prototype,
  'forEach',
)
// ES2024, so not in this project's lib typings; Node 20 has it.
export const stringIsWellFormed = intrinsicMethod<(this: string) => boolean>(
  String.prototype,
  'isWellFormed',
)

export const typedArrayName = intrinsicGetter<string | undefined>(
  typedArrayPrototype,
  Symbol.toStringTag,
)
export const typedArrayBuffer = intrinsicGetter<ArrayBufferLike>(typedArrayPrototype, 'buffer')
export const typedArrayByteOffset = intrinsicGetter<number>(typedArrayPrototype, 'byteOffset')
export const typedArrayByteLength = intrinsicGetter<number>(typedArrayPrototype, 'byteLength')
export const typedArrayLength = intrinsicGetter<number>(typedArrayPrototype, 'length')
export const dataViewBuffer = intrinsicGetter<ArrayBufferLike>(DataView.prototype, 'buffer')
export const dataViewByteOffset = intrinsicGetter<number>(DataView.prototype, 'byteOffset')
export const dataViewByteLength = intrinsicGetter<number>(DataView.prototype, 'byteLength')
export const arrayBufferByteLength = intrinsicGetter<number>(ArrayBuffer.prototype, 'byteLength')
const mapSize = intrinsicGetter<number>(Map.prototype, 'size')
const setSize = intrinsicGetter<number>(Set.prototype, 'size')

// forEach fills these through callbacks created once, not per collection: closures are not
// free, and forEach runs no caller code, so one shared target is safe.
const NOTHING: unknown[] = []
let collected = NOTHING
let collectedCount = 0

function collectMapEntry(value: unknown, key: unknown): void {
  collected[collectedCount++] = key
  collected[collectedCount++] = value
}

function collectSetElement(value: unknown): void {
  collected[collectedCount++] = value
}

/** A Map's entries flattened to `[key0, value0, key1, value1, ...]`, in insertion order. */
export function mapEntriesOf(map: object): unknown[] {
  const entries = (collected = new Array<unknown>(mapSize.call(map) * 2))
  collectedCount = 0
  mapForEach.call(map, collectMapEntry)
  collected = NOTHING
  return entries
}

export function setElementsOf(set: object): unknown[] {
  const elements = (collected = new Array<unknown>(setSize.call(set)))
  collectedCount = 0
  setForEach.call(set, collectSetElement)
  collected = NOTHING
  return elements
}
