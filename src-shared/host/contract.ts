/**
 * THE host API contract: every request the renderer can make and every event the host pushes.
 * It is declared once here and bound twice (Electron IPC in src-main/electron, WebSocket in
 * src-main/web); the host implementation, the handler registration, the preload bridge and the
 * renderer client are all derived from these types, so a method added here is a compile error
 * everywhere it is not yet handled.
 *
 * Method keys are the wire channel names, `domain.verb`. Every method takes one plain-JSON
 * arguments object and resolves to plain JSON.
 */
import { type ErrorData } from '../errors'
import { type RunRecord, type RunSummary } from '../model/runs'
import {
  type ChangePolicy,
  type ChangeProposal,
  type DecisionKind,
  type DecisionRecord,
  type OpVersionInfo,
  type SourceRevision,
  type VersionDiff,
} from '../model/versions'
import { type CallDetails, type RunGraph } from '../model/run-graph'
import { type OpShape, type Pattern } from '../query/pattern'
import { type QueryResult, type SavedQuery } from '../query/results'
import { type RunnerErrorData } from '../runner/protocol'

/** The workspace the host has open. */
export interface WorkspaceInfo {
  /** The path the user opened (a project folder or a storage directory), absolute. */
  readonly path: string
  /** The storage directory actually opened: `path` itself, or `path/.memograph`. */
  readonly storageDir: string
  readonly runCount: number
  /**
   * The project folder holding the code, when the storage is `<project>/.memograph`; null when
   * a bare storage directory was opened (there is no code to run then).
   */
  readonly codeDir: string | null
  /**
   * The entry file, relative to codeDir: `entry` of `<codeDir>/memograph.json`, else `main.ts`
   * when it exists, else null.
   */
  readonly entry: string | null
  /** Whether the user trusts the code in codeDir, so that it may run. False without codeDir. */
  readonly trusted: boolean
}

/** What kind of host the renderer is talking to, so it can offer only what works there. */
export interface HostDescription {
  readonly mode: 'electron' | 'browser'
  /** True when `workspace.pick` can show a native folder dialog. */
  readonly canPickWorkspace: boolean
}

/** Arguments of methods that take none; an empty object keeps the wire format uniform. */
export type NoArguments = Readonly<Record<string, never>>

export interface OpenWorkspaceArguments {
  readonly path: string
}

export interface ListRunsArguments {
  /** At most this many runs, newest first. Defaults to DEFAULT_RUN_LIMIT. */
  readonly limit?: number
}

export interface GetRunArguments {
  readonly id: number
}

export const DEFAULT_RUN_LIMIT = 1000
export const MAX_RUN_LIMIT = 100_000

export interface TrustWorkspaceArguments {
  readonly trusted: boolean
}

export interface RunCodeArguments {
  /** Workspace-relative entry file. Defaults to WorkspaceInfo.entry. */
  readonly entry?: string
  /** What to do about dependency changes. Defaults to `ask`: the app answers the proposals. */
  readonly policy?: ChangePolicy
  /** Shown in run lists. Defaults to the entry path. */
  readonly label?: string
}

/** Console output of a run; `text` carries its own line endings. */
export interface RunOutput {
  readonly stream: 'stdout' | 'stderr'
  readonly text: string
}

/** Running totals of a run's op calls. */
export interface RunProgress {
  readonly calls: number
  readonly hits: number
  readonly executed: number
  readonly failed: number
}

/** How a run started from the app ended. */
export interface CodeRunResult {
  /** The run's id in storage; null when it was never recorded (a compile error, say). */
  readonly runId: number | null
  readonly status: 'succeeded' | 'failed' | 'cancelled'
  readonly error: RunnerErrorData | null
  readonly durationMs: number
}

export interface CodeStatus {
  readonly running: boolean
  /** The label of the live run; null when none is live. */
  readonly label: string | null
  /** Totals of the live run, or of the last run once it ended; null before any call. */
  readonly progress: RunProgress | null
  /** How the last run ended; null while none has ended since the host started. */
  readonly lastResult: CodeRunResult | null
  /** The most recent console lines of the live or last run (at most MAX_RUN_OUTPUT_LINES). */
  readonly output: readonly RunOutput[]
}

export const MAX_RUN_OUTPUT_LINES = 2000

/** `defer` leaves the change undecided; a live run waiting on it stops (version.undecided). */
export type ChangeAnswer = DecisionKind | 'defer'
export const CHANGE_ANSWERS: readonly ChangeAnswer[] = ['breaking', 'nonBreaking', 'defer']

