// One benchmark scenario per process, so each figure has its own heap and peak RSS:
//   node --import tsx scenarios.ts <scenario> <workspace> [count]
// Prints one JSON object per line: { figure, value, unit }.
import { op, Storage } from '../engine'

const trivial = op(function trivial(x: number) {
  return x + 1
})

function emit(figure: string, value: number, unit: string): void {
  process.stdout.write(`${JSON.stringify({ figure, value, unit })}\n`)
}

function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024
}

/** Per-call cost of a whole run (lookups, execution, persistence and commits included). */
async function callOverhead(
  dir: string,
  count: number,
  offset: number,
  expect: 'hit' | 'miss',
): Promise<number> {
  const storage = await Storage.open(dir)
  const started = performance.now()
  await storage.run(() => {
    for (let i = 0; i < count; i++) trivial(offset + i)
  })
  const elapsed = performance.now() - started
  const run = storage.runs({ limit: 1, events: false })[0]
  storage.close()
  const observed = expect === 'hit' ? run?.hits : run?.executed
  if (observed !== count) throw new Error(`expected ${count} ${expect}es, saw ${observed}`)
  return (elapsed * 1000) / count
}

const scenarios: Record<string, (dir: string, count: number) => Promise<void>> = {
  async misses(dir, count) {
    emit(`miss_overhead_${count}`, await callOverhead(dir, count, 0, 'miss'), 'µs/call')
    emit(`peak_rss_misses_${count}`, peakRssMiB(), 'MiB')
  },
  async hits(dir, count) {
    emit(`hit_overhead_${count}`, await callOverhead(dir, count, 0, 'hit'), 'µs/call')
    emit(`peak_rss_hits_${count}`, peakRssMiB(), 'MiB')
  },
  /** Adds `count` new calls to a workspace (used to grow the big workspaces). */
  async grow(dir, count) {
    const storage = await Storage.open(dir)
    const offset = storage.stats().calls
    storage.close()
    const perCall = await callOverhead(dir, count, offset, 'miss')
    emit(`grow_${offset + count}`, perCall, 'µs/call')
  },
  /** A checkpoint of the whole workspace (done once after growing it). */
  async checkpoint(dir, size) {
    const storage = await Storage.open(dir)
    const started = performance.now()
    await storage.checkpoint()
    emit(`checkpoint_${size}`, performance.now() - started, 'ms')
    storage.close()
  },
  /** Opening the workspace, then five 10-call runs of new calls: the median run time. */
  async commit10(dir, size) {
    const openStarted = performance.now()
    const storage = await Storage.open(dir)
    emit(`open_${size}`, performance.now() - openStarted, 'ms')
    const offset = storage.stats().calls
    const durations: number[] = []
    for (let round = 0; round < 5; round++) {
      const started = performance.now()
      await storage.run(() => {
        for (let i = 0; i < 10; i++) trivial(offset + round * 10 + i)
      })
      durations.push(performance.now() - started)
    }
    storage.close()
    durations.sort((a, b) => a - b)
    emit(`commit_10_call_run_into_${size}`, durations[2] ?? NaN, 'ms')
    emit(`peak_rss_open_${size}`, peakRssMiB(), 'MiB')
  },
}

const [scenario = '', dir = '', count = '0'] = process.argv.slice(2)
const run = scenarios[scenario]
if (run === undefined) throw new Error(`unknown scenario ${scenario}`)
await run(dir, Number(count))
