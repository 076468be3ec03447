/** Helpers shared by the values tests (not part of the engine). */
import assert from 'node:assert/strict'
import { EngineError } from '../errors'
import { type BlobId } from '../ids'
import { type CodecRegistry, decodeValue, encodeValue, type EncodedValue } from './index'

export function cidOf(value: unknown, codecs?: CodecRegistry): string {
  return encodeValue(value, undefined, codecs).cid
}

/** A loadChunk over the chunks an encode returned. */
export function chunkLoader(...encoded: EncodedValue[]): (id: BlobId) => Uint8Array {
  const chunks = new Map<string, Uint8Array>()
  for (const value of encoded) for (const chunk of value.chunks) chunks.set(chunk.id, chunk.bytes)
  return (id) => {
    const bytes = chunks.get(id)
    if (bytes === undefined) throw new Error(`test: no chunk ${id}`)
    return bytes
  }
}

export function noChunks(id: BlobId): Uint8Array {
  throw new Error(`test: unexpected chunk ${id}`)
}

/** Encodes, decodes, checks the result is the same value in the same order, and returns it. */
export function roundTrip<T>(value: T, codecs?: CodecRegistry): T {
  const encoded = encodeValue(value, undefined, codecs)
  const decoded = decodeValue(encoded.bytes, chunkLoader(encoded), codecs) as T
  assertSameValue(decoded, value)
  assert.equal(encodeValue(decoded, undefined, codecs).cid, encoded.cid, 're-encoding changed cid')
  return decoded
}

/**
 * deepStrictEqual (types, prototypes, -0, NaN, holes, cycles) plus what it does not check: the
 * order of object keys, Map entries and Set elements.
 */
export function assertSameValue(actual: unknown, expected: unknown): void {
  assert.deepStrictEqual(actual, expected)
  assertSameOrder(actual, expected, new Set())
}

function assertSameOrder(actual: unknown, expected: unknown, seen: Set<unknown>): void {
  if (typeof actual !== 'object' || actual === null || seen.has(actual)) return
  seen.add(actual)
  if (actual instanceof Map && expected instanceof Map) {
    const actualEntries = [...actual.entries()]
    const expectedEntries = [...expected.entries()]
    actualEntries.forEach(([key, value], index) => {
      const [expectedKey, expectedValue] = expectedEntries[index] as [unknown, unknown]
      assertSameOrder(key, expectedKey, seen)
      assertSameOrder(value, expectedValue, seen)
    })
    assert.deepStrictEqual(
      actualEntries.map(([key]) => orderSignature(key)),
      expectedEntries.map(([key]) => orderSignature(key)),
      'Map entry order differs',
    )
    return
  }
  if (actual instanceof Set && expected instanceof Set) {
    const actualElements = [...actual]
    const expectedElements = [...expected]
    actualElements.forEach((element, index) => {
      assertSameOrder(element, expectedElements[index], seen)
    })
    assert.deepStrictEqual(
      actualElements.map(orderSignature),
      expectedElements.map(orderSignature),
      'Set order differs',
    )
    return
  }
  if (ArrayBuffer.isView(actual)) return
  const actualObject = actual as Record<string, unknown>
  const expectedObject = expected as Record<string, unknown>
  assert.deepStrictEqual(
    Object.keys(actualObject),
    Object.keys(expectedObject),
    'key order differs',
  )
  for (const key of Object.keys(actualObject)) {
    assertSameOrder(actualObject[key], expectedObject[key], seen)
  }
}

/** Enough to tell Map keys / Set elements apart when comparing orders. */
function orderSignature(value: unknown): string {
  try {
    return cidOf(value)
  } catch {
    return String(value)
  }
}

export function assertEngineError(
  run: () => unknown,
  code: 'value.unencodable' | 'value.undecodable',
  message?: RegExp,
): EngineError {
  let caught: unknown
  try {
    run()
  } catch (error) {
    caught = error
  }
  assert.ok(caught instanceof EngineError, `expected an EngineError, got ${String(caught)}`)
  assert.equal(caught.code, code)
  if (message !== undefined) assert.match(caught.message, message)
  return caught
}

/** A tiny deterministic PRNG (mulberry32) for shuffles driven by a fast-check seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = state
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items]
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[result[index], result[other]] = [result[other] as T, result[index] as T]
  }
  return result
}
