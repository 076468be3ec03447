import { type WorkspaceComponent } from '../../engine/versioning/code-state'

/** One workspace module after transpiling and instrumenting. */
export interface TransformedModule {
  /** Workspace-relative path with forward slashes, e.g. `lib/forest.ts`. */
  readonly path: string
  /**
   * JavaScript to evaluate as the body of
   * `function (exports, require, module, __filename, __dirname)`; the entry module's body is
   * evaluated inside an async function, so it may use top-level await.
   */
  readonly code: string
  /** Source map (v3, JSON) from `code` back to the original TypeScript file. */
  readonly map: string
  /**
   * What each import specifier in the module resolves to: a workspace module path, or null for
   * everything outside the workspace (`memograph`, node:*, packages), loaded by the runner.
   */
  readonly imports: Readonly<Record<string, string | null>>
}

export interface WorkspaceBundle {
  /** Absolute workspace folder. */
  readonly root: string
  /** Entry module path (workspace-relative). */
  readonly entry: string
  /** Every module reachable from the entry through relative imports, entry included. */
  readonly modules: readonly TransformedModule[]
  /** Every component of those modules; `index` equals the position in this array. */
  readonly components: readonly WorkspaceComponent[]
}
