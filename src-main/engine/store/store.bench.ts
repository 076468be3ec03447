/**
 * Store benchmark: `node --import tsx src-main/engine/store/store.bench.ts`. One line per
 * figure. The workspace is a temporary directory with a 1,000,000-row table of small rows,
 * shaped like the call table the memoization layer looks up by key.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { WorkspaceStore } from './workspace-store'

const ROWS = 1_000_000
const LOOKUPS = 200_000
const INSERTS = 100_000
const COMMITS = 30

const dir = mkdtempSync(join(tmpdir(), 'memograph-store-bench-'))
const key = (i: number): string => `key-${String(i).padStart(7, '0')}`

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

function report(name: string, value: number, unit: string, note = ''): void {
  console.log(`store: ${name}: ${value.toFixed(unit === 'µs' ? 2 : 1)} ${unit}${note}`)
}

try {
  let store = await WorkspaceStore.open(dir)
  await store.acquireWriteLock('bench')
  store.exec('CREATE TABLE calls (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, value TEXT)')
  store.run(
    `WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS - 1})
     INSERT INTO calls (key, value) SELECT printf('key-%07d', i), 'value ' || i FROM n`,
  )
  store.commit()
  store.checkpoint()
  const imageMb = store.stats().imageBytes / 1e6

  // Lookups and inserts while a transaction is pending, as during a run.
  store.run('INSERT INTO calls (key, value) VALUES (?, ?)', ['warm-up', 'x'])
  let started = performance.now()
  let found = 0
  for (let i = 0; i < LOOKUPS; i++) {
    const row = store.getRow('SELECT id, value FROM calls WHERE key = ?', [key((i * 7919) % ROWS)])
    if (row !== undefined) found++
  }
  if (found !== LOOKUPS) throw new Error(`found ${found} of ${LOOKUPS}`)
  report(
    'getRow indexed lookup (1M rows, pending transaction)',
    ((performance.now() - started) * 1000) / LOOKUPS,
    'µs',
  )

  started = performance.now()
  for (let i = 0; i < INSERTS; i++) {
    store.run('INSERT INTO calls (key, value) VALUES (?, ?)', [`new-${i}`, `value ${i}`])
  }
  report(
    'run() insert (pending transaction)',
    ((performance.now() - started) * 1000) / INSERTS,
    'µs',
  )
  const big = store.commit()
  report(
    `commit of ${INSERTS + 1} statements`,
    big.durationMs,
    'ms',
    ` (${(big.bytes / 1e6).toFixed(1)} MB record)`,
  )
  store.checkpoint()

  const commitTimes: number[] = []
  for (let round = 0; round < COMMITS; round++) {
    for (let i = 0; i < 50; i++) {
      store.run('INSERT INTO calls (key, value) VALUES (?, ?)', [`c-${round}-${i}`, 'v'])
    }
    const stats = store.commit()
    if (stats.checkpointed) throw new Error('unexpected checkpoint')
    commitTimes.push(stats.durationMs)
  }
  report(
    `commit of 50 statements into a ${ROWS.toLocaleString('en')}-row image`,
    median(commitTimes),
    'ms',
    ` (median of ${COMMITS}; max ${Math.max(...commitTimes).toFixed(1)} ms)`,
  )
  store.close()

  started = performance.now()
  store = await WorkspaceStore.open(dir)
  report(
    `open of that workspace (image ${imageMb.toFixed(1)} MB + ${COMMITS} journal records)`,
    performance.now() - started,
    'ms',
  )

  await store.acquireWriteLock('bench checkpoint')
  started = performance.now()
  store.checkpoint()
  report('checkpoint of that workspace', performance.now() - started, 'ms')
  store.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
