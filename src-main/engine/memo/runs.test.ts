import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { op, Storage, type CallEvent, type RunProgress } from '../index'
import { newWorkspacePath } from '../testing/temp-dirs'

const leaf = op(function leaf(x: number) {
  return x * 2
})
const branch = op(function branch(x: number) {
  return [leaf(x), leaf(x + 1)]
})

describe('runs', () => {
  test('R1, R3: runs are listed newest first with every call event, reasons, durations and parents', async () => {
    const storage = await Storage.open()
    const started = Date.now()
    await storage.run(() => branch(1), { label: 'first' })
    await storage.run(() => branch(1), { label: 'second' })
    const [second, first] = storage.runs()
    assert.equal(first?.label, 'first')
    assert.equal(second?.label, 'second')
    assert.equal(first?.status, 'succeeded')
    assert.ok((first?.startedAt ?? 0) >= started && (first?.durationMs ?? -1) >= 0)
    assert.deepEqual(
      first?.events.map((event) => [event.op, event.outcome, event.reason]),
      [
        ['branch', 'executed', 'new inputs'],
        ['leaf', 'executed', 'new inputs'],
        ['leaf', 'executed', 'new inputs'],
      ],
    )
    const [parent, ...children] = first?.events ?? []
    assert.ok(children.every((event) => event.parentCallId === parent?.callId))
    assert.ok(first?.events.every((event) => event.durationMs >= 0 && event.callId.length === 22))
    assert.deepEqual(
      second?.events.map((event) => [event.op, event.reason]),
      [['branch', 'hit by history']],
    )
    assert.deepEqual([first?.hits, first?.executed, first?.failed, second?.hits], [0, 3, 0, 1])
    assert.deepEqual(storage.getRun(first?.id ?? -1), first)
    assert.deepEqual(storage.runs({ limit: 1, events: false })[0]?.events, [])
    storage.close()
  })

  test('R1: onEvent reports each call as it completes, with running totals', async () => {
    const storage = await Storage.open()
    const seen: [CallEvent, RunProgress][] = []
    await storage.run(() => branch(5), {
      onEvent: (event, progress) => seen.push([event, progress]),
    })
    assert.deepEqual(
      seen.map(([event, progress]) => [event.op, progress.calls, progress.executed]),
      [
        ['leaf', 1, 1],
        ['leaf', 2, 2],
        ['branch', 3, 3],
      ],
    )
    storage.close()
  })

  test('R2, S6: completed calls are committed during a run, and another reader sees them', async () => {
    const dir = newWorkspacePath()
    const writer = await Storage.open(dir)
    const reader = await Storage.open(dir)
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const running = writer.run(
      async () => {
        leaf(10)
        leaf(11)
        await gate
      },
      { commitIntervalMs: 0, label: 'long' },
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.equal(reader.refresh(), true)
    const [inProgress] = reader.runs()
    assert.equal(inProgress?.status, 'running')
    assert.equal(inProgress?.events.length, 2)
    assert.equal(reader.stats().calls, 2)
    release()
    await running
    reader.refresh()
    assert.equal(reader.runs()[0]?.status, 'succeeded')
    writer.close()
    reader.close()
  })
})
