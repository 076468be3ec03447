import assert from 'node:assert/strict'
import { Buffer } from 'node:buffer'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { runInNewContext } from 'node:vm'
import { digestId } from '../ids'
import { CHUNK_SIZE, Tag, TYPED_ARRAY_KINDS_BY_CODE } from './format'
import { decodeValue, encodeValue } from './index'
import { assertEngineError, cidOf, noChunks, roundTrip } from './test-support'

function assertAllDistinct(values: readonly unknown[]): void {
  const cids = values.map((value) => cidOf(value))
  assert.equal(new Set(cids).size, values.length, `some of ${cids.join(', ')} collide`)
}

test('V1: values of different types never share a cid', () => {
  assertAllDistinct([
    1,
    '1',
    1n,
    true,
    [1],
    { 0: 1 },
    new Map([[0, 1]]),
    new Set([1]),
    new Uint8Array([1]),
    new Int8Array([1]),
    new Uint8ClampedArray([1]),
    new Uint8Array([1]).buffer,
    new DataView(new Uint8Array([1]).buffer),
    new Date(1),
  ])
  assertAllDistinct([0, '', 0n, false, null, undefined, [], {}, new Map(), new Set(), '0', [0]])
  assertAllDistinct([new Uint8Array(0), new Int8Array(0), new ArrayBuffer(0), new Float64Array(0)])
})

test('V1: storage and canonical encodings start with the format version byte', () => {
  for (const value of [1, 'x', { b: 1, a: 2 }, new Set([2, 1])]) {
    const { bytes, cid } = encodeValue(value)
    assert.equal(bytes[0], 1)
    assert.match(cid, /^[A-Za-z0-9_-]{22}$/)
  }
  // Without entries to sort, the cid is the digest of the storage bytes themselves.
  const { bytes, cid } = encodeValue([1, 'two', 3n])
  assert.equal(cid, digestId(bytes))
})

test('V1: typeName describes the value', () => {
  const cases: [unknown, string][] = [
    [1.5, 'number'],
    ['s', 'string'],
    [true, 'boolean'],
    [undefined, 'undefined'],
    [null, 'null'],
    [2n, 'bigint'],
    [[1, 2, 3], 'Array(3)'],
    [{ a: 1 }, 'object'],
    [new Map([[1, 2]]), 'Map(1)'],
    [new Set([1, 2, 3, 4]), 'Set(4)'],
    [new Date(0), 'Date'],
    [new Float64Array(1000), 'Float64Array(1000)'],
    [new ArrayBuffer(16), 'ArrayBuffer(16)'],
    [new DataView(new ArrayBuffer(8)), 'DataView(8)'],
    [Buffer.from('abc'), 'Uint8Array(3)'],
  ]
  for (const [value, typeName] of cases) assert.equal(encodeValue(value).typeName, typeName)
})

test('V2: -0 and 0 are different values; all NaNs are one value', () => {
  assert.notEqual(cidOf(-0), cidOf(0))
  assert.ok(Object.is(roundTrip(-0), -0))
  const payloadNaN = new Float64Array(new Uint32Array([1, 0x7ff80000]).buffer)[0]
  const negativeNaN = new Float64Array(new Uint32Array([0, 0xfff80000]).buffer)[0]
  const signallingNaN = new Float64Array(new Uint32Array([1, 0x7ff00000]).buffer)[0]
  const nanCids = [NaN, 0 / 0, Number('x'), payloadNaN, negativeNaN, signallingNaN].map((nan) =>
    cidOf(nan),
  )
  assert.equal(new Set(nanCids).size, 1)
  assert.ok(Number.isNaN(roundTrip(NaN)))
  assert.equal(cidOf([NaN]), cidOf([negativeNaN]))
})

test('V2: 1 and 1.0 are one value; integer and float encodings never meet', () => {
  assert.equal(cidOf(1), cidOf(1.0))
  assert.equal(cidOf(2 ** 31), cidOf(2147483648.0))
  assertAllDistinct([1, 1 + Number.EPSILON, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1])
  const edges = [0, 1, -1, 63, 64, -64, -65, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1]
  const more = [2 ** 53, -(2 ** 53), 0.1, -1e-300, 5e-324, Infinity, -Infinity, Number.MAX_VALUE]
  for (const number of [...edges, ...more]) assert.ok(Object.is(roundTrip(number), number))
})

test('V2: bigint is its own type: sign and magnitude of any size', () => {
  assert.equal(cidOf(0n), cidOf(-0n))
  assertAllDistinct([0n, 1n, -1n, 255n, 256n, 2n ** 64n - 1n, 2n ** 64n, -(2n ** 64n), 1, '1'])
  const values = [0n, 1n, -1n, 255n, -256n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n, -(3n ** 200n)]
  for (const value of values) assert.equal(roundTrip(value), value)
})

