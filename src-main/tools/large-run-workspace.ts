/**
 * Writes a storage directory holding one run of about `calls` op calls, shaped like a real
 * pipeline (load → clean → featurize ×3 → score ×3 per batch, then one summary), for checking
 * that the app stays fast on big runs. Uses the real engine.
 *   node --import tsx src-main/tools/large-run-workspace.ts <dir> <calls>
 */
import { pathToFileURL } from 'node:url'
import { op, Storage, type Ref } from '../engine'

interface Reading {
  readonly sensor: number
  readonly value: number
  readonly ok: boolean
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const loadBatch = op(function loadBatch(batch: number): Reading[] {
  const next = random(batch)
  return Array.from({ length: 12 }, (_, sensor) => ({
    sensor,
    value: Math.round(next() * 1000) / 10,
    ok: next() > 0.1,
  }))
})

const clean = op(function clean(readings: Reading[]): Reading[] {
  return readings.filter((reading) => reading.ok)
})

const featurize = op(function featurize(readings: Reading[], feature: string): number[] {
  return readings.map((reading) =>
    feature === 'square'
      ? reading.value ** 2
      : feature === 'log'
        ? Math.log1p(reading.value)
        : reading.value,
  )
})

const score = op(function score(features: number[], weight: number): number {
  return features.reduce((sum, value) => sum + value * weight, 0) / Math.max(1, features.length)
})

const summarize = op(function summarize(scores: number[]): { mean: number; max: number } {
  const mean = scores.reduce((sum, value) => sum + value, 0) / Math.max(1, scores.length)
  return { mean, max: Math.max(...scores) }
})

const FEATURES = ['raw', 'square', 'log'] as const
/** Calls per batch: load, clean, and a featurize and a score per feature. */
const CALLS_PER_BATCH = 2 + 2 * FEATURES.length

export interface LargeRunSummary {
  readonly dir: string
  readonly runId: number
  readonly calls: number
}

/** Writes the workspace (a new storage directory) with one run of about `calls` calls. */
export async function createLargeRunWorkspace(
  dir: string,
  calls: number,
): Promise<LargeRunSummary> {
  const batches = Math.max(1, Math.round((calls - 1) / CALLS_PER_BATCH))
  const storage = await Storage.open(dir)
  try {
    await storage.run(
      () => {
        const scores: Ref[] = []
        for (let batch = 0; batch < batches; batch++) {
          const readings = clean(loadBatch(batch))
          FEATURES.forEach((feature, index) => {
            scores.push(score(featurize(readings, feature), 1 + index / 10))
          })
        }
        // The last 100 scores (not all) keep the summary's input collection modest. An array of
        // refs is a collection argument (SPEC C1): the op sees their values.
        summarize(scores.slice(-100) as unknown as number[])
      },
      { label: `large run (${batches * CALLS_PER_BATCH + 1} calls)` },
    )
    const [run] = storage.runs({ limit: 1, events: false })
    return { dir, runId: run?.id ?? 0, calls: batches * CALLS_PER_BATCH + 1 }
  } finally {
    storage.close()
  }
}

const entry = process.argv[1]
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  const [dir, calls] = process.argv.slice(2)
  const count = Number(calls)
  if (dir === undefined || !Number.isInteger(count) || count < 1) {
    console.error('usage: large-run-workspace.ts <dir> <calls>')
    process.exit(2)
  }
  const started = performance.now()
  const summary = await createLargeRunWorkspace(dir, count)
  console.log(
    `wrote run #${summary.runId} with ${summary.calls} calls to ${summary.dir} in ` +
      `${Math.round(performance.now() - started)} ms`,
  )
}
