import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type RunGraph, type RunGraphCall } from '../../../src-shared/model/run-graph'
import { type CallOutcome } from '../../../src-shared/model/runs'
import { compareRunGraphs, orderRuns } from './run-compare'

function call(callId: string, outcome: CallOutcome, op = 'train'): RunGraphCall {
  return {
    callId,
    op,
    outcome,
    reasonCode: outcome === 'hit' ? 'hitByHistory' : outcome === 'failed' ? 'error' : 'newInputs',
    reason: outcome,
    durationMs: 1,
    parentCallId: null,
    versionId: 1,
    inputs: [],
    outputs: [],
  }
}

function graph(runId: number, calls: RunGraphCall[]): RunGraph {
  return { runId, calls, values: [] }
}

describe('compareRunGraphs', () => {
  test('a second run that hit everything the first executed is all newly hit', () => {
    const first = graph(1, [call('a', 'executed'), call('b', 'executed'), call('a', 'hit')])
    const second = graph(2, [call('a', 'hit'), call('b', 'hit'), call('a', 'hit')])
    const comparison = compareRunGraphs(first, second)
    assert.deepEqual(comparison.counts, {
      newlyHit: 2,
      newlyExecuted: 0,
      newlyFailed: 0,
      added: 0,
      removed: 0,
    })
    // The repeated call matched occurrence by occurrence: its second occurrence hit both times.
    assert.equal(comparison.unchanged, 1)
    assert.deepEqual([...comparison.changedCallIds].sort(), ['a', 'b'])
    assert.equal(comparison.baseRunId, 1)
    assert.equal(comparison.currentRunId, 2)
  })

  test('new, vanished, re-executed and failing calls are each named', () => {
    const before = graph(3, [
      call('keep', 'hit'),
      call('gone', 'hit'),
      call('redo', 'hit'),
      call('x', 'hit'),
    ])
    const after = graph(4, [
      call('keep', 'hit'),
      call('redo', 'executed'),
      call('x', 'failed'),
      call('new', 'executed'),
    ])
    const comparison = compareRunGraphs(before, after)
    assert.deepEqual(
      comparison.differences.map((difference) => [difference.kind, difference.callId]),
      [
        ['newlyExecuted', 'redo'],
        ['newlyFailed', 'x'],
        ['added', 'new'],
        ['removed', 'gone'],
      ],
    )
    const removed = comparison.differences.at(-1)
    assert.equal(removed?.after, null)
    assert.equal(removed?.call.callId, 'gone')
    assert.equal(comparison.unchanged, 1)
    assert.equal(comparison.changedCallIds.has('gone'), false)
  })

  test('a call made more often in the newer run counts the extra occurrences as added', () => {
    const comparison = compareRunGraphs(
      graph(1, [call('a', 'hit')]),
      graph(2, [call('a', 'hit'), call('a', 'hit')]),
    )
    assert.equal(comparison.counts.added, 1)
    assert.equal(comparison.unchanged, 1)
  })
})

describe('orderRuns', () => {
  test('puts the older run first whichever way round it is given', () => {
    const older = graph(2, [])
    const newer = graph(7, [])
    assert.equal(orderRuns(newer, older).base, older)
    assert.equal(orderRuns(older, newer).current, newer)
  })
})
