import { type CallEvent, type CallReasonCode } from '../../../src-shared/model/runs'
import { EngineError } from '../errors'
import {
  type ChangePolicy,
  type ChangeProposal,
  type ProposalAnswer,
} from '../../../src-shared/model/versions'
import { type WorkspaceStore } from '../store'
import { type CodeState } from '../versioning/code-state'
import { type VersionResolver } from '../versioning/version-resolver'
import { BEHAVIORS, type Behavior, type OpDefinition } from './op-definition'
import { encodeEvents, type StoredEvent } from './run-event-codec'
import { describeReason, OUTCOME_OF_REASON } from './run-events'

export interface RunProgress {
  readonly calls: number
  readonly hits: number
  readonly executed: number
  readonly failed: number
}

export interface RunOptions {
  /** Shown in run lists; the CLI passes the script path. */
  readonly label?: string
  /** Overrides each op's own behaviour: one for all ops, or per op name. */
  readonly behavior?: Behavior | Readonly<Record<string, Behavior>>
  /** `false`: every call must already be stored; a miss throws (run.newCallsForbidden). */
  readonly allowNewCalls?: boolean
  /** Completed calls are committed at least this often during long runs. Default 1000 ms. */
  readonly commitIntervalMs?: number
  /** Called after every op call with the event and the run's running totals. */
  readonly onEvent?: (event: CallEvent, progress: RunProgress) => void
  /**
   * Version calls by the dependencies they actually use (SPEC D rules). The runner passes the
   * code state of the instrumented workspace; without it an op depends on its own source only.
   */
  readonly versioning?: RunVersioning
}

export interface RunVersioning {
  readonly codeState: CodeState
  /** What to do when stored calls' dependencies changed: ask, or decide by policy. */
  readonly policy: ChangePolicy
  /**
   * Answers a proposal when the policy is `ask`. Synchronous: op calls are synchronous, so the
   * runner blocks its worker while the host asks the user.
   */
  readonly ask?: (proposal: ChangeProposal) => ProposalReply
}

export interface ProposalReply {
  readonly answer: ProposalAnswer
  /** Stored with the decision: `prompt`, `app`, `policy:breaking`, ... */
  readonly decidedBy: string
}

/** A call event once it has finished. */
export interface CompletedEvent {
  readonly reason: CallReasonCode
  readonly detail: string | null
  readonly callRowId: number | null
  readonly callHid: string
  readonly opName: string
  readonly opVersionId: number
  readonly durationMs: number
}

interface EventSlot {
  readonly parentSeq: number | null
  completed: CompletedEvent | null
}

/** The run in progress: its counters and the call events not yet written. */
export class ActiveRun {
  private readonly slots = new Map<number, EventSlot>()
  private nextSeq = 0
  private nextChunk = 0
  private lastCommitAt = performance.now()
  private readonly behaviorOverride: Behavior | Readonly<Record<string, Behavior>> | undefined
  readonly allowNewCalls: boolean
  /** Set when the run versions calls by their dependencies (options.versioning). */
  versions: VersionResolver | null = null
  active = true
  hits = 0
  executed = 0
  failed = 0

  constructor(
    readonly id: number,
    readonly label: string,
    private readonly options: RunOptions,
  ) {
    this.behaviorOverride = options.behavior
    this.allowNewCalls = options.allowNewCalls ?? true
    validateBehaviorOverride(options.behavior)
  }

  behaviorFor(definition: OpDefinition): Behavior {
    const override = this.behaviorOverride
    if (typeof override === 'string') return override
    return override?.[definition.name] ?? definition.behavior
  }

  beginEvent(parentSeq: number | null): number {
    const seq = this.nextSeq++
    this.slots.set(seq, { parentSeq, completed: null })
    return seq
  }

  completeEvent(seq: number, completed: CompletedEvent, parentHid: string | undefined): void {
    const slot = this.slots.get(seq)
    if (slot === undefined) throw new Error(`unknown event ${seq}`)
    slot.completed = completed
    const outcome = OUTCOME_OF_REASON[completed.reason]
    if (outcome === 'hit') this.hits++
    else if (outcome === 'executed') this.executed++
    else this.failed++
    const onEvent = this.options.onEvent
    if (onEvent !== undefined) {
      onEvent(
        {
          callId: completed.callHid,
          op: completed.opName,
          outcome,
          reasonCode: completed.reason,
          reason: describeReason(completed.reason, completed.detail),
          durationMs: completed.durationMs,
          ...(parentHid === undefined ? {} : { parentCallId: parentHid }),
        },
        {
          calls: this.hits + this.executed + this.failed,
          hits: this.hits,
          executed: this.executed,
          failed: this.failed,
        },
      )
    }
  }

  /** Forgets an event that never became a call (its arguments were rejected). */
  abandonEvent(seq: number): void {
    this.slots.delete(seq)
  }

  isCommitDue(): boolean {
    return performance.now() - this.lastCommitAt >= (this.options.commitIntervalMs ?? 1000)
  }

  /** Writes completed events (one chunk) and the counters; events of calls still executing wait. */
  flush(store: WorkspaceStore): void {
    const events: StoredEvent[] = []
    for (const [seq, slot] of this.slots) {
      const completed = slot.completed
      if (completed === null) continue
      events.push({
        seq,
        outcome: OUTCOME_OF_REASON[completed.reason],
        reason: completed.reason,
        opVersionId: completed.opVersionId,
        callRowId: completed.callRowId,
        callHid: completed.callRowId === null ? completed.callHid : null,
        parentSeq: slot.parentSeq,
        durationMs: completed.durationMs,
        detail: completed.detail,
      })
      this.slots.delete(seq)
    }
    if (events.length > 0) {
      store.run('INSERT INTO run_events (run_id, chunk, data) VALUES (?, ?, ?)', [
        this.id,
        this.nextChunk++,
        encodeEvents(events),
      ])
    }
    store.run('UPDATE runs SET hits = ?, executed = ?, failed = ? WHERE id = ?', [
      this.hits,
      this.executed,
      this.failed,
      this.id,
    ])
    this.lastCommitAt = performance.now()
  }

  progress(): RunProgress {
    return {
      calls: this.hits + this.executed + this.failed,
      hits: this.hits,
      executed: this.executed,
      failed: this.failed,
    }
  }
}

function validateBehaviorOverride(override: RunOptions['behavior']): void {
  if (override === undefined) return
  const values = typeof override === 'string' ? [override] : Object.values(override)
  for (const behavior of values) {
    if (!BEHAVIORS.includes(behavior)) {
      throw new EngineError(
        'op.invalid',
        `run option behavior must be one of ${BEHAVIORS.join(', ')}, got '${String(behavior)}'`,
      )
    }
  }
}
