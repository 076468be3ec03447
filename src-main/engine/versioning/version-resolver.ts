import { type ChangeProposal, type DecisionKind } from '../../../src-shared/model/versions'
import { EngineError } from '../errors'
import { digestParts, digestTuple } from '../ids'
import { type ProposalReply, type RunVersioning } from '../memo/active-run'
import { type MemoEngine } from '../memo/memo-engine'
import { type OpDefinition } from '../memo/op-definition'
import { type OpVersionRow } from '../memo/op-registry'
import { type WorkspaceComponent } from './code-state'
import { type ComponentStore, type StoredRevision } from './component-store'
import { CurrentCode, type CurrentContent } from './current-code'
import { buildProposal, findDependents } from './proposals'
import { loadStoredVersions, type StoredVersion } from './stored-versions'
import { type DependencyFrame, tracker } from './tracker'

type ValueRead = readonly [WorkspaceComponent, string]

interface Compatibility {
  readonly rows: readonly OpVersionRow[]
  /** Module-level values the answer depended on, with the hash each had. */
  readonly reads: readonly ValueRead[]
}

/**
 * Versions op calls by the code they use, for one run (SPEC D rules): which stored versions
 * the current code is compatible with, which dependency changes need a decision, and which
 * version an executed call belongs to.
 */
export class VersionResolver {
  readonly current: CurrentCode
  private readonly components: ComponentStore
  private readonly storedVersions = new Map<string, readonly StoredVersion[]>()
  private readonly compatibility = new Map<string, Compatibility>()
  private readonly resolving = new Set<string>()
  /** Definitions of the ops called in this run, for versions made without the runner (D1). */
  private readonly definitions = new Map<string, OpDefinition>()

  constructor(
    private readonly engine: MemoEngine,
    private readonly options: RunVersioning,
  ) {
    this.current = new CurrentCode(options.codeState, tracker, engine.codecs)
    this.components = engine.ops.components
  }

  /**
   * D6: before the script runs, changed workspace functions that stored calls depend on are
   * proposed (values are only known once their modules ran, so they are checked on use).
   */
  preflight(): void {
    for (const component of this.options.codeState.components) {
      if (component.kind !== 'function') continue
      const stored = this.components.find('function', component.module, component.name)
      const content = this.current.content(component, component.name)
      if (stored === undefined || content === undefined) continue
      this.resolveRevision(component, stored.dbId, content)
    }
    this.engine.store.commit()
  }

  /** D4: the stored versions of the op whose dependencies the current code matches. */
  compatible(definition: OpDefinition): readonly OpVersionRow[] {
    this.definitions.set(definition.name, definition)
    return this.compatibleRows(definition.name, [])
  }

  beginFrame(): DependencyFrame {
    return tracker.newFrame()
  }

  /**
   * D2/D3: the version an executed call belongs to, from the components it entered (and
   * their static dependencies) and the nested op calls it made. An op whose body is not
   * workspace code (it entered nothing tracked) is versioned by its own source (D1).
   */
  record(definition: OpDefinition, frame: DependencyFrame): OpVersionRow {
    const indexes = new Set<number>()
    for (const index of frame.entered) {
      indexes.add(index)
      for (const dependency of this.current.at(index).staticDeps) indexes.add(dependency)
    }
    if (indexes.size === 0) return this.engine.ops.ensure(definition)
    const components = [...indexes]
      .map((index) => this.current.at(index))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const revisions: { component: WorkspaceComponent; revision: StoredRevision }[] = []
    for (const component of components) {
      const content = this.current.content(component, definition.name)
      if (content === undefined) continue
      const stored = this.components.ensure(component.kind, component.module, component.name)
      revisions.push({ component, revision: this.resolveRevision(component, stored.dbId, content) })
    }
    const links = [...frame.links]
      .flatMap(([op, keys]) => [...keys].map((semanticKey) => ({ op, semanticKey })))
      .sort((a, b) => (`${a.op}@${a.semanticKey}` < `${b.op}@${b.semanticKey}` ? -1 : 1))
    const linkParts = links.map((link) => `${link.op}@${link.semanticKey}`)
    const contentVersion = digestParts('content-version', [
      definition.name,
      ...revisions.map(({ component, revision }) => `${component.id}=${revision.contentHash}`),
      ...linkParts,
    ])
    const semanticVersion = digestParts('semantic-version', [
      definition.name,
      ...revisions.map(({ component, revision }) => `${component.id}=${revision.semanticHash}`),
      ...linkParts,
    ])
    const outputKey = JSON.stringify([definition.outputs, definition.elementwise])
    const versionKey = digestTuple('op-version:deps', definition.name, contentVersion, outputKey)
    const known = this.engine.ops.findByKey(versionKey)
    if (known !== undefined) return known
    const row = this.engine.ops.ensureVersioned(definition, {
      versionKey,
      semanticKey: digestTuple('op-version:semantic', definition.name, semanticVersion, outputKey),
      contentVersion,
      semanticVersion,
      revisionIds: revisions.map(({ revision }) => revision.id),
      links,
    })
    // A new version can make callers' links compatible: recheck everything lazily.
    this.storedVersions.delete(definition.name)
    this.compatibility.clear()
    return row
  }

