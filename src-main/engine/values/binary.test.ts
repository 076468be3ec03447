import assert from 'node:assert/strict'
import { Buffer } from 'node:buffer'
import { test } from 'node:test'
import { runInNewContext } from 'node:vm'
import { digestId } from '../ids'
import { chunkIdsOf, decodeValue, encodeValue } from './index'
import { assertEngineError, chunkLoader, cidOf, noChunks, roundTrip } from './test-support'

const CHUNK = 256 * 1024

const typedArrayKinds = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
] as const

test('V7: every typed array kind is tagged with its kind and element count', () => {
  const bytes = new Uint8Array(16).map((_, index) => index * 17)
  const views: unknown[] = typedArrayKinds.map(
    (Kind) => new Kind(bytes.buffer, 0, 16 / Kind.BYTES_PER_ELEMENT),
  )
  views.push(new BigInt64Array(bytes.buffer), new BigUint64Array(bytes.buffer))
  const float16 = (globalThis as Record<string, unknown>)['Float16Array']
  if (typeof float16 === 'function') {
    views.push(new (float16 as new (buffer: ArrayBuffer) => unknown)(bytes.buffer))
  }
  views.push(bytes.buffer, new DataView(bytes.buffer))
  assert.equal(new Set(views.map((view) => cidOf(view))).size, views.length)
  for (const view of views) roundTrip(view)
  assert.notEqual(cidOf(new Uint8Array(4)), cidOf(new Uint8Array(5)))
  assert.notEqual(cidOf(new Uint16Array(2)), cidOf(new Uint8Array(4)))
})

test('V7: only the bytes of the view count, wherever the view starts', () => {
  const backing = new Float64Array([0, 1, 2, 3, 4, 5])
  const middle = backing.subarray(2, 4)
  assert.equal(cidOf(middle), cidOf(new Float64Array([2, 3])))
  const decoded = roundTrip(middle)
  assert.equal(decoded.byteOffset, 0)
  assert.equal(decoded.buffer.byteLength, 16)
  const window = new DataView(backing.buffer, 8, 16)
  assert.equal(cidOf(window), cidOf(new DataView(new Float64Array([1, 2]).buffer)))
})

test('V7: element bits are compared exactly, NaN payloads included', () => {
  const payloadNaN = new Float64Array(new Uint32Array([1, 0x7ff80000]).buffer)
  assert.notEqual(cidOf(payloadNaN), cidOf(new Float64Array([NaN])))
  assert.notEqual(cidOf(new Float64Array([-0])), cidOf(new Float64Array([0])))
  const decoded = roundTrip(payloadNaN)
  assert.deepEqual(new Uint32Array(decoded.buffer), new Uint32Array([1, 0x7ff80000]))
})

test('V7: a Buffer encodes as a Uint8Array and decodes to one', () => {
  const buffer = Buffer.from('hello world')
  assert.equal(cidOf(buffer), cidOf(new Uint8Array(buffer)))
  const decoded = decodeValue(encodeValue(buffer).bytes, noChunks)
  assert.equal(Object.getPrototypeOf(decoded), Uint8Array.prototype)
  assert.deepEqual(decoded, new Uint8Array(buffer))
  // A pooled Buffer shares its ArrayBuffer with others: only its own bytes may count.
  assert.notEqual(Buffer.from('a').buffer.byteLength, 1)
  assert.equal(cidOf(Buffer.from('a')), cidOf(new Uint8Array([97])))
})

test('V7: shared memory fails closed', () => {
  const shared = new SharedArrayBuffer(8)
  for (const value of [
    shared,
    new Uint8Array(shared),
    new Float64Array(shared),
    new DataView(shared),
  ]) {
    assertEngineError(() => encodeValue({ data: value }), 'value.unencodable', /SharedArrayBuffer/)
  }
})

test('V7: typed arrays of another realm encode like ours; subclasses are class instances', () => {
  const foreign = runInNewContext('new Float32Array([1, 2, 3])') as unknown
  assert.equal(cidOf(foreign), cidOf(new Float32Array([1, 2, 3])))
  class Pixels extends Uint8Array {}
  assertEngineError(() => cidOf(new Pixels(2)), 'value.unencodable', /class Pixels/)
})

