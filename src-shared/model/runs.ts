/** What happened to one op call in a run. */
export type CallOutcome = 'hit' | 'executed' | 'failed'

/** Machine-readable reason behind an outcome; `reason` on the event says the same in words. */
export type CallReasonCode =
  | 'hitByHistory'
  | 'hitByContent'
  | 'newInputs'
  | 'newOpVersion'
  | 'recomputeRequested'
  | 'cachingDisabled'
  | 'error'

export interface CallEvent {
  /** History id of the call (for failed calls: the id the call would have had). */
  readonly callId: string
  readonly op: string
  readonly outcome: CallOutcome
  readonly reasonCode: CallReasonCode
  /** Why, in words: "hit by history", "new inputs", "recompute requested", ... */
  readonly reason: string
  readonly durationMs: number
  /** History id of the op call this call ran inside, when it was nested. */
  readonly parentCallId?: string
}

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted'

export interface RunSummary {
  readonly id: number
  /** Free text: the script path for CLI runs. */
  readonly label: string
  /** Epoch milliseconds. */
  readonly startedAt: number
  readonly endedAt: number | null
  readonly durationMs: number | null
  readonly status: RunStatus
  readonly hits: number
  readonly executed: number
  readonly failed: number
  /** The error that ended the run, when it failed. */
  readonly error: string | null
}

export interface RunRecord extends RunSummary {
  readonly events: readonly CallEvent[]
}
