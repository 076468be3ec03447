import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { type CallEvent } from '../../src-shared/model/runs'
import { CodedError } from '../../src-shared/errors'
import { Storage } from '../engine'
import {
  assertRunnerStillWorks,
  runRequest,
  runToEnd,
  writeWorkspace,
} from './testing/runner-fixtures'
import { WorkspaceRunner } from './workspace-runner'

const OPS_WORKSPACE = {
  'main.ts': `import { op } from 'memograph'
import { square } from './lib/math'

const squared = op(function squared(x: number) {
  return square(x)
})

for (let i = 0; i < 4; i++) squared(i)
console.log('args', process.argv.slice(2).join(' '))
`,
  'lib/math.ts': `export function square(x: number): number {
  return x * x
}
`,
}

describe('WorkspaceRunner: runs', () => {
  test('a workspace with an op stores its calls; the second run is all hits', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace(OPS_WORKSPACE)
    const started: number[] = []
    const events: CallEvent[] = []
    const first = await runToEnd(runner, runRequest(workspace, { args: ['--fast', 'x'] }), {
      onRunStarted: (runId) => started.push(runId),
      onProgress: (_totals, batch) => events.push(...batch),
    })
    assert.equal(first.error, null)
    assert.equal(first.status, 'succeeded')
    assert.deepEqual(first.output, ['stdout: args --fast x\n'])
    assert.deepEqual(
      events.map((event) => [event.op, event.outcome]),
      [0, 1, 2, 3].map(() => ['squared', 'executed']),
    )
    const second = await runToEnd(runner, runRequest(workspace))
    assert.equal(second.status, 'succeeded')
    assert.deepEqual(started, [first.runId])
    assert.notEqual(second.runId, first.runId)

    const storage = await Storage.open(workspace.storageDir)
    const [latest, earlier] = storage.runs({ events: false })
    storage.close()
    assert.equal(latest?.id, second.runId)
    assert.deepEqual([latest?.status, latest?.hits, latest?.executed], ['succeeded', 4, 0])
    assert.deepEqual([earlier?.id, earlier?.hits, earlier?.executed], [first.runId, 0, 4])
    assert.equal(latest?.label, 'test run')
  })

  test('console output reaches the host in order, across streams, awaits and writes', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({
      'main.ts': `console.log('one', 1, { a: [2] })
console.error('two')
process.stdout.write('three')
await new Promise((resolve) => setTimeout(resolve, 5))
console.warn('%s-%d', 'four', 4)
console.info('five')
`,
    })
    const result = await runToEnd(runner, runRequest(workspace))
    assert.equal(result.status, 'succeeded')
    assert.deepEqual(result.output, [
      'stdout: one 1 { a: [ 2 ] }\n',
      'stderr: two\n',
      'stdout: three',
      'stderr: four-4\n',
      'stdout: five\n',
    ])
  })

  test('an untrusted workspace is refused and none of its code runs', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({
      'main.ts': `import { writeFileSync } from 'node:fs'
writeFileSync(process.argv[2] ?? '', 'ran')
`,
    })
    const marker = join(workspace.workspaceDir, 'ran.txt')
    const request = runRequest(workspace, { args: [marker] })
    assert.throws(
      () => runner.startRun({ ...request, trusted: false }),
      (error: unknown) => {
        assert.ok(error instanceof CodedError)
        assert.equal(error.code, 'runner.untrusted')
        assert.match(error.message, /main\.ts did not run/)
        assert.match(error.message, /none of its code was executed/)
        assert.match(error.message, /mark it as trusted/)
        return true
      },
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.equal(existsSync(marker), false)
    assert.equal(runner.busy, false)
    // The same request, trusted, does write it: the check above could have failed.
    const trusted = await runToEnd(runner, request)
    assert.equal(trusted.status, 'succeeded')
    assert.equal(existsSync(marker), true)
  })

  test('one run at a time: a second start while one runs is runner.busy', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({
      'main.ts': 'await new Promise((resolve) => setTimeout(resolve, 300))\n',
    })
    const handle = runner.startRun(runRequest(workspace))
    assert.equal(runner.busy, true)
    assert.throws(
      () => runner.startRun(runRequest(workspace)),
      (error: unknown) => error instanceof CodedError && error.code === 'runner.busy',
    )
    assert.equal((await handle.result).status, 'succeeded')
    assert.equal(runner.busy, false)
    await assertRunnerStillWorks(runner, workspace.storageDir)
  })

  test('an exception thrown from a timer ends the run as a script error', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({
      'main.ts': `setTimeout(() => {
  throw new RangeError('late')
}, 1)
await new Promise((resolve) => setTimeout(resolve, 30_000))
console.log('not reached')
`,
    })
    const result = await runToEnd(runner, runRequest(workspace))
    assert.equal(result.status, 'failed')
    assert.equal(result.error?.code, 'runner.script')
    assert.equal(result.error?.message, 'RangeError: late')
    assert.deepEqual(result.error?.location, { file: 'main.ts', line: 2, column: 9 })
    assert.deepEqual(result.output, [])
    assert.ok(result.durationMs < 15_000, `took ${result.durationMs} ms`)
    const storage = await Storage.open(workspace.storageDir)
    assert.equal(storage.runs({ events: false })[0]?.status, 'failed')
    storage.close()
    await assertRunnerStillWorks(runner, workspace.storageDir)
  })

  test('process.exit(0) ends the run successfully, process.exit(3) as a failure', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({
      'main.ts': `console.log('before')
process.exit(Number(process.argv[2]))
console.log('after')
`,
    })
    const clean = await runToEnd(runner, runRequest(workspace, { args: ['0'] }))
    assert.deepEqual([clean.status, clean.output], ['succeeded', ['stdout: before\n']])
    const failing = await runToEnd(runner, runRequest(workspace, { args: ['3'] }))
    assert.equal(failing.status, 'failed')
    assert.equal(failing.error?.message, 'the script called process.exit(3)')
    assert.deepEqual(failing.error?.location, { file: 'main.ts', line: 2, column: 9 })
  })

  test('a host callback that throws fails the run, not the host', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({
      'main.ts': `console.log('first')
await new Promise((resolve) => setTimeout(resolve, 30_000))
`,
    })
    const result = await runToEnd(runner, runRequest(workspace), {
      onConsole: () => {
        throw new Error('display gone')
      },
    })
    assert.equal(result.status, 'failed')
    assert.equal(result.error?.code, 'internal')
    assert.equal(result.error?.message, 'a run callback failed: display gone')
    assert.ok(result.durationMs < 15_000, `took ${result.durationMs} ms`)
    await assertRunnerStillWorks(runner, workspace.storageDir)
  })
})
