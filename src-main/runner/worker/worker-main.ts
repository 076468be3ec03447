/**
 * The runner worker: runs one transformed workspace inside one memoized run, then exits.
 * Everything the host learns about the run arrives as WorkerToHost messages, ending with
 * `finished`; the host terminates the thread after that (or at any time, to cancel).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { ERROR_CODES } from '../../../src-shared/errors'
import { type RunnerErrorData, type WorkerToHost } from '../../../src-shared/runner/protocol'
import * as engine from '../../engine/index'
import { recordHeldLockToken } from '../abandoned-lock'
import { askHost } from '../proposal-channel'
import { runnerErrorData, StackMapper } from '../script-error'
import { forwardConsole } from './console-forwarding'
import { WorkspaceModuleLoader } from './module-loader'
import { ProgressBatcher } from './progress-batcher'
import { watchScriptFailures } from './script-failures'
import { type RunnerWorkerData } from './worker-data'

const port = parentPort ?? notInWorker()
const { start, bundle, lockTokenSlot } = workerData as RunnerWorkerData
const post = (message: WorkerToHost): void => port.postMessage(message)
const mapper = new StackMapper(bundle)

forwardConsole((stream, text) => post({ type: 'console', stream, text }))
post({ type: 'ready' })
const outcome = await runWorkspace()
post({ type: 'finished', ...outcome })

function notInWorker(): never {
  throw new Error('worker-main.ts runs in a runner worker thread')
}

async function runWorkspace(): Promise<{ runId: number | null; error: RunnerErrorData | null }> {
  let storage: engine.Storage
  try {
    storage = await engine.Storage.open(start.storageDir, {
      onLockWait: (holder) =>
        post({
          type: 'console',
          stream: 'stderr',
          text: `memograph: the workspace storage is busy (pid ${holder.pid}: ${holder.purpose}); waiting…\n`,
        }),
    })
  } catch (error) {
    return { runId: null, error: storageErrorData(error) }
  }
  const loader = new WorkspaceModuleLoader(bundle, engine)
  const progress = new ProgressBatcher(post)
  const failures = watchScriptFailures()
  let runId: number | null = null
  let error: RunnerErrorData | null = null
  try {
    await storage.run(
      async () => {
        recordHeldLockToken(start.storageDir, lockTokenSlot)
        // The run's row was inserted just now, under the lock this run holds.
        runId = storage.runs({ limit: 1, events: false })[0]?.id ?? null
        if (runId !== null) post({ type: 'runStarted', runId })
        process.argv = [process.argv[0] ?? 'node', loader.absolutePath(bundle.entry), ...start.args]
        await Promise.race([loader.runEntry(), failures.failed])
      },
      {
        label: start.label,
        ...(start.behavior === undefined ? {} : { behavior: start.behavior }),
        allowNewCalls: start.allowNewCalls,
        onEvent: (event, totals) => progress.add(event, totals),
        versioning: {
          codeState: { components: bundle.components },
          policy: start.policy,
          ask: (proposal) => {
            // Proposals may come before the entry starts (the run's preflight), lock held.
            recordHeldLockToken(start.storageDir, lockTokenSlot)
            return askHost(port, start.answerSignal, post, proposal)
          },
        },
      },
    )
  } catch (thrown) {
    error = runnerErrorData(thrown, mapper)
  }
  failures.stop()
  progress.flush()
  try {
    storage.close()
  } catch (thrown) {
    error ??= storageErrorData(thrown)
  }
  return { runId, error }
}

/** Storage that cannot be opened or closed is no fault of the script's. */
function storageErrorData(error: unknown): RunnerErrorData {
  const data = runnerErrorData(error, null)
  if (data.code !== ERROR_CODES.runnerScript) return data
  return {
    ...data,
    code: ERROR_CODES.internal,
    message: `storage ${start.storageDir}: ${data.message}`,
  }
}
