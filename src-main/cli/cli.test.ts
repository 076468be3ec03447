import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { type RunSummary } from '../../src-shared/model/runs'
import { collect } from '../engine/testing/child-scripts'
import { newWorkspacePath, tempDir } from '../engine/testing/temp-dirs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const bin = join(root, 'src-main', 'cli', 'bin.mjs')
const example = join(root, 'resources', 'examples', 'random-forest', 'main.ts')

function memograph(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return collect(
    spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  )
}

describe('memograph CLI', () => {
  test('run twice: the second run is all hits, and `runs` lists both', async () => {
    const workspace = newWorkspacePath()
    const first = await memograph(['run', example, '--workspace', workspace])
    assert.equal(first.code, 0, first.stderr)
    // Two datasets × forests of 5 and 10 trees: 15 calls per dataset (generateData, two
    // trainForest and evalForest calls, 15 trainTree calls of which the 10-tree forest reuses 5).
    assert.match(first.stdout, /seed=1 n_trees=10 forest accuracy=0\.\d{3}/)
    assert.match(first.stderr, /run #1 succeeded: 10 hits, 30 executed, 0 failed/)
    const second = await memograph(['run', example, '--workspace', workspace])
    assert.equal(second.code, 0, second.stderr)
    assert.equal(second.stdout, first.stdout)
    // Only the 10 top-level calls are made: each hits, so nothing nested runs.
    assert.match(second.stderr, /run #2 succeeded: 10 hits, 0 executed, 0 failed/)

    const listed = await memograph(['runs', '--workspace', workspace])
    assert.equal(listed.code, 0, listed.stderr)
    assert.match(
      listed.stdout,
      /^RUN\s+STARTED\s+DURATION\s+HITS\s+EXECUTED\s+FAILED\s+STATUS\s+LABEL$/m,
    )
    assert.match(
      listed.stdout,
      /#2 .* 10 +0 +0 +succeeded +resources\/examples\/random-forest\/main\.ts/,
    )
    assert.match(listed.stdout, /#1 .* 10 +30 +0 +succeeded/)
    const json = JSON.parse(
      (await memograph(['runs', '--json', '--workspace', workspace])).stdout,
    ) as RunSummary[]
    assert.deepEqual(
      json.map((run) => [run.id, run.hits, run.executed]),
      [
        [2, 10, 0],
        [1, 10, 30],
      ],
    )

    const shown = await memograph(['show', 'latest', '--workspace', workspace])
    assert.equal(shown.code, 0, shown.stderr)
    assert.match(shown.stdout, /Run #2/)
    assert.match(shown.stdout, /^hit\s+trainForest\s+.*hit by history$/m)
    const stats = JSON.parse(
      (await memograph(['stats', '--json', '--workspace', workspace])).stdout,
    ) as {
      calls: number
      runs: number
    }
    assert.deepEqual([stats.calls, stats.runs], [30, 2])
  })

  test('a script anywhere on disk can import memograph; its arguments follow --', async () => {
    const folder = tempDir()
    const script = join(folder, 'script.ts')
    writeFileSync(
      script,
      `import { op, unwrap } from 'memograph'
const double = op(function double(x: number) { return x * 2 })
console.log(unwrap(double(Number(process.argv[2]))))
`,
    )
    const workspace = join(folder, 'ws')
    const result = await memograph(['run', script, '--workspace', workspace, '--', '21'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout.trim(), '42')
  })

  test('errors go to stderr with a non-zero exit code', async () => {
    const workspace = newWorkspacePath()
    const missing = await memograph(['run', 'nowhere.ts', '--workspace', workspace])
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /memograph: script not found: nowhere\.ts/)

    const folder = tempDir()
    const failing = join(folder, 'failing.ts')
    writeFileSync(
      failing,
      `import { op } from 'memograph'
const check = op(function check(x: number) { if (x > 1) throw new Error('x is too big: ' + x); return x })
check(1)
check(2)
`,
    )
    const failed = await memograph(['run', failing, '--workspace', workspace])
    assert.equal(failed.code, 1)
    assert.match(failed.stderr, /run #1 failed: 0 hits, 1 executed, 1 failed/)
    // The error points at the throw in the TypeScript source (line 2, column of `throw`).
    assert.match(failed.stderr, /failing\.ts:2:\d+: x is too big: 2 \[runner\.script\]/)

    const forbidden = await memograph(['run', failing, '--workspace', workspace, '--no-new-calls'])
    assert.equal(forbidden.code, 1)
    assert.match(
      forbidden.stderr,
      /op 'check' has no stored call for these inputs \(x\) and the run does not allow new calls/,
    )

    const unknownRun = await memograph(['show', '9', '--workspace', workspace])
    assert.equal(unknownRun.code, 1)
    assert.match(unknownRun.stderr, /run 9 does not exist/)

    const notAWorkspace = await memograph(['runs', '--workspace', folder])
    assert.equal(notAWorkspace.code, 1)
    assert.match(notAWorkspace.stderr, /is not a Memograph workspace|not a Memograph workspace/)

    const usage = await memograph(['frobnicate'])
    assert.equal(usage.code, 2)
    assert.match(usage.stderr, /unknown command 'frobnicate'/)
  })
})
