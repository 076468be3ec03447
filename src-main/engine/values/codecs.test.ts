import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  type Codec,
  CodecRegistry,
  decodeValue,
  defaultCodecs,
  encodeValue,
  registerCodec,
} from './index'
import { assertEngineError, cidOf, noChunks, roundTrip } from './test-support'

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

class Segment {
  constructor(
    readonly from: Point,
    readonly to: Point,
  ) {}
}

const pointCodec: Codec<Point, [number, number]> = {
  name: 'test.Point',
  class: Point,
  encode: (point) => [point.x, point.y],
  decode: ([x, y]) => new Point(x, y),
}

const pairCodec: Codec<Point, [number, number]> = { ...pointCodec, name: 'test.Pair' }

const segmentCodec: Codec<Segment, { from: Point; to: Point }> = {
  name: 'test.Segment',
  class: Segment,
  encode: (segment) => ({ from: segment.from, to: segment.to }),
  decode: (data) => new Segment(data.from, data.to),
}

function registryWith(...codecs: Codec[]): CodecRegistry {
  const registry = new CodecRegistry()
  for (const codec of codecs) registry.register(codec)
  return registry
}

test('V11: an instance of a codec class is encoded as (codec name, data)', () => {
  const codecs = registryWith(pointCodec, segmentCodec)
  const segment = new Segment(new Point(1, 2), new Point(3, 4))
  const decoded = roundTrip({ shape: segment, points: [new Point(0, 0)] }, codecs)
  assert.ok(decoded.shape instanceof Segment)
  assert.ok(decoded.shape.to instanceof Point)
  assert.equal(decoded.shape.to.y, 4)
  assert.equal(encodeValue(segment, undefined, codecs).typeName, 'test.Segment')
  assert.equal(cidOf(new Point(1, 2), codecs), cidOf(new Point(1, 2), codecs))
  assert.notEqual(cidOf(new Point(1, 2), codecs), cidOf(new Point(2, 1), codecs))
})

test('V11: the cid includes the codec name, so equal data from two codecs differs', () => {
  const asPoint = cidOf(new Point(1, 2), registryWith(pointCodec))
  const asPair = cidOf(new Point(1, 2), registryWith(pairCodec))
  assert.notEqual(asPoint, asPair)
  assert.notEqual(asPoint, cidOf([1, 2]))
})

test('V11: codecs match the exact prototype, not subclasses', () => {
  class Point3 extends Point {}
  assertEngineError(
    () => encodeValue(new Point3(1, 2), { argument: 'p' }, registryWith(pointCodec)),
    'value.unencodable',
    /class Point3 at p;/,
  )
})

test('V11: decoding a codec that is not registered names it', () => {
  const bytes = encodeValue(new Point(1, 2), undefined, registryWith(pointCodec)).bytes
  assertEngineError(
    () => decodeValue(bytes, noChunks, new CodecRegistry()),
    'value.undecodable',
    /^value was stored with codec 'test\.Point', which is not registered in this process; call registerCodec\(\) before loading it$/,
  )
})

test('V11: a codec whose data is unencodable fails with the path into that data', () => {
  class Model {}
  const leaky: Codec<Model, unknown> = {
    name: 'test.Leaky',
    class: Model,
    encode: () => ({ weights: [1, () => 0] }),
    decode: () => new Model(),
  }
  const error = assertEngineError(
    () => encodeValue({ m: new Model() }, { op: 'fit', argument: 'input' }, registryWith(leaky)),
    'value.unencodable',
    /^op 'fit', argument 'input': cannot encode a function at input\.m<codec 'test\.Leaky'>\.weights\[1\];/,
  )
  assert.equal(error.details?.path, "input.m<codec 'test.Leaky'>.weights[1]")
})

test('V11: a codec that throws while encoding becomes an unencodable error', () => {
  class Fragile {}
  const failing: Codec<Fragile, unknown> = {
    name: 'test.Failing',
    class: Fragile,
    encode: () => {
      throw new Error('not today')
    },
    decode: () => new Fragile(),
  }
  const error = assertEngineError(
    () => encodeValue([new Fragile()], undefined, registryWith(failing)),
    'value.unencodable',
    /codec 'test\.Failing' failed: not today/,
  )
  assert.equal(error.details?.path, 'value[0]')
})

