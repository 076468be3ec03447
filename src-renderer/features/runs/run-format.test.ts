import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type RunSummary } from '../../../src-shared/model/runs'
import { formatDuration, formatPercent, hitRate, shortId, shortLabel } from './run-format'

function run(hits: number, executed: number, failed: number): RunSummary {
  return {
    id: 1,
    label: 'main.ts',
    startedAt: 0,
    endedAt: 1,
    durationMs: 1,
    status: 'succeeded',
    hits,
    executed,
    failed,
    error: null,
  }
}

describe('run formatting', () => {
  test('hit rate is the share of all calls, and absent for a run without calls', () => {
    assert.equal(hitRate(run(3, 1, 0)), 0.75)
    assert.equal(hitRate(run(1, 0, 1)), 0.5)
    assert.equal(hitRate(run(0, 0, 0)), null)
  })

  test('percentages never round a miss or a hit away', () => {
    assert.equal(formatPercent(999 / 1000), '99%')
    assert.equal(formatPercent(1), '100%')
    assert.equal(formatPercent(1 / 1000), '<1%')
    assert.equal(formatPercent(0), '0%')
    assert.equal(formatPercent(0.254), '25%')
  })

  test('durations pick a unit that reads', () => {
    assert.equal(formatDuration(null), '—')
    assert.equal(formatDuration(4.25), '4.3 ms')
    assert.equal(formatDuration(321.4), '321 ms')
    assert.equal(formatDuration(2500), '2.50 s')
    assert.equal(formatDuration(95_000), '1 min 35 s')
    assert.equal(formatDuration(2 * 3_600_000 + 60_000), '2 h 1 min')
  })

  test('labels keep the end of long paths, ids their head', () => {
    assert.equal(shortLabel('/home/me/project/src/main.ts'), '…/src/main.ts')
    assert.equal(shortLabel('ws/main.ts'), 'ws/main.ts')
    assert.equal(shortLabel(''), 'unlabelled run')
    assert.equal(shortId('0123456789abcdef'), '01234567…')
    assert.equal(shortId('short'), 'short')
  })
})
