import { type CallEvent } from '../../src-shared/model/runs'
import { type ChangeProposal } from '../../src-shared/model/versions'
import {
  type RunnerErrorData,
  type RunnerStart,
  type SourceLocation,
} from '../../src-shared/runner/protocol'
import { type ProposalReply, type RunProgress } from '../engine/memo/active-run'
import { type WorkspaceBundle } from './transform/types'

export const DEFAULT_MEMORY_LIMIT_MB = 2048

/** What to run: the protocol's start message without its wiring, plus host-side choices. */
export interface RunRequest extends Omit<RunnerStart, 'type' | 'answerSignal'> {
  /** Untrusted workspaces are refused before any of their code is touched. */
  readonly trusted: boolean
  /** The worker's JS heap limit. Default 2048. */
  readonly memoryLimitMb?: number
  /** An already transformed workspace; without it the runner transforms workspaceDir. */
  readonly bundle?: WorkspaceBundle
}

/** What the host hears while a run goes. Every callback is optional. */
export interface RunCallbacks {
  /** What the script printed, in order. `text` carries its own line endings. */
  readonly onConsole?: (stream: 'stdout' | 'stderr', text: string) => void
  /** Running totals and the call events since the previous report (at most every 50 ms). */
  readonly onProgress?: (totals: RunProgress, events: readonly CallEvent[]) => void
  /** The run was recorded in storage under this id. */
  readonly onRunStarted?: (runId: number) => void
  /**
   * A dependency change needs a decision (policy `ask`); the script waits for the reply.
   * Without this callback, or if it throws, the answer is `abort`.
   */
  readonly onProposal?: (proposal: ChangeProposal) => ProposalReply | Promise<ProposalReply>
}

export type RunOutcome = 'succeeded' | 'failed' | 'cancelled'

export interface RunResult {
  /** The run's id in storage; null when the run was never recorded (refused, compile error). */
  readonly runId: number | null
  readonly status: RunOutcome
  readonly error: RunnerErrorData | null
  /** From startRun to the end of the worker. */
  readonly durationMs: number
}

export interface RunHandle {
  readonly result: Promise<RunResult>
  /** Stops the run now (terminates the worker); the result then says `cancelled`. */
  cancel(): void
}

export type { RunnerErrorData, SourceLocation }
