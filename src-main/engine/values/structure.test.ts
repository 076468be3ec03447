import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decodeValue, encodeValue, REF_BRAND, RefFoundSignal } from './index'
import { assertEngineError, cidOf, noChunks, roundTrip } from './test-support'

interface Node {
  name: string
  next?: Node
  children: Node[]
}

test('V9: a value that contains itself round-trips with its cycle', () => {
  const node: Node = { name: 'a', children: [] }
  node.children.push(node)
  node.next = node
  const decoded = roundTrip(node)
  assert.equal(decoded.next, decoded)
  assert.equal(decoded.children[0], decoded)

  const list: unknown[] = [1]
  list.push(list)
  const decodedList = roundTrip(list)
  assert.equal(decodedList[1], decodedList)
})

test('V9: cycles through Maps, Sets and their keys round-trip', () => {
  const map = new Map<unknown, unknown>()
  map.set('self', map)
  map.set(map, 'as key')
  const decodedMap = roundTrip(map)
  assert.equal(decodedMap.get('self'), decodedMap)
  assert.equal(decodedMap.get(decodedMap), 'as key')

  const set = new Set<unknown>()
  const holder = { set }
  set.add(holder)
  set.add(1)
  const decodedSet = roundTrip(set)
  const [decodedHolder] = [...decodedSet] as [{ set: unknown }]
  assert.equal(decodedHolder.set, decodedSet)
})

test('V9: mutual cycles rebuild the same shape', () => {
  const a: Node = { name: 'a', children: [] }
  const b: Node = { name: 'b', children: [a], next: a }
  a.next = b
  const decoded = roundTrip({ root: a })
  assert.equal(decoded.root.next?.next, decoded.root)
  assert.equal(decoded.root.next?.children[0], decoded.root)
})

test('V9: back-references reach ancestors at any depth', () => {
  // Deep enough that ancestors are looked up beyond the scanned top of the frame stack.
  const root: Record<string, unknown> = { level: 0 }
  let current = root
  const levels: Record<string, unknown>[] = [root]
  for (let level = 1; level <= 40; level++) {
    const next: Record<string, unknown> = { level }
    current.child = next
    levels.push(next)
    current = next
  }
  current.toRoot = root
  current.toThree = levels[3]
  current.toTwenty = levels[20]
  ;(levels[30] as Record<string, unknown>).toTwentyFive = levels[25]
  const decoded = roundTrip(root)
  const decodedLevels: Record<string, unknown>[] = [decoded]
  for (let level = 1; level <= 40; level++) {
    decodedLevels.push(decodedLevels[level - 1]?.child as Record<string, unknown>)
  }
  const deepest = decodedLevels[40] as Record<string, unknown>
  assert.equal(deepest.toRoot, decoded)
  assert.equal(deepest.toThree, decodedLevels[3])
  assert.equal(deepest.toTwenty, decodedLevels[20])
  assert.equal(decodedLevels[30]?.toTwentyFive, decodedLevels[25])
})

test('V9: cycles do not depend on key order for the cid', () => {
  const first: Record<string, unknown> = { a: 1 }
  first.self = first
  const second: Record<string, unknown> = {}
  second.self = second
  second.a = 1
  assert.equal(cidOf(first), cidOf(second))
})

test('V9: shared, non-cyclic substructure is encoded as copies', () => {
  const shared = { x: [1, 2] }
  const value = { left: shared, right: shared }
  assert.equal(cidOf(value), cidOf({ left: { x: [1, 2] }, right: { x: [1, 2] } }))
  const decoded = decodeValue(encodeValue(value).bytes, noChunks) as typeof value
  assert.deepEqual(decoded.left, shared)
  assert.notEqual(decoded.left, decoded.right)
})

function nestedArrays(depth: number): unknown[] {
  const root: unknown[] = []
  let current = root
  for (let level = 1; level < depth; level++) {
    const next: unknown[] = []
    current.push(next)
    current = next
  }
  current.push('leaf')
  return root
}

test('V9: 10,000 levels of nesting encode; deeper fails without a stack overflow', () => {
  const deepest = nestedArrays(10_000)
  const encoded = encodeValue(deepest)
  const decoded = decodeValue(encoded.bytes, noChunks)
  assert.equal(encodeValue(decoded).cid, encoded.cid)
  const error = assertEngineError(
    () => encodeValue(nestedArrays(10_001), { op: 'deep', argument: 'tree' }),
    'value.unencodable',
    /nested deeper than 10000 levels at tree\[0\]\[0\]/,
  )
  assert.equal(error.details?.className, 'Array')
  let object: Record<string, unknown> = { leaf: true }
  for (let level = 0; level < 50_000; level++) object = { child: object }
  assertEngineError(() => encodeValue(object), 'value.unencodable', /deeper than 10000/)
})

