import { type ChangeProposal, type DecisionKind } from '../../../src-shared/model/versions'
import { EngineError } from '../errors'
import { type WorkspaceStore } from '../store'
import { type CodeState } from './code-state'
import { type ComponentStore } from './component-store'
import { buildProposal, findDependents } from './proposals'

/**
 * SPEC D6 without running anything: the changes of workspace functions that stored calls
 * depend on, as proposals (module-level values are only known once the code runs).
 */
export function pendingChanges(
  store: WorkspaceStore,
  components: ComponentStore,
  codeState: CodeState,
): ChangeProposal[] {
  const proposals: ChangeProposal[] = []
  for (const component of codeState.components) {
    if (component.kind !== 'function' || component.contentHash === null) continue
    const stored = components.find('function', component.module, component.name)
    if (stored === undefined) continue
    if (components.revision(stored.dbId, component.contentHash) !== undefined) continue
    const head = components.head(stored.dbId)
    if (head === undefined) continue
    const dependents = findDependents(store, stored.dbId, head)
    if (dependents.versionIds.length === 0) continue
    proposals.push(
      buildProposal({
        component: {
          id: component.id,
          kind: component.kind,
          module: component.module,
          name: component.name,
        },
        from: head,
        fromSource: components.source(head.id),
        toHash: component.contentHash,
        toSource: component.source,
        toReferences: component.references,
        dependents,
      }),
    )
  }
  return proposals
}

/** Records a decision on a proposal made earlier (the app's change inbox). Needs the lock. */
export function decideProposal(
  components: ComponentStore,
  proposal: ChangeProposal,
  kind: DecisionKind,
  decidedBy: string,
): void {
  const { component } = proposal
  const stored = components.find(component.kind, component.module, component.name)
  const head = stored === undefined ? undefined : components.head(stored.dbId)
  if (stored === undefined || head === undefined) {
    throw new EngineError('version.unknown', `${component.id} is not stored`, {
      component: component.id,
    })
  }
  if (components.revision(stored.dbId, proposal.toHash) !== undefined) return
  if (head.contentHash !== proposal.fromHash) {
    throw new EngineError(
      'version.unknown',
      `the proposal for ${component.id} is out of date: the stored code changed since it was made; check for changes again`,
      { component: component.id, proposal: proposal.id },
    )
  }
  const revision = components.createRevision(stored.dbId, {
    contentHash: proposal.toHash,
    semanticHash: kind === 'nonBreaking' ? head.semanticHash : proposal.toHash,
    parentId: head.id,
    source: proposal.toSource,
    references: [...head.references, ...proposal.newDependencies],
  })
  components.setHead(stored.dbId, revision.id)
  components.recordDecision(stored.dbId, head.id, revision.id, kind, decidedBy)
}
