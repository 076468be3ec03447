import { Buffer } from 'node:buffer'
import { types } from 'node:util'
import { functionToString, objectToString, typedArrayName } from './intrinsics'

/**
 * What the encoder does with an object. Built-ins are recognized by their internal slots
 * (node:util's brand checks), which also hold for objects from another vm context or realm, and
 * then by an exact prototype: a subclass of Map or Float64Array is a class instance, because
 * its class may carry meaning that the entries alone do not.
 */
export const ObjectKind = {
  plain: 0,
  array: 1,
  map: 2,
  set: 3,
  date: 4,
  typedArray: 5,
  arrayBuffer: 6,
  dataView: 7,
  /** Anything else: a class instance, or a built-in the encoder refuses. */
  other: 8,
} as const

const NATIVE_CODE = /\{\s*\[native code\]\s*\}\s*$/
export function classifyObject(value: object, prototype: object | null): number {
  if (types.isArrayBufferView(value)) {
    if (types.isDataView(value)) return exactly(prototype, 'DataView', ObjectKind.dataView)
    if (Buffer.isBuffer(value)) return ObjectKind.typedArray
    return exactly(prototype, typedArrayNameOf(value), ObjectKind.typedArray)
  }
  if (types.isMap(value)) return exactly(prototype, 'Map', ObjectKind.map)
  if (types.isSet(value)) return exactly(prototype, 'Set', ObjectKind.set)
  if (types.isDate(value)) return exactly(prototype, 'Date', ObjectKind.date)
  if (types.isArrayBuffer(value)) return exactly(prototype, 'ArrayBuffer', ObjectKind.arrayBuffer)
  if (Array.isArray(value)) return exactly(prototype, 'Array', ObjectKind.array)
  if (hasBuiltinBrand(value)) return ObjectKind.other
  if (prototype === null) return ObjectKind.plain
  // A plain object of another realm: its prototype is that realm's Object.prototype, the end
  // of its chain. Object.prototype.toString rules out objects that claim another tag.
  if (
    Object.getPrototypeOf(prototype) === null &&
    objectToString.call(value) === '[object Object]' &&
    isIntrinsicPrototype(prototype, 'Object')
  ) {
    return ObjectKind.plain
  }
  return ObjectKind.other
}

/** Built-ins whose state lives in internal slots, which a prototype swap does not remove. */
function hasBuiltinBrand(value: object): boolean {
  return (
    types.isBoxedPrimitive(value) ||
    types.isNativeError(value) ||
    types.isRegExp(value) ||
    types.isPromise(value) ||
    types.isWeakMap(value) ||
    types.isWeakSet(value) ||
    types.isAnyArrayBuffer(value) ||
    types.isMapIterator(value) ||
    types.isSetIterator(value) ||
    types.isGeneratorObject(value) ||
    types.isModuleNamespaceObject(value)
  )
}

function exactly(prototype: object | null, className: string, kind: number): number {
  return prototype !== null && isIntrinsicPrototype(prototype, className) ? kind : ObjectKind.other
}

/**
 * Whether `prototype` is the built-in `className.prototype` of this or another realm: its own
 * constructor is a native function of that name whose prototype points back. A user class
 * with the same name fails the native-code test.
 */
function isIntrinsicPrototype(prototype: object, className: string): boolean {
  const local = (globalThis as Record<string, unknown>)[className] as { prototype?: unknown }
  if (local !== undefined && prototype === local.prototype) return true
  const constructor: unknown = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value
  return (
    typeof constructor === 'function' &&
    constructor.name === className &&
    (constructor as { prototype?: unknown }).prototype === prototype &&
    NATIVE_CODE.test(functionToString.call(constructor))
  )
}

/** 'Float64Array' etc., read from the internal slot (so a cross-realm array answers too). */
export function typedArrayNameOf(view: ArrayBufferView): string {
  return Buffer.isBuffer(view) ? 'Uint8Array' : String(typedArrayName.call(view))
}

/** The class name to show in an error about `value`. */
export function classNameOf(value: object): string {
  try {
    const prototype = Object.getPrototypeOf(value) as object | null
    if (prototype === null) return 'Object'
    const constructor: unknown = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value
    if (typeof constructor === 'function' && constructor.name !== '') return constructor.name
    return objectToString.call(value).slice(8, -1)
  } catch {
    return 'unknown class'
  }
}

/** Why a built-in the encoder refuses cannot be encoded, or a codec hint for anything else. */
export function refusalHint(value: object): string {
  if (types.isWeakMap(value) || types.isWeakSet(value)) {
    return 'its entries cannot be enumerated'
  }
  const className = classNameOf(value)
  if (className === 'WeakRef' || className === 'FinalizationRegistry') {
    return 'it holds objects weakly and has no value of its own'
  }
  if (types.isPromise(value)) return 'await it and pass the result instead'
  if (types.isBoxedPrimitive(value)) return 'pass the primitive instead of its wrapper object'
  if (types.isSharedArrayBuffer(value)) {
    return 'its bytes can change while they are read; copy them into an ArrayBuffer'
  }
  return 'register a codec with registerCodec() or pass a plain object'
}