test('V10: functions, symbols and opaque built-ins fail closed, naming op, argument and path', () => {
  class DecisionStump {
    left = null
  }
  const model = { children: [1, 2, { left: new DecisionStump() }] }
  const error = assertEngineError(
    () => encodeValue(model, { op: 'train', argument: 'model' }),
    'value.unencodable',
  )
  assert.equal(
    error.message,
    "op 'train', argument 'model': cannot encode a value of class DecisionStump at model.children[2].left; register a codec with registerCodec() or pass a plain object",
  )
  assert.deepEqual(error.details, {
    op: 'train',
    argument: 'model',
    path: 'model.children[2].left',
    className: 'DecisionStump',
  })

  const refused: [unknown, RegExp][] = [
    [() => 1, /cannot encode a function/],
    [class Foo {}, /cannot encode a function/],
    [Symbol('s'), /cannot encode a symbol/],
    [new WeakMap(), /class WeakMap at .*cannot be enumerated/],
    [new WeakSet(), /class WeakSet/],
    [new WeakRef({}), /class WeakRef/],
    [new FinalizationRegistry(() => {}), /class FinalizationRegistry/],
    [Promise.resolve(1), /class Promise at .*await it/],
    [new Number(1), /class Number at .*primitive/],
    [new String('s'), /class String/],
    [new Boolean(true), /class Boolean/],
    [Object(1n), /class BigInt/],
    [Object(Symbol('boxed')), /class Symbol/],
    [new Error('e'), /class Error/],
    [new TypeError('e'), /class TypeError/],
    [/re/g, /class RegExp/],
    [new SharedArrayBuffer(4), /class SharedArrayBuffer/],
    [new (class Point {})(), /class Point/],
    [Object.create(Object.create(null) as object), /class Object/],
    [new Map().entries(), /Map Iterator/],
    [(function* () {})(), /cannot encode a value of class/],
  ]
  for (const [value, message] of refused) {
    const nested = assertEngineError(
      () => encodeValue(new Map([['key', [value]]]), { op: 'f' }),
      'value.unencodable',
      message,
    )
    assert.match(nested.message, /^op 'f': /)
    assert.equal(nested.details?.path, 'value.get("key")[0]')
  }
})

test('V10: paths name object keys, Map keys and values, and Set elements', () => {
  const fn = () => 0
  const cases: [unknown, string][] = [
    [{ 'not an identifier': fn }, 'arg["not an identifier"]'],
    [new Map([[fn, 1]]), 'arg.keys()[0]'],
    [new Map([[{ k: 1 }, fn]]), 'arg.values()[0]'],
    [new Map([[2n, fn]]), 'arg.get(2n)'],
    [new Set([1, fn]), 'arg.values()[1]'],
    [[[1, [fn]]], 'arg[0][1][0]'],
  ]
  for (const [value, path] of cases) {
    const error = assertEngineError(
      () => encodeValue(value, { argument: 'arg' }),
      'value.unencodable',
    )
    assert.equal(error.details?.path, path)
    assert.ok(error.message.startsWith(`argument 'arg': cannot encode a function at ${path};`))
  }
  const bare = assertEngineError(() => encodeValue(fn), 'value.unencodable')
  assert.equal(bare.message.split(';')[0], 'cannot encode a function at value')
})

test('V10: the encoder is usable again after a failure', () => {
  assertEngineError(() => encodeValue({ a: [1, { b: () => 0 }] }), 'value.unencodable')
  assert.equal(cidOf({ a: [1, { b: 0 }] }), cidOf({ a: [1, { b: 0 }] }))
  roundTrip({ after: 'failure', list: [1, 2, 3] })
})

test('Refs: a ref anywhere in a value raises RefFoundSignal with its path', () => {
  assert.equal(REF_BRAND, Symbol.for('memograph.ref'))
  const ref = { [REF_BRAND]: true, hid: 'x' }
  assert.throws(
    () => encodeValue({ inputs: [1, new Map([['model', ref]])] }, { argument: 'batch' }),
    (error) =>
      error instanceof RefFoundSignal &&
      !(error instanceof Error && 'code' in error) &&
      error.path === 'batch.inputs[1].get("model")',
  )
  class RefLike {
    readonly [REF_BRAND] = true
  }
  assert.throws(() => encodeValue(new RefLike()), RefFoundSignal)
  assert.throws(() => encodeValue(new Set([1, new RefLike()])), RefFoundSignal)
  // A ref is found even where the value would otherwise be refused later.
  assert.throws(() => encodeValue([new RefLike(), () => 0]), RefFoundSignal)
})
