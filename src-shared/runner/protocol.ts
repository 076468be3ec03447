/**
 * The runner protocol: how the host drives a workspace run executing in a worker thread, and
 * how the worker reaches the host (console, progress, change proposals that need an answer).
 *
 * Messages go over the worker's MessagePort. A proposal blocks the worker until the host
 * answers: the worker posts `proposal`, then waits on the shared Int32Array in
 * `RunnerStart.answerSignal`; the host posts an `answer` on the port, then stores 1 into the
 * signal and notifies. The worker reads the answer with receiveMessageOnPort.
 */
import { type ErrorData } from '../errors'
import { type CallEvent } from '../model/runs'
import { type ChangePolicy, type ChangeProposal, type ProposalAnswer } from '../model/versions'

export interface SourceLocation {
  /** Workspace-relative path with forward slashes. */
  readonly file: string
  /** 1-based. */
  readonly line: number
  /** 1-based. */
  readonly column: number
}

export type RunBehavior = 'default' | 'recompute' | 'disable'

export interface RunnerStart {
  readonly type: 'start'
  /** Absolute path of the workspace folder (the code). */
  readonly workspaceDir: string
  /** Entry file, relative to workspaceDir. */
  readonly entry: string
  /** Absolute path of the storage directory. */
  readonly storageDir: string
  readonly label: string
  readonly policy: ChangePolicy
  readonly behavior?: RunBehavior | Readonly<Record<string, RunBehavior>>
  readonly allowNewCalls: boolean
  /** process.argv after the script path, as the script sees it. */
  readonly args: readonly string[]
  /** Shared Int32Array(1) the worker waits on while a proposal is open. */
  readonly answerSignal: SharedArrayBuffer
}

export type WorkerToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'console'; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly type: 'runStarted'; readonly runId: number }
  | {
      readonly type: 'progress'
      readonly calls: number
      readonly hits: number
      readonly executed: number
      readonly failed: number
      /** Events since the previous progress message (batched, at most every 50 ms). */
      readonly events: readonly CallEvent[]
    }
  | { readonly type: 'proposal'; readonly proposal: ChangeProposal }
  | {
      readonly type: 'finished'
      readonly runId: number | null
      readonly error: RunnerErrorData | null
    }

export type HostToWorker = {
  readonly type: 'answer'
  readonly proposalId: string
  readonly answer: ProposalAnswer
  /** How the answer was reached, stored with the decision (`prompt`, `app`, `policy:fail`...). */
  readonly decidedBy: string
}

/** An error from a run, with the workspace location it points at when there is one. */
export interface RunnerErrorData extends ErrorData {
  readonly location?: SourceLocation
  /** The stack with workspace file positions (source-mapped). */
  readonly stack?: string
}
