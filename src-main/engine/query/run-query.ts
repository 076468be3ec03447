import { type OpCatalog, type Pattern } from '../../../src-shared/query/pattern'
import { assertValidPattern } from '../../../src-shared/query/validate'
import { type MemoEngine } from '../memo/memo-engine'
import { compilePattern, type CompileOptions } from './compile'
import { readOpCatalog, readOpVersions } from './op-catalog'
import { parseQuery } from './parse-query'
import { buildQuery, type QueryBuild } from './query-builder'
import { executeCompiled, type QueryTable } from './query-table'

/** A query: code-form callback, pattern data, or code text (parsed, never executed). */
export type QuerySource = QueryBuild | Pattern | string

export type QueryOptions = CompileOptions

export interface PatternQueryOptions extends QueryOptions {
  /** What `current` means per op (version keys), when not the newest stored version. */
  readonly currentVersions?: ReadonlyMap<string, string>
  /** The catalog to validate against; defaults to the storage's. */
  readonly catalog?: OpCatalog
}

/** `storage.query(...)`: builds or parses the pattern, then validates, compiles and runs it. */
export function runQuery(
  engine: MemoEngine,
  source: QuerySource,
  options: QueryOptions = {},
): QueryTable {
  const catalog = readOpCatalog(engine.store)
  if (typeof source === 'string') {
    return queryPattern(engine, parseQuery(source, catalog), { ...options, catalog })
  }
  if (typeof source === 'function') {
    const built = buildQuery(source, catalog, engine.codecs)
    return queryPattern(engine, built.pattern, {
      ...options,
      catalog: built.catalog,
      currentVersions: built.currentVersions,
    })
  }
  return queryPattern(engine, source, { ...options, catalog })
}

/** Validates (Q1), compiles (Q2–Q4) and runs a pattern: the entry point for other queries. */
export function queryPattern(
  engine: MemoEngine,
  pattern: Pattern,
  options: PatternQueryOptions = {},
): QueryTable {
  assertValidPattern(pattern, options.catalog ?? readOpCatalog(engine.store))
  const compiled = compilePattern(
    pattern,
    {
      versions: readOpVersions(engine.store),
      currentVersions: options.currentVersions ?? new Map(),
      codecs: engine.codecs,
    },
    options.distinct === undefined ? {} : { distinct: options.distinct },
  )
  return executeCompiled(engine, pattern, compiled)
}
