// `npm run bench`: one line per figure (name, value, unit). Each scenario runs in a process of
// its own; per-call figures are the median of three runs. The 100,000- and 1,000,000-call
// workspaces are built once and kept in .bench/ (delete it to rebuild); every measurement works
// on a copy. `--quick` measures the 2,000-call figures only.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

interface Figure {
  readonly figure: string
  readonly value: number
  readonly unit: string
}

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const cacheDir = join(root, '.bench')
const quick = process.argv.includes('--quick')
const scratch = mkdtempSync(join(tmpdir(), 'memograph-bench-'))

function scenario(name: string, dir: string, count: number): Figure[] {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(here, 'scenarios.ts'), name, dir, String(count)],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  )
  if (child.status !== 0) throw new Error(`scenario ${name} failed:\n${child.stderr}`)
  return child.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Figure)
}

function runnerFigures(): Figure[] {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(here, 'runner-scenarios.ts')],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  )
  if (child.status !== 0) throw new Error(`runner scenarios failed:\n${child.stderr}`)
  return child.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Figure)
}

function print(figures: readonly Figure[]): void {
  for (const { figure, value, unit } of figures) {
    if (figure.startsWith('grow_')) continue
    console.log(`${figure.padEnd(36)} ${value.toFixed(value < 10 ? 2 : 1).padStart(10)} ${unit}`)
  }
}

/** A workspace of `size` trivial calls, built in runs of 100,000 and cached. */
function bigWorkspace(size: number): string {
  const cached = join(cacheDir, `calls-${size}`)
  if (!existsSync(cached)) {
    mkdirSync(cacheDir, { recursive: true })
    const building = `${cached}.building`
    rmSync(building, { recursive: true, force: true })
    for (let built = 0; built < size; built += 100_000) {
      scenario('grow', building, Math.min(100_000, size - built))
      process.stderr.write(`  built ${Math.min(built + 100_000, size).toLocaleString()} calls\n`)
    }
    // Opening is measured on a checkpointed workspace: replaying a journal is extra.
    scenario('checkpoint', building, size)
    cpSync(building, cached, { recursive: true })
    rmSync(building, { recursive: true, force: true })
  }
  const copy = join(scratch, `calls-${size}`)
  cpSync(cached, copy, { recursive: true })
  return copy
}

/** A workspace built once by scenario `grow` and kept in .bench/; a copy to work on. */
function cachedWorkspace(name: string, grow: string, size: number): string {
  const cached = join(cacheDir, `${name}-${size}`)
  if (!existsSync(cached)) {
    mkdirSync(cacheDir, { recursive: true })
    const building = `${cached}.building`
    rmSync(building, { recursive: true, force: true })
    scenario(grow, building, size)
    cpSync(building, cached, { recursive: true })
    rmSync(building, { recursive: true, force: true })
  }
  const copy = join(scratch, `${name}-${size}`)
  cpSync(cached, copy, { recursive: true })
  return copy
}

/** Runs a scenario three times and keeps the median of each figure: this machine is noisy. */
function median(name: string, dirs: (round: number) => string, count: number): Figure[] {
  const rounds = [0, 1, 2].map((round) => scenario(name, dirs(round), count))
  return (rounds[0] ?? []).map(({ figure, unit }) => {
    const values = rounds.map(
      (figures) => figures.find((each) => each.figure === figure)?.value ?? NaN,
    )
    values.sort((a, b) => a - b)
    return { figure, value: values[1] ?? NaN, unit }
  })
}

try {
  for (const count of quick ? [2_000] : [2_000, 100_000]) {
    // Misses need a new workspace each round; hits re-run the calls of the first one.
    print(median('misses', (round) => join(scratch, `overhead-${count}-${round}`), count))
    print(median('hits', () => join(scratch, `overhead-${count}-0`), count))
  }
  // The runner (start, per-call overhead through the worker, instrumentation cost).
  print(runnerFigures())
  // Queries over histories (SPEC Q6, Q7): each round builds its own workspace.
  print(median('similar', (round) => join(scratch, `similar-${round}`), 1_000))
  print(median('frameTable', (round) => join(scratch, `frame-${round}`), 2_000))
  // The app opening a 5,000-call run: the host's part (the browser's part is an e2e figure,
  // graph_open_5000_calls, printed by e2e/performance.spec.ts).
  print(scenario('runGraph', join(scratch, 'run-graph'), 5_000))
  // A pattern query (SPEC Q2) over a 3-op chain of 100,000 stored calls.
  if (!quick)
    print(scenario('queryChain', cachedWorkspace('query-chain', 'growChain', 100_000), 100_000))
  for (const size of quick ? [] : [100_000, 1_000_000]) {
    const workspace = bigWorkspace(size)
    print(scenario('commit10', workspace, size))
    print(scenario('checkpoint', workspace, size))
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
