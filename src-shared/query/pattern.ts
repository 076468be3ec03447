/**
 * Query patterns: graphs of variables and op calls that stored computations are matched
 * against. Plain, immutable, kind-tagged data, so the renderer can draw them, the host can send
 * them, and the engine can compile them to SQL. SPEC rules Q1–Q… (src-main/engine/SPEC.md).
 *
 * A variable stands for a stored value (a ref) wherever it appears: every edge that names the
 * same variable must be matched by the same ref. Key variables (the `key` of element edges)
 * stand for a list position or an object/Map key instead.
 */

/** A value a variable is pinned to: written out (JSON-like), or a stored value by content id. */
export type PinValue =
  | { readonly kind: 'literal'; readonly value: PinLiteral }
  | { readonly kind: 'cid'; readonly cid: string }

export type PinLiteral =
  null | boolean | number | string | readonly PinLiteral[] | { readonly [key: string]: PinLiteral }

export interface PatternVariable {
  readonly kind: 'variable'
  /** A JavaScript identifier, unique in the pattern; the column name when selected. */
  readonly id: string
  /** Matches only refs whose value is one of these (by content id); null matches any. */
  readonly pin: readonly PinValue[] | null
}

/** Which versions of the op the call may have been made by. */
export type VersionConstraint =
  | { readonly kind: 'current' }
  | { readonly kind: 'all' }
  | { readonly kind: 'exact'; readonly versionKey: string }

/** An input or output of a call, by name, bound to a variable. */
export interface Binding {
  readonly name: string
  readonly variable: string
}

/**
 * A call of an op. Inputs that are not bound are unconstrained (the call may or may not have
 * them); outputs that are not bound are not selected.
 */
export interface PatternCall {
  readonly kind: 'call'
  /** Unique in the pattern; names the node in errors and drawings (not part of the meaning). */
  readonly id: string
  readonly op: string
  readonly version: VersionConstraint
  readonly inputs: readonly Binding[]
  readonly outputs: readonly Binding[]
}

/** `element` is an element of the collection `collection`, at position or key `key`. */
export interface ElementOf {
  readonly kind: 'elementOf'
  readonly collection: string
  readonly element: string
  /** A key variable, or null for any position/key. */
  readonly key: string | null
}

export type CollectionKindName = 'list' | 'object' | 'map' | 'set'

/** `collection` is a collection of this kind that contains these elements (and maybe more). */
export interface CollectionOf {
  readonly kind: 'collectionOf'
  readonly collection: string
  readonly collectionKind: CollectionKindName
  readonly elements: readonly { readonly element: string; readonly key: string | null }[]
}

export interface Pattern {
  readonly kind: 'pattern'
  readonly variables: readonly PatternVariable[]
  readonly calls: readonly PatternCall[]
  readonly elementsOf: readonly ElementOf[]
  readonly collectionsOf: readonly CollectionOf[]
  /** Variables to return, in column order. */
  readonly select: readonly string[]
}

/** What a pattern needs to know about an op: its parameters and outputs (from storage). */
export interface OpShape {
  readonly op: string
  /** Parameter names in order (or the keys of a single destructured object parameter). */
  readonly inputs: readonly string[]
  /** Name of a rest parameter: its arguments are inputs `<rest>_0`, `<rest>_1`, ... */
  readonly rest: string | null
  /** True when the op takes one destructured object argument. */
  readonly destructured: boolean
  readonly outputs: readonly string[]
  /** Stored version keys, oldest first. */
  readonly versions: readonly string[]
}

export type OpCatalog = ReadonlyMap<string, OpShape>

export const EMPTY_PATTERN: Pattern = {
  kind: 'pattern',
  variables: [],
  calls: [],
  elementsOf: [],
  collectionsOf: [],
  select: [],
}

export const CURRENT_VERSION: VersionConstraint = { kind: 'current' }
