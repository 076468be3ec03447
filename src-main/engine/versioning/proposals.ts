import { createTwoFilesPatch } from 'diff'
import { type ChangeProposal, type ComponentRef } from '../../../src-shared/model/versions'
import { digestTuple } from '../ids'
import { type WorkspaceStore } from '../store'
import { type StoredRevision } from './component-store'

export interface Dependents {
  readonly versionIds: readonly number[]
  readonly ops: readonly string[]
  readonly calls: number
}

/**
 * The stored op versions a component's current meaning matters to (SPEC D5): versions that
 * depend on a revision with the head's semantic hash, and, through nested-op links, the
 * versions of ops that called those.
 */
export function findDependents(
  store: WorkspaceStore,
  componentDbId: number,
  head: StoredRevision,
): Dependents {
  const direct = store
    .rows(
      `SELECT DISTINCT d.op_version_id FROM op_version_deps d
       JOIN component_revisions r ON r.id = d.revision_id
       WHERE r.component_id = ? AND r.semantic_hash = ?`,
      [componentDbId, head.semanticHash],
    )
    .map((row) => row[0] as number)
  const versionIds = new Set<number>(direct)
  const queue = [...direct]
  while (queue.length > 0) {
    const id = queue.pop() as number
    const version = store.getRow('SELECT op, semantic_key FROM op_versions WHERE id = ?', [id])
    if (version === undefined) continue
    for (const row of store.rows(
      'SELECT op_version_id FROM op_version_links WHERE op = ? AND semantic_key = ?',
      [version[0] as string, version[1] as string],
    )) {
      const caller = row[0] as number
      if (!versionIds.has(caller)) {
        versionIds.add(caller)
        queue.push(caller)
      }
    }
  }
  if (versionIds.size === 0) return { versionIds: [], ops: [], calls: 0 }
  const ids = [...versionIds]
  const placeholders = ids.map(() => '?').join(', ')
  const ops = store
    .rows(`SELECT DISTINCT op FROM op_versions WHERE id IN (${placeholders}) ORDER BY op`, ids)
    .map((row) => row[0] as string)
  const calls = Number(
    store.getRow(
      `SELECT COUNT(*) FROM calls WHERE op_version_id IN (${placeholders}) AND superseded_by IS NULL`,
      ids,
    )?.[0] ?? 0,
  )
  return { versionIds: ids, ops, calls }
}

export interface ProposalInput {
  readonly component: ComponentRef
  readonly from: StoredRevision
  readonly fromSource: string
  readonly toHash: string
  readonly toSource: string
  readonly toReferences: readonly string[]
  readonly dependents: Dependents
}

export function buildProposal(input: ProposalInput): ChangeProposal {
  const { component, from, dependents } = input
  const known = new Set(from.references)
  const newDependencies = input.toReferences.filter(
    (reference) => !known.has(reference) && reference !== component.id,
  )
  return {
    id: digestTuple('proposal', component.id, from.contentHash, input.toHash),
    component,
    fromHash: from.contentHash,
    toHash: input.toHash,
    fromSource: input.fromSource,
    toSource: input.toSource,
    diff: unifiedDiff(component.id, input.fromSource, input.toSource),
    dependentOps: dependents.ops,
    affectedCalls: dependents.calls,
    newDependencies,
    warning:
      newDependencies.length === 0
        ? null
        : `the new code also uses ${newDependencies.join(', ')}; if you answer non-breaking, stored calls will not depend on ${newDependencies.length === 1 ? 'it' : 'them'} until they are recomputed, so later changes there will go unnoticed for them`,
  }
}

export function unifiedDiff(label: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(label, label, withNewline(before), withNewline(after), '', '', {
    context: 3,
  })
  // Drop the "Index:" and "====" preamble lines: the file names follow in ---/+++ lines.
  return patch
    .split('\n')
    .filter((line) => !line.startsWith('Index:') && !/^=+$/.test(line))
    .join('\n')
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`
}
