import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { EngineError } from '../errors'
import { chunkIdsOf, decodeValue, encodeValue } from './index'
import { assertEngineError, noChunks } from './test-support'

const sample = (() => {
  const cyclic: Record<string, unknown> = { name: 'loop' }
  cyclic.self = cyclic
  return {
    numbers: [0, -0, 1.5, NaN, 2 ** 40, -7],
    text: ['', 'ascii', 'ünï', '\uD800', 'x'.repeat(60)],
    // eslint-disable-next-line no-sparse-arrays
    holes: [1, , 3],
    big: [0n, -(2n ** 70n)],
    map: new Map<unknown, unknown>([[{ k: 1 }, new Set([1, 'a'])]]),
    date: new Date(7),
    binary: [new Float64Array([1, 2]), new ArrayBuffer(3), new DataView(new ArrayBuffer(2))],
    cyclic,
  }
})()
const sampleBytes = encodeValue(sample).bytes

function undecodable(bytes: number[] | Uint8Array, message?: RegExp): EngineError {
  const input = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  return assertEngineError(() => decodeValue(input, noChunks), 'value.undecodable', message)
}

test('Decoding: every truncation of a valid encoding is undecodable', () => {
  for (let length = 0; length < sampleBytes.length; length++) {
    undecodable(sampleBytes.subarray(0, length))
    assertEngineError(() => chunkIdsOf(sampleBytes.subarray(0, length)), 'value.undecodable')
  }
})

test('Decoding: an unknown format version is named', () => {
  undecodable([2, 0x00], /stored in encoding format 2; this build reads format 1/)
  undecodable([], /ends in the middle/)
})

test('Decoding: structural nonsense is undecodable, not a crash', () => {
  undecodable([1, 0x00, 0x00], /bytes after the value/)
  undecodable([1, 0x7f], /unknown tag 0x7f/)
  undecodable([1, 0x0b, 1], /holes outside an array/)
  undecodable([1, 0x0a, 2, 0x0b, 3], /too many holes/)
  undecodable([1, 0x13, 0], /back-reference/)
  undecodable([1, 0x0a, 1, 0x13, 1], /back-reference/)
  undecodable([1, 0x0c, 1, 0x04, 2, 0x00], /key is not a string/)
  undecodable([1, 0x0c, 0xff, 0xff, 0xff, 0xff, 0x0f], /count is larger/)
  undecodable([1, 0x08, 2, 0xc3, 0x28], /malformed/)
  undecodable([1, 0x04, 0xff, 0xff, 0xff, 0xff, 0x7f], /out of range/)
  undecodable([1, 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], /out of range/)
  undecodable([1, 0x10, 99, 1], /unknown typed array kind 99/)
  // A huge claimed length must be refused before anything of that size is allocated.
  undecodable([1, 0x10, 9, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f], /ends in the middle/)
  undecodable([1, 0x11, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x41], /ends in the middle/)
  undecodable([1, 0x11, 0x81, 0x80, 0x10, ...new Array<number>(44).fill(0x2e)], /base64url/)
  undecodable([1, 0x14, 0x04, 1, 0x00], /string was expected/)
})

test('Decoding: nesting deeper than 10,000 levels is undecodable', () => {
  const depth = 10_001
  const bytes = [1]
  for (let level = 0; level < depth; level++) bytes.push(0x0a, 1)
  bytes.push(0x00)
  undecodable(bytes, /deeper than 10000/)
})

test('Decoding: corrupted bytes give a value or value.undecodable, nothing else', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(sampleBytes.length - 1), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      (edits) => {
        const corrupted = sampleBytes.slice()
        for (const [index, byte] of edits) corrupted[index] = byte
        for (const run of [() => decodeValue(corrupted, noChunks), () => chunkIdsOf(corrupted)]) {
          try {
            run()
          } catch (error) {
            const expected = error instanceof EngineError && error.code === 'value.undecodable'
            if (!expected) throw error
          }
        }
      },
    ),
    { numRuns: 2000 },
  )
})

test('Decoding: random bytes give a value or value.undecodable, nothing else', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (tail) => {
      const bytes = new Uint8Array([1, ...tail])
      try {
        decodeValue(bytes, noChunks)
      } catch (error) {
        if (!(error instanceof EngineError && error.code === 'value.undecodable')) throw error
      }
    }),
    { numRuns: 2000 },
  )
})

test('chunkIdsOf: a value without chunks has none', () => {
  assert.deepEqual(chunkIdsOf(sampleBytes), [])
  assert.deepEqual(chunkIdsOf(encodeValue(1).bytes), [])
})
