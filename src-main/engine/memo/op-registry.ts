import { digestId } from '../ids'
import { type WorkspaceStore } from '../store'
import { type OpDefinition } from './op-definition'

export interface OpVersionRow {
  readonly id: number
  readonly op: string
  readonly versionKey: string
}

/**
 * Records op versions with their dependencies. Today an op version depends on one component,
 * the op's own normalized source; its content and semantic versions are both derived from it.
 */
export class OpRegistry {
  private readonly byKey = new Map<string, OpVersionRow>()
  private readonly byId = new Map<number, OpVersionRow>()
  private readonly versionCounts = new Map<string, number>()
  /** Definitions whose stored signature has been checked in this process. */
  private readonly reconciled = new WeakSet<OpDefinition>()
  private countsAtChange = 0

  constructor(private readonly store: WorkspaceStore) {}

  /**
   * The stored version of a definition; inserts it (needs the write lock) on first use. A
   * definition that keeps a stored version key but has a newer signature (a parameter added
   * with newArgDefault under the same manual version) updates the stored signature, so
   * queries know the new parameter.
   */
  ensure(definition: OpDefinition): OpVersionRow {
    const cached = this.byKey.get(definition.versionKey)
    if (cached !== undefined && this.reconciled.has(definition)) return cached
    const found = cached ?? this.findByKey(definition.versionKey)
    if (found === undefined) {
      this.reconciled.add(definition)
      return this.insert(definition)
    }
    const signature = JSON.stringify(definition.signature)
    const stored = this.store.getRow('SELECT signature FROM op_versions WHERE id = ?', [found.id])
    if (stored?.[0] !== signature) {
      this.store.run('UPDATE op_versions SET signature = ? WHERE id = ?', [signature, found.id])
    }
    this.reconciled.add(definition)
    return found
  }

  findByKey(versionKey: string): OpVersionRow | undefined {
    const cached = this.byKey.get(versionKey)
    if (cached !== undefined) return cached
    const row = this.store.getRow('SELECT id, op FROM op_versions WHERE version_key = ?', [
      versionKey,
    ])
    if (row === undefined) return undefined
    return this.remember({ id: row[0] as number, op: row[1] as string, versionKey })
  }

  byRowId(id: number): OpVersionRow {
    const cached = this.byId.get(id)
    if (cached !== undefined) return cached
    const row = this.store.getRow('SELECT op, version_key FROM op_versions WHERE id = ?', [id])
    if (row === undefined) throw new Error(`op version ${id} is missing`)
    return this.remember({ id, op: row[0] as string, versionKey: row[1] as string })
  }

  /** How many versions of the op are stored (cached; other processes only ever add). */
  versionCount(op: string): number {
    if (this.countsAtChange !== this.store.externalChangeCount) {
      this.versionCounts.clear()
      this.countsAtChange = this.store.externalChangeCount
    }
    let count = this.versionCounts.get(op)
    if (count === undefined) {
      count = Number(
        this.store.getRow('SELECT COUNT(*) FROM op_versions WHERE op = ?', [op])?.[0] ?? 0,
      )
      this.versionCounts.set(op, count)
    }
    return count
  }

  private insert(definition: OpDefinition): OpVersionRow {
    const now = Date.now()
    return this.store.atomically(() => {
      const originalHash = digestId(definition.source.original)
      this.saveSource(definition.sourceHash, definition.source.normalized)
      this.saveSource(originalHash, definition.source.original)
      this.store.run("INSERT OR IGNORE INTO components (kind, module, name) VALUES ('op', '', ?)", [
        definition.name,
      ])
      const component = this.store.getRow(
        "SELECT id FROM components WHERE kind = 'op' AND module = '' AND name = ?",
        [definition.name],
      )
      const componentId = component?.[0] as number
      this.store.run(
        `INSERT OR IGNORE INTO component_revisions (component_id, content_hash, original_hash, first_seen)
         VALUES (?, ?, ?, ?)`,
        [componentId, definition.sourceHash, originalHash, now],
      )
      const revision = this.store.getRow(
        'SELECT id FROM component_revisions WHERE component_id = ? AND content_hash = ?',
        [componentId, definition.sourceHash],
      )
      const { lastInsertRowid } = this.store.run(
        `INSERT INTO op_versions (op, version_key, manual_version, content_version, semantic_version, signature, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          definition.name,
          definition.versionKey,
          definition.manualVersion,
          definition.sourceHash,
          definition.versionKey,
          JSON.stringify(definition.signature),
          now,
        ],
      )
      this.store.run('INSERT INTO op_version_deps (op_version_id, revision_id) VALUES (?, ?)', [
        lastInsertRowid,
        revision?.[0] as number,
      ])
      this.versionCounts.delete(definition.name)
      return this.remember({
        id: lastInsertRowid,
        op: definition.name,
        versionKey: definition.versionKey,
      })
    })
  }

  private saveSource(hash: string, text: string): void {
    this.store.run('INSERT OR IGNORE INTO sources (hash, text) VALUES (?, ?)', [hash, text])
  }

  private remember(row: OpVersionRow): OpVersionRow {
    this.byKey.set(row.versionKey, row)
    this.byId.set(row.id, row)
    return row
  }
}
