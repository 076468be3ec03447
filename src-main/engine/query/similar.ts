import { type Pattern } from '../../../src-shared/query/pattern'
import { printPattern } from '../../../src-shared/query/print'
import { EngineError } from '../errors'
import { type MemoEngine } from '../memo/memo-engine'
import { type ContentId, type HistoryId } from '../ids'
import { isRef, type Ref } from '../memo/ref'
import { REF_KIND_NAMES, type RefKind } from '../memo/schema'
import { readOpCatalog, readOpVersions } from './op-catalog'
import { projectProvenance } from './projection'
import { DEFAULT_PROVENANCE_LIMITS, readProvenance, type ProvenanceLimits } from './provenance'
import { type QueryTable } from './query-table'
import { runQuery } from './run-query'

export interface SimilarOptions {
  /** Select every variable of the history, not just the given refs (mandala's context=True). */
  readonly context?: boolean
  /** Names for refs of the history; they become the variables' names. */
  readonly names?: Readonly<Record<string, Ref>>
  /** One row per distinct combination (default) or one per match, as in storage.query. */
  readonly distinct?: boolean
  /** How big a history similar() walks before giving up. */
  readonly limits?: Partial<ProvenanceLimits>
}

export interface SimilarResult {
  /** The projected history: what was matched. */
  readonly pattern: Pattern
  readonly table: QueryTable
  /** The pattern as query code (storage.query(code) gives the same table). */
  readonly code: string
}

/** A ref, or a ref's history id, or a content id (then the newest computed ref of that value). */
export type SimilarTarget = Ref | string

/**
 * SPEC Q6: every stored computation shaped like the history of `target` — its stored
 * provenance, projected by color refinement so that loop iterations and list elements become
 * one prototype, then matched like any pattern.
 */
export function findSimilar(
  engine: MemoEngine,
  target: SimilarTarget | readonly SimilarTarget[],
  options: SimilarOptions = {},
): SimilarResult {
  const targets: readonly Ref[] = (
    isRef(target) || typeof target === 'string' ? [target] : target
  ).map((each) => (typeof each === 'string' ? refForId(engine, each) : each))
  if (targets.length === 0) {
    throw new EngineError('query.invalid', 'similar() needs at least one ref')
  }
  const named = Object.entries(options.names ?? {})
  for (const ref of [...targets, ...named.map(([, ref]) => ref)]) {
    if (!isRef(ref) || ref.owner !== engine) {
      throw new EngineError(
        'ref.unknown',
        `similar() takes refs of this storage (${engine.label}); got ${isRef(ref) ? `ref ${ref.hid} of ${ref.owner?.label ?? 'no storage'}` : typeof ref}`,
      )
    }
  }
  const graph = readProvenance(
    engine.store,
    [...targets, ...named.map(([, ref]) => ref)].map((ref) => ref.hid),
    { ...DEFAULT_PROVENANCE_LIMITS, ...options.limits },
  )
  const newestVersions = new Map<string, string>()
  for (const [op, versions] of readOpVersions(engine.store)) {
    const newest = versions[versions.length - 1]
    if (newest !== undefined) newestVersions.set(op, newest.versionKey)
  }
  const names = new Map<number, string>()
  named.forEach(([name], index) => {
    names.set(graph.roots[targets.length + index] as number, name)
  })
  const { pattern } = projectProvenance(graph, {
    selected: graph.roots.slice(0, targets.length),
    context: options.context === true,
    names,
    newestVersions,
  })
  const table = runQuery(
    engine,
    pattern,
    options.distinct === undefined ? {} : { distinct: options.distinct },
  )
  return { pattern, table, code: printPattern(pattern, readOpCatalog(engine.store)) }
}

/**
 * The ref a history id names; for a content id, the newest ref with that value that a call
 * made (its history is the interesting one), else the newest with it at all.
 */
function refForId(engine: MemoEngine, id: string): Ref {
  const row =
    engine.store.get('SELECT hid, cid, kind FROM refs WHERE hid = ?', [id]) ??
    engine.store.get(
      `SELECT r.hid, r.cid, r.kind FROM refs r WHERE r.cid = ?
       ORDER BY EXISTS (SELECT 1 FROM call_io io WHERE io.ref_id = r.id AND io.is_output = 1) DESC,
         r.id DESC LIMIT 1`,
      [id],
    )
  if (row === undefined) {
    throw new EngineError(
      'ref.unknown',
      `no ref in ${engine.label} has history id or content id ${id}`,
      { id },
    )
  }
  return engine.lazyRef(
    row.hid as HistoryId,
    row.cid as ContentId,
    REF_KIND_NAMES[row.kind as RefKind],
  )
}
