import {
  type ComponentKind,
  type ComponentRef,
  type DecisionRecord,
  type DependencyRevision,
  type OpVersionInfo,
  type SourceRevision,
} from '../../../src-shared/model/versions'
import { EngineError } from '../errors'
import { type WorkspaceStore } from '../store'
import { unifiedDiff } from './proposals'

/** Something that names an op: the op itself, or its name. */
export type OpReference = string | { readonly opName: string }

export function opNameOf(op: OpReference): string {
  return typeof op === 'string' ? op : op.opName
}

/** SPEC D7: an op's versions, oldest first, with their dependency sources and decisions. */
export function readVersions(store: WorkspaceStore, op: string): OpVersionInfo[] {
  const rows = store.rows(
    `SELECT v.id, v.content_version, v.semantic_version, v.manual_version, v.created_at,
       (SELECT COUNT(*) FROM calls c WHERE c.op_version_id = v.id AND c.superseded_by IS NULL)
     FROM op_versions v WHERE v.op = ? ORDER BY v.id`,
    [op],
  )
  return rows.map((row) => {
    const id = row[0] as number
    const dependencies = readDependencies(store, id)
    return {
      id,
      op,
      contentVersion: row[1] as string,
      semanticVersion: row[2] as string,
      manualVersion: row[3] as string | null,
      createdAt: row[4] as number,
      calls: Number(row[5]),
      dependencies,
      decisions: readDecisions(
        store,
        dependencies.map((dependency) => dependency.revisionId),
      ),
    }
  })
}

function readDependencies(
  store: WorkspaceStore,
  versionId: number,
): (DependencyRevision & { readonly revisionId: number })[] {
  return store
    .rows(
      `SELECT c.kind, c.module, c.name, r.content_hash, r.semantic_hash, s.text, r.id
       FROM op_version_deps d
       JOIN component_revisions r ON r.id = d.revision_id
       JOIN components c ON c.id = r.component_id
       LEFT JOIN sources s ON s.hash = r.original_hash
       WHERE d.op_version_id = ? ORDER BY c.kind DESC, c.module, c.name`,
      [versionId],
    )
    .map((row) => ({
      component: componentRef(row[0] as string, row[1] as string, row[2] as string),
      contentHash: row[3] as string,
      semanticHash: row[4] as string,
      source: (row[5] as string | null) ?? '',
      revisionId: row[6] as number,
    }))
}

/** Every decision, newest first; only those leading to the given revisions when asked. */
export function readDecisions(
  store: WorkspaceStore,
  toRevisions?: readonly number[],
): DecisionRecord[] {
  if (toRevisions?.length === 0) return []
  const filter =
    toRevisions === undefined
      ? ''
      : `WHERE d.to_revision_id IN (${toRevisions.map(() => '?').join(', ')})`
  return store
    .rows(
      `SELECT d.id, c.module, c.name, f.content_hash, t.content_hash, d.kind, d.decided_at, d.decided_by
       FROM decisions d
       JOIN components c ON c.id = d.component_id
       JOIN component_revisions t ON t.id = d.to_revision_id
       LEFT JOIN component_revisions f ON f.id = d.from_revision_id
       ${filter} ORDER BY d.id DESC`,
      toRevisions === undefined ? [] : [...toRevisions],
    )
    .map((row) => ({
      id: row[0] as number,
      componentId: `${row[1] as string}#${row[2] as string}`,
      fromHash: row[3] as string | null,
      toHash: row[4] as string,
      kind: row[5] as DecisionRecord['kind'],
      decidedAt: row[6] as number,
      decidedBy: row[7] as string,
    }))
}

/**
 * SPEC D7: a function's revisions (its "shallow" history), oldest first. `name` is a
 * component id (`module#name`), or a name that only one component has (an op's name).
 */
export function readSources(store: WorkspaceStore, name: string): SourceRevision[] {
  const component = findComponent(store, name)
  const head = store.getRow('SELECT head_revision_id FROM components WHERE id = ?', [
    component.dbId,
  ])?.[0]
  const revisions = store.rows(
    `SELECT r.id, r.content_hash, r.semantic_hash, s.text, r.first_seen, p.content_hash
     FROM component_revisions r
     LEFT JOIN sources s ON s.hash = r.original_hash
     LEFT JOIN component_revisions p ON p.id = r.parent_id
     WHERE r.component_id = ? ORDER BY r.id`,
    [component.dbId],
  )
  const latest = revisions[revisions.length - 1]?.[0]
  return revisions.map((row) => ({
    contentHash: row[1] as string,
    semanticHash: row[2] as string,
    source: (row[3] as string | null) ?? '',
    firstSeen: row[4] as number,
    isHead: row[0] === (typeof head === 'number' ? head : latest),
    parentHash: row[5] as string | null,
  }))
}

