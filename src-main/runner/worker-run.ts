import { Worker } from 'node:worker_threads'
import { ERROR_CODES } from '../../src-shared/errors'
import { type ChangeProposal } from '../../src-shared/model/versions'
import {
  type RunnerErrorData,
  type RunnerStart,
  type WorkerToHost,
} from '../../src-shared/runner/protocol'
import { type ProposalReply } from '../engine/memo/active-run'
import { createLockTokenSlot, releaseAbandonedLock } from './abandoned-lock'
import { abandonProposals, answerProposal, createAnswerSignal } from './proposal-channel'
import { type RunCallbacks, type RunRequest } from './run-request'
import { runnerErrorData, StackMapper } from './script-error'
import { type WorkspaceBundle } from './transform/types'
import { type RunnerWorkerData } from './worker/worker-data'

/** How one worker ended, before it becomes a RunResult. */
export interface WorkerEnd {
  readonly runId: number | null
  readonly cancelled: boolean
  readonly error: RunnerErrorData | null
}

type Finished = Extract<WorkerToHost, { type: 'finished' }>

/**
 * One run in one worker thread: spawns it, relays its messages to the callbacks, answers its
 * proposals, and settles `ended` once the thread is gone, whatever ended it.
 */
export class WorkerRun {
  readonly ended: Promise<WorkerEnd>
  private readonly worker: Worker
  private readonly answerSignal = createAnswerSignal()
  private readonly lockTokenSlot = createLockTokenSlot()
  private readonly mapper: StackMapper
  private runId: number | null = null
  private finished: Finished | null = null
  private cancelRequested = false
  /** Set when something other than the script ended the run (heap limit, crash, callback). */
  private failure: RunnerErrorData | null = null

  constructor(
    private readonly request: RunRequest,
    bundle: WorkspaceBundle,
    private readonly callbacks: RunCallbacks,
    workerEntry: URL,
    private readonly memoryLimitMb: number,
  ) {
    this.mapper = new StackMapper(bundle)
    const start: RunnerStart = {
      type: 'start',
      workspaceDir: request.workspaceDir,
      entry: request.entry,
      storageDir: request.storageDir,
      label: request.label,
      policy: request.policy,
      ...(request.behavior === undefined ? {} : { behavior: request.behavior }),
      allowNewCalls: request.allowNewCalls,
      args: request.args,
      answerSignal: this.answerSignal,
    }
    const workerData: RunnerWorkerData = { start, bundle, lockTokenSlot: this.lockTokenSlot }
    this.worker = new Worker(workerEntry, {
      workerData,
      name: `memograph run ${request.entry}`,
      resourceLimits: {
        maxOldGenerationSizeMb: memoryLimitMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(16, Math.round(memoryLimitMb / 16))),
        stackSizeMb: 8,
      },
      // The script's output arrives as `console` messages; whatever bypasses the forwarders
      // (native writes) is relayed from these pipes rather than lost or printed by the host.
      stdout: true,
      stderr: true,
    })
    for (const stream of ['stdout', 'stderr'] as const) {
      this.worker[stream].setEncoding('utf8')
      this.worker[stream].on('data', (text: string) =>
        this.receive({ type: 'console', stream, text }),
      )
    }
    this.worker.on('message', (message: WorkerToHost) => this.receive(message))
    this.worker.on('error', (error) => this.crashed(error))
    this.ended = new Promise((resolve) => this.worker.once('exit', () => resolve(this.end())))
  }

  cancel(): void {
    if (this.finished !== null || this.cancelRequested) return
    this.cancelRequested = true
    this.stop()
  }

  private stop(): void {
    // A worker blocked on a proposal must not wake up to look for an answer that never comes.
    abandonProposals(this.answerSignal)
    void this.worker.terminate()
  }

  private receive(message: WorkerToHost): void {
    try {
      this.dispatch(message)
    } catch (error) {
      this.failure ??= {
        code: ERROR_CODES.internal,
        message: `a run callback failed: ${error instanceof Error ? error.message : String(error)}`,
      }
      this.stop()
    }
  }

  private dispatch(message: WorkerToHost): void {
    switch (message.type) {
      case 'ready':
        return
      case 'console':
        this.callbacks.onConsole?.(message.stream, message.text)
        return
      case 'runStarted':
        this.runId = message.runId
        this.callbacks.onRunStarted?.(message.runId)
        return
      case 'progress': {
        const { calls, hits, executed, failed, events } = message
        this.callbacks.onProgress?.({ calls, hits, executed, failed }, events)
        return
      }
      case 'proposal':
        void this.answer(message.proposal)
        return
      case 'finished':
        this.finished = message
        this.runId = message.runId ?? this.runId
        // Storage is closed by now; the script may still have timers or handles open.
        void this.worker.terminate()
        return
    }
  }

  private async answer(proposal: ChangeProposal): Promise<void> {
    let reply: ProposalReply
    try {
      const ask = this.callbacks.onProposal
      reply = ask === undefined ? abortReply('runner:noAsker') : await ask(proposal)
    } catch {
      reply = abortReply('runner:askFailed')
    }
    if (this.cancelRequested || this.finished !== null || this.failure !== null) return
    answerProposal(this.worker, this.answerSignal, {
      type: 'answer',
      proposalId: proposal.id,
      answer: reply.answer,
      decidedBy: reply.decidedBy,
    })
  }

  private crashed(error: Error): void {
    if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const limit = this.memoryLimitMb
      this.failure ??= {
        code: ERROR_CODES.runnerOutOfMemory,
        message:
          `The run was stopped: the script used more than its memory limit of ${limit} MB. ` +
          `Raise the run's memory limit or make the script hold less in memory.`,
        details: { memoryLimitMb: limit },
      }
      return
    }
    const data = runnerErrorData(error, this.mapper)
    this.failure ??=
      data.code === ERROR_CODES.runnerScript
        ? { ...data, code: ERROR_CODES.internal, message: `the runner failed: ${data.message}` }
        : data
  }

  private end(): WorkerEnd {
    if (this.finished !== null) {
      return { runId: this.runId, cancelled: false, error: this.finished.error }
    }
    // The worker died inside its run: the lock it held names our own (live) pid, so nobody
    // would ever judge it stale.
    releaseAbandonedLock(this.request.storageDir, this.lockTokenSlot)
    if (this.cancelRequested && this.failure === null) {
      return { runId: this.runId, cancelled: true, error: cancelledError() }
    }
    const error = this.failure ?? {
      code: ERROR_CODES.internal,
      message: 'the runner worker stopped before the run finished',
    }
    return { runId: this.runId, cancelled: false, error }
  }
}

export function cancelledError(): RunnerErrorData {
  return { code: ERROR_CODES.runnerCancelled, message: 'The run was cancelled.' }
}

function abortReply(decidedBy: string): ProposalReply {
  return { answer: 'abort', decidedBy }
}
