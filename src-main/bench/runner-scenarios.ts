// Runner figures for `npm run bench` (one JSON figure per line on stdout):
// - runner_start: a trivial workspace, from startRun to the worker's end (median of 5);
// - runner_hit / runner_miss: median per-call time of an op in a 20,000-call loop run through
//   the runner, from the run's call events (lookup, hashing, storing, tracking included);
// - instrumentation_slowdown: a compute-heavy op (helpers called in inner loops), instrumented
//   versus the same code transpiled without hooks, both run in this process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compileFunction } from 'node:vm'
import tsBlankSpace from 'ts-blank-space'
import { Storage } from '../engine'
import { tracker } from '../engine/versioning/tracker'
import { WorkspaceRunner } from '../runner'
import { transformWorkspaceSync } from '../runner/transform/transform-workspace'

const CALLS = 20_000

function emit(figure: string, value: number, unit: string): void {
  console.log(JSON.stringify({ figure, value, unit }))
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

function workspace(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'memograph-runner-bench-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

async function run(runner: WorkspaceRunner, dir: string, storageDir: string): Promise<number> {
  const result = await runner.startRun({
    workspaceDir: dir,
    entry: 'main.ts',
    storageDir,
    label: 'bench',
    policy: 'fail',
    allowNewCalls: true,
    args: [],
    trusted: true,
  }).result
  if (result.error !== null) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.runId ?? -1
}

async function startTime(runner: WorkspaceRunner): Promise<void> {
  const dir = workspace({ 'main.ts': "console.log('hello')\n" })
  const times: number[] = []
  for (let round = 0; round < 5; round++) {
    const started = performance.now()
    await run(runner, dir, join(dir, `.memograph-${round}`))
    times.push(performance.now() - started)
  }
  emit('runner_start', median(times), 'ms')
  rmSync(dir, { recursive: true, force: true })
}

async function callOverhead(runner: WorkspaceRunner): Promise<void> {
  const dir = workspace({
    'main.ts': `import { op } from 'memograph'
const inc = op(function inc(x: number) {
  return x + 1
})
for (let i = 0; i < ${CALLS}; i++) inc(i)
`,
  })
  const storageDir = join(dir, '.memograph')
  const perCall = async (outcome: 'executed' | 'hit'): Promise<number> => {
    const runId = await run(runner, dir, storageDir)
    const storage = await Storage.open(storageDir)
    const events = storage.getRun(runId)?.events ?? []
    storage.close()
    return median(events.filter((event) => event.outcome === outcome).map((e) => e.durationMs))
  }
  emit('runner_miss_median', (await perCall('executed')) * 1000, 'µs/call')
  emit('runner_hit_median', (await perCall('hit')) * 1000, 'µs/call')
  rmSync(dir, { recursive: true, force: true })
}

const HEAVY = `export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!
  return sum
}
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x))
}
// Logistic regression by gradient descent: helpers are entered once per sample per epoch.
export function train(rows: Float64Array[], labels: number[], epochs: number): Float64Array {
  const weights = new Float64Array(rows[0]!.length)
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let r = 0; r < rows.length; r++) {
      const error = sigmoid(dot(weights, rows[r]!)) - labels[r]!
      for (let i = 0; i < weights.length; i++) weights[i] -= 0.01 * error * rows[r]![i]!
    }
  }
  return weights
}
`

function loadModule(code: string): { train: (...args: unknown[]) => Float64Array } {
  const module = { exports: {} as Record<string, unknown> }
  // The same wrapper the runner's worker uses for workspace modules.
  const evaluate = compileFunction(code, ['exports', 'require', 'module']) as (
    exports: unknown,
    require: unknown,
    module: unknown,
  ) => void
  evaluate(module.exports, () => ({}), module)
  return module.exports as { train: (...args: unknown[]) => Float64Array }
}

function instrumentationSlowdown(): void {
  const dir = workspace({ 'main.ts': HEAVY })
  const bundle = transformWorkspaceSync(dir, 'main.ts')
  const instrumented = loadModule(bundle.modules[0]?.code ?? '')
  // The baseline: the same code with its types blanked and no hooks.
  const plain = loadModule(
    `${tsBlankSpace(HEAVY).replace(/^export /gm, '')}\nmodule.exports = { train }`,
  )
  const rows = Array.from({ length: 2000 }, (_, r) =>
    Float64Array.from({ length: 16 }, (_, i) => Math.sin(r * 16 + i)),
  )
  const labels = rows.map((row) => ((row[0] ?? 0) > 0 ? 1 : 0))
  const time = (train: (...args: unknown[]) => Float64Array): number => {
    const started = performance.now()
    train(rows, labels, 40)
    return performance.now() - started
  }
  // A frame is open, as while an op executes: every hook does its full work.
  tracker.current = tracker.newFrame()
  const ratios: number[] = []
  for (let round = 0; round < 11; round++) {
    const plainMs = time(plain.train)
    const instrumentedMs = time(instrumented.train)
    ratios.push(instrumentedMs / plainMs)
  }
  tracker.current = null
  emit('instrumentation_slowdown', median(ratios.slice(2)), '×')
  rmSync(dir, { recursive: true, force: true })
}

const runner = new WorkspaceRunner()
await startTime(runner)
await callOverhead(runner)
instrumentationSlowdown()
