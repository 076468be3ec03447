import { type ComponentKind } from '../../../src-shared/model/versions'
import { type MemoEngine } from '../memo/memo-engine'
import { type OpVersionRow } from '../memo/op-registry'

export interface StoredDependency {
  readonly componentDbId: number
  readonly kind: ComponentKind | 'op'
  readonly module: string
  readonly name: string
  readonly revisionId: number
  readonly contentHash: string
  readonly semanticHash: string
}

export interface StoredVersion {
  readonly row: OpVersionRow
  readonly manualVersion: string | null
  readonly deps: readonly StoredDependency[]
  readonly links: readonly { readonly op: string; readonly semanticKey: string }[]
}

/** Every stored version of an op with its dependencies, oldest first. */
export function loadStoredVersions(engine: MemoEngine, op: string): StoredVersion[] {
  const { store } = engine
  const versions = new Map<number, StoredVersion>()
  for (const row of store.rows(
    'SELECT id, version_key, semantic_key, manual_version FROM op_versions WHERE op = ? ORDER BY id',
    [op],
  )) {
    const id = row[0] as number
    versions.set(id, {
      row: { id, op, versionKey: row[1] as string, semanticKey: row[2] as string },
      manualVersion: row[3] as string | null,
      deps: [],
      links: [],
    })
  }
  if (versions.size === 0) return []
  for (const row of store.rows(
    `SELECT d.op_version_id, c.id, c.kind, c.module, c.name, r.id, r.content_hash, r.semantic_hash
     FROM op_versions v
     JOIN op_version_deps d ON d.op_version_id = v.id
     JOIN component_revisions r ON r.id = d.revision_id
     JOIN components c ON c.id = r.component_id
     WHERE v.op = ?`,
    [op],
  )) {
    const version = versions.get(row[0] as number)
    ;(version?.deps as StoredDependency[] | undefined)?.push({
      componentDbId: row[1] as number,
      kind: row[2] as ComponentKind | 'op',
      module: row[3] as string,
      name: row[4] as string,
      revisionId: row[5] as number,
      contentHash: row[6] as string,
      semanticHash: row[7] as string,
    })
  }
  for (const row of store.rows(
    `SELECT l.op_version_id, l.op, l.semantic_key FROM op_versions v
     JOIN op_version_links l ON l.op_version_id = v.id WHERE v.op = ?`,
    [op],
  )) {
    const version = versions.get(row[0] as number)
    ;(version?.links as { op: string; semanticKey: string }[] | undefined)?.push({
      op: row[1] as string,
      semanticKey: row[2] as string,
    })
  }
  return [...versions.values()]
}
