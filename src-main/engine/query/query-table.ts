import { type Pattern } from '../../../src-shared/query/pattern'
import { EngineError } from '../errors'
import { type ContentId } from '../ids'
import { type MemoEngine } from '../memo/memo-engine'
import { isRef, type Ref } from '../memo/ref'
import { REF_KIND_NAMES } from '../memo/schema'
import { unwrapDeep } from '../memo/unwrap'
import { type SqlValue } from '../store'
import { unpackRef, type CompiledQuery } from './compile'

/** A list position, or an object / Map key as stored (object keys are strings). */
export type QueryKey = number | string | boolean | bigint | null | object

/** A lazy ref for a value variable, a plain position or key for a key variable. */
export type QueryCell = Ref | QueryKey

/**
 * The result of a query (SPEC Q3): one column per selected variable, rows ordered by the
 * selected refs' row ids (oldest first) and keys, column by column. Refs are lazy: nothing
 * is loaded until a cell is unwrapped.
 */
export class QueryTable {
  constructor(
    readonly columns: readonly string[],
    readonly rows: readonly (readonly QueryCell[])[],
    /** The pattern that was matched. */
    readonly pattern: Pattern,
    /** The SQL it compiled to. */
    readonly sql: string,
    /** The SQL's parameters, in order. */
    readonly params: readonly SqlValue[],
  ) {}

  get length(): number {
    return this.rows.length
  }

  column(name: string): QueryCell[] {
    const index = this.columns.indexOf(name)
    if (index < 0) {
      throw new EngineError(
        'query.invalid',
        `the table has no column '${name}'; its columns are ${this.columns.join(', ') || 'none'}`,
      )
    }
    return this.rows.map((row) => row[index] ?? null)
  }

  records(): Record<string, QueryCell>[] {
    return this.rows.map((row) =>
      Object.fromEntries(this.columns.map((column, index) => [column, row[index] ?? null])),
    )
  }

  /** The rows with every ref replaced by its value (loaded now). */
  values(): unknown[][] {
    return this.rows.map((row) => row.map((cell) => (isRef(cell) ? unwrapDeep(cell) : cell)))
  }
}

/** Runs compiled SQL and turns each row into lazy refs and plain keys. */
export function executeCompiled(
  engine: MemoEngine,
  pattern: Pattern,
  compiled: CompiledQuery,
): QueryTable {
  const keys = new Map<string, unknown>()
  const keyValue = (stored: unknown): unknown => {
    // Positions are integers; object and Map keys are stored as content ids.
    if (typeof stored !== 'string') return stored
    if (!keys.has(stored)) keys.set(stored, engine.values.load(stored as ContentId, 'a key'))
    return keys.get(stored)
  }
  // Columns come back in the compiled order, one per selected variable.
  const rows = engine.store.rows(compiled.sql, compiled.params).map((row) =>
    compiled.columns.map(({ sort }, index): QueryCell => {
      if (sort === 'key') return keyValue(row[index]) as QueryKey
      const { hid, cid, kind } = unpackRef(row[index] as string)
      return engine.lazyRef(hid, cid, REF_KIND_NAMES[kind])
    }),
  )
  return new QueryTable(
    compiled.columns.map(({ variable }) => variable),
    rows,
    pattern,
    compiled.sql,
    compiled.params,
  )
}