test('V7: decoded typed arrays are aligned even when the stored bytes are not', () => {
  const encoded = encodeValue({
    values: new Float64Array([1.5, 2.5]),
    big: new BigInt64Array([7n]),
  })
  for (const shift of [1, 3, 5]) {
    const misaligned = new Uint8Array(encoded.bytes.length + shift).subarray(shift)
    misaligned.set(encoded.bytes)
    const decoded = decodeValue(misaligned, noChunks) as {
      values: Float64Array
      big: BigInt64Array
    }
    assert.deepEqual(decoded.values, new Float64Array([1.5, 2.5]))
    assert.equal(decoded.values.byteOffset % 8, 0)
    assert.deepEqual(decoded.big, new BigInt64Array([7n]))
  }
})

test('V12: payloads over 256 KiB become chunks addressed by their bytes', () => {
  const array = new Float64Array((3 * CHUNK) / 8 + 10).map((_, index) => index)
  const encoded = encodeValue(array)
  assert.equal(encoded.chunks.length, 4)
  const raw = new Uint8Array(array.buffer)
  encoded.chunks.forEach((chunk, index) => {
    assert.deepEqual(chunk.bytes, raw.subarray(index * CHUNK, (index + 1) * CHUNK))
    assert.equal(chunk.id, digestId(chunk.bytes))
  })
  assert.ok(encoded.bytes.length < 200, 'storage holds ids, not payload')
  assert.deepEqual(
    chunkIdsOf(encoded.bytes),
    encoded.chunks.map((chunk) => chunk.id),
  )
  const decoded = decodeValue(encoded.bytes, chunkLoader(encoded)) as Float64Array
  assert.deepEqual(decoded, array)
  assert.equal(decoded.byteOffset, 0)
})

test('V12: exactly 256 KiB stays inline; one byte more is chunked', () => {
  assert.equal(encodeValue(new Uint8Array(CHUNK)).chunks.length, 0)
  const over = encodeValue(new Uint8Array(CHUNK + 1).fill(1))
  assert.equal(over.chunks.length, 2)
  assert.equal(over.chunks[1]?.bytes.length, 1)
})

test('V12: arrays that differ in one chunk share every other chunk id', () => {
  const first = new Float64Array((4 * CHUNK) / 8).map((_, index) => index)
  const second = first.slice()
  second[CHUNK / 8 + 5] = -1
  const a = encodeValue(first)
  const b = encodeValue(second)
  assert.notEqual(a.cid, b.cid)
  const aIds = a.chunks.map((chunk) => chunk.id)
  const bIds = b.chunks.map((chunk) => chunk.id)
  assert.deepEqual(
    aIds.map((id, index) => id === bIds[index]),
    [true, false, true, true],
  )
})

test('V12: the cid covers kind and length even when chunks are equal', () => {
  const zeros = new ArrayBuffer(2 * CHUNK)
  const cids = [
    new Uint8Array(zeros),
    new Int32Array(zeros),
    new Float64Array(zeros),
    zeros,
    new DataView(zeros),
  ].map((value) => encodeValue(value))
  assert.equal(new Set(cids.map((encoded) => encoded.cid)).size, cids.length)
  const chunkIds = new Set(cids.flatMap((encoded) => encoded.chunks.map((chunk) => chunk.id)))
  assert.equal(chunkIds.size, 1, 'a zero chunk is the same chunk for every kind')
})

test('V12: each distinct chunk is listed once, from anywhere in the value', () => {
  const zeros = new Uint8Array(3 * CHUNK)
  const ones = new Uint8Array(CHUNK + 1).fill(1)
  const value = { a: zeros, nested: [new Map([['k', ones]]), new Set([zeros.buffer])] }
  const encoded = encodeValue(value)
  assert.equal(encoded.chunks.length, 3)
  assert.equal(new Set(encoded.chunks.map((chunk) => chunk.id)).size, 3)
  assert.deepEqual(
    chunkIdsOf(encoded.bytes),
    encoded.chunks.map((chunk) => chunk.id),
  )
  roundTrip(value)
})

test('V12: chunk bytes are a snapshot, not a view of the caller’s array', () => {
  const array = new Uint8Array(CHUNK + 8)
  const encoded = encodeValue(array)
  array.fill(9)
  assert.ok(encoded.chunks.every((chunk) => chunk.bytes.every((byte) => byte === 0)))
})

test('V12: a chunk of the wrong size is undecodable', () => {
  const encoded = encodeValue(new Uint8Array(CHUNK + 8))
  assertEngineError(
    () => decodeValue(encoded.bytes, () => new Uint8Array(5)),
    'value.undecodable',
    /chunk .* has 5 bytes/,
  )
  const failure = new Error('blob store is gone')
  assert.throws(
    () =>
      decodeValue(encoded.bytes, () => {
        throw failure
      }),
    (error) => error === failure,
  )
})
