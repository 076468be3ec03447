/**
 * A run's calls as a graph, and one call in detail. The host sends a run's graph compactly (a
 * value table plus calls that point into it); the renderer aggregates it to the computation-frame
 * level (one node per op and per output variable) and expands ops into calls on demand.
 */
import { type CallOutcome, type CallReasonCode } from './runs'
import { type ValueDetails, type ValueRef } from './values'

/** An input or output of a call: its name and an index into RunGraph.values. */
export type RunGraphBinding = readonly [name: string, value: number]

export interface RunGraphCall {
  readonly callId: string
  readonly op: string
  readonly outcome: CallOutcome
  readonly reasonCode: CallReasonCode
  readonly reason: string
  readonly durationMs: number
  /** The op call this one ran inside, when nested; null at top level. */
  readonly parentCallId: string | null
  /** OpVersionInfo.id of the version that made the stored call; null for failed or dropped calls. */
  readonly versionId: number | null
  /** Empty for calls with nothing stored (failed, dropped). */
  readonly inputs: readonly RunGraphBinding[]
  readonly outputs: readonly RunGraphBinding[]
}

export interface RunGraph {
  readonly runId: number
  /** In the order the run made them. */
  readonly calls: readonly RunGraphCall[]
  /** Every value the calls read or returned, once each (by history id). */
  readonly values: readonly ValueRef[]
}

/** One difference between a call and the nearest earlier call of the same op. */
export type CallChange =
  | {
      readonly kind: 'inputChanged'
      readonly name: string
      readonly from: ValueRef
      readonly to: ValueRef
    }
  | { readonly kind: 'inputAdded'; readonly name: string; readonly to: ValueRef }
  | { readonly kind: 'inputRemoved'; readonly name: string; readonly from: ValueRef }
  | {
      readonly kind: 'versionChanged'
      readonly fromVersion: number
      readonly toVersion: number
      /** Component ids whose code or value differs between the two versions. */
      readonly components: readonly string[]
      /** Breaking decisions behind the change, in words ("`scale` changed (breaking, approved 10:42)"). */
      readonly decisions: readonly string[]
    }

export interface CallExplanation {
  /** The outcome in the run asked about; null when no run was named. */
  readonly outcome: CallOutcome | null
  /** Why, in one or two sentences a user can act on. */
  readonly summary: string
  /** The nearest earlier call of the same op the explanation compares against; null if none. */
  readonly previous: {
    readonly callId: string
    readonly runId: number | null
    readonly createdAt: number
  } | null
  readonly changes: readonly CallChange[]
}

export interface CallDetails {
  readonly callId: string
  readonly op: string
  readonly versionId: number | null
  /** The run that stored the call (computed it), and when. */
  readonly runId: number | null
  readonly createdAt: number
  readonly durationMs: number
  readonly inputs: readonly (ValueDetails & { readonly name: string })[]
  readonly outputs: readonly (ValueDetails & { readonly name: string })[]
  /** Op calls made inside this one. */
  readonly children: readonly string[]
  readonly explanation: CallExplanation
}