export interface DecideChangeArguments {
  /** ChangeProposal.id, as listed by `changes.list` or pushed by onDidChangeProposals. */
  readonly proposalId: string
  readonly answer: ChangeAnswer
}

export interface ChangeDecision {
  readonly proposalId: string
  readonly answer: ChangeAnswer
  /** Who got the answer: the live run waiting on the proposal, or the workspace storage. */
  readonly answeredTo: 'run' | 'storage'
}

export interface ListVersionsArguments {
  readonly op: string
}

export interface DiffVersionsArguments {
  readonly op: string
  /** A version number (OpVersionInfo.id) or a prefix (6+ characters) of a version id. */
  readonly a: number | string
  readonly b: number | string
}

export interface ListSourcesArguments {
  /** A component id (`module#name`), or a name only one component has (an op's name). */
  readonly name: string
}

/** A file of the project folder the editor can open. */
export interface WorkspaceFile {
  /** Relative to WorkspaceInfo.codeDir, forward slashes. */
  readonly path: string
  readonly size: number
}

export interface FilePathArguments {
  /** Relative to the project folder; no `..`, no absolute paths. */
  readonly path: string
}

export interface WriteFileArguments extends FilePathArguments {
  readonly text: string
}

export interface FileText {
  readonly path: string
  readonly text: string
}

/** Files bigger than this are listed but not opened in the editor. */
export const MAX_EDITABLE_FILE_BYTES = 2_000_000

export interface GetCallArguments {
  /** History id of the call (CallEvent.callId). */
  readonly callId: string
  /** The run whose outcome to explain; without it the explanation compares values only. */
  readonly runId?: number
}

export interface ParseQueryArguments {
  readonly code: string
}

export interface RunQueryArguments {
  readonly pattern: Pattern
  /** One row per distinct combination of values (the default), or one per match. */
  readonly distinct?: boolean
  /** At most this many rows; defaults to DEFAULT_QUERY_ROW_LIMIT (results.ts). */
  readonly limit?: number
}

export interface SimilarArguments {
  /** History id (or content id) of a stored value. */
  readonly hid: string
}

export interface SimilarQuery {
  readonly pattern: Pattern
  /** The same pattern as query code. */
  readonly code: string
}

export interface SaveQueryArguments {
  readonly name: string
  readonly code: string
}

export interface DeleteQueryArguments {
  readonly name: string
}

