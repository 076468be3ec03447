import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import {
  assertRunnerStillWorks,
  runRequest,
  runToEnd,
  writeWorkspace,
} from './testing/runner-fixtures'
import { transformWorkspace } from './transform/transform-workspace'
import { WorkspaceRunner } from './workspace-runner'

/** Resolves once the script printed `line` (so it is really running when we cancel). */
function printed(line: string): {
  onConsole: (stream: string, text: string) => void
  seen: Promise<void>
} {
  let resolve = (): void => {}
  const seen = new Promise<void>((done) => (resolve = done))
  return { onConsole: (_stream, text) => text.includes(line) && resolve(), seen }
}

describe('WorkspaceRunner: containment', () => {
  test('cancel stops `while (true) {}` at once, and frees the workspace lock', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({
      'main.ts': `console.log('spinning')
while (true) {}
`,
    })
    const spinning = printed('spinning')
    let runId: number | null = null
    const handle = runner.startRun(runRequest(workspace), {
      onConsole: spinning.onConsole,
      onRunStarted: (id) => (runId = id),
    })
    await spinning.seen
    // The run holds the workspace's write lock while it spins.
    assert.equal(existsSync(join(workspace.storageDir, 'lock')), true)
    const cancelledAt = performance.now()
    handle.cancel()
    const result = await handle.result
    const stopMs = performance.now() - cancelledAt
    assert.ok(stopMs < 2000, `took ${stopMs} ms to stop`)
    assert.equal(result.status, 'cancelled')
    assert.equal(result.error?.code, 'runner.cancelled')
    assert.equal(result.runId, runId)
    assert.equal(runner.busy, false)
    assert.equal(existsSync(join(workspace.storageDir, 'lock')), false)
    await assertRunnerStillWorks(runner, workspace.storageDir)
  })

  test('an allocation bomb hits the heap limit: failed, runner.outOfMemory', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({
      'main.ts': `const hoard: number[][] = []
for (;;) hoard.push(new Array(10_000).fill(hoard.length))
`,
    })
    const result = await runToEnd(runner, runRequest(workspace, { memoryLimitMb: 96 }))
    assert.equal(result.status, 'failed')
    assert.equal(result.error?.code, 'runner.outOfMemory')
    assert.match(result.error?.message ?? '', /memory limit of 96 MB/)
    assert.equal(existsSync(join(workspace.storageDir, 'lock')), false)
    assert.ok(process.memoryUsage().heapUsed < 512 * 1024 * 1024, 'the host heap stayed small')
    await assertRunnerStillWorks(runner, workspace.storageDir)
  })

  test('cancel during the transform or right after start never runs or hangs', async () => {
    let releaseTransform = (): void => {}
    const slowTransform = async (root: string, entry: string) => {
      await new Promise<void>((resolve) => (releaseTransform = resolve))
      return transformWorkspace(root, entry)
    }
    const runner = new WorkspaceRunner({ transform: slowTransform })
    const workspace = writeWorkspace({ 'main.ts': "console.log('ran')\n" })
    const duringTransform = runner.startRun(runRequest(workspace))
    duringTransform.cancel()
    releaseTransform()
    const result = await duringTransform.result
    assert.deepEqual([result.status, result.runId], ['cancelled', null])

    const quick = new WorkspaceRunner()
    const output: string[] = []
    const immediately = quick.startRun(runRequest(workspace), {
      onConsole: (_stream, text) => output.push(text),
    })
    await new Promise((resolve) => setImmediate(resolve))
    immediately.cancel()
    assert.equal((await immediately.result).status, 'cancelled')
    assert.deepEqual(output, [])
    await assertRunnerStillWorks(quick, workspace.storageDir)
  })

  test('a deep recursion is a script error, not a crash', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({
      'main.ts': `function down(n: number): number {
  return down(n + 1) + 1
}
down(0)
`,
    })
    const result = await runToEnd(runner, runRequest(workspace))
    assert.equal(result.status, 'failed')
    assert.equal(result.error?.code, 'runner.script')
    assert.match(result.error?.message ?? '', /Maximum call stack size exceeded/)
    assert.equal(result.error?.location?.file, 'main.ts')
    await assertRunnerStillWorks(runner, workspace.storageDir)
  })
})
