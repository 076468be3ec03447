import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { EngineError, op, Storage, type Ref } from '../index'
import { functionFromSource } from '../testing/function-from-source'

function counting<A extends unknown[], R>(
  fn: (...args: A) => R,
): { fn: (...args: A) => R; calls: () => number } {
  let count = 0
  return {
    fn: (...args: A) => {
      count++
      return fn(...args)
    },
    calls: () => count,
  }
}

describe('memoization', () => {
  test('I4, M2: inc(inc(1)) has the cid of inc(2) and a different hid; inc(2) hits by content', async () => {
    const storage = await Storage.open()
    const inc = op(function inc(x: number) {
      return x + 1
    })
    await storage.run(() => {
      const one = inc(1)
      const twice = inc(one)
      const two = inc(2)
      assert.deepEqual([storage.unwrap(one), storage.unwrap(twice), storage.unwrap(two)], [2, 3, 3])
      assert.equal(twice.cid, two.cid)
      assert.notEqual(twice.hid, two.hid)
      assert.notEqual(one.hid, twice.hid)
    })
    const [run] = storage.runs()
    assert.deepEqual(
      run?.events.map((event) => event.reasonCode),
      ['newInputs', 'newInputs', 'hitByContent'],
    )
    storage.close()
  })

  test('M1: a second run hits by history and does not run the function', async () => {
    const storage = await Storage.open()
    const counter = counting((x: number) => x * 2)
    const double = op(function double(x: number) {
      return counter.fn(x)
    })
    const first = await storage.run(() => double(21).hid)
    const second = await storage.run(() => double(21))
    assert.equal(counter.calls(), 1)
    assert.equal(second.hid, first)
    assert.equal(storage.unwrap(second), 42)
    assert.deepEqual(
      storage.runs().map((run) => [run.hits, run.executed]),
      [
        [1, 0],
        [0, 1],
      ],
    )
    storage.close()
  })

  test('M1, M4: within a run, repeating a call is a hit; hits are lazy until unwrapped', async () => {
    const storage = await Storage.open()
    const square = op(function square(x: number) {
      return x * x
    })
    await storage.run(() => {
      const executed = square(3)
      const hit = square(3)
      assert.equal(executed.inMemory, true)
      assert.equal(hit.inMemory, false)
      assert.equal(storage.unwrap(hit), 9)
      assert.equal(hit.inMemory, true)
    })
    storage.close()
  })

  test('M3: the reason tells a new op version from new inputs', async () => {
    const storage = await Storage.open()
    const v1 = op(functionFromSource('function f(x) { return x + 1 }'))
    const v2 = op(functionFromSource('function f(x) { return x + 2 }'))
    await storage.run(() => v1(1))
    const events = await storage.run(() => {
      v2(1)
      v2(5)
      return storage.runs()
    })
    assert.ok(events)
    const [latest] = storage.runs()
    assert.deepEqual(
      latest?.events.map((event) => event.reason),
      ['new op version', 'new inputs'],
    )
    storage.close()
  })

  test('O7: comment, whitespace and quote edits keep the op version; a real edit does not; restoring it hits', async () => {
    const storage = await Storage.open()
    const base = 'function greet(name) { return "hello " + name }'
    const cosmetic = [
      'function greet(name) {\n  // greets\n  return "hello " + name;\n}',
      "function greet(name){return 'hello '+name}",
      'function greet(name,) { /* ok */ return ("hello " + name) }',
    ]
    await storage.run(() => op(functionFromSource(base))('ada'))
    for (const source of cosmetic) {
      await storage.run(() => op(functionFromSource(source))('ada'))
      assert.equal(storage.runs()[0]?.hits, 1, source)
    }
    await storage.run(() =>
      op(functionFromSource('function greet(name) { return "hi " + name }'))('ada'),
    )
    assert.equal(storage.runs()[0]?.events[0]?.reasonCode, 'newOpVersion')
    await storage.run(() => op(functionFromSource(base))('ada'))
    assert.equal(storage.runs()[0]?.events[0]?.reasonCode, 'hitByHistory')
    storage.close()
  })

  test('O7: with a manual version, body edits keep old calls until the version changes', async () => {
    const storage = await Storage.open()
    await storage.run(() => op(functionFromSource('function f(x) { return x }'), { version: 1 })(7))
    await storage.run(() =>
      op(functionFromSource('function f(x) { return x * 100 }'), { version: 1 })(7),
    )
    assert.equal(storage.runs()[0]?.events[0]?.reasonCode, 'hitByHistory')
    const bumped = await storage.run(() =>
      storage.unwrap(op(functionFromSource('function f(x) { return x * 100 }'), { version: 2 })(7)),
    )
    assert.equal(bumped, 700)
    storage.close()
  })

  test('M5: with allowNewCalls false, hits work and a miss fails with a clear error', async () => {
    const storage = await Storage.open()
    const inc = op(function inc(x: number) {
      return x + 1
    })
    await storage.run(() => inc(1))
    await storage.run(() => assert.equal(storage.unwrap(inc(1)), 2), { allowNewCalls: false })
    await assert.rejects(
      storage.run(() => inc(2), { allowNewCalls: false }),
      (error: unknown) =>
        error instanceof EngineError &&
        error.code === 'run.newCallsForbidden' &&
        /op 'inc' has no stored call for these inputs \(x\)/.test(error.message),
    )
    const [failedRun] = storage.runs()
    assert.equal(failedRun?.status, 'failed')
    assert.deepEqual(
      failedRun?.events.map((event) => event.outcome),
      ['failed'],
    )
    storage.close()
  })

  test('M6: a throwing op is not stored, its error propagates unchanged, and the event records it', async () => {
    const storage = await Storage.open()
    const boom = new RangeError('bad input 3')
    const check = op(function check(x: number) {
      if (x === 3) throw boom
      return x
    })
    await assert.rejects(
      storage.run(() => {
        check(1)
        check(3)
      }),
      (error: unknown) => error === boom,
    )
    const [run] = storage.runs()
    assert.deepEqual(
      run?.events.map((event) => [event.outcome, event.reason]),
      [
        ['executed', 'new inputs'],
        ['failed', 'error: bad input 3'],
      ],
    )
    assert.equal(run?.error, 'RangeError: bad input 3')
    assert.equal(storage.stats().calls, 1)
    storage.close()
  })

  test('O2: async ops return promises of refs; a sync function returning a promise is an error', async () => {
    const storage = await Storage.open()
    const fetchUser = op(async function fetchUser(id: number) {
      await new Promise((resolve) => setTimeout(resolve, 1))
      return { id, name: `user ${id}` }
    })
    const sneaky = op(function sneaky(x: number) {
      return Promise.resolve(x)
    })
    await storage.run(async () => {
      const user = fetchUser(1)
      assert.ok(user instanceof Promise)
      assert.deepEqual(storage.unwrap(await user), { id: 1, name: 'user 1' })
      const again = fetchUser(1)
      assert.ok(again instanceof Promise)
      assert.equal((await again).hid, (await user).hid)
    })
    await assert.rejects(
      storage.run(() => sneaky(1)),
      /op 'sneaky' returned a Promise but is not an async function/,
    )
    storage.close()
  })

  test('O3: a destructured parameter gives one input per key; undeclared keys are an error', async () => {
    const storage = await Storage.open()
    const train = op(function train({ data, rate }: { data: number[]; rate: number }) {
      return data.map((value) => value * rate)
    })
    await storage.run(() => {
      const data = train({ data: [1, 2], rate: 2 })
      const again = train({ rate: 2, data: [1, 2] })
      assert.equal(again.hid, data.hid)
      assert.throws(
        () => train({ data: [1], rate: 1, extra: true } as never),
        /op 'train' got key 'extra', which its parameter pattern \{ data, rate \} does not declare/,
      )
    })
    storage.close()
  })

  test('O3: omitted and undefined arguments are the same call; extra arguments are an error', async () => {
    const storage = await Storage.open()
    const scale = op(function scale(x: number, factor?: number) {
      return x * (factor ?? 10)
    })
    await storage.run(() => {
      assert.equal(scale(2).hid, scale(2, undefined).hid)
      assert.throws(
        () => (scale as (...args: number[]) => unknown)(1, 2, 3),
        (error: unknown) => error instanceof EngineError && error.code === 'op.arguments',
      )
    })
    storage.close()
  })

  test('O4: tuple outputs are separate refs; a wrong return shape is an error', async () => {
    const storage = await Storage.open()
    const split = op(
      function split(text: string): [string, string] {
        const [head = '', ...rest] = text.split(' ')
        return [head, rest.join(' ')]
      },
      { outputs: ['head', 'tail'] },
    )
    const broken = op(
      function broken(): [number, number] {
        return [1] as unknown as [number, number]
      },
      { outputs: ['a', 'b'] },
    )
    await storage.run(() => {
      const [head, tail] = split('memoize all the things')
      assert.equal(storage.unwrap(head), 'memoize')
      assert.equal(storage.unwrap(tail), 'all the things')
      assert.notEqual(head.hid, tail.hid)
      assert.throws(() => broken(), /must return an array of 2 values; it returned an array of 1/)
    })
    storage.close()
  })

  test('O5: ignored arguments reach the function but not the call identity', async () => {
    const storage = await Storage.open()
    const inc = op(
      function inc(x: number, irrelevant: number) {
        return x + 1 + irrelevant * 0
      },
      { ignore: ['irrelevant'] },
    )
    await storage.run(() => {
      inc(23, 0)
      inc(23, 1)
    })
    assert.equal(storage.stats().calls, 1)
    assert.deepEqual(
      storage.runs()[0]?.events.map((event) => event.outcome),
      ['executed', 'hit'],
    )
    storage.close()
  })

  test('O6: a parameter added with newArgDefault keeps the old calls', async () => {
    const storage = await Storage.open()
    const add = op(functionFromSource('function add(x) { return x + 1 }'), { version: 1 })
    await storage.run(() => add(1))
    const extended = op(functionFromSource('function add(x, y = 1) { return x + y }'), {
      version: 1,
      newArgDefault: { y: 1 },
    })
    await storage.run(() => {
      extended(1)
      extended(1, 1)
      assert.equal(storage.unwrap(extended(1, 2)), 3)
    })
    assert.deepEqual(
      storage.runs()[0]?.events.map((event) => event.outcome),
      ['hit', 'hit', 'executed'],
    )
    assert.equal(storage.stats().calls, 2)
    storage.close()
  })

  test('O8: outside any run an op runs plainly and unwraps ref arguments', async () => {
    const storage = await Storage.open()
    const inc = op(function inc(x: number) {
      return x + 1
    })
    const ref = await storage.run(() => inc(1))
    assert.equal(inc(ref), 3)
    assert.equal(inc(5), 6)
    storage.close()
  })

  test('V10: an unencodable argument names the op, the argument and the path', async () => {
    const storage = await Storage.open()
    class Model {
      weights = [1]
    }
    const fit = op(function fit(config: { model: Model }) {
      return config.model.weights.length
    })
    await storage.run(() => {
      assert.throws(
        () => fit({ model: new Model() }),
        (error: unknown) =>
          error instanceof EngineError &&
          error.code === 'value.unencodable' &&
          error.message.includes("op 'fit', argument 'config'") &&
          error.message.includes('Model'),
      )
    })
    storage.close()
  })

  test('M7: a ref from another storage is rejected at the call that receives it', async () => {
    const first = await Storage.open()
    const second = await Storage.open()
    const inc = op(function inc(x: number) {
      return x + 1
    })
    const foreign: Ref = await first.run(() => inc(1))
    await second.run(() => {
      assert.throws(() => inc(foreign as never), /argument 'x': the ref belongs to another storage/)
    })
    first.close()
    second.close()
  })

  test('R4: an op called after its run ended is an error; runs do not overlap', async () => {
    const storage = await Storage.open()
    const slow = op(async function slow(x: number) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      return x
    })
    let late: Promise<unknown> | undefined
    await storage.run(() => {
      late = new Promise((resolve) => setTimeout(resolve, 20)).then(() => slow(1))
    })
    await assert.rejects(
      late as Promise<unknown>,
      (error: unknown) => error instanceof EngineError && error.code === 'run.ended',
    )
    const running = storage.run(() => new Promise((resolve) => setTimeout(resolve, 10)))
    await assert.rejects(
      storage.run(() => 1),
      (error: unknown) => error instanceof EngineError && error.code === 'run.active',
    )
    await running
    storage.close()
  })
})
