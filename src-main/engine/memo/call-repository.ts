import { type HistoryId } from '../ids'
import { type WorkspaceStore } from '../store'
import { REF_COLUMNS, storedRefOf, type StoredRef } from './ref-repository'

export interface StoredCall {
  readonly id: number
  readonly hid: HistoryId
  readonly supersededBy: number | null
}

export interface NewCall {
  readonly hid: HistoryId
  readonly inputKey: string
  readonly opVersionId: number
  readonly runId: number
  readonly durationMs: number
}

export interface CallIoRow {
  readonly isOutput: boolean
  readonly name: string
  readonly refId: number
}

const placeholderCache: string[] = []
function ioPlaceholders(count: number): string {
  return (placeholderCache[count] ??= Array.from({ length: count }, () => '(?, ?, ?, ?)').join(
    ', ',
  ))
}

export interface CallOutput {
  readonly name: string
  readonly ref: StoredRef
}

/** Stored calls: lookups by history and by content, and the rows of new calls. */
export class CallRepository {
  constructor(private readonly store: WorkspaceStore) {}

  findByHid(hid: HistoryId): StoredCall | undefined {
    const row = this.store.getRow('SELECT id, superseded_by FROM calls WHERE hid = ?', [hid])
    if (row === undefined) return undefined
    return { id: row[0] as number, hid, supersededBy: row[1] as number | null }
  }

  findById(id: number): StoredCall | undefined {
    const row = this.store.getRow('SELECT hid, superseded_by FROM calls WHERE id = ?', [id])
    if (row === undefined) return undefined
    return { id, hid: row[0] as HistoryId, supersededBy: row[1] as number | null }
  }

  /** B2: a call whose recomputation gave other outputs answers with its newest result. */
  effective(call: StoredCall): StoredCall {
    let current = call
    for (let hops = 0; current.supersededBy !== null && hops < 1000; hops++) {
      const next = this.findById(current.supersededBy)
      if (next === undefined) break
      current = next
    }
    return current
  }

  /**
   * The first call of this op version whose inputs have these contents; its recomputations are
   * reached through `effective`.
   */
  findByInputKey(inputKey: string, opVersionId: number): StoredCall | undefined {
    const row = this.store.getRow(
      'SELECT id, hid, superseded_by FROM calls WHERE op_version_id = ? AND input_key = ? LIMIT 1',
      [opVersionId, inputKey],
    )
    if (row === undefined) return undefined
    return { id: row[0] as number, hid: row[1] as HistoryId, supersededBy: row[2] as number | null }
  }

  /** Whether another version of the op has a call whose inputs have these contents. */
  hasOtherVersionCall(inputKey: string, opName: string, excluded: readonly number[]): boolean {
    const placeholders = excluded.map(() => '?').join(', ')
    const row = this.store.getRow(
      `SELECT 1 FROM calls WHERE op_version_id IN
         (SELECT id FROM op_versions WHERE op = ?${excluded.length === 0 ? '' : ` AND id NOT IN (${placeholders})`})
       AND input_key = ? LIMIT 1`,
      [opName, ...excluded, inputKey],
    )
    return row !== undefined
  }

  outputs(callId: number): CallOutput[] {
    return this.store
      .all(
        `SELECT io.name, ${REF_COLUMNS} FROM call_io io JOIN refs r ON r.id = io.ref_id
         WHERE io.call_id = ? AND io.is_output = 1 ORDER BY io.name`,
        [callId],
      )
      .map((row) => ({ name: row.name as string, ref: storedRefOf(row) }))
  }

  insert(call: NewCall): number {
    return this.store.run(
      `INSERT INTO calls (hid, input_key, op_version_id, run_id, superseded_by, duration_ms, created_at)
       VALUES (?, ?, ?, ?, NULL, ?, ?)`,
      [call.hid, call.inputKey, call.opVersionId, call.runId, call.durationMs, Date.now()],
    ).lastInsertRowid
  }

  /** All inputs and outputs of a call in one statement (one per row count, then cached). */
  insertIo(callId: number, rows: readonly CallIoRow[]): void {
    if (rows.length === 0) return
    const params: (number | string)[] = []
    for (const row of rows) params.push(callId, row.isOutput ? 1 : 0, row.name, row.refId)
    this.store.run(
      `INSERT INTO call_io (call_id, is_output, name, ref_id) VALUES ${ioPlaceholders(rows.length)}`,
      params,
    )
  }

  insertChildren(parentId: number, childIds: readonly number[]): void {
    childIds.forEach((childId, position) => {
      this.store.run(
        'INSERT OR IGNORE INTO call_children (parent_id, position, child_id) VALUES (?, ?, ?)',
        [parentId, position, childId],
      )
    })
  }

  /** Points a call at its newest different recomputation, or back at itself with null. */
  supersede(baseId: number, newId: number | null): void {
    this.store.run('UPDATE calls SET superseded_by = ? WHERE id = ?', [newId, baseId])
  }
}
