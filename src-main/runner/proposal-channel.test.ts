import assert from 'node:assert/strict'
import { Worker } from 'node:worker_threads'
import { describe, test } from 'node:test'
import { type ChangeProposal } from '../../src-shared/model/versions'
import { type RunnerStart, type WorkerToHost } from '../../src-shared/runner/protocol'
import { createLockTokenSlot } from './abandoned-lock'
import { answerProposal, createAnswerSignal } from './proposal-channel'
import { runRequest, runToEnd, writeWorkspace } from './testing/runner-fixtures'
import { type RunnerWorkerData } from './worker/worker-data'
import { WorkspaceRunner } from './workspace-runner'

// The worker asks about each component named in the run's args, then prints the replies.
const PROPOSING_WORKER = new URL('./testing/proposing-worker.mjs', import.meta.url)

function proposingRunner(): WorkspaceRunner {
  return new WorkspaceRunner({
    workerEntry: PROPOSING_WORKER,
    transform: (root, entry) => ({ root, entry, modules: [], components: [] }),
  })
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('proposals: the worker blocks until the host answers', () => {
  test('each proposal reaches onProposal and the worker resumes with its answer', async () => {
    const asked: ChangeProposal[] = []
    const result = await runToEnd(
      proposingRunner(),
      runRequest(writeWorkspace({}), { args: ['forest.ts#train', 'forest.ts#Scaler.fit'] }),
      {
        onProposal: async (proposal) => {
          asked.push(proposal)
          if (asked.length === 1) {
            await delay(150)
            return { answer: 'breaking', decidedBy: 'prompt' }
          }
          return { answer: 'nonBreaking', decidedBy: 'app' }
        },
      },
    )
    assert.equal(result.status, 'succeeded')
    assert.equal(result.runId, 7)
    assert.deepEqual(
      asked.map((proposal) => [proposal.id, proposal.component.name, proposal.diff]),
      [
        ['forest.ts#train:a:b', 'train', '-1\n+2'],
        ['forest.ts#Scaler.fit:a:b', 'Scaler.fit', '-1\n+2'],
      ],
    )
    const [first, second] = result.output
    const firstWait = Number(/after (\d+) ms/.exec(first ?? '')?.[1])
    assert.match(first ?? '', /^stdout: forest\.ts#train: breaking by prompt after \d+ ms\n$/)
    assert.ok(firstWait >= 140, `the worker resumed after ${firstWait} ms, before the answer`)
    assert.match(second ?? '', /^stdout: forest\.ts#Scaler\.fit: nonBreaking by app after/)
  })

  test('without an asker, or when it throws, the answer is abort', async () => {
    const runner = proposingRunner()
    const request = runRequest(writeWorkspace({}), { args: ['a.ts#f'] })
    const unasked = await runToEnd(runner, request)
    assert.match(unasked.output[0] ?? '', /a\.ts#f: abort by runner:noAsker/)
    const failing = await runToEnd(runner, request, {
      onProposal: () => {
        throw new Error('no prompt available')
      },
    })
    assert.match(failing.output[0] ?? '', /a\.ts#f: abort by runner:askFailed/)
  })

  test('cancel works while the worker is blocked waiting for an answer', async () => {
    const runner = proposingRunner()
    const request = runRequest(writeWorkspace({}), { args: ['a.ts#f'] })
    let asked = (): void => {}
    const waiting = new Promise<void>((resolve) => (asked = resolve))
    const handle = runner.startRun(request, {
      onProposal: () => {
        asked()
        return new Promise(() => {})
      },
    })
    await waiting
    await delay(50)
    const cancelledAt = performance.now()
    handle.cancel()
    const result = await handle.result
    assert.equal(result.status, 'cancelled')
    assert.ok(performance.now() - cancelledAt < 2000)
    const next = await runToEnd(runner, request, {
      onProposal: () => ({ answer: 'breaking', decidedBy: 'prompt' }),
    })
    assert.equal(next.status, 'succeeded')
    assert.match(next.output[0] ?? '', /breaking by prompt/)
  })

  test('an answer to another proposal does not wake the wait', async () => {
    const answerSignal = createAnswerSignal()
    const start: RunnerStart = {
      ...runRequest({ workspaceDir: '/nowhere', storageDir: '/nowhere' }, { args: ['a.ts#f'] }),
      type: 'start',
      answerSignal,
    }
    const workerData: RunnerWorkerData = {
      start,
      bundle: { root: '/nowhere', entry: 'main.ts', modules: [], components: [] },
      lockTokenSlot: createLockTokenSlot(),
    }
    const worker = new Worker(PROPOSING_WORKER, { workerData })
    const printed: string[] = []
    worker.on('message', (message: WorkerToHost) => {
      if (message.type === 'console') printed.push(message.text)
      if (message.type !== 'proposal') return
      answerProposal(worker, answerSignal, {
        type: 'answer',
        proposalId: 'some other proposal',
        answer: 'abort',
        decidedBy: 'stale',
      })
      setTimeout(() => {
        answerProposal(worker, answerSignal, {
          type: 'answer',
          proposalId: message.proposal.id,
          answer: 'nonBreaking',
          decidedBy: 'prompt',
        })
      }, 30)
    })
    await new Promise((resolve) => worker.once('exit', resolve))
    assert.equal(printed.length, 1)
    assert.match(printed[0] ?? '', /^a\.ts#f: nonBreaking by prompt after/)
  })
})
