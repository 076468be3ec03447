/** A query's result table as the host sends it to the app. */
import { type Pattern } from './pattern'
import { type ValueRef } from '../model/values'

/** A value column's cell, or a key column's position or key. */
export type QueryResultCell =
  | ({ readonly kind: 'value' } & ValueRef)
  | { readonly kind: 'key'; readonly key: string | number | boolean | null }

export interface QueryResult {
  readonly columns: readonly string[]
  /** At most QueryRunArguments.limit rows, in the engine's order (SPEC Q3). */
  readonly rows: readonly (readonly QueryResultCell[])[]
  /** Rows the query matched in all. */
  readonly total: number
  /** The pattern as the engine validated it. */
  readonly pattern: Pattern
  /** The SQL it compiled to (shown under "details"). */
  readonly sql: string
  readonly elapsedMs: number
}

export const DEFAULT_QUERY_ROW_LIMIT = 10_000
export const MAX_QUERY_ROW_LIMIT = 200_000

/** A named query kept with the workspace. */
export interface SavedQuery {
  readonly name: string
  /** Query code (the form `storage.query` reads). */
  readonly code: string
  /** Epoch milliseconds. */
  readonly savedAt: number
}
