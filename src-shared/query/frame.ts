/**
 * A computation frame as the app draws it (SPEC Q7): variables (sets of refs) and op nodes (sets
 * of calls) with counts, joined by input/output edges, and collections drawn as one element edge
 * between the collection variable and its elements' variable. Plain JSON: the host sends it.
 */
export interface FrameVariableNode {
  readonly kind: 'variable'
  /** A JavaScript identifier, unique in the frame; the column name in the frame's table. */
  readonly id: string
  /** Refs (values with their histories) in the variable. */
  readonly refs: number
  /** Distinct values among them (content ids). */
  readonly values: number
  /** Refs that no call or collection of the frame explains (where expanding back starts). */
  readonly sources: number
  /** Refs that no call or collection of the frame uses (where expanding forward starts). */
  readonly sinks: number
}

export interface FrameOpNode {
  readonly kind: 'op'
  /** Unique in the frame (variables and op nodes share one namespace). */
  readonly id: string
  readonly op: string
  readonly calls: number
  /** Distinct op versions among the calls. */
  readonly versions: number
}

export interface FrameCallEdge {
  readonly kind: 'input' | 'output'
  readonly op: string
  readonly variable: string
  /** The input or output name. */
  readonly name: string
  /** Calls of the op node that bind it. */
  readonly calls: number
}

/** `collection` holds elements from `element`: the caller built it from them, or they ended up in it. */
export interface FrameElementEdge {
  readonly kind: 'element'
  readonly collection: string
  readonly element: string
  /** Collections in `collection` that hold elements of `element`. */
  readonly collections: number
  /** (collection, element) pairs: how many elements those collections hold in all. */
  readonly elements: number
}

export type FrameEdge = FrameCallEdge | FrameElementEdge

export interface FrameGraph {
  readonly variables: readonly FrameVariableNode[]
  readonly ops: readonly FrameOpNode[]
  readonly edges: readonly FrameEdge[]
}
