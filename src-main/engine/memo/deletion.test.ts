import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { EngineError, op, Storage } from '../index'
import { newWorkspacePath } from '../testing/temp-dirs'

const big = op(function big(seed: number) {
  return Float64Array.from({ length: 50_000 }, (_, index) => seed + index)
})
const head = op(function head(values: Float64Array) {
  return values[0] ?? Number.NaN
})
const plusOne = op(function plusOne(x: number) {
  return x + 1
})

describe('deletion', () => {
  test('G1: dropCalls removes a call; with dependents, everything computed from it', async () => {
    const storage = await Storage.open()
    const refs = await storage.run(() => {
      const values = big(1)
      const first = head(values)
      return { values, first, next: plusOne(first) }
    })
    assert.equal(storage.stats().calls, 3)

    const dropped = await storage.dropCalls([refs.values], { dependents: true })
    assert.equal(dropped.calls, 3)
    assert.equal(storage.stats().calls, 0)
    // The run history still names the dropped calls.
    assert.equal(storage.runs()[0]?.events.length, 3)
    assert.ok(storage.runs()[0]?.events.every((event) => event.callId.length === 22))
    // Re-running executes again.
    await storage.run(() => plusOne(head(big(1))))
    assert.equal(storage.runs()[0]?.executed, 3)
    storage.close()
  })

  test('G1: without dependents only the named call goes; its consumers stay valid', async () => {
    const storage = await Storage.open()
    await storage.run(() => plusOne(head(big(2))))
    const headCall = storage.runs()[0]?.events.find((event) => event.op === 'head')?.callId
    assert.ok(headCall)
    const summary = await storage.dropCalls([headCall])
    assert.equal(summary.calls, 1)
    await storage.run(() => plusOne(head(big(2))))
    assert.deepEqual(
      storage.runs()[0]?.events.map((event) => `${event.op}:${event.outcome}`),
      ['big:hit', 'head:executed', 'plusOne:hit'],
    )
    await assert.rejects(
      storage.dropCalls(['nosuchcallidxxxxxxxxxx']),
      (error: unknown) =>
        error instanceof EngineError && /no stored call has id/.test(error.message),
    )
    storage.close()
  })

  test('G1: a dropped call that now returns another value than its surviving consumers used is an error', async () => {
    const storage = await Storage.open()
    let draws = 0
    const draw = op(function draw(seed: number) {
      draws++
      return seed * 100 + draws
    })
    await storage.run(() => plusOne(draw(1)))
    const drawCall = storage.runs()[0]?.events[0]?.callId
    assert.ok(drawCall)
    await storage.dropCalls([drawCall])
    await assert.rejects(
      storage.run(() => draw(1)),
      (error: unknown) =>
        error instanceof EngineError &&
        error.code === 'op.failed' &&
        /op 'draw' returned a different value for output 'output_0' than the one stored before this call was dropped/.test(
          error.message,
        ),
    )
    // Nothing of the failed call was stored. Once the consumer is dropped too, the old value
    // has no user left and the call can run again.
    assert.equal(storage.stats().calls, 1)
    const consumer = storage
      .runs()
      .at(-1)
      ?.events.find((event) => event.op === 'plusOne')?.callId
    assert.ok(consumer)
    await storage.dropCalls([consumer])
    assert.equal(await storage.run(() => storage.unwrap(draw(1))), 103)
    storage.close()
  })

  test('G2: gc removes values and blob files nothing points to any more', async () => {
    const dir = newWorkspacePath()
    const storage = await Storage.open(dir)
    const values = await storage.run(() => big(3))
    const before = storage.stats()
    assert.ok(before.blobs > 0)
    await storage.dropCalls([values])
    const summary = await storage.gc()
    const after = storage.stats()
    assert.equal(after.blobs, 0)
    assert.equal(after.values, 0)
    assert.ok(summary.blobs >= 2, `removed ${summary.blobs} blobs`)
    assert.ok(summary.blobBytes >= 400_000)
    storage.close()
    const reopened = await Storage.open(dir)
    assert.equal(reopened.stats().calls, 0)
    await reopened.run(() => big(3))
    assert.equal(reopened.runs()[0]?.executed, 1)
    reopened.close()
  })
})
