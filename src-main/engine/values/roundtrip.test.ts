import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { decodeValue, encodeValue } from './index'
import { cidOf, noChunks, roundTrip, seededRandom, shuffled } from './test-support'

// Any UTF-16 code unit, so lone surrogates show up often.
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit))
const anyString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: codeUnit, maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
)

const leaf = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  anyString,
  fc.boolean(),
  fc.constantFrom(undefined, null, 0, -0, NaN, 2 ** 31, -(2 ** 31)),
  // Invalid dates are tested on their own: deepStrictEqual calls two of them different.
  fc.date({ noInvalidDate: true }),
  fc.float64Array({ maxLength: 6 }),
  fc.float32Array({ maxLength: 6 }),
  fc.int16Array({ maxLength: 6 }),
  fc.uint8Array({ maxLength: 6 }),
  fc.uint8ClampedArray({ maxLength: 6 }),
  fc.bigInt64Array({ maxLength: 3 }),
  fc.uint8Array({ maxLength: 6 }).map((bytes) => bytes.slice().buffer),
  fc.uint8Array({ maxLength: 6 }).map((bytes) => new DataView(bytes.slice().buffer)),
)

const { value: anyValue } = fc.letrec<{
  value: unknown
  array: unknown[]
  sparse: unknown[]
  object: Record<string, unknown>
  map: Map<unknown, unknown>
  set: Set<unknown>
}>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    tie('array'),
    tie('sparse'),
    tie('object'),
    tie('map'),
    tie('set'),
  ),
  array: fc.array(tie('value'), { maxLength: 5 }),
  sparse: fc.sparseArray(tie('value'), { maxLength: 8 }),
  object: fc.dictionary(anyString, tie('value'), { maxKeys: 6, noNullPrototype: true }),
  map: fc
    .array(fc.tuple(tie('value'), tie('value')), { maxLength: 4 })
    .map((entries) => new Map(entries)),
  set: fc.array(tie('value'), { maxLength: 4 }).map((elements) => new Set(elements)),
}))

/** A deep copy with object keys, Map entries and Set elements in another insertion order. */
function reordered(value: unknown, random: () => number): unknown {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value
  if (value instanceof ArrayBuffer || value instanceof Date) return value
  if (value instanceof Map) {
    const entries = [...value].map(([key, item]) => [
      reordered(key, random),
      reordered(item, random),
    ])
    return new Map(shuffled(entries as [unknown, unknown][], random))
  }
  if (value instanceof Set) {
    return new Set(
      shuffled(
        [...value].map((element) => reordered(element, random)),
        random,
      ),
    )
  }
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length)
    for (const key of Object.keys(value)) copy[Number(key)] = reordered(value[Number(key)], random)
    return copy
  }
  const entries = Object.entries(value).map(([key, item]) => [key, reordered(item, random)])
  return Object.fromEntries(shuffled(entries, random))
}

test('V13: every supported value round-trips to an equal value with the same cid', () => {
  fc.assert(
    fc.property(anyValue, (value) => {
      roundTrip(value)
    }),
    { numRuns: 1500 },
  )
})

test('V13: permuting object keys, Map entries or Set elements never changes the cid', () => {
  fc.assert(
    fc.property(anyValue, fc.integer(), (value, seed) => {
      const permuted = reordered(value, seededRandom(seed))
      assert.equal(cidOf(permuted), cidOf(value))
      // ...while the storage encoding keeps each order.
      roundTrip(permuted)
    }),
    { numRuns: 1500 },
  )
})

// A small domain, so that equal pairs occur often.
const { value: smallValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom<unknown>(0, -0, 1, NaN, '0', '1', '', 0n, 1n, true, false, null, undefined),
    fc.constantFrom(0, 1).map((byte) => new Uint8Array([byte])),
    fc.constantFrom(0, 1).map((byte) => new Int8Array([byte])),
    fc.array(tie('value'), { maxLength: 2 }),
    fc.sparseArray(tie('value'), { maxLength: 2 }),
    fc.dictionary(fc.constantFrom('a', 'b', '0'), tie('value'), {
      maxKeys: 2,
      noNullPrototype: true,
    }),
    fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 2 }).map((e) => new Map(e)),
    fc.array(tie('value'), { maxLength: 2 }).map((elements) => new Set(elements)),
  ),
}))

test('V1: two values share a cid exactly when they are deep-strict-equal', () => {
  let equalPairs = 0
  fc.assert(
    fc.property(smallValue, smallValue, (a, b) => {
      const equal = isDeepStrictEqual(a, b)
      if (equal) equalPairs++
      assert.equal(cidOf(a) === cidOf(b), equal)
    }),
    { numRuns: 3000 },
  )
  assert.ok(equalPairs > 50, `only ${equalPairs} equal pairs were generated`)
})

test('V13: decoding is independent of the encoder state (interleaved encodes)', () => {
  fc.assert(
    fc.property(anyValue, anyValue, (first, second) => {
      const a = encodeValue(first)
      const b = encodeValue(second)
      assert.equal(encodeValue(decodeValue(a.bytes, noChunks)).cid, a.cid)
      assert.equal(encodeValue(decodeValue(b.bytes, noChunks)).cid, b.cid)
    }),
    { numRuns: 300 },
  )
})
