import { ERROR_CODES } from '../../src-shared/errors'
import { type RunnerErrorData } from '../../src-shared/runner/protocol'
import {
  DEFAULT_MEMORY_LIMIT_MB,
  type RunCallbacks,
  type RunHandle,
  type RunRequest,
  type RunResult,
} from './run-request'
import { RunnerError } from './runner-error'
import { compileErrorData } from './script-error'
import { transformWorkspace } from './transform/transform-workspace'
import { type WorkspaceBundle } from './transform/types'
import { locateWorkerEntry } from './worker-entry'
import { cancelledError, WorkerRun } from './worker-run'

export type TransformWorkspace = (
  root: string,
  entry: string,
) => WorkspaceBundle | Promise<WorkspaceBundle>

export interface WorkspaceRunnerOptions {
  /** Turns a workspace into a bundle when a request brings none. Default: the runner's transform. */
  readonly transform?: TransformWorkspace
  /** The script workers start from. Default: the built worker, else the source bootstrap. */
  readonly workerEntry?: URL
}

/**
 * Runs workspace scripts, one at a time, each in a fresh worker thread with a heap limit. The
 * worker is for containment, not security: a runaway script (an endless loop, a memory bomb)
 * can be stopped without taking the host down, but trusted code is all that ever runs.
 */
export class WorkspaceRunner {
  private active: { cancel(): void } | null = null
  private readonly transform: TransformWorkspace
  private readonly workerEntry: URL

  constructor(options: WorkspaceRunnerOptions = {}) {
    this.transform = options.transform ?? transformWorkspace
    this.workerEntry = options.workerEntry ?? locateWorkerEntry()
  }

  /** Whether a run is in progress (startRun would refuse with runner.busy). */
  get busy(): boolean {
    return this.active !== null
  }

  /**
   * Starts a run. Throws RunnerError `runner.untrusted` (nothing of the workspace is read or
   * run) or `runner.busy`; every other outcome, failures included, arrives as the RunResult.
   */
  startRun(request: RunRequest, callbacks: RunCallbacks = {}): RunHandle {
    if (!request.trusted) throw untrusted(request)
    if (this.active !== null) {
      throw new RunnerError(
        ERROR_CODES.runnerBusy,
        'Another run is in progress; wait for it to finish or cancel it first.',
      )
    }
    const startedAt = performance.now()
    let cancelled = false
    let worker: WorkerRun | null = null
    const control = {
      cancel: () => {
        cancelled = true
        worker?.cancel()
      },
    }
    this.active = control
    const settle = (end: Omit<RunResult, 'durationMs'>): RunResult => ({
      ...end,
      durationMs: performance.now() - startedAt,
    })
    const execute = async (): Promise<RunResult> => {
      let bundle: WorkspaceBundle
      try {
        bundle = request.bundle ?? (await this.transform(request.workspaceDir, request.entry))
      } catch (error) {
        return settle({ runId: null, status: 'failed', error: compileErrorData(error) })
      }
      if (cancelled) return settle({ runId: null, status: 'cancelled', error: cancelledError() })
      try {
        const memoryLimitMb = request.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB
        worker = new WorkerRun(request, bundle, callbacks, this.workerEntry, memoryLimitMb)
      } catch (error) {
        return settle({ runId: null, status: 'failed', error: internalError(error) })
      }
      const end = await worker.ended
      const status = end.cancelled ? 'cancelled' : end.error === null ? 'succeeded' : 'failed'
      return settle({ runId: end.runId, status, error: end.error })
    }
    const result = execute().finally(() => {
      if (this.active === control) this.active = null
    })
    return { result, cancel: control.cancel }
  }
}

function untrusted(request: RunRequest): RunnerError {
  return new RunnerError(
    ERROR_CODES.runnerUntrusted,
    `${request.entry} did not run: the workspace ${request.workspaceDir} is not trusted, so ` +
      `none of its code was executed. If you trust the code in this workspace, mark it as ` +
      `trusted and run again.`,
    { workspaceDir: request.workspaceDir, entry: request.entry },
  )
}

function internalError(error: unknown): RunnerErrorData {
  const message = error instanceof Error ? error.message : String(error)
  return { code: ERROR_CODES.internal, message: `the runner could not start: ${message}` }
}