test('V11: errors thrown by a codec while decoding pass through unchanged', () => {
  const failure = new RangeError('bad point')
  const strict: Codec<Point, [number, number]> = {
    ...pointCodec,
    decode: () => {
      throw failure
    },
  }
  const bytes = encodeValue(new Point(1, 2), undefined, registryWith(pointCodec)).bytes
  assert.throws(
    () => decodeValue(bytes, noChunks, registryWith(strict)),
    (error) => error === failure,
  )
})

test('V11: a codec whose data contains the instance itself is refused, not looped', () => {
  class Loop {}
  const identity: Codec<Loop, unknown> = {
    name: 'test.Identity',
    class: Loop,
    encode: (value) => ({ again: value }),
    decode: () => new Loop(),
  }
  assertEngineError(
    () => encodeValue(new Loop(), undefined, registryWith(identity)),
    'value.unencodable',
    /cycle through a value encoded by codec 'test\.Identity'/,
  )
  class Growing {}
  const growing: Codec<Growing, unknown> = {
    name: 'test.Growing',
    class: Growing,
    encode: () => new Growing(),
    decode: () => new Growing(),
  }
  assertEngineError(
    () => encodeValue(new Growing(), undefined, registryWith(growing)),
    'value.unencodable',
    /deeper than 10000/,
  )
})

test('V11: codec data may refer back to containers around the codec value', () => {
  class Leaf {
    constructor(readonly owner: { leaf?: Leaf; name: string }) {}
  }
  const leafCodec: Codec<Leaf, { owner: unknown }> = {
    name: 'test.Leaf',
    class: Leaf,
    encode: (leaf) => ({ owner: leaf.owner }),
    decode: (data) => new Leaf(data.owner as { name: string }),
  }
  const owner: { leaf?: Leaf; name: string } = { name: 'tree' }
  owner.leaf = new Leaf(owner)
  const decoded = roundTrip(owner, registryWith(leafCodec))
  assert.ok(decoded.leaf instanceof Leaf)
  assert.equal(decoded.leaf.owner, decoded)
})

test('V11: a codec may call encodeValue itself (re-entrant encoding)', () => {
  class Digest {
    constructor(readonly payload: unknown) {}
  }
  const digestCodec: Codec<Digest, string> = {
    name: 'test.Digest',
    class: Digest,
    encode: (value) => encodeValue(value.payload).cid,
    decode: (cid) => new Digest(cid),
  }
  const codecs = registryWith(digestCodec)
  const value = { list: [new Digest({ b: 1, a: 2 }), 3], after: { y: 1, x: 2 } }
  const encoded = encodeValue(value, undefined, codecs)
  const decoded = decodeValue(encoded.bytes, noChunks, codecs) as typeof value
  assert.equal((decoded.list[0] as Digest).payload, cidOf({ a: 2, b: 1 }))
  assert.deepEqual(decoded.after, { y: 1, x: 2 })
  assert.deepEqual(Object.keys(decoded.after), ['y', 'x'])
})

test('V11: registration conflicts are TypeErrors; re-registering the same codec is a no-op', () => {
  const registry = registryWith(pointCodec)
  registry.register(pointCodec)
  assert.throws(() => registry.register({ ...pointCodec }), TypeError)
  assert.throws(() => registry.register(pairCodec), /already has a codec \('test\.Point'\)/)
  assert.throws(
    () => registry.register({ ...pointCodec, class: Segment }),
    /a codec named 'test\.Point' is already registered/,
  )
  for (const builtin of [Map, Set, Date, Array, Object, Float64Array, ArrayBuffer]) {
    assert.throws(
      () =>
        registry.register({
          name: `test.${builtin.name}`,
          class: builtin,
          encode: () => 0,
          decode: () => 0,
        }),
      /encoded natively/,
    )
  }
  assert.throws(() => registry.register({ ...pointCodec, name: '' }), TypeError)
})

test('V11: registerCodec registers into defaultCodecs, which encodeValue uses by default', () => {
  class Celsius {
    constructor(readonly degrees: number) {}
  }
  assertEngineError(() => encodeValue(new Celsius(20)), 'value.unencodable')
  registerCodec<Celsius, number>({
    name: 'test.Celsius',
    class: Celsius,
    encode: (value) => value.degrees,
    decode: (degrees) => new Celsius(degrees),
  })
  assert.ok(defaultCodecs.get('test.Celsius'))
  const decoded = roundTrip(new Celsius(21.5))
  assert.ok(decoded instanceof Celsius)
  assert.equal(decoded.degrees, 21.5)
})
