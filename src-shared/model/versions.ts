/**
 * Versioning as the host, the CLI and the app see it (engine SPEC rules D*). A *component* is
 * something calls can depend on: a workspace function (an op body, a helper, a class method) or
 * a module-level value. A change to a component that stored calls depend on is a *proposal*
 * until the user decides whether it is breaking.
 */
export type ChangePolicy = 'ask' | 'breaking' | 'nonBreaking' | 'fail'
export const CHANGE_POLICIES: readonly ChangePolicy[] = ['ask', 'breaking', 'nonBreaking', 'fail']

export type DecisionKind = 'breaking' | 'nonBreaking'
/** What the asker answers: a decision, or `abort` (the run stops, nothing is decided). */
export type ProposalAnswer = DecisionKind | 'abort'

export type ComponentKind = 'function' | 'value'

export interface ComponentRef {
  /** `<module path>#<name>`, e.g. `forest.ts#trainTree` or `forest.ts#Scaler.fit`. */
  readonly id: string
  readonly kind: ComponentKind
  /** Workspace-relative module path with forward slashes. */
  readonly module: string
  readonly name: string
}

export interface ChangeProposal {
  /** Stable for the same change: component id and both content hashes. */
  readonly id: string
  readonly component: ComponentRef
  /** The revision stored calls were made with (the component's head), and the new one. */
  readonly fromHash: string
  readonly toHash: string
  /** Sources (functions) or value previews (values), for a diff. */
  readonly fromSource: string
  readonly toSource: string
  /** A unified diff of fromSource → toSource. */
  readonly diff: string
  /** Ops with stored calls that depend on the component, directly or through nested ops. */
  readonly dependentOps: readonly string[]
  /** How many stored calls those dependencies cover. */
  readonly affectedCalls: number
  /** Workspace components the new code refers to that the old code did not. */
  readonly newDependencies: readonly string[]
  /** Set when newDependencies is not empty: what a non-breaking answer risks. */
  readonly warning: string | null
}

export interface DecisionRecord {
  readonly id: number
  readonly componentId: string
  readonly fromHash: string | null
  readonly toHash: string
  readonly kind: DecisionKind
  /** Epoch milliseconds. */
  readonly decidedAt: number
  /** How it was decided: `prompt`, `policy:<name>`, `app`, `api`. */
  readonly decidedBy: string
}

export interface DependencyRevision {
  readonly component: ComponentRef
  readonly contentHash: string
  readonly semanticHash: string
  readonly source: string
}

export interface OpVersionInfo {
  readonly id: number
  readonly op: string
  /** Short ids (12 characters) are accepted wherever a version is named. */
  readonly contentVersion: string
  readonly semanticVersion: string
  readonly manualVersion: string | null
  readonly createdAt: number
  readonly calls: number
  readonly dependencies: readonly DependencyRevision[]
  /** Decisions that led to the revisions this version depends on, newest first. */
  readonly decisions: readonly DecisionRecord[]
}

export interface SourceRevision {
  readonly contentHash: string
  readonly semanticHash: string | null
  readonly source: string
  readonly firstSeen: number
  readonly isHead: boolean
  readonly parentHash: string | null
}

/** One dependency that differs between two versions of an op: added, removed or changed. */
export interface DependencyChange {
  readonly component: ComponentRef
  /** Null when the dependency is new in the later version. */
  readonly fromSource: string | null
  /** Null when the later version no longer has the dependency. */
  readonly toSource: string | null
  /** A unified diff of fromSource → toSource. */
  readonly diff: string
}

/** How two versions of an op differ, dependency by dependency (SPEC D7). */
export interface VersionDiff {
  readonly op: string
  readonly from: OpVersionInfo
  readonly to: OpVersionInfo
  readonly changes: readonly DependencyChange[]
  /** All changes as one unified diff. */
  readonly text: string
}
