import {
  CURRENT_VERSION,
  type CollectionKindName,
  type Pattern,
  type VersionConstraint,
} from '../../../src-shared/query/pattern'
import { PatternBuilder } from '../../../src-shared/query/pattern-builder'
import { CodedError } from '../../../src-shared/errors'
import { assertValidPattern } from '../../../src-shared/query/validate'
import { EngineError } from '../errors'
import { REF_KIND_NAMES, type RefKind } from '../memo/schema'
import { type WorkspaceStore } from '../store'
import { idList, IN_LIST, type FrameOpNode, type FrameState } from './frame-state'
import { readOpCatalog, readOpVersions } from './op-catalog'

/**
 * SPEC Q7: the frame's structure as a pattern, every variable selected. An op node's version
 * constraint is `current` when all its calls have the op's newest version, the one version they
 * share otherwise, or `all`. A collection variable becomes a `collectionOf` of its element
 * variables. With `validate`, a structure no single pattern can state (a variable made by two op
 * nodes, say — the frame's table holds either history) is `query.invalid`.
 */
export function framePattern(store: WorkspaceStore, state: FrameState, validate: boolean): Pattern {
  const builder = new PatternBuilder()
  for (const variable of state.variables.keys()) builder.variable(variable)
  const newest = new Map<string, string>()
  for (const [op, versions] of readOpVersions(store)) {
    const last = versions[versions.length - 1]
    if (last !== undefined) newest.set(op, last.versionKey)
  }
  for (const node of state.ops.values()) {
    const bind = (edges: ReadonlyMap<string, string>) =>
      [...edges].map(([name, variable]) => ({ name, variable }))
    builder.call(
      node.op,
      bind(node.inputs),
      bind(node.outputs),
      versionOf(store, node, newest),
      node.id,
    )
  }
  const byCollection = new Map<string, string[]>()
  for (const { collection, element } of state.elements) {
    byCollection.set(collection, [...(byCollection.get(collection) ?? []), element])
  }
  for (const [collection, elements] of byCollection) {
    builder.collectionOf(
      collection,
      collectionKind(store, state.variables.get(collection) ?? new Set()),
      elements.map((element) => ({ element, key: null })),
    )
  }
  builder.select([...state.variables.keys()])
  const pattern = builder.build()
  if (!validate) return pattern
  try {
    assertValidPattern(pattern, readOpCatalog(store))
  } catch (error) {
    if (!(error instanceof CodedError)) throw error
    throw new EngineError(
      error.code,
      `the frame is not one pattern: ${error.message}`,
      error.details,
      { cause: error },
    )
  }
  return pattern
}

function versionOf(
  store: WorkspaceStore,
  node: FrameOpNode,
  newest: ReadonlyMap<string, string>,
): VersionConstraint {
  const keys = store
    .all(
      `SELECT DISTINCT ov.version_key FROM calls c JOIN op_versions ov ON ov.id = c.op_version_id
       WHERE c.id ${IN_LIST}`,
      [idList(node.calls)],
    )
    .map((row) => row.version_key as string)
  const [only] = keys
  if (keys.length !== 1 || only === undefined) return { kind: 'all' }
  return newest.get(node.op) === only ? CURRENT_VERSION : { kind: 'exact', versionKey: only }
}

/** The kind most of the variable's collections have (a frame does not mix them in practice). */
function collectionKind(store: WorkspaceStore, refs: ReadonlySet<number>): CollectionKindName {
  const row = store.get(
    `SELECT kind, COUNT(*) AS count FROM refs WHERE id ${IN_LIST} AND kind <> 0
     GROUP BY kind ORDER BY count DESC, kind LIMIT 1`,
    [idList(refs)],
  )
  const kind = row === undefined ? 'list' : REF_KIND_NAMES[row.kind as RefKind]
  return kind === 'atom' ? 'list' : kind
}