export interface HostApi {
  'host.describe'(args: NoArguments): Promise<HostDescription>
  /** Opens a project folder (containing `.memograph/`) or a storage directory. */
  'workspace.open'(args: OpenWorkspaceArguments): Promise<WorkspaceInfo>
  /** The open workspace, or null when none is open. */
  'workspace.current'(args: NoArguments): Promise<WorkspaceInfo | null>
  /** Asks the user for a folder with a native dialog and opens it; null when cancelled. */
  'workspace.pick'(args: NoArguments): Promise<WorkspaceInfo | null>
  /** Workspaces opened before (absolute paths, newest first, at most 10), remembered per user. */
  'workspace.recent'(args: NoArguments): Promise<readonly string[]>
  /** The project folder's source files (TypeScript, JavaScript, JSON, Markdown). */
  'files.list'(args: NoArguments): Promise<readonly WorkspaceFile[]>
  'files.read'(args: FilePathArguments): Promise<FileText>
  /** Saves a file of the project folder (creating it when new); never outside it. */
  'files.write'(args: WriteFileArguments): Promise<WorkspaceFile>
  /** Summaries of the runs in the open workspace, newest first (no call events). */
  'runs.list'(args: ListRunsArguments): Promise<readonly RunSummary[]>
  /** One run with all of its call events. */
  'runs.get'(args: GetRunArguments): Promise<RunRecord>
  /** One run's calls with their inputs and outputs, for the call graph. */
  'runs.graph'(args: GetRunArguments): Promise<RunGraph>
  /** One stored call: values with previews, and why it hit or executed. */
  'calls.get'(args: GetCallArguments): Promise<CallDetails>
  /** The stored ops as patterns see them (parameters, outputs, versions). */
  'query.catalog'(args: NoArguments): Promise<readonly OpShape[]>
  /** Reads query code into a pattern; `query.syntax` errors carry 1-based line and column. */
  'query.parse'(args: ParseQueryArguments): Promise<Pattern>
  'query.run'(args: RunQueryArguments): Promise<QueryResult>
  /** The pattern of every stored computation shaped like the value's history (SPEC Q6). */
  'query.similar'(args: SimilarArguments): Promise<SimilarQuery>
  /** Saved queries of the open workspace, by name. */
  'queries.list'(args: NoArguments): Promise<readonly SavedQuery[]>
  /** Saves (or replaces) a named query. */
  'queries.save'(args: SaveQueryArguments): Promise<SavedQuery>
  'queries.delete'(args: DeleteQueryArguments): Promise<{ readonly deleted: boolean }>
  /** Trusts (or stops trusting) the code of the open project folder; remembered per user. */
  'workspace.trust'(args: TrustWorkspaceArguments): Promise<WorkspaceInfo>
  /**
   * Starts running the project's code. Resolves once the run is under way; its output,
   * progress, proposals and end arrive as events. Fails with `runner.untrusted` or
   * `runner.busy` (one run at a time).
   */
  'code.run'(args: RunCodeArguments): Promise<{ readonly started: true }>
  /** Stops the live run; `cancelled` is false when none was live. */
  'code.cancel'(args: NoArguments): Promise<{ readonly cancelled: boolean }>
  'code.status'(args: NoArguments): Promise<CodeStatus>
  /**
   * Dependency changes waiting for a decision: those the live run asks about, or, when no run
   * is live, those the current code would raise against stored calls.
   */
  'changes.list'(args: NoArguments): Promise<readonly ChangeProposal[]>
  /**
   * Answers a proposal: the live run waiting on it, or (no run live) the stored decisions.
   * While a run is live, other proposals cannot be decided (`runner.busy`).
   */
  'changes.decide'(args: DecideChangeArguments): Promise<ChangeDecision>
  /** An op's versions, oldest first. */
  'versions.list'(args: ListVersionsArguments): Promise<readonly OpVersionInfo[]>
  'versions.diff'(args: DiffVersionsArguments): Promise<VersionDiff>
  /** A function's stored revisions, oldest first. */
  'versions.sources'(args: ListSourcesArguments): Promise<readonly SourceRevision[]>
  /** Every dependency decision, newest first. */
  'decisions.list'(args: NoArguments): Promise<readonly DecisionRecord[]>
}

export type HostMethod = keyof HostApi
export type HostArguments<M extends HostMethod> = Parameters<HostApi[M]>[0]
export type HostValue<M extends HostMethod> = Awaited<ReturnType<HostApi[M]>>

/** Events the host pushes to every connected renderer, `onDidX` as in VS Code. */
export interface HostEvents {
  /** Runs were added or changed in the open workspace (by this or another process). */
  onDidChangeRuns: { readonly path: string; readonly runCount: number }
  /** A different workspace was opened (e.g. from the native File menu), or its trust changed. */
  onDidChangeWorkspace: WorkspaceInfo
  /** What the live run printed, in order (batched: consecutive chunks may arrive joined). */
  onRunOutput: RunOutput
  /** The live run's totals, at most every RUN_PROGRESS_INTERVAL_MS, and once at its end. */
  onRunProgress: RunProgress
  /** The live run ended. onDidChangeRuns follows once the run list shows it. */
  onRunFinished: CodeRunResult
  /** The proposals `changes.list` would return changed. */
  onDidChangeProposals: { readonly proposals: readonly ChangeProposal[] }
}

export const RUN_PROGRESS_INTERVAL_MS = 50

export type HostEventName = keyof HostEvents

export type HostEvent = {
  [E in HostEventName]: { readonly name: E; readonly payload: HostEvents[E] }
}[HostEventName]

/** How every method answers on the wire: errors are data, never thrown across a boundary. */
export type HostResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData }

/**
 * The transport the renderer sees: the Electron preload exposes exactly this object as
 * `window.memographHost`, and the browser-mode client implements it over a WebSocket.
 */
export interface HostBridge {
  invoke<M extends HostMethod>(method: M, args: HostArguments<M>): Promise<HostResult<HostValue<M>>>
  /** Subscribes to host events; returns the unsubscribe function. */
  onEvent(listener: (event: HostEvent) => void): () => void
}

/** Name of the global the Electron preload defines. */
export const HOST_BRIDGE_GLOBAL = 'memographHost'

/** The IPC channel (Electron) on which host events are sent to the renderer. */
export const HOST_EVENT_CHANNEL = 'host.event'
