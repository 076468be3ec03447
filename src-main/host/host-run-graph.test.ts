import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ERROR_CODES } from '../../src-shared/errors'
import { type CallDetails, type RunGraph } from '../../src-shared/model/run-graph'
import { op, Storage } from '../engine'
import { tempDir } from '../engine/testing/temp-dirs'
import { createLargeRunWorkspace } from '../tools/large-run-workspace'
import { createHost } from './host'
import { errorOf, valueOf } from './testing/host-events'

const half = op(function half(x: number) {
  if (x % 2 !== 0) throw new Error(`${x} is odd`)
  return x / 2
})

const pair = op(function pair(a: number, b: number): [number, number] {
  return [a, b]
})

describe('host: run graphs of failed calls and of big runs', () => {
  it('a failed call has no bindings and no version; its details say why it failed', async () => {
    const dir = join(tempDir(), 'storage')
    const storage = await Storage.open(dir)
    await assert.rejects(
      storage.run(() => {
        pair(half(4), 1)
        half(3)
      }),
      /3 is odd/,
    )
    storage.close()

    const host = createHost({ mode: 'browser', configDir: tempDir() })
    valueOf(await host.dispatch('workspace.open', { path: dir }))
    const graph = valueOf<RunGraph>(await host.dispatch('runs.graph', { id: 1 }))
    assert.deepEqual(
      graph.calls.map((call) => [call.op, call.outcome]),
      [
        ['half', 'executed'],
        ['pair', 'executed'],
        ['half', 'failed'],
      ],
    )
    const failed = graph.calls[2]
    assert.deepEqual([failed?.versionId, failed?.inputs, failed?.outputs], [null, [], []])
    // pair's input `a` is half's output: one value, shared.
    assert.equal(graph.calls[1]?.inputs[0]?.[1], graph.calls[0]?.outputs[0]?.[1])
    assert.deepEqual(
      graph.values.map((value) => value.summary),
      ['4', '2', '1', '[2, 1]'],
    )

    const details = valueOf<CallDetails>(
      await host.dispatch('calls.get', { callId: failed?.callId ?? '', runId: 1 }),
    )
    assert.equal(details.explanation.outcome, 'failed')
    assert.match(details.explanation.summary, /^Failed: .*3 is odd.*Nothing was stored\.$/)
    assert.equal(
      errorOf(await host.dispatch('calls.get', { callId: failed?.callId ?? '' })).code,
      ERROR_CODES.callUnknown,
    )
    assert.equal(
      errorOf(await host.dispatch('calls.get', { callId: failed?.callId ?? '', runId: 7 })).code,
      ERROR_CODES.hostBadRequest,
    )
    await host.close()
  })

  it('builds the graph of a 5,000-call run quickly', async () => {
    const dir = join(tempDir(), 'large')
    const started = performance.now()
    const { calls } = await createLargeRunWorkspace(dir, 5000)
    const built = performance.now() - started
    assert.ok(Math.abs(calls - 5000) <= 8, `${calls} calls`)
    const host = createHost({ mode: 'browser', configDir: tempDir() })
    valueOf(await host.dispatch('workspace.open', { path: dir }))
    const timings: number[] = []
    let graph: RunGraph | undefined
    for (let attempt = 0; attempt < 3; attempt++) {
      const start = performance.now()
      graph = valueOf<RunGraph>(await host.dispatch('runs.graph', { id: 1 }))
      timings.push(performance.now() - start)
    }
    console.log(
      `fixture: ${calls} calls written in ${Math.round(built)} ms; runs.graph: ` +
        `${timings.map((ms) => Math.round(ms)).join(', ')} ms (first, then warm)`,
    )
    assert.equal(graph?.calls.length, calls)
    assert.deepEqual(
      [...new Set(graph?.calls.map((call) => call.op))],
      ['loadBatch', 'clean', 'featurize', 'score', 'summarize'],
    )
    // Generous bounds: CI machines are slow and busy; the figure above is the measurement.
    assert.ok(built < 30_000, `fixture took ${built} ms`)
    assert.ok(Math.min(...timings) < 2000, `runs.graph took ${timings.join(', ')} ms`)
    await host.close()
  })
})