test('V3: strings compare by code units; lone surrogates round-trip exactly', () => {
  assert.notEqual(cidOf('\uD800'), cidOf('\uFFFD'))
  assert.notEqual(cidOf('a\uDC00'), cidOf('a\uFFFD'))
  const tricky = [
    '',
    'plain ascii',
    'é and ü',
    '日本語',
    '\u{1F431} astral',
    '\uD800',
    '\uDFFF\uD800',
    'x\uD83D',
    '\uD83D\uDE00',
    `${'long '.repeat(20)}\uD800`,
    `${'日'.repeat(43)}`,
    `${'é'.repeat(64)}`,
    `${'a'.repeat(127)}`,
    `${'a'.repeat(128)}`,
    `${'\u{1F431}'.repeat(50)}`,
  ]
  for (const text of tricky) assert.equal(roundTrip(text), text)
  assertAllDistinct(tricky)
})

test('V3: a well-formed string encodes as UTF-8 whatever its length', () => {
  const short = encodeValue('héllo').bytes
  assert.deepEqual([...short.subarray(1)], [0x08, 6, ...Buffer.from('héllo')])
  const long = 'ü'.repeat(100)
  const bytes = encodeValue(long).bytes
  assert.deepEqual([...bytes.subarray(0, 4)], [1, 0x08, 200, 1])
  assert.deepEqual(Buffer.from(bytes.subarray(4)), Buffer.from(long))
})

test('V4: key order does not change the cid; storage keeps insertion order', () => {
  assert.equal(cidOf({ a: 1, b: 2, c: { x: 1, y: 2 } }), cidOf({ c: { y: 2, x: 1 }, b: 2, a: 1 }))
  assert.notEqual(cidOf({ a: 1, b: 2 }), cidOf({ a: 2, b: 1 }))
  assert.notEqual(cidOf({ a: 1 }), cidOf({ a: 1, b: undefined }))
  const decoded = roundTrip({ zebra: 1, apple: 2, mango: { z: 1, a: 2 }, 2: 'x', 1: 'y' })
  assert.deepEqual(Object.keys(decoded), ['1', '2', 'zebra', 'apple', 'mango'])
  assert.deepEqual(Object.keys(decoded.mango), ['z', 'a'])
})

test('V4: null-prototype and normal objects with equal entries are one value', () => {
  const bare = Object.create(null) as Record<string, unknown>
  bare.b = 1
  bare.a = [2]
  assert.equal(cidOf(bare), cidOf({ a: [2], b: 1 }))
  const decoded = decodeValue(encodeValue(bare).bytes, noChunks) as object
  assert.equal(Object.getPrototypeOf(decoded), Object.prototype)
  assert.deepEqual(Object.keys(decoded), ['b', 'a'])
})

test('V4: plain objects from another realm are plain objects', () => {
  const foreign = runInNewContext('({ b: 1, a: [1, { c: new Map([[1, 2]]) }] })') as object
  assert.notEqual(Object.getPrototypeOf(foreign), Object.prototype)
  const local = { a: [1, { c: new Map([[1, 2]]) }], b: 1 }
  assert.equal(cidOf(foreign), cidOf(local))
  const decoded = decodeValue(encodeValue(foreign).bytes, noChunks)
  assert.deepEqual(decoded, { b: 1, a: [1, { c: new Map([[1, 2]]) }] })
})

test('V4: only own enumerable string keys count; a symbol key fails closed', () => {
  const hidden = { a: 1 }
  Object.defineProperty(hidden, 'secret', { value: 2, enumerable: false })
  assert.equal(cidOf(hidden), cidOf({ a: 1 }))
  const inherited = Object.create({ inheritedKey: 1 }) as object
  assertEngineError(() => cidOf(inherited), 'value.unencodable')
  const error = assertEngineError(
    () => encodeValue({ a: { [Symbol('tag')]: 1 } }, { op: 'f', argument: 'x' }),
    'value.unencodable',
    /symbol key \(Symbol\(tag\)\) at x\.a/,
  )
  assert.equal(error.details?.path, 'x.a')
  const hiddenSymbol = {}
  Object.defineProperty(hiddenSymbol, Symbol('hidden'), { value: 1, enumerable: false })
  assertEngineError(() => cidOf(hiddenSymbol), 'value.unencodable')
})

test('V4: a __proto__ own key round-trips as a key, not a prototype', () => {
  const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object
  const decoded = roundTrip(value)
  assert.equal(Object.getPrototypeOf(decoded), Object.prototype)
  assert.deepEqual(Object.keys(decoded), ['__proto__', 'a'])
})

test('V5: Map and Set entry order does not change the cid; storage keeps order', () => {
  const forward = new Map<unknown, unknown>([
    ['a', 1],
    [2, 'b'],
    [{ k: 1 }, [3]],
  ])
  const backward = new Map([...forward].reverse())
  assert.equal(cidOf(forward), cidOf(backward))
  assert.equal(cidOf(new Set([3, 'x', [1], 1n])), cidOf(new Set([1n, [1], 'x', 3])))
  assert.notEqual(cidOf(new Map([[1, 2]])), cidOf(new Map([[2, 1]])))
  assert.notEqual(cidOf(new Set([1, 2])), cidOf(new Set([1, 2, 3])))
  const decodedMap = roundTrip(backward)
  assert.deepEqual([...decodedMap.keys()], [...backward.keys()])
  assert.deepEqual([...roundTrip(new Set(['z', 'a', 'm']))], ['z', 'a', 'm'])
})

