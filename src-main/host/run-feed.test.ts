import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { MAX_RUN_OUTPUT_LINES, type HostEvent } from '../../src-shared/host/contract'
import { OUTPUT_BATCH_MS, RunFeed } from './run-feed'

function feedWithLog() {
  const events: HostEvent[] = []
  return { feed: new RunFeed((event) => events.push(event)), events }
}

describe('RunFeed', () => {
  it('batches output, keeping the order of streams', async () => {
    const { feed, events } = feedWithLog()
    feed.addOutput('stdout', 'one\n')
    feed.addOutput('stdout', 'two')
    feed.addOutput('stderr', 'oops\n')
    feed.addOutput('stdout', ' and more\n')
    assert.equal(events.length, 0, 'nothing is sent at once')
    await sleep(OUTPUT_BATCH_MS * 2)
    assert.deepEqual(
      events.map((event) => event.payload),
      [
        { stream: 'stdout', text: 'one\ntwo' },
        { stream: 'stderr', text: 'oops\n' },
        { stream: 'stdout', text: ' and more\n' },
      ],
    )
    assert.deepEqual(feed.output, [
      { stream: 'stdout', text: 'one\n' },
      { stream: 'stdout', text: 'two' },
      { stream: 'stderr', text: 'oops\n' },
      { stream: 'stdout', text: ' and more\n' },
    ])
    feed.addOutput('stdout', 'three')
    feed.addOutput('stdout', ' four\nfive\n')
    feed.flush()
    assert.deepEqual(feed.output.slice(-2), [
      { stream: 'stdout', text: 'three four\n' },
      { stream: 'stdout', text: 'five\n' },
    ])
  })

  it('keeps only the most recent lines, and splits endless ones', () => {
    const { feed } = feedWithLog()
    feed.addOutput('stdout', Array.from({ length: 3000 }, (_, i) => `line ${i}\n`).join(''))
    assert.equal(feed.output.length, MAX_RUN_OUTPUT_LINES)
    assert.equal(feed.output[0]?.text, `line ${3000 - MAX_RUN_OUTPUT_LINES}\n`)
    assert.equal(feed.output.at(-1)?.text, 'line 2999\n')
    feed.addOutput('stderr', 'x'.repeat(10_000))
    const long = feed.output.slice(-3)
    assert.deepEqual(
      long.map((line) => line.text.length),
      [4000, 4000, 2000],
    )
    feed.flush()
  })

  it('sends progress at once, then at most every 50 ms, with the latest totals', async () => {
    const { feed, events } = feedWithLog()
    for (let calls = 1; calls <= 10; calls++)
      feed.addProgress({ calls, hits: calls, executed: 0, failed: 0 })
    assert.deepEqual(
      events.map((event) => (event.payload as { calls: number }).calls),
      [1],
    )
    await sleep(80)
    assert.deepEqual(
      events.map((event) => (event.payload as { calls: number }).calls),
      [1, 10],
    )
    feed.addProgress({ calls: 11, hits: 11, executed: 0, failed: 0 })
    feed.flush()
    feed.flush()
    assert.deepEqual(
      events.map((event) => (event.payload as { calls: number }).calls),
      [1, 10, 11],
    )
    assert.deepEqual(feed.progress, { calls: 11, hits: 11, executed: 0, failed: 0 })
  })
})
