import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type CallEvent } from '../../../src-shared/model/runs'
import { type WorkerToHost } from '../../../src-shared/runner/protocol'
import { ProgressBatcher } from './progress-batcher'

type Progress = Extract<WorkerToHost, { type: 'progress' }>

function event(index: number): CallEvent {
  const callId = `call-${index}`
  return {
    callId,
    op: 'f',
    outcome: 'executed',
    reasonCode: 'newInputs',
    reason: 'new inputs',
    durationMs: 0,
  }
}

test('progress: a burst of events becomes few messages, and every event arrives once, in order', async () => {
  const posted: Progress[] = []
  const batcher = new ProgressBatcher((message) => posted.push(message as Progress))
  for (let index = 0; index < 500; index++) {
    batcher.add(event(index), { calls: index + 1, hits: 0, executed: index + 1, failed: 0 })
  }
  // The first event goes out at once; the rest wait for the 50 ms interval.
  assert.equal(posted.length, 1)
  await new Promise((resolve) => setTimeout(resolve, 80))
  assert.equal(posted.length, 2)
  batcher.flush()
  assert.equal(posted.length, 3)
  assert.deepEqual(
    posted.flatMap((message) => message.events.map((e) => e.callId)),
    Array.from({ length: 500 }, (_, index) => `call-${index}`),
  )
  assert.deepEqual(posted.at(-1), {
    type: 'progress',
    calls: 500,
    hits: 0,
    executed: 500,
    failed: 0,
    events: [],
  })
})