test('V5: Map keys and Set elements may be any encodable value', () => {
  const map = new Map<unknown, unknown>([
    [NaN, 'nan'],
    [-0, 'zero'],
    [{ a: 1 }, 'object'],
    [[1, 2], 'array'],
    [new Set([1]), 'set'],
    [undefined, null],
    [new Uint8Array([1]), 'bytes'],
  ])
  roundTrip(map)
  roundTrip(new Set<unknown>([{}, [], new Map(), NaN, 'a', 0n]))
  // Two distinct but equal keys: order is still erased (ties broken by the values).
  const twoEqualKeys = new Map([
    [{}, 1],
    [{}, 2],
  ])
  const swapped = new Map([...twoEqualKeys].reverse())
  assert.equal(cidOf(twoEqualKeys), cidOf(swapped))
})

test('V5: Maps and Sets of another realm are Maps and Sets; subclasses are not', () => {
  const foreignMap = runInNewContext('new Map([[2, "b"], [1, "a"]])') as unknown
  const foreignSet = runInNewContext('new Set(["x", "y"])') as unknown
  assert.equal(
    cidOf(foreignMap),
    cidOf(
      new Map([
        [1, 'a'],
        [2, 'b'],
      ]),
    ),
  )
  assert.equal(cidOf(foreignSet), cidOf(new Set(['y', 'x'])))
  class TaggedMap extends Map<string, number> {}
  class TaggedSet extends Set<number> {}
  assertEngineError(() => cidOf(new TaggedMap()), 'value.unencodable', /class TaggedMap/)
  assertEngineError(() => cidOf(new TaggedSet()), 'value.unencodable', /class TaggedSet/)
})

test('V6: arrays: order matters and holes differ from undefined', () => {
  assert.notEqual(cidOf([1, 2]), cidOf([2, 1]))
  // eslint-disable-next-line no-sparse-arrays
  const holey = [, 1]
  assert.notEqual(cidOf(holey), cidOf([undefined, 1]))
  const decoded = roundTrip(holey)
  assert.equal(0 in decoded, false)
  // eslint-disable-next-line no-sparse-arrays
  roundTrip([1, , , 4, , 6, , ,])
  const sparse = new Array<number>(100_000)
  sparse[50_000] = 1
  const decodedSparse = roundTrip(sparse)
  assert.equal(Object.keys(decodedSparse).length, 1)
  assert.ok(encodeValue(sparse).bytes.length < 20)
  assert.notEqual(cidOf(new Array(3)), cidOf(new Array(4)))
})

test('V6: non-index properties of an array are ignored', () => {
  const tagged = Object.assign([1, 2], { label: 'x' })
  assert.equal(cidOf(tagged), cidOf([1, 2]))
  const foreign = runInNewContext('[1, 2]') as unknown
  assert.equal(cidOf(foreign), cidOf([1, 2]))
  class Vector extends Array<number> {}
  assertEngineError(() => cidOf(Vector.from([1])), 'value.unencodable', /class Vector/)
})

test('V8: a Date is its time value; all invalid dates are one value', () => {
  assert.equal(cidOf(new Date(5)), cidOf(new Date(5)))
  assertAllDistinct([new Date(5), new Date(6), 5, new Date(-0 + 1)])
  assert.equal(cidOf(new Date(NaN)), cidOf(new Date('not a date')))
  assert.equal(roundTrip(new Date(1_700_000_000_123)).getTime(), 1_700_000_000_123)
  // (Not roundTrip: deepStrictEqual calls two invalid dates different.)
  const invalid = decodeValue(encodeValue(new Date(NaN)).bytes, noChunks)
  assert.ok(invalid instanceof Date && Number.isNaN(invalid.getTime()))
  const foreign = runInNewContext('new Date(5)') as unknown
  assert.equal(cidOf(foreign), cidOf(new Date(5)))
  class Day extends Date {}
  assertEngineError(() => cidOf(new Day(0)), 'value.unencodable', /class Day/)
})

test('encoding-format.md lists exactly the tags and typed array kinds of the code', () => {
  const doc = readFileSync(new URL('./encoding-format.md', import.meta.url), 'utf8')
  const documentedTags = [...doc.matchAll(/^\| `([0-9a-f]{2})`(?: \/ `([0-9a-f]{2})`)? \|/gm)]
    .flatMap((match) => [match[1], match[2]])
    .filter((hex) => hex !== undefined)
    .map((hex) => parseInt(hex, 16))
  assert.deepEqual(
    documentedTags.sort((a, b) => a - b),
    Object.values(Tag).sort((a, b) => a - b),
  )
  for (const [code, kind] of TYPED_ARRAY_KINDS_BY_CODE) {
    assert.ok(doc.includes(`${code} ${kind.name.replace('Array', '')}`), kind.name)
  }
  assert.ok(doc.includes(`${CHUNK_SIZE.toLocaleString('en-US')} bytes`))
})
