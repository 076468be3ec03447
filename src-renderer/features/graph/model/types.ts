/**
 * The graph the canvas draws, independent of React Flow and elk: plain nodes and edges built
 * from a RunGraph and the user's view state (expanded ops, focus, comparison, filters).
 */
import { type CallOutcome, type CallReasonCode } from '../../../../src-shared/model/runs'

/** The outcome a node shows: one outcome when all its calls agree, `mixed` otherwise. */
export type NodeOutcome = CallOutcome | 'mixed' | 'none'

/** What changed for one call from the earlier run of a comparison to this one. */
export type CompareMark =
  'added' | 'removed' | 'newlyHit' | 'newlyExecuted' | 'newlyFailed' | 'unchanged'

export interface OutcomeCounts {
  readonly calls: number
  readonly hit: number
  readonly executed: number
  readonly failed: number
}

export type MarkCounts = Readonly<Record<Exclude<CompareMark, 'unchanged'>, number>>

export interface OpNode {
  readonly kind: 'op'
  readonly id: string
  readonly op: string
  readonly label: string
  readonly outcome: NodeOutcome
  readonly counts: OutcomeCounts
  readonly meanDurationMs: number
  readonly versions: number
  /** Ops whose calls made calls of this one (nesting). */
  readonly parentOps: readonly string[]
  /** Null when not comparing. */
  readonly marks: MarkCounts | null
  readonly expanded: false
  /** Ops producing this op's inputs that are not on screen (expand back). */
  readonly hiddenProducers: number
  /** Ops consuming this op's outputs that are not on screen (expand forward). */
  readonly hiddenConsumers: number
}

export interface CallNode {
  readonly kind: 'call'
  readonly id: string
  readonly callId: string
  readonly op: string
  /** 1-based position among the op's calls in the run. */
  readonly index: number
  readonly label: string
  readonly inputSummary: string
  /** `none` for a call of the earlier run that this run no longer made. */
  readonly outcome: NodeOutcome
  readonly reasonCode: CallReasonCode | null
  readonly reason: string
  readonly durationMs: number
  readonly mark: CompareMark | null
}

export interface VariableNode {
  readonly kind: 'variable'
  readonly id: string
  /** `output`: an op's output; `input`: plain values no call in the run produced. */
  readonly role: 'output' | 'input'
  /** The producing op (outputs) or the consuming op (inputs). */
  readonly op: string
  /** The output or input name. */
  readonly name: string
  readonly label: string
  readonly outcome: NodeOutcome
  /** Distinct values (by history id). */
  readonly values: number
  /** Times a call read one of the values. */
  readonly bindings: number
  /** The value when there is exactly one, for "Find similar". */
  readonly singleValue: { readonly hid: string; readonly summary: string } | null
  readonly hiddenProducers: number
  readonly hiddenConsumers: number
}

/** Stands for the calls of an expanded op that a filter left out. */
export interface MoreNode {
  readonly kind: 'more'
  readonly id: string
  readonly op: string
  readonly label: string
  readonly hidden: number
}

export type GraphNode = OpNode | CallNode | VariableNode | MoreNode

export interface GraphEdge {
  readonly id: string
  readonly source: string
  readonly target: string
  /** Calls (produces) or bindings (consumes) the edge stands for. */
  readonly count: number
  /** True when it leads into an executed call or an op with executed calls. */
  readonly intoExecuted: boolean
}

export interface GraphModel {
  readonly nodes: readonly GraphNode[]
  readonly edges: readonly GraphEdge[]
}

/** How an expanded op shows its calls: all, or some outcome only, or the first N. */
export interface ExpansionFilter {
  readonly outcome: CallOutcome | null
  readonly limit: number | null
}

export const ALL_CALLS: ExpansionFilter = { outcome: null, limit: null }

export interface ViewState {
  /** Expanded ops and how each shows its calls. */
  readonly expanded: ReadonlyMap<string, ExpansionFilter>
  /** Ops on screen; null shows every op of the run. */
  readonly visibleOps: ReadonlySet<string> | null
  /** With a comparison: hide what did not change. */
  readonly differencesOnly: boolean
}

export const opNodeId = (op: string): string => `op:${op}`
export const callNodeId = (callId: string): string => `call:${callId}`
export const outputNodeId = (op: string, name: string): string => `var:${op}.${name}`
export const inputNodeId = (op: string, name: string): string => `src:${op}.${name}`
export const moreNodeId = (op: string): string => `more:${op}`
