// A stand-in runner worker for proposal tests: it speaks the runner protocol like
// worker/worker-main.ts, but instead of running a workspace it asks the host about the
// proposals named in its args (`<component id> ...`) and prints each reply.
import { parentPort, workerData } from 'node:worker_threads'
import { type ChangeProposal } from '../../../src-shared/model/versions'
import { type WorkerToHost } from '../../../src-shared/runner/protocol'
import { askHost } from '../proposal-channel'
import { type RunnerWorkerData } from '../worker/worker-data'

const port = parentPort ?? process.exit(1)
const { start } = workerData as RunnerWorkerData
const post = (message: WorkerToHost): void => port.postMessage(message)

post({ type: 'runStarted', runId: 7 })
for (const componentId of start.args) {
  const startedAt = performance.now()
  const reply = askHost(port, start.answerSignal, post, proposalFor(componentId))
  const waitedMs = Math.round(performance.now() - startedAt)
  post({
    type: 'console',
    stream: 'stdout',
    text: `${componentId}: ${reply.answer} by ${reply.decidedBy} after ${waitedMs} ms\n`,
  })
}
post({ type: 'finished', runId: 7, error: null })

function proposalFor(componentId: string): ChangeProposal {
  const [module = '', name = ''] = componentId.split('#')
  return {
    id: `${componentId}:a:b`,
    component: { id: componentId, kind: 'function', module, name },
    fromHash: 'a',
    toHash: 'b',
    fromSource: 'function f() { return 1 }',
    toSource: 'function f() { return 2 }',
    diff: '-1\n+2',
    dependentOps: ['f'],
    affectedCalls: 1,
    newDependencies: [],
    warning: null,
  }
}