function findComponent(store: WorkspaceStore, name: string): { dbId: number; id: string } {
  const hash = name.lastIndexOf('#')
  const rows =
    hash > 0
      ? store.rows(
          "SELECT id, module, name FROM components WHERE module = ? AND name = ? AND kind <> 'op'",
          [name.slice(0, hash), name.slice(hash + 1)],
        )
      : store.rows(
          `SELECT id, module, name FROM components WHERE name = ?
           ORDER BY CASE kind WHEN 'function' THEN 0 WHEN 'op' THEN 1 ELSE 2 END`,
          [hash === 0 ? name.slice(1) : name],
        )
  const distinctModules = new Set(rows.map((row) => row[1] as string))
  const first = rows[0]
  if (first === undefined) {
    throw new EngineError('version.unknown', `no function or value named '${name}' is stored`, {
      name,
    })
  }
  if (distinctModules.size > 1 && hash < 0) {
    const ids = rows.map((row) => `${row[1] as string}#${row[2] as string}`)
    throw new EngineError(
      'version.unknown',
      `'${name}' names several components (${ids.join(', ')}); pass one of these ids`,
      { name, candidates: ids },
    )
  }
  return { dbId: first[0] as number, id: `${first[1] as string}#${first[2] as string}` }
}

export interface VersionDiff {
  readonly op: string
  readonly from: OpVersionInfo
  readonly to: OpVersionInfo
  /** One entry per dependency that differs (added, removed or changed). */
  readonly changes: readonly {
    readonly component: ComponentRef
    readonly fromSource: string | null
    readonly toSource: string | null
    readonly diff: string
  }[]
  /** All changes as one unified diff. */
  readonly text: string
}

/** SPEC D7: how two versions of an op differ, dependency by dependency. */
export function diffVersions(store: WorkspaceStore, op: string, a: string, b: string): VersionDiff {
  const versions = readVersions(store, op)
  const from = pickVersion(versions, op, a)
  const to = pickVersion(versions, op, b)
  const before = new Map(
    from.dependencies.map((dependency) => [dependency.component.id, dependency]),
  )
  const after = new Map(to.dependencies.map((dependency) => [dependency.component.id, dependency]))
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort()
  const changes: VersionDiff['changes'][number][] = []
  for (const id of ids) {
    const old = before.get(id)
    const current = after.get(id)
    if (old !== undefined && current !== undefined && old.contentHash === current.contentHash)
      continue
    const component = (current ?? old)?.component
    if (component === undefined) continue
    changes.push({
      component,
      fromSource: old?.source ?? null,
      toSource: current?.source ?? null,
      diff: unifiedDiff(id, old?.source ?? '', current?.source ?? ''),
    })
  }
  return { op, from, to, changes, text: changes.map((change) => change.diff).join('\n') }
}

/** A version named by row id, or by a prefix (6+ characters) of its content or semantic version. */
function pickVersion(versions: readonly OpVersionInfo[], op: string, name: string): OpVersionInfo {
  const byId = /^\d+$/.test(name)
    ? versions.find((version) => version.id === Number(name))
    : undefined
  if (byId !== undefined) return byId
  const matches =
    name.length < 6
      ? []
      : versions.filter(
          (version) =>
            version.contentVersion.startsWith(name) || version.semanticVersion.startsWith(name),
        )
  const contentMatch = matches.find((version) => version.contentVersion.startsWith(name))
  const semanticIds = new Set(matches.map((version) => version.semanticVersion))
  if (contentMatch !== undefined && matches.length === 1) return contentMatch
  if (matches.length > 0 && semanticIds.size === 1 && contentMatch === undefined) {
    // A semantic version names its newest content version.
    return matches[matches.length - 1] as OpVersionInfo
  }
  const known = versions.map((version) => `${version.id} (${version.contentVersion.slice(0, 12)})`)
  throw new EngineError(
    'version.unknown',
    matches.length > 1
      ? `'${name}' matches several versions of op '${op}'; use a longer prefix or the version number`
      : `op '${op}' has no version '${name}'; its versions: ${known.join(', ') || 'none'}`,
    { op, version: name },
  )
}

function componentRef(kind: string, module: string, name: string): ComponentRef {
  return {
    id: `${module}#${name}`,
    kind: (kind === 'op' ? 'function' : kind) as ComponentKind,
    module,
    name,
  }
}
