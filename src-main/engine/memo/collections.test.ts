import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { op, Storage, type Ref } from '../index'

const makeVector = op(function makeVector(seed: number): Float64Array {
  return Float64Array.from({ length: 1000 }, (_, index) => Math.sin(seed * 1000 + index))
})
const total = op(function total(vectors: Float64Array[]): number {
  return vectors.reduce((sum, vector) => sum + vector.reduce((a, b) => a + b, 0), 0)
})

describe('collections', () => {
  test('C1: a list of refs is stored element-wise; elements are not stored again by other lists', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      const vectors = [1, 2, 3, 4].map((seed) => makeVector(seed))
      total(vectors)
      const before = storage.stats()
      total(vectors.slice(0, 2))
      total([vectors[3] as Ref<Float64Array>, vectors[0] as Ref<Float64Array>])
      const after = storage.stats()
      // Each new call stores its collection ref and its result, never the 8 KB vectors again.
      assert.equal(after.calls, before.calls + 2)
      assert.ok(
        after.valueBytes - before.valueBytes < 100,
        `grew by ${after.valueBytes - before.valueBytes} bytes`,
      )
    })
    storage.close()
  })

  test('C1, C2: the same elements in a new list of the same order hit by history; another order does not', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      const vectors = [5, 6].map((seed) => makeVector(seed))
      total(vectors)
      total([...vectors])
      total([...vectors].reverse())
    })
    const events = storage.runs()[0]?.events.filter((event) => event.op === 'total')
    assert.deepEqual(
      events?.map((event) => event.reasonCode),
      ['newInputs', 'hitByHistory', 'newInputs'],
    )
    storage.close()
  })

  test('C2: objects, Maps and Sets of refs are identified independently of their order', async () => {
    const storage = await Storage.open()
    const keys = op(function keys(collection: unknown): number {
      return collection instanceof Map || collection instanceof Set
        ? collection.size
        : Object.keys(collection as object).length
    })
    await storage.run(() => {
      const a = makeVector(7)
      const b = makeVector(8)
      assert.equal(keys({ a, b }).hid, keys({ b, a }).hid)
      assert.equal(
        keys(
          new Map([
            ['a', a],
            ['b', b],
          ]),
        ).hid,
        keys(
          new Map([
            ['b', b],
            ['a', a],
          ]),
        ).hid,
      )
      assert.equal(keys(new Set([a, b])).hid, keys(new Set([b, a])).hid)
    })
    assert.deepEqual(
      storage
        .runs()[0]
        ?.events.filter((event) => event.op === 'keys')
        .map((event) => event.outcome),
      ['executed', 'hit', 'executed', 'hit', 'executed', 'hit'],
    )
    storage.close()
  })

  test('C3, C4: an elementwise output is a collection whose elements are refs of their own', async () => {
    const storage = await Storage.open()
    const primesBelow = op(
      function primesBelow(n: number): number[] {
        const primes: number[] = []
        for (let candidate = 2; candidate < n; candidate++) {
          if (primes.every((prime) => candidate % prime !== 0)) primes.push(candidate)
        }
        return primes
      },
      { elementwise: true },
    )
    const sum = op(function sum(values: number[]) {
      return values.reduce((a, b) => a + b, 0)
    })
    const firstRun = await storage.run(() => {
      const primes = primesBelow(10)
      assert.equal(primes.kind, 'list')
      const elements = storage.elements(primes) as Ref<number>[]
      assert.deepEqual(
        elements.map((element) => storage.unwrap(element)),
        [2, 3, 5, 7],
      )
      assert.deepEqual(storage.unwrap(primes), [2, 3, 5, 7])
      return {
        primes: primes.hid,
        first: elements[0]?.hid,
        sum: storage.unwrap(sum(elements.slice(0, 2))),
      }
    })
    assert.equal(firstRun.sum, 5)
    const secondRun = await storage.run(() => {
      const primes = primesBelow(10)
      const elements = storage.elements(primes) as Ref<number>[]
      assert.equal(elements[0]?.inMemory, false)
      return {
        primes: primes.hid,
        first: elements[0]?.hid,
        sum: storage.unwrap(sum(elements.slice(0, 2))),
      }
    })
    assert.deepEqual(secondRun, firstRun)
    assert.equal(storage.runs()[0]?.hits, 2)
    storage.close()
  })

  test('C3: an op returning refs from inner calls returns a collection of those refs', async () => {
    const storage = await Storage.open()
    const vectors = op(function vectors(count: number) {
      return Array.from({ length: count }, (_, seed) => makeVector(seed))
    })
    await storage.run(() => {
      const list = vectors(3)
      const elements = storage.elements(list) as Ref[]
      assert.equal(elements.length, 3)
      assert.equal(elements[1]?.hid, makeVector(1).hid)
      assert.equal(storage.unwrap(list)[2]?.[0], Math.sin(2000))
    })
    storage.close()
  })

  test('C1: nested containers of refs and plain values round-trip through a call', async () => {
    const storage = await Storage.open()
    const echo = op(function echo(value: unknown) {
      return value
    })
    await storage.run(() => {
      const vector = makeVector(9)
      const nested = {
        name: 'run',
        items: [vector, 2, [vector, 'x']],
        lookup: new Map([[1, vector]]),
      }
      const result = storage.unwrap(echo(nested)) as typeof nested
      const plain = storage.unwrap(vector)
      assert.deepEqual(result, {
        name: 'run',
        items: [plain, 2, [plain, 'x']],
        lookup: new Map([[1, plain]]),
      })
    })
    storage.close()
  })
})
