// One benchmark scenario per process, so each figure has its own heap and peak RSS:
//   node --import tsx scenarios.ts <scenario> <workspace> [count]
// Prints one JSON object per line: { figure, value, unit }.
import { op, Storage } from '../engine'
import { evalForest, generateData, trainTree } from '../../resources/examples/random-forest/forest'
import { type Ref } from '../engine'
import { readRunGraph } from '../host/run-graph'
import { createLargeRunWorkspace } from '../tools/large-run-workspace'

const trivial = op(function trivial(x: number) {
  return x + 1
})

// A 3-op chain for the query figure: chainA(x) → chainB → chainC.
const chainA = op(function chainA(x: number) {
  return x + 1
})
const chainB = op(function chainB(a: number) {
  return a * 2
})
const chainC = op(function chainC(b: number) {
  return b - 3
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
  /**
   * similar() (SPEC Q6) on a forest of `count` trees trained by top-level calls and evaluated
   * as one list: a history of count + 2 calls that the projection folds into 3 call nodes.
   */
  async similar(dir, count) {
    const storage = await Storage.open(dir)
    const forestAcc = await storage.run(() => {
      const [X, y] = generateData(1_000_000, 30)
      const trees = Array.from({ length: count }, (_, seed) => trainTree(X, y, seed)[0] as Ref)
      return evalForest(trees as never, X, y)
    })
    const started = performance.now()
    const { table } = storage.similar(forestAcc)
    emit(`similar_${count}_call_history`, performance.now() - started, 'ms')
    storage.close()
    if (table.length !== 1) throw new Error(`expected 1 row, saw ${table.length}`)
  },
  /** A frame of one op with `count` calls, made into a table (mandala's measured shape). */
  async frameTable(dir, count) {
    const storage = await Storage.open(dir)
    await storage.run(() => {
      for (let i = 0; i < count; i++) trivial(i)
    })
    const started = performance.now()
    const table = storage.frame(trivial).toTable()
    emit(`frame_to_table_${count}_calls`, performance.now() - started, 'ms')
    storage.close()
    if (table.length !== count) throw new Error(`expected ${count} rows, saw ${table.length}`)
  },
  /** Builds the query workspace: count / 3 chains chainC(chainB(chainA(x))), checkpointed. */
  async growChain(dir, count) {
    const storage = await Storage.open(dir)
    await storage.run(() => {
      for (let x = 0; x < Math.ceil(count / 3); x++) chainC(chainB(chainA(x)))
    })
    await storage.checkpoint()
    storage.close()
  },
  /**
   * A pattern query over the whole chain (SPEC Q2), x and chainC's output, one row per match:
   * the median of five queries (the first one also prepares the statement).
   */
  async queryChain(dir, count) {
    const storage = await Storage.open(dir)
    const chains = Math.ceil(count / 3)
    const durations: number[] = []
    for (let round = 0; round < 5; round++) {
      const started = performance.now()
      const table = storage.query(
        (q) => {
          const x = q.any()
          return { x, out: chainC(chainB(chainA(x))) }
        },
        { distinct: false },
      )
      durations.push(performance.now() - started)
      if (table.length !== chains) throw new Error(`expected ${chains} rows, saw ${table.length}`)
    }
    storage.close()
    durations.sort((a, b) => a - b)
    emit(`query_3op_chain_${count}_calls`, durations[2] ?? NaN, 'ms')
  },
  /**
   * What the app waits for when it opens a big run: the host reading the run's calls, their
   * inputs and outputs and a one-line summary of every value (`runs.graph`). Median of five.
   */
  async runGraph(dir, count) {
    const { runId } = await createLargeRunWorkspace(dir, count)
    const storage = await Storage.open(dir)
    const durations: number[] = []
    for (let round = 0; round < 5; round++) {
      const started = performance.now()
      const graph = readRunGraph(storage, runId)
      durations.push(performance.now() - started)
      if (graph.calls.length < count) throw new Error(`expected ${count} calls`)
    }
    storage.close()
    durations.sort((a, b) => a - b)
    emit(`run_graph_${count}_calls`, durations[2] ?? NaN, 'ms')
  },
}

const [scenario = '', dir = '', count = '0'] = process.argv.slice(2)
const run = scenarios[scenario]
if (run === undefined) throw new Error(`unknown scenario ${scenario}`)
await run(dir, Number(count))
