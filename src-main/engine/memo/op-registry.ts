import { ComponentStore } from '../versioning/component-store'
import { type WorkspaceStore } from '../store'
import { type OpDefinition } from './op-definition'

export interface OpVersionRow {
  readonly id: number
  readonly op: string
  /** The row's identity: the op's dependency set (content version). */
  readonly versionKey: string
  /** Goes into call ids: equal for content versions declared equivalent (SPEC D4). */
  readonly semanticKey: string
}

/** A version to store, with the revisions it depends on and the nested ops it called. */
export interface VersionRecord {
  readonly versionKey: string
  readonly semanticKey: string
  readonly contentVersion: string
  readonly semanticVersion: string
  readonly revisionIds: readonly number[]
  readonly links: readonly { readonly op: string; readonly semanticKey: string }[]
}

/**
 * Records op versions with their dependencies. Without the runner an op version depends on
 * one component, the op's own normalized source (SPEC D1); with it, on what its calls used.
 */
export class OpRegistry {
  private readonly byKey = new Map<string, OpVersionRow>()
  private readonly byId = new Map<number, OpVersionRow>()
  private readonly versionCounts = new Map<string, number>()
  /** Definitions whose stored signature has been checked in this process. */
  private readonly reconciled = new WeakSet<OpDefinition>()
  private countsAtChange = 0
  private readonly signatures = new Map<number, string>()

  readonly components: ComponentStore

  constructor(private readonly store: WorkspaceStore) {
    this.components = new ComponentStore(store)
  }

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
    this.reconcileSignature(definition, found)
    this.reconciled.add(definition)
    return found
  }

  /** The version with these dependencies; inserts it (needs the write lock) when new. */
  ensureVersioned(definition: OpDefinition, record: VersionRecord): OpVersionRow {
    const found = this.findByKey(record.versionKey)
    if (found !== undefined) {
      this.reconcileSignature(definition, found)
      return found
    }
    return this.store.atomically(() => this.insertVersion(definition, record, null))
  }

  private reconcileSignature(definition: OpDefinition, found: OpVersionRow): void {
    const signature = JSON.stringify(definition.signature)
    if (this.signatures.get(found.id) === signature) return
    const stored = this.store.getRow('SELECT signature FROM op_versions WHERE id = ?', [found.id])
    if (stored?.[0] !== signature) {
      this.store.run('UPDATE op_versions SET signature = ? WHERE id = ?', [signature, found.id])
    }
    this.signatures.set(found.id, signature)
  }

  findByKey(versionKey: string): OpVersionRow | undefined {
    const cached = this.byKey.get(versionKey)
    if (cached !== undefined) return cached
    const row = this.store.getRow(
      'SELECT id, op, semantic_key FROM op_versions WHERE version_key = ?',
      [versionKey],
    )
    if (row === undefined) return undefined
    return this.remember({
      id: row[0] as number,
      op: row[1] as string,
      versionKey,
      semanticKey: row[2] as string,
    })
  }

  byRowId(id: number): OpVersionRow {
    const cached = this.byId.get(id)
    if (cached !== undefined) return cached
    const row = this.store.getRow(
      'SELECT op, version_key, semantic_key FROM op_versions WHERE id = ?',
      [id],
    )
    if (row === undefined) throw new Error(`op version ${id} is missing`)
    return this.remember({
      id,
      op: row[0] as string,
      versionKey: row[1] as string,
      semanticKey: row[2] as string,
    })
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
    return this.store.atomically(() => {
      // Library use (no runner): the op's own source is its one dependency, and every new
      // source is a new meaning (SPEC D1).
      const component = this.components.ensure('op', '', definition.name)
      const revision =
        this.components.revision(component.dbId, definition.sourceHash) ??
        this.components.createRevision(component.dbId, {
          contentHash: definition.sourceHash,
          semanticHash: definition.sourceHash,
          parentId: this.components.head(component.dbId)?.id ?? null,
          source: definition.source.original,
          references: [],
        })
      this.components.setHead(component.dbId, revision.id)
      this.saveSource(definition.sourceHash, definition.source.normalized)
      return this.insertVersion(
        definition,
        {
          versionKey: definition.versionKey,
          semanticKey: definition.versionKey,
          contentVersion: definition.sourceHash,
          semanticVersion: definition.versionKey,
          revisionIds: [revision.id],
          links: [],
        },
        definition.manualVersion,
      )
    })
  }

  private insertVersion(
    definition: OpDefinition,
    record: VersionRecord,
    manualVersion: string | null,
  ): OpVersionRow {
    const { lastInsertRowid } = this.store.run(
      `INSERT INTO op_versions (op, version_key, semantic_key, manual_version, content_version, semantic_version, signature, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        definition.name,
        record.versionKey,
        record.semanticKey,
        manualVersion,
        record.contentVersion,
        record.semanticVersion,
        JSON.stringify(definition.signature),
        Date.now(),
      ],
    )
    for (const revisionId of record.revisionIds) {
      this.store.run('INSERT INTO op_version_deps (op_version_id, revision_id) VALUES (?, ?)', [
        lastInsertRowid,
        revisionId,
      ])
    }
    for (const link of record.links) {
      this.store.run(
        'INSERT INTO op_version_links (op_version_id, op, semantic_key) VALUES (?, ?, ?)',
        [lastInsertRowid, link.op, link.semanticKey],
      )
    }
    this.versionCounts.delete(definition.name)
    return this.remember({
      id: lastInsertRowid,
      op: definition.name,
      versionKey: record.versionKey,
      semanticKey: record.semanticKey,
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
