import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { type ChangeProposal } from '../../src-shared/model/versions'
import { Storage } from '../engine'
import {
  assertRunnerStillWorks,
  runRequest,
  runToEnd,
  writeWorkspace,
} from './testing/runner-fixtures'
import { WorkspaceRunner } from './workspace-runner'

const MAIN = `import { op } from 'memograph'
import { adjust } from './lib'

const f = op(function f(x: number) {
  return adjust(x)
})
for (const x of [1, 2, 3]) f(x)
`
const lib = (body: string): string => `export function adjust(x: number): number {
  ${body}
}
`

async function lastRun(storageDir: string): Promise<[number, number]> {
  const storage = await Storage.open(storageDir)
  const run = storage.runs({ limit: 1, events: false })[0]
  storage.close()
  return [run?.hits ?? -1, run?.executed ?? -1]
}

describe('WorkspaceRunner: dependency changes ask the host', () => {
  test('a changed helper is proposed to onProposal; the run waits for and uses the answer', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({ 'main.ts': MAIN, 'lib.ts': lib('return x + 1') })
    const first = await runToEnd(runner, runRequest(workspace, { policy: 'ask' }))
    assert.equal(first.error, null)
    assert.deepEqual(await lastRun(workspace.storageDir), [0, 3])

    writeFileSync(join(workspace.workspaceDir, 'lib.ts'), lib('return x + 2'))
    const asked: ChangeProposal[] = []
    const second = await runToEnd(runner, runRequest(workspace, { policy: 'ask' }), {
      onProposal: async (proposal) => {
        asked.push(proposal)
        await new Promise((resolve) => setTimeout(resolve, 100))
        return { answer: 'breaking', decidedBy: 'prompt' }
      },
    })
    assert.equal(second.error, null)
    assert.deepEqual(
      asked.map((proposal) => [proposal.component.id, proposal.dependentOps]),
      [['lib.ts#adjust', ['f']]],
    )
    assert.match(asked[0]?.diff ?? '', /-\s*return x \+ 1\n\+\s*return x \+ 2/)
    // Breaking: every call runs again.
    assert.deepEqual(await lastRun(workspace.storageDir), [0, 3])
  })

  test('cancel while the run waits for an answer; the next run decides by policy', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({ 'main.ts': MAIN, 'lib.ts': lib('return x + 1') })
    assert.equal((await runToEnd(runner, runRequest(workspace))).status, 'succeeded')
    writeFileSync(join(workspace.workspaceDir, 'lib.ts'), lib('return (x + 1) * 1'))

    let asked = (): void => {}
    const waiting = new Promise<void>((resolve) => (asked = resolve))
    const handle = runner.startRun(runRequest(workspace, { policy: 'ask' }), {
      onProposal: () => {
        asked()
        return new Promise(() => {})
      },
    })
    await waiting
    const cancelledAt = performance.now()
    handle.cancel()
    const cancelled = await handle.result
    assert.equal(cancelled.status, 'cancelled')
    assert.ok(performance.now() - cancelledAt < 2000)

    const next = await runToEnd(runner, runRequest(workspace, { policy: 'nonBreaking' }))
    assert.equal(next.error, null)
    // Non-breaking: the stored calls still count.
    assert.deepEqual(await lastRun(workspace.storageDir), [3, 0])
    await assertRunnerStillWorks(runner, workspace.storageDir)
  })

  test('policy fail: the run stops with version.undecided at the call that needed a decision', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({ 'main.ts': MAIN, 'lib.ts': lib('return x + 1') })
    assert.equal((await runToEnd(runner, runRequest(workspace))).status, 'succeeded')
    writeFileSync(join(workspace.workspaceDir, 'lib.ts'), lib('return x - 1'))
    const result = await runToEnd(runner, runRequest(workspace, { policy: 'fail' }))
    assert.equal(result.status, 'failed')
    assert.equal(result.error?.code, 'version.undecided')
  })
})
