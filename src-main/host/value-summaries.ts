/**
 * One-line descriptions of stored values (ValueRef.summary): `0.9467`, `'abc…'`,
 * `number[300]`, `[number[][], number[]]`, `{ feature, threshold, … }`. Built from sketches
 * (engine/memo/value-sketches.ts): the value when it was small enough to decode, else its
 * encoded type and size.
 */
import { type ValueRef } from '../../src-shared/model/values'
import { type ValueSketch } from '../engine'

export const SUMMARY_LENGTH = 80
const STRING_SUMMARY_LENGTH = 40
const SAMPLED_ELEMENTS = 16

function clip(text: string, length = SUMMARY_LENGTH): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value)
  const abs = Math.abs(value)
  if (abs >= 1e-3 && abs < 1000) return String(Number(value.toPrecision(4)))
  if (abs >= 1000 && abs < 1e15) return String(Math.round(value * 100) / 100)
  return value.toExponential(3)
}

function quote(text: string, length: number): string {
  const inner = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")
  return inner.length <= length ? `'${inner}'` : `'${inner.slice(0, length - 1)}…'`
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

function isTypedArray(value: unknown): value is ArrayLike<number | bigint> & ArrayBufferView {
  return ArrayBuffer.isView(value) && !(value instanceof DataView)
}

/** Scalars written out, anything else as null. */
function scalarText(value: unknown): string | null {
  switch (typeof value) {
    case 'number':
      return formatNumber(value)
    case 'string':
      return quote(value, STRING_SUMMARY_LENGTH)
    case 'boolean':
    case 'undefined':
      return String(value)
    case 'bigint':
      return `${value}n`
    default:
      if (value === null) return 'null'
      if (value instanceof Date) {
        return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
      }
      return null
  }
}

function keyList(keys: readonly string[], size: number, budget: number): string {
  const shown: string[] = []
  let length = 4
  for (const key of keys) {
    if (length + key.length + 2 > budget - 3) break
    shown.push(key)
    length += key.length + 2
  }
  if (shown.length < size) shown.push('…')
  return shown.length === 0 ? '{}' : `{ ${shown.join(', ')} }`
}

/** A TypeScript-like type: `number`, `number[]`, `{ a, b, … }`, `Float64Array`, `Map`. */
export function typeOfValue(value: unknown, depth = 0): string {
  if (value === null) return 'null'
  if (value instanceof Date) return 'Date'
  if (typeof value !== 'object') return typeof value
  if (Array.isArray(value)) {
    if (value.length === 0 || depth > 3) return 'unknown[]'
    const types = [
      ...new Set(
        (value as unknown[]).slice(0, SAMPLED_ELEMENTS).map((item) => typeOfValue(item, depth + 1)),
      ),
    ]
    if (types.length === 1) {
      const [only] = types as [string]
      return only.startsWith('{') || only.includes('|') ? `(${only})[]` : `${only}[]`
    }
    return types.length <= 3 ? `(${types.join(' | ')})[]` : 'unknown[]'
  }
  if (isTypedArray(value)) return value.constructor.name
  if (value instanceof ArrayBuffer) return 'ArrayBuffer'
  if (value instanceof Map) return 'Map'
  if (value instanceof Set) return 'Set'
  if (isPlainRecord(value)) {
    const keys = Object.keys(value)
    return depth > 1 ? 'object' : keyList(keys, keys.length, 60)
  }
  return value.constructor?.name ?? 'object'
}

/** The one-line summary of a decoded value. */
export function summarizeValue(value: unknown): string {
  const scalar = scalarText(value)
  if (scalar !== null) return clip(scalar)
  if (Array.isArray(value)) {
    const items = value as unknown[]
    if (items.length <= 8) {
      const texts = items.map(scalarText)
      if (texts.every((text) => text !== null)) {
        const written = `[${texts.join(', ')}]`
        if (written.length <= SUMMARY_LENGTH) return written
      }
    }
    if (items.length > 0 && items.length <= 4) {
      const types = items.map((item) => typeOfValue(item, 1))
      if (new Set(types).size > 1) return clip(`[${types.join(', ')}]`)
    }
    const type = typeOfValue(value)
    return clip(`${type.slice(0, -2)}[${items.length}]`)
  }
  if (isTypedArray(value)) return `${value.constructor.name}[${value.length}]`
  if (value instanceof ArrayBuffer) return `ArrayBuffer(${value.byteLength} bytes)`
  if (value instanceof Map) return `Map(${value.size})`
  if (value instanceof Set) return `Set(${value.size})`
  if (isPlainRecord(value)) {
    const entries = Object.entries(value)
    const texts = entries.map(([key, item]) => [key, scalarText(item)] as const)
    if (entries.length <= 6 && texts.every(([, text]) => text !== null)) {
      const written =
        entries.length === 0
          ? '{}'
          : `{ ${texts.map(([key, text]) => `${key}: ${text ?? ''}`).join(', ')} }`
      if (written.length <= SUMMARY_LENGTH) return written
    }
    return keyList(Object.keys(value), entries.length, SUMMARY_LENGTH)
  }
  return clip(`${typeOfValue(value)} {…}`)
}

/** `Array(300)` (an encoded type name) as a summary, when the value was too big to decode. */
function summarizeTypeName(typeName: string, size: number): string {
  const sized = /^([A-Za-z0-9]+)\((\d+)\)$/.exec(typeName)
  if (sized !== null) {
    const [, type = '', count = ''] = sized
    if (type === 'Array') return `unknown[${count}]`
    if (type === 'ArrayBuffer' || type === 'DataView') return `${type}(${count} bytes)`
    if (type === 'Map' || type === 'Set') return `${type}(${count})`
    return `${type}[${count}]`
  }
  if (typeName === 'string') return `string (${size} bytes)`
  if (typeName === 'object') return `object (${size} bytes)`
  return typeName
}

/** The type of a sketched value, for tuples and element types of collections. */
function typeOfSketch(sketch: ValueSketch): string {
  if (sketch.loaded) return typeOfValue(sketch.value, 1)
  switch (sketch.kind) {
    case 'list': {
      const types = [...new Set((sketch.items ?? []).map((item) => typeOfSketch(item.sketch)))]
      return types.length === 1 ? `${types[0] ?? 'unknown'}[]` : 'unknown[]'
    }
    case 'object':
      return keyList(
        (sketch.items ?? []).map((item) => String(item.key)),
        sketch.size,
        60,
      )
    case 'map':
      return 'Map'
    case 'set':
      return 'Set'
    default: {
      const sized = /^([A-Za-z0-9]+)\(\d+\)$/.exec(sketch.typeName)
      if (sized?.[1] === 'Array') return 'unknown[]'
      return sized?.[1] ?? sketch.typeName
    }
  }
}

export function summarizeSketch(sketch: ValueSketch): string {
  if (sketch.loaded) return summarizeValue(sketch.value)
  const items = sketch.items ?? []
  switch (sketch.kind) {
    case 'atom':
      return summarizeTypeName(sketch.typeName, sketch.size)
    case 'list': {
      const complete = items.length === sketch.size
      const scalars = items.map((item) =>
        item.sketch.loaded ? scalarText(item.sketch.value) : null,
      )
      if (complete && scalars.every((text) => text !== null)) {
        const written = `[${scalars.join(', ')}]`
        if (written.length <= SUMMARY_LENGTH) return written
      }
      const types = items.map((item) => typeOfSketch(item.sketch))
      if (complete && sketch.size <= 4 && new Set(types).size > 1) {
        return clip(`[${types.join(', ')}]`)
      }
      const distinct = [...new Set(types)]
      const element = distinct.length === 1 ? (distinct[0] ?? 'unknown') : 'unknown'
      const wrapped = element.startsWith('{') ? `(${element})` : element
      return clip(`${wrapped}[${sketch.size}]`)
    }
    case 'object':
      return keyList(
        items.map((item) => String(item.key)),
        sketch.size,
        SUMMARY_LENGTH,
      )
    case 'map':
      return `Map(${sketch.size})`
    case 'set':
      return `Set(${sketch.size})`
  }
}

export function numberOf(sketch: ValueSketch): number | null {
  return sketch.loaded && typeof sketch.value === 'number' && Number.isFinite(sketch.value)
    ? sketch.value
    : null
}

export function valueRefOf(sketch: ValueSketch): ValueRef {
  return {
    hid: sketch.hid,
    cid: sketch.cid,
    summary: summarizeSketch(sketch),
    number: numberOf(sketch),
  }
}