  private compatibleRows(op: string, reads: ValueRead[]): readonly OpVersionRow[] {
    const cached = this.compatibility.get(op)
    if (cached !== undefined && this.stillValid(cached, op)) {
      reads.push(...cached.reads)
      return cached.rows
    }
    const ownReads: ValueRead[] = []
    const rows = this.versionsOf(op)
      .filter((version) => this.isCompatible(op, version, ownReads))
      .map((version) => version.row)
    this.compatibility.set(op, { rows, reads: ownReads })
    reads.push(...ownReads)
    return rows
  }

  private stillValid(compatibility: Compatibility, op: string): boolean {
    return compatibility.reads.every(
      ([component, hash]) => this.current.content(component, op)?.hash === hash,
    )
  }

  private isCompatible(op: string, version: StoredVersion, reads: ValueRead[]): boolean {
    for (const dependency of version.deps) {
      if (dependency.kind === 'op') {
        // A library op (its body is not workspace code) depends on its own source. An op not
        // called in this run cannot be checked; its stored calls stand.
        const definition = this.definitions.get(dependency.name)
        if (definition !== undefined && definition.sourceHash !== dependency.contentHash)
          return false
        continue
      }
      const component = this.current.component(`${dependency.module}#${dependency.name}`)
      if (component === undefined || component.kind !== dependency.kind) return false
      const content = this.current.content(component, op)
      if (content === undefined) return false
      if (component.kind === 'value') reads.push([component, content.hash])
      if (content.hash === dependency.contentHash) continue
      const revision = this.resolveRevision(component, dependency.componentDbId, content)
      if (revision.semanticHash !== dependency.semanticHash) return false
    }
    for (const link of version.links) {
      // A recursive op is compatible with itself while its compatibility is being decided.
      if (this.resolving.has(link.op)) continue
      this.resolving.add(link.op)
      try {
        const rows = this.compatibleRows(link.op, reads)
        if (!rows.some((row) => row.semanticKey === link.semanticKey)) return false
      } finally {
        this.resolving.delete(link.op)
      }
    }
    return true
  }

  private versionsOf(op: string): readonly StoredVersion[] {
    let versions = this.storedVersions.get(op)
    if (versions === undefined) {
      versions = loadStoredVersions(this.engine, op)
      this.storedVersions.set(op, versions)
    }
    return versions
  }

  /**
   * D5: the stored revision for the component's current content. Content seen before is
   * checked out (it becomes the head, "back in time"); new content that stored calls depend on
   * is proposed and decided; other new content starts a meaning of its own.
   */
  private resolveRevision(
    component: WorkspaceComponent,
    componentDbId: number,
    content: CurrentContent,
  ): StoredRevision {
    const known = this.components.revision(componentDbId, content.hash)
    if (known !== undefined) {
      this.components.setHead(componentDbId, known.id)
      return known
    }
    const head = this.components.head(componentDbId)
    const dependents =
      head === undefined ? undefined : findDependents(this.engine.store, componentDbId, head)
    let kind: DecisionKind = 'breaking'
    let decidedBy: string | null = null
    if (head !== undefined && dependents !== undefined && dependents.versionIds.length > 0) {
      const proposal = buildProposal({
        component: {
          id: component.id,
          kind: component.kind,
          module: component.module,
          name: component.name,
        },
        from: head,
        fromSource: this.components.source(head.id),
        toHash: content.hash,
        toSource: content.source,
        toReferences: component.references,
        dependents,
      })
      const reply = this.answer(proposal)
      kind = reply.answer === 'nonBreaking' ? 'nonBreaking' : 'breaking'
      decidedBy = reply.decidedBy
    }
    const revision = this.components.createRevision(componentDbId, {
      contentHash: content.hash,
      semanticHash: kind === 'nonBreaking' && head !== undefined ? head.semanticHash : content.hash,
      parentId: head?.id ?? null,
      source: content.source,
      references: component.references,
    })
    this.components.setHead(componentDbId, revision.id)
    if (decidedBy !== null) {
      this.components.recordDecision(componentDbId, head?.id ?? null, revision.id, kind, decidedBy)
      // A decision is the user's work: make it durable now, not with the next batch of calls.
      this.engine.store.commit()
    }
    return revision
  }

  private answer(proposal: ChangeProposal): ProposalReply {
    const { policy, ask } = this.options
    if (policy === 'breaking' || policy === 'nonBreaking') {
      return { answer: policy, decidedBy: `policy:${policy}` }
    }
    if (policy === 'ask' && ask !== undefined) {
      const reply = ask(proposal)
      if (reply.answer !== 'abort') return reply
      throw undecided(proposal, 'the change was not decided (aborted)')
    }
    throw undecided(
      proposal,
      'the change needs a decision: run again with --on-change=breaking or --on-change=nonBreaking, or run in a terminal to be asked',
    )
  }
}

function undecided(proposal: ChangeProposal, what: string): EngineError {
  const dependents = proposal.dependentOps.join(', ')
  return new EngineError(
    'version.undecided',
    `${proposal.component.id} changed since ${proposal.affectedCalls} stored call(s) of ${dependents} used it; ${what}`,
    {
      component: proposal.component.id,
      proposal: proposal.id,
      dependentOps: proposal.dependentOps,
    },
  )
}
