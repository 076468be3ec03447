import { join } from 'node:path'
import { ERROR_CODES } from '../../src-shared/errors'
import {
  DEFAULT_RUN_LIMIT,
  type HostApi,
  type HostDescription,
  type HostEvent,
  type HostResult,
  type WorkspaceInfo,
} from '../../src-shared/host/contract'
import { type RunRecord, type RunSummary } from '../../src-shared/model/runs'
import { Storage } from '../engine'
import { dispatchHostRequest } from './dispatch'
import { HostError } from './host-error'
import {
  PROJECT_STORAGE_FOLDER,
  resolveWorkspaceLocation,
  type WorkspaceLocation,
} from './workspace-location'

export interface HostOptions {
  readonly mode: HostDescription['mode']
  /** Shows a native folder dialog; only the Electron binding can offer one. */
  readonly pickDirectory?: () => Promise<string | null>
  /** How often to look for runs committed by other processes (a CLI run, say). */
  readonly pollIntervalMs?: number
  /** Where problems that no request is waiting for (a failed poll) are reported. */
  readonly logProblem?: (message: string) => void
}

/** The one implementation of the host API; transports call `dispatch` and relay events. */
export interface Host {
  readonly api: HostApi
  /** Validates and serves one request from a transport; never throws. */
  dispatch(method: unknown, args: unknown): Promise<HostResult<unknown>>
  onEvent(listener: (event: HostEvent) => void): () => void
  /** Stops polling and closes the open storage. */
  close(): Promise<void>
}

interface OpenWorkspace extends WorkspaceLocation {
  readonly storage: Storage
}

const DEFAULT_POLL_INTERVAL_MS = 1000

function toSummary(run: RunRecord): RunSummary {
  const { events: _events, ...summary } = run
  return summary
}

class WorkspaceHost implements Host {
  readonly api: HostApi
  private workspace: OpenWorkspace | null = null
  private pollTimer: ReturnType<typeof setInterval> | null = null
  private readonly listeners = new Set<(event: HostEvent) => void>()
  /** Opening and closing are serialized so two quick opens cannot leak a storage. */
  private lifecycle: Promise<unknown> = Promise.resolve()
  private lastPollProblem: string | null = null

  constructor(private readonly options: HostOptions) {
    this.api = {
      'host.describe': () =>
        Promise.resolve({
          mode: options.mode,
          canPickWorkspace: options.pickDirectory !== undefined,
        }),
      'workspace.open': ({ path }) => this.open(path),
      'workspace.current': () =>
        Promise.resolve(this.workspace ? this.describe(this.workspace) : null),
      'workspace.pick': () => this.pick(),
      'runs.list': ({ limit }) => Promise.resolve(this.listRuns(limit ?? DEFAULT_RUN_LIMIT)),
      'runs.get': ({ id }) => Promise.resolve(this.getRun(id)),
    }
  }

  dispatch(method: unknown, args: unknown): Promise<HostResult<unknown>> {
    return dispatchHostRequest(this.api, method, args)
  }

  onEvent(listener: (event: HostEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  close(): Promise<void> {
    return this.serialized(() => {
      this.closeWorkspace()
      return Promise.resolve()
    })
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const next = this.lifecycle.then(task, task)
    this.lifecycle = next.catch(() => undefined)
    return next
  }

  private open(path: string): Promise<WorkspaceInfo> {
    return this.serialized(async () => {
      const location = await resolveWorkspaceLocation(path)
      if (this.workspace?.storageDir === location.storageDir) return this.describe(this.workspace)
      const storage = await this.openStorage(location)
      this.closeWorkspace()
      this.workspace = { ...location, storage }
      this.startPolling()
      const info = this.describe(this.workspace)
      this.emit({ name: 'onDidChangeWorkspace', payload: info })
      return info
    })
  }

  private async openStorage(location: WorkspaceLocation): Promise<Storage> {
    try {
      return await Storage.open(location.storageDir)
    } catch (error) {
      // The engine only knows the directory is not storage; the host knows the user may have
      // meant a project folder, so it says what a workspace looks like.
      const code = (error as { code?: unknown }).code
      if (code === ERROR_CODES.workspaceNotMemograph && location.storageDir === location.path) {
        throw new HostError(
          ERROR_CODES.workspaceNotMemograph,
          `${location.path} is not a Memograph workspace: it has no .memograph folder and is not ` +
            `a storage directory. Run a script there first with ` +
            `\`memograph run <file.ts> --workspace ${join(location.path, PROJECT_STORAGE_FOLDER)}\`.`,
          { path: location.path },
        )
      }
      throw error
    }
  }

  private async pick(): Promise<WorkspaceInfo | null> {
    if (this.options.pickDirectory === undefined) {
      throw new HostError(
        ERROR_CODES.hostBadRequest,
        'Choosing a folder with a dialog is not available in browser mode; type the folder path instead.',
      )
    }
    const path = await this.options.pickDirectory()
    return path === null ? null : this.open(path)
  }

  private requireWorkspace(): OpenWorkspace {
    if (this.workspace === null) {
      throw new HostError(ERROR_CODES.hostNoWorkspace, 'No workspace is open. Open one first.')
    }
    return this.workspace
  }

  private listRuns(limit: number): RunSummary[] {
    return this.requireWorkspace().storage.runs({ limit, events: false }).map(toSummary)
  }

  private getRun(id: number): RunRecord {
    const run = this.requireWorkspace().storage.getRun(id)
    if (run === undefined) {
      throw new HostError(ERROR_CODES.hostBadRequest, `There is no run #${id} in this workspace`, {
        id,
      })
    }
    return run
  }

  private describe(workspace: OpenWorkspace): WorkspaceInfo {
    return {
      path: workspace.path,
      storageDir: workspace.storageDir,
      runCount: workspace.storage.runs({ events: false }).length,
    }
  }

  private startPolling(): void {
    const interval = this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS
    this.pollTimer = setInterval(() => this.poll(), interval)
    // Polling alone must not keep a process alive; the transports own the process lifetime.
    this.pollTimer.unref()
  }

  private poll(): void {
    const workspace = this.workspace
    if (workspace === null) return
    let changed: boolean
    try {
      changed = workspace.storage.refresh()
      this.lastPollProblem = null
    } catch (error) {
      // Report a failing refresh once, not once a second.
      const message = error instanceof Error ? error.message : String(error)
      if (message !== this.lastPollProblem) {
        this.lastPollProblem = message
        this.report(`Could not refresh ${workspace.storageDir}: ${message}`)
      }
      return
    }
    if (changed) {
      const { runCount } = this.describe(workspace)
      this.emit({ name: 'onDidChangeRuns', payload: { path: workspace.path, runCount } })
    }
  }

  private closeWorkspace(): void {
    if (this.pollTimer !== null) clearInterval(this.pollTimer)
    this.pollTimer = null
    const workspace = this.workspace
    this.workspace = null
    workspace?.storage.close()
  }

  private emit(event: HostEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (error) {
        this.report(`A host event listener failed: ${String(error)}`)
      }
    }
  }

  private report(message: string): void {
    ;(this.options.logProblem ?? console.error)(message)
  }
}

export function createHost(options: HostOptions): Host {
  return new WorkspaceHost(options)
}
