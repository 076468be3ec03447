import { type ComponentKind, type DecisionKind } from '../../../src-shared/model/versions'
import { digestId } from '../ids'
import { type WorkspaceStore } from '../store'

export interface StoredComponent {
  readonly dbId: number
  readonly kind: ComponentKind | 'op'
  readonly module: string
  readonly name: string
}

export interface StoredRevision {
  readonly id: number
  readonly componentDbId: number
  readonly contentHash: string
  readonly semanticHash: string
  readonly parentId: number | null
  readonly references: readonly string[]
}

export interface NewRevision {
  readonly contentHash: string
  readonly semanticHash: string
  readonly parentId: number | null
  /** Shown in diffs: the original source, or a value preview. */
  readonly source: string
  readonly references: readonly string[]
}

/** Component id as users see it: `<module>#<name>`; library-mode op bodies are `#<op>`. */
export function componentKey(module: string, name: string): string {
  return `${module}#${name}`
}

/**
 * Components, their revisions and the decisions between them (SPEC D3–D5). Rows are cached
 * in memory: revisions never change once written, and only the write-lock holder adds them.
 */
export class ComponentStore {
  private readonly components = new Map<string, StoredComponent>()
  private readonly revisions = new Map<string, StoredRevision>()

  constructor(private readonly store: WorkspaceStore) {}

  find(kind: ComponentKind | 'op', module: string, name: string): StoredComponent | undefined {
    const cacheKey = `${kind}\u0000${module}\u0000${name}`
    const cached = this.components.get(cacheKey)
    if (cached !== undefined) return cached
    const row = this.store.getRow(
      'SELECT id FROM components WHERE kind = ? AND module = ? AND name = ?',
      [kind, module, name],
    )
    if (row === undefined) return undefined
    const component: StoredComponent = { dbId: row[0] as number, kind, module, name }
    this.components.set(cacheKey, component)
    return component
  }

  ensure(kind: ComponentKind | 'op', module: string, name: string): StoredComponent {
    const found = this.find(kind, module, name)
    if (found !== undefined) return found
    this.store.run('INSERT INTO components (kind, module, name) VALUES (?, ?, ?)', [
      kind,
      module,
      name,
    ])
    const created = this.find(kind, module, name)
    if (created === undefined) throw new Error(`component ${module}#${name} was not stored`)
    return created
  }

  revision(componentDbId: number, contentHash: string): StoredRevision | undefined {
    const cacheKey = `${componentDbId}\u0000${contentHash}`
    const cached = this.revisions.get(cacheKey)
    if (cached !== undefined) return cached
    const row = this.store.getRow(
      `SELECT id, semantic_hash, parent_id, refs FROM component_revisions
       WHERE component_id = ? AND content_hash = ?`,
      [componentDbId, contentHash],
    )
    if (row === undefined) return undefined
    return this.remember({
      id: row[0] as number,
      componentDbId,
      contentHash,
      semanticHash: row[1] as string,
      parentId: row[2] as number | null,
      references: JSON.parse(row[3] as string) as string[],
    })
  }

  revisionById(id: number): StoredRevision | undefined {
    const row = this.store.getRow(
      'SELECT component_id, content_hash FROM component_revisions WHERE id = ?',
      [id],
    )
    return row === undefined ? undefined : this.revision(row[0] as number, row[1] as string)
  }

  /** The revision the code had when last seen; the latest stored one for older workspaces. */
  head(componentDbId: number): StoredRevision | undefined {
    const row = this.store.getRow(
      `SELECT COALESCE(head_revision_id,
         (SELECT MAX(id) FROM component_revisions WHERE component_id = components.id))
       FROM components WHERE id = ?`,
      [componentDbId],
    )
    const id = row?.[0]
    return typeof id === 'number' ? this.revisionById(id) : undefined
  }

  setHead(componentDbId: number, revisionId: number): void {
    this.store.run(
      'UPDATE components SET head_revision_id = ? WHERE id = ? AND head_revision_id IS NOT ?',
      [revisionId, componentDbId, revisionId],
    )
  }

  createRevision(componentDbId: number, revision: NewRevision): StoredRevision {
    const sourceHash = digestId(revision.source)
    this.store.run('INSERT OR IGNORE INTO sources (hash, text) VALUES (?, ?)', [
      sourceHash,
      revision.source,
    ])
    const { lastInsertRowid } = this.store.run(
      `INSERT INTO component_revisions
         (component_id, content_hash, original_hash, first_seen, semantic_hash, parent_id, refs)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        componentDbId,
        revision.contentHash,
        sourceHash,
        Date.now(),
        revision.semanticHash,
        revision.parentId,
        JSON.stringify(revision.references),
      ],
    )
    return this.remember({
      id: lastInsertRowid,
      componentDbId,
      contentHash: revision.contentHash,
      semanticHash: revision.semanticHash,
      parentId: revision.parentId,
      references: revision.references,
    })
  }

  source(revisionId: number): string {
    const row = this.store.getRow(
      `SELECT s.text FROM component_revisions r JOIN sources s ON s.hash = r.original_hash
       WHERE r.id = ?`,
      [revisionId],
    )
    return (row?.[0] as string | undefined) ?? ''
  }

  recordDecision(
    componentDbId: number,
    fromRevisionId: number | null,
    toRevisionId: number,
    kind: DecisionKind,
    decidedBy: string,
  ): void {
    this.store.run(
      `INSERT INTO decisions (component_id, from_revision_id, to_revision_id, kind, decided_at, decided_by)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [componentDbId, fromRevisionId, toRevisionId, kind, Date.now(), decidedBy],
    )
  }

  private remember(revision: StoredRevision): StoredRevision {
    this.revisions.set(`${revision.componentDbId}\u0000${revision.contentHash}`, revision)
    return revision
  }
}
