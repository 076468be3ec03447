/** What the layout worker is asked and answers; plain data, so it crosses postMessage. */

export type LayoutDirection = 'RIGHT' | 'DOWN'

export interface LayoutNodeInput {
  readonly id: string
  readonly width: number
  readonly height: number
  /** Where the node was (or should go near) in the previous layout: keeps expands stable. */
  readonly hint?: { readonly x: number; readonly y: number }
}

export interface LayoutEdgeInput {
  readonly id: string
  readonly source: string
  readonly target: string
}

export interface LayoutInput {
  readonly nodes: readonly LayoutNodeInput[]
  readonly edges: readonly LayoutEdgeInput[]
  readonly direction: LayoutDirection
}

export interface LayoutRequest {
  readonly requestId: number
  readonly input: LayoutInput
}

export interface LayoutResult {
  /** Top-left corners, by node id. */
  readonly positions: Readonly<Record<string, { readonly x: number; readonly y: number }>>
  readonly width: number
  readonly height: number
  /** Time elk took, in the worker. */
  readonly ms: number
  /** Whether the fast options were used (large graphs). */
  readonly fast: boolean
}

export type LayoutResponse =
  | ({ readonly requestId: number; readonly ok: true } & LayoutResult)
  | { readonly requestId: number; readonly ok: false; readonly error: string }
