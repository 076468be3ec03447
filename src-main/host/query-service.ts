/**
 * The query methods: the op catalog, query code read into patterns, patterns run into result
 * tables of value refs with summaries, and `find similar`.
 */
import { type SimilarQuery } from '../../src-shared/host/contract'
import { type OpShape, type Pattern } from '../../src-shared/query/pattern'
import {
  DEFAULT_QUERY_ROW_LIMIT,
  type QueryResult,
  type QueryResultCell,
} from '../../src-shared/query/results'
import { isRef, type QueryCell, type Storage } from '../engine'
import { summarizeValue, valueRefOf } from './value-summaries'

export function opCatalog(storage: Storage): OpShape[] {
  return [...storage.opCatalog().values()].sort((a, b) => (a.op < b.op ? -1 : a.op > b.op ? 1 : 0))
}

function keyCell(key: unknown): QueryResultCell {
  if (key === null || typeof key === 'string' || typeof key === 'boolean') {
    return { kind: 'key', key }
  }
  if (typeof key === 'number') return { kind: 'key', key: Number.isFinite(key) ? key : String(key) }
  return { kind: 'key', key: typeof key === 'bigint' ? `${key}n` : summarizeValue(key) }
}

export function runQuery(
  storage: Storage,
  pattern: Pattern,
  options: { distinct?: boolean; limit?: number },
): QueryResult {
  const started = performance.now()
  const table = storage.query(
    pattern,
    options.distinct === undefined ? {} : { distinct: options.distinct },
  )
  const rows = table.rows.slice(0, options.limit ?? DEFAULT_QUERY_ROW_LIMIT)
  const hids = rows.flatMap((row) => row.flatMap((cell) => (isRef(cell) ? [cell.hid] : [])))
  const sketches = storage.sketches(hids)
  const cellOf = (cell: QueryCell): QueryResultCell => {
    if (!isRef(cell)) return keyCell(cell)
    const sketch = sketches.get(cell.hid)
    if (sketch === undefined) {
      return { kind: 'value', hid: cell.hid, cid: cell.hid, summary: '(not stored)', number: null }
    }
    return { kind: 'value', ...valueRefOf(sketch) }
  }
  return {
    columns: table.columns,
    rows: rows.map((row) => row.map(cellOf)),
    total: table.length,
    pattern: table.pattern,
    sql: table.sql,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  }
}

export function similarQuery(storage: Storage, hid: string): SimilarQuery {
  const { pattern, code } = storage.similar(hid)
  return { pattern, code }
}
