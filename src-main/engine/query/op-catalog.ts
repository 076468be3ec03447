import { type OpCatalog, type OpShape } from '../../../src-shared/query/pattern'
import { type OpDefinition } from '../memo/op-definition'
import { type WorkspaceStore } from '../store'

/** One stored version of an op: the key calls are made under and its op_versions row id. */
export interface StoredOpVersion {
  readonly id: number
  readonly versionKey: string
  /** Content versions declared equivalent share it (SPEC D3). */
  readonly semanticKey: string
}

/**
 * Q4 `current`: the versions of the op object the query was built with when it has stored
 * ones; otherwise (no op object, or one whose version is not stored, such as a library
 * process querying a workspace the runner versioned) the newest semantic version, with all of
 * its content versions.
 */
export function currentVersionIds(
  stored: readonly StoredOpVersion[],
  currentKey: string | undefined,
): number[] {
  const exact = stored.filter((version) => version.versionKey === currentKey)
  if (exact.length > 0) return exact.map((version) => version.id)
  const newest = stored[stored.length - 1]
  if (newest === undefined) return []
  return stored
    .filter((version) => version.semanticKey === newest.semanticKey)
    .map((version) => version.id)
}

/** Stored versions per op, oldest first (op_versions ids grow with time). */
export type OpVersionIndex = ReadonlyMap<string, readonly StoredOpVersion[]>

interface SignatureJson {
  readonly inputs?: readonly string[]
  readonly rest?: string | null
  readonly destructured?: boolean
  readonly outputs?: readonly string[]
}

interface VersionRow extends StoredOpVersion {
  readonly op: string
  readonly signature: SignatureJson
}

function readVersionRows(store: WorkspaceStore): VersionRow[] {
  return store
    .all('SELECT id, op, version_key, semantic_key, signature FROM op_versions ORDER BY id')
    .map((row) => ({
      id: row.id as number,
      op: row.op as string,
      versionKey: row.version_key as string,
      semanticKey: row.semantic_key as string,
      signature: JSON.parse(row.signature as string) as SignatureJson,
    }))
}

export function readOpVersions(store: WorkspaceStore): OpVersionIndex {
  const index = new Map<string, StoredOpVersion[]>()
  for (const { op, id, versionKey, semanticKey } of readVersionRows(store)) {
    const versions = index.get(op) ?? []
    versions.push({ id, versionKey, semanticKey })
    index.set(op, versions)
  }
  return index
}

/**
 * What queries may say about each stored op. The newest version's signature decides the
 * parameter order (positional arguments bind by it); inputs and outputs that only older
 * versions had are appended, so a query over all versions can still name them.
 */
export function readOpCatalog(store: WorkspaceStore): OpCatalog {
  const signatures = new Map<string, { versions: string[]; newestFirst: SignatureJson[] }>()
  for (const { op, versionKey, signature } of readVersionRows(store)) {
    const entry = signatures.get(op) ?? { versions: [], newestFirst: [] }
    entry.versions.push(versionKey)
    entry.newestFirst.unshift(signature)
    signatures.set(op, entry)
  }
  const catalog = new Map<string, OpShape>()
  for (const [op, { versions, newestFirst }] of signatures) {
    const newest = newestFirst[0] ?? {}
    catalog.set(op, {
      op,
      inputs: union(newestFirst.map((signature) => signature.inputs ?? [])),
      rest: newestFirst.find((signature) => (signature.rest ?? null) !== null)?.rest ?? null,
      destructured: newest.destructured === true,
      outputs: union(newestFirst.map((signature) => signature.outputs ?? [])),
      versions,
    })
  }
  return catalog
}

/**
 * The catalog a query built from op objects is checked against: ops that were never called
 * still have a shape (their calls are simply none), and an op object's parameters count even
 * before its first call under the new signature.
 */
export function withOpDefinitions(
  catalog: OpCatalog,
  definitions: Iterable<OpDefinition>,
): OpCatalog {
  const merged = new Map(catalog)
  for (const definition of definitions) {
    const stored = merged.get(definition.name)
    const { inputs, rest, destructured, outputs } = definition.signature
    merged.set(definition.name, {
      op: definition.name,
      inputs: union([inputs, stored?.inputs ?? []]),
      rest: rest ?? stored?.rest ?? null,
      destructured,
      outputs: union([outputs, stored?.outputs ?? []]),
      versions: stored?.versions ?? [],
    })
  }
  return merged
}

function union(lists: readonly (readonly string[])[]): string[] {
  const seen = new Set<string>()
  for (const list of lists) for (const name of list) seen.add(name)
  return [...seen]
}
