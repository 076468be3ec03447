/**
 * Comparing two runs call by call. Calls match by call id (the history id, equal when the same
 * op saw the same inputs); a call made twice in one run matches occurrence by occurrence.
 */
import { type RunGraph, type RunGraphCall } from '../../../src-shared/model/run-graph'

export type CallChangeKind = 'newlyHit' | 'newlyExecuted' | 'newlyFailed' | 'added' | 'removed'

export interface CallDifference {
  readonly kind: CallChangeKind
  readonly callId: string
  readonly op: string
  /** The call in the older run; null when it was added. */
  readonly before: RunGraphCall | null
  /** The call in the newer run; null when it was removed. */
  readonly after: RunGraphCall | null
  /** The call to show: the newer run's, or the older run's when it was removed. */
  readonly call: RunGraphCall
}

export interface RunComparison {
  /** The older run, whose calls are the baseline. */
  readonly baseRunId: number
  /** The newer run. */
  readonly currentRunId: number
  /** In the newer run's call order, removed calls last. */
  readonly differences: readonly CallDifference[]
  readonly counts: Readonly<Record<CallChangeKind, number>>
  /** Calls of the newer run that differ from the older one, by call id. */
  readonly changedCallIds: ReadonlySet<string>
  /** Calls present in both runs with the same outcome. */
  readonly unchanged: number
}

export const CHANGE_KINDS: readonly CallChangeKind[] = [
  'newlyHit',
  'newlyExecuted',
  'newlyFailed',
  'added',
  'removed',
]

export const CHANGE_LABELS: Readonly<Record<CallChangeKind, string>> = {
  newlyHit: 'Newly hit',
  newlyExecuted: 'Newly executed',
  newlyFailed: 'Newly failed',
  added: 'Added',
  removed: 'Removed',
}

export const CHANGE_ICONS: Readonly<Record<CallChangeKind, string>> = {
  newlyHit: '⚡',
  newlyExecuted: '▶',
  newlyFailed: '✕',
  added: '+',
  removed: '−',
}

function outcomeChange(after: RunGraphCall): CallChangeKind {
  if (after.outcome === 'hit') return 'newlyHit'
  if (after.outcome === 'executed') return 'newlyExecuted'
  return 'newlyFailed'
}

function groupByCallId(calls: readonly RunGraphCall[]): Map<string, RunGraphCall[]> {
  const groups = new Map<string, RunGraphCall[]>()
  for (const call of calls) {
    const group = groups.get(call.callId)
    if (group === undefined) groups.set(call.callId, [call])
    else group.push(call)
  }
  return groups
}

/** Which of two graphs is the older run: lower ids were started first. */
export function orderRuns(
  first: RunGraph,
  second: RunGraph,
): { readonly base: RunGraph; readonly current: RunGraph } {
  return first.runId <= second.runId
    ? { base: first, current: second }
    : { base: second, current: first }
}

export function compareRunGraphs(base: RunGraph, current: RunGraph): RunComparison {
  const baseGroups = groupByCallId(base.calls)
  const seen = new Map<string, number>()
  const differences: CallDifference[] = []
  const changedCallIds = new Set<string>()
  let unchanged = 0

  for (const after of current.calls) {
    const occurrence = seen.get(after.callId) ?? 0
    seen.set(after.callId, occurrence + 1)
    const before = baseGroups.get(after.callId)?.[occurrence] ?? null
    let kind: CallChangeKind | null
    if (before === null) kind = 'added'
    else if (before.outcome === after.outcome) kind = null
    else kind = outcomeChange(after)
    if (kind === null) {
      unchanged++
      continue
    }
    differences.push({ kind, callId: after.callId, op: after.op, before, after, call: after })
    changedCallIds.add(after.callId)
  }
  for (const [callId, group] of baseGroups) {
    for (const before of group.slice(seen.get(callId) ?? 0)) {
      differences.push({
        kind: 'removed',
        callId,
        op: before.op,
        before,
        after: null,
        call: before,
      })
    }
  }

  const counts: Record<CallChangeKind, number> = {
    newlyHit: 0,
    newlyExecuted: 0,
    newlyFailed: 0,
    added: 0,
    removed: 0,
  }
  for (const difference of differences) counts[difference.kind]++
  return {
    baseRunId: base.runId,
    currentRunId: current.runId,
    differences,
    counts,
    changedCallIds,
    unchanged,
  }
}
