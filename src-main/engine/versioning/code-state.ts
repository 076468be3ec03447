/**
 * What the engine needs to know about the code that runs, to version calls by their
 * dependencies (SPEC D rules). The runner provides it: it instruments workspace code so that
 * entering a workspace function calls `tracker.enter(index)`, and module-level values are read
 * through getters it registers with `tracker.values(...)`.
 *
 * Without a code state (a plain Node script using the library), an op version depends on one
 * component: the op's own normalized source.
 */
import { type ComponentKind } from '../../../src-shared/model/versions'

export interface WorkspaceComponent {
  /** Position in CodeState.components; the instrumented code refers to components by it. */
  readonly index: number
  /** `<module>#<name>` */
  readonly id: string
  readonly kind: ComponentKind
  readonly module: string
  readonly name: string
  /** 1-based line of the declaration, for messages. */
  readonly line: number
  /** Functions: digest of the normalized source (comments, whitespace, types do not count). */
  readonly contentHash: string | null
  /** Functions: the original TypeScript text, for diffs. */
  readonly source: string
  /**
   * Components that are dependencies of every call entering this function, as indexes: the
   * module-level values it reads and, for a class member, its class shell. Functions it calls
   * are recorded when they are actually entered, so different code paths give different
   * dependency sets.
   */
  readonly staticDeps: readonly number[]
  /** Workspace components referred to by name (functions and values), for new-dependency warnings. */
  readonly references: readonly string[]
}

export interface CodeState {
  readonly components: readonly WorkspaceComponent[]
}

/** The global the instrumented code calls. One per thread, shared by every engine copy. */
export interface TrackerHooks {
  enter(index: number): void
  values(getters: Readonly<Record<number, () => unknown>>): void
}

export const TRACKER_KEY = Symbol.for('memograph.tracker')
