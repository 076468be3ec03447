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

/** The workspace the host has open. */
export interface WorkspaceInfo {
  /** The path the user opened (a project folder or a storage directory), absolute. */
  readonly path: string
  /** The storage directory actually opened: `path` itself, or `path/.memograph`. */
  readonly storageDir: string
  readonly runCount: number
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

export interface HostApi {
  'host.describe'(args: NoArguments): Promise<HostDescription>
  /** Opens a project folder (containing `.memograph/`) or a storage directory. */
  'workspace.open'(args: OpenWorkspaceArguments): Promise<WorkspaceInfo>
  /** The open workspace, or null when none is open. */
  'workspace.current'(args: NoArguments): Promise<WorkspaceInfo | null>
  /** Asks the user for a folder with a native dialog and opens it; null when cancelled. */
  'workspace.pick'(args: NoArguments): Promise<WorkspaceInfo | null>
  /** Summaries of the runs in the open workspace, newest first (no call events). */
  'runs.list'(args: ListRunsArguments): Promise<readonly RunSummary[]>
  /** One run with all of its call events. */
  'runs.get'(args: GetRunArguments): Promise<RunRecord>
}

export type HostMethod = keyof HostApi
export type HostArguments<M extends HostMethod> = Parameters<HostApi[M]>[0]
export type HostValue<M extends HostMethod> = Awaited<ReturnType<HostApi[M]>>

/** Events the host pushes to every connected renderer, `onDidX` as in VS Code. */
export interface HostEvents {
  /** Runs were added or changed in the open workspace (by this or another process). */
  onDidChangeRuns: { readonly path: string; readonly runCount: number }
  /** A different workspace was opened, e.g. from the native File menu. */
  onDidChangeWorkspace: WorkspaceInfo
}

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
