import { EngineError } from '../errors'
import { type WorkspaceStore } from '../store'
import { isRef, type Ref } from './ref'

export interface DropCallsOptions {
  /** Also drop every call that consumed their outputs, transitively. Default false. */
  readonly dependents?: boolean
}

export interface DropSummary {
  readonly calls: number
  readonly refs: number
}

/**
 * G1: deletes the calls, their recomputations and, if asked, their dependents. Refs nothing
 * points to any more go too; values stay until gc(). Run history keeps the call ids.
 */
export function dropCalls(
  store: WorkspaceStore,
  targets: readonly (string | Ref)[],
  options: DropCallsOptions,
): DropSummary {
  const ids = new Set(targets.map((target) => resolveCall(store, target)))
  let frontier = [...ids]
  while (frontier.length > 0) {
    const next: number[] = []
    const add = (id: number): void => {
      if (!ids.has(id)) {
        ids.add(id)
        next.push(id)
      }
    }
    for (const id of frontier) {
      for (const variant of recomputationsOf(store, id)) add(variant)
      if (options.dependents === true) for (const consumer of consumersOf(store, id)) add(consumer)
    }
    frontier = next
  }
  return store.atomically(() => {
    for (const id of ids) {
      store.run(
        'INSERT OR IGNORE INTO dropped_calls (id, hid) SELECT id, hid FROM calls WHERE id = ?',
        [id],
      )
      store.run('DELETE FROM call_io WHERE call_id = ?', [id])
      store.run('DELETE FROM call_children WHERE parent_id = ? OR child_id = ?', [id, id])
      store.run('UPDATE calls SET superseded_by = NULL WHERE superseded_by = ?', [id])
      store.run('DELETE FROM calls WHERE id = ?', [id])
    }
    return { calls: ids.size, refs: deleteOrphanRefs(store) }
  })
}

/** Refs no call uses and no collection contains; repeated because collections nest. */
export function deleteOrphanRefs(store: WorkspaceStore): number {
  let deleted = 0
  for (;;) {
    const { changes } = store.run(
      `DELETE FROM refs WHERE id NOT IN (SELECT ref_id FROM call_io)
       AND id NOT IN (SELECT item_id FROM collection_items)`,
    )
    store.run('DELETE FROM collection_items WHERE collection_id NOT IN (SELECT id FROM refs)')
    deleted += changes
    if (changes === 0) return deleted
  }
}

function resolveCall(store: WorkspaceStore, target: string | Ref): number {
  if (isRef(target)) {
    const row = store.getRow(
      `SELECT io.call_id FROM call_io io JOIN refs r ON r.id = io.ref_id WHERE r.hid = ? AND io.is_output = 1 LIMIT 1`,
      [target.hid],
    )
    if (row === undefined) {
      throw new EngineError(
        'ref.unknown',
        `ref ${target.hid} was not computed by a stored call, so there is no call to drop`,
      )
    }
    return row[0] as number
  }
  const row = store.getRow('SELECT id FROM calls WHERE hid = ?', [target])
  if (row === undefined) throw new EngineError('ref.unknown', `no stored call has id ${target}`)
  return row[0] as number
}

function recomputationsOf(store: WorkspaceStore, id: number): number[] {
  return store
    .all(
      'SELECT id FROM calls WHERE superseded_by = ? UNION SELECT superseded_by FROM calls WHERE id = ? AND superseded_by IS NOT NULL',
      [id, id],
    )
    .map((row) => row.id as number)
}

/** Calls whose inputs include an output of the call, directly or inside a collection. */
function consumersOf(store: WorkspaceStore, id: number): number[] {
  return store
    .all(
      `WITH RECURSIVE reached(ref_id) AS (
         SELECT ref_id FROM call_io WHERE call_id = ? AND is_output = 1
         UNION SELECT ci.collection_id FROM collection_items ci JOIN reached ON ci.item_id = reached.ref_id
       )
       SELECT DISTINCT io.call_id AS id FROM call_io io JOIN reached ON io.ref_id = reached.ref_id
       WHERE io.is_output = 0`,
      [id],
    )
    .map((row) => row.id as number)
}
