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
import { readCallDetails } from './call-details'
import { CodeRuns, type RunTarget } from './code-runs'
import { dispatchHostRequest } from './dispatch'
import { HostError } from './host-error'
import { findProjectEntry } from './project-entry'
import { opCatalog, runQuery, similarQuery } from './query-service'
import { RecentWorkspaces } from './recent-workspaces'
import { readRunGraph } from './run-graph'
import { SavedQueries } from './saved-queries'
import { defaultConfigDir, TrustStore } from './trust-store'
import {
  PROJECT_STORAGE_FOLDER,
  resolveWorkspaceLocation,
  type WorkspaceLocation,
} from './workspace-location'
import { listWorkspaceFiles, readWorkspaceFile, writeWorkspaceFile } from './workspace-files'

export interface HostOptions {
  readonly mode: HostDescription['mode']
  /** Shows a native folder dialog; only the Electron binding can offer one. */
  readonly pickDirectory?: () => Promise<string | null>
  /** How often to look for runs committed by other processes (a CLI run, say). */
  readonly pollIntervalMs?: number
  /** Where problems that no request is waiting for (a failed poll) are reported. */
  readonly logProblem?: (message: string) => void
  /** Where per-user settings (trusted folders, recent workspaces) live. Default: defaultConfigDir(). */
  readonly configDir?: string
  /** Project folders trusted for this session without asking (the bundled example). */
  readonly trustedPaths?: readonly string[]
}

/** The one implementation of the host API; transports call `dispatch` and relay events. */
export interface Host {
  readonly api: HostApi
  /** Validates and serves one request from a transport; never throws. */
  dispatch(method: unknown, args: unknown): Promise<HostResult<unknown>>
  onEvent(listener: (event: HostEvent) => void): () => void
  /** Stops a live run, stops polling and closes the open storage. */
  close(): Promise<void>
}

interface OpenWorkspace extends WorkspaceLocation {
  readonly storage: Storage
  /** The project folder when the storage is its `.memograph`; else null. */
  readonly codeDir: string | null
  readonly savedQueries: SavedQueries
}

const DEFAULT_POLL_INTERVAL_MS = 1000
/**
 * The host takes the write lock only to decide a change, briefly. If a process (a CLI run)
 * holds it longer than this, say so (workspace.busy) instead of leaving the request hanging.
 */
const HOST_LOCK_TIMEOUT_MS = 5000

function toSummary(run: RunRecord): RunSummary {
  const { events: _events, ...summary } = run
  return summary
}

class WorkspaceHost implements Host {
  readonly api: HostApi
  private workspace: OpenWorkspace | null = null
  private pollTimer: ReturnType<typeof setInterval> | null = null
  private readonly listeners = new Set<(event: HostEvent) => void>()
  /**
   * Opening, closing and starting runs are serialized: two quick opens cannot leak a storage,
   * and a run cannot start in a workspace that is being replaced.
   */
  private lifecycle: Promise<unknown> = Promise.resolve()
  private lastPollProblem: string | null = null
  private readonly reportedProblems = new Set<string>()
  private readonly trust: TrustStore
  private readonly codeRuns: CodeRuns
  private readonly recent: RecentWorkspaces

  constructor(private readonly options: HostOptions) {
    const configDir = options.configDir ?? defaultConfigDir()
    this.recent = new RecentWorkspaces(configDir, (message) => this.report(message))
    this.trust = new TrustStore({
      configDir,
      preTrusted: options.trustedPaths ?? [],
      report: (message) => this.report(message),
    })
    this.codeRuns = new CodeRuns({
      emit: (event) => this.emit(event),
      report: (message) => this.report(message),
      refreshStorage: ({ announce }) => this.refreshStorage(announce === 'always'),
      currentTarget: () =>
        this.workspace === null ? Promise.resolve(null) : this.runTarget(this.workspace),
    })
    this.api = {
      'host.describe': () =>
        Promise.resolve({
          mode: options.mode,
          canPickWorkspace: options.pickDirectory !== undefined,
        }),
      'workspace.open': ({ path }) => this.open(path),
      'workspace.current': () =>
        this.workspace ? this.describe(this.workspace) : Promise.resolve(null),
      'workspace.pick': () => this.pick(),
      'workspace.trust': ({ trusted }) => this.setTrusted(trusted),
      'workspace.recent': () => this.recent.list(),
      'files.list': () => listWorkspaceFiles(this.requireCodeDir()),
      'files.read': ({ path }) => readWorkspaceFile(this.requireCodeDir(), path),
      'files.write': ({ path, text }) => writeWorkspaceFile(this.requireCodeDir(), path, text),
      'runs.list': ({ limit }) => Promise.resolve(this.listRuns(limit ?? DEFAULT_RUN_LIMIT)),
      'runs.get': ({ id }) => Promise.resolve(this.getRun(id)),
      'runs.graph': ({ id }) => Promise.resolve(readRunGraph(this.requireStorage(), id)),
      'calls.get': ({ callId, runId }) =>
        Promise.resolve(readCallDetails(this.requireStorage(), callId, runId)),
      'query.catalog': () => Promise.resolve(opCatalog(this.requireStorage())),
      'query.parse': ({ code }) => Promise.resolve(this.requireStorage().parseQuery(code)),
      'query.run': ({ pattern, distinct, limit }) =>
        Promise.resolve(
          runQuery(this.requireStorage(), pattern, {
            ...(distinct === undefined ? {} : { distinct }),
            ...(limit === undefined ? {} : { limit }),
          }),
        ),
      'query.similar': ({ hid }) => Promise.resolve(similarQuery(this.requireStorage(), hid)),
      'queries.list': () => this.requireWorkspace().savedQueries.list(),
      'queries.save': ({ name, code }) => this.requireWorkspace().savedQueries.save(name, code),
      'queries.delete': ({ name }) => this.requireWorkspace().savedQueries.delete(name),
      // Serialized with opening and closing: a run must start in the workspace that is open.
      'code.run': (request) =>
        this.serialized(async () =>
          this.codeRuns.start(await this.runTarget(this.requireWorkspace()), request),
        ),
      'code.cancel': () => this.codeRuns.cancel(),
      'code.status': () => Promise.resolve(this.codeRuns.status()),
      'changes.list': async () =>
        this.codeRuns.listChanges(await this.runTarget(this.requireWorkspace())),
      'changes.decide': async ({ proposalId, answer }) =>
        this.codeRuns.decide(await this.runTarget(this.requireWorkspace()), proposalId, answer),
      'versions.list': ({ op }) => Promise.resolve(this.requireStorage().versions(op)),
      'versions.diff': ({ op, a, b }) => Promise.resolve(this.requireStorage().diff(op, a, b)),
      'versions.sources': ({ name }) => Promise.resolve(this.requireStorage().sources(name)),
      'decisions.list': () => Promise.resolve(this.requireStorage().decisions()),
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
    return this.serialized(async () => {
      await this.codeRuns.stop()
      this.closeWorkspace()
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
      if (this.workspace?.storageDir === location.storageDir) {
        await this.rememberRecent(this.workspace.path)
        return this.describe(this.workspace)
      }
      if (this.codeRuns.running) {
        // The run keeps writing to the open workspace; switching would hide it mid-way.
        throw new HostError(
          ERROR_CODES.runnerBusy,
          `A run is in progress in ${this.workspace?.path ?? 'the open workspace'}; cancel it ` +
            `or wait for it to finish before opening another workspace.`,
        )
      }
      const storage = await this.openStorage(location)
      this.closeWorkspace()
      const codeDir = location.storageDir === location.path ? null : location.path
      const savedQueries = new SavedQueries(location.storageDir, (message) => this.report(message))
      this.workspace = { ...location, storage, codeDir, savedQueries }
      this.startPolling()
      await this.rememberRecent(location.path)
      const info = await this.describe(this.workspace)
      this.emit({ name: 'onDidChangeWorkspace', payload: info })
      return info
    })
  }

  private async setTrusted(trusted: boolean): Promise<WorkspaceInfo> {
    const workspace = this.requireWorkspace()
    if (workspace.codeDir === null) {
      throw new HostError(
        ERROR_CODES.hostBadRequest,
        `${workspace.path} is a storage directory without its code, so there is nothing to ` +
          `trust. Open the project folder instead.`,
        { path: workspace.path },
      )
    }
    await this.trust.setTrusted(workspace.codeDir, trusted)
    const info = await this.describe(workspace)
    // Every connected window shows whether the code may run.
    if (this.workspace === workspace) this.emit({ name: 'onDidChangeWorkspace', payload: info })
    return info
  }

  private async openStorage(location: WorkspaceLocation): Promise<Storage> {
    try {
      return await Storage.open(location.storageDir, { lockTimeoutMs: HOST_LOCK_TIMEOUT_MS })
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

  /** Remembering is a convenience: failing to must not fail the open. */
  private async rememberRecent(path: string): Promise<void> {
    try {
      await this.recent.remember(path)
    } catch (error) {
      this.report(`Could not remember ${path} as a recent workspace: ${String(error)}`)
    }
  }

  private requireCodeDir(): string {
    const workspace = this.requireWorkspace()
    if (workspace.codeDir === null) {
      throw new HostError(
        ERROR_CODES.hostBadRequest,
        `${workspace.path} is a storage directory without its code, so there are no files to ` +
          `edit. Open the project folder (the one holding .memograph) instead.`,
        { path: workspace.path },
      )
    }
    return workspace.codeDir
  }

  private requireStorage(): Storage {
    return this.requireWorkspace().storage
  }

  private async runTarget(workspace: OpenWorkspace): Promise<RunTarget> {
    const { path, storageDir, storage, codeDir } = workspace
    const [entry, trusted] = await Promise.all([this.entryOf(codeDir), this.isTrusted(codeDir)])
    return { path, storageDir, storage, codeDir, entry, trusted }
  }

  private async entryOf(codeDir: string | null): Promise<string | null> {
    if (codeDir === null) return null
    const { entry, problem } = await findProjectEntry(codeDir)
    if (problem !== null) this.reportOnce(problem)
    return entry
  }

  private isTrusted(codeDir: string | null): Promise<boolean> {
    return codeDir === null ? Promise.resolve(false) : this.trust.isTrusted(codeDir)
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

  private async describe(workspace: OpenWorkspace): Promise<WorkspaceInfo> {
    const { path, storageDir, storage, codeDir } = workspace
    const [entry, trusted] = await Promise.all([this.entryOf(codeDir), this.isTrusted(codeDir)])
    return { path, storageDir, runCount: this.runCount(storage), codeDir, entry, trusted }
  }

  private runCount(storage: Storage): number {
    return storage.runs({ events: false }).length
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
    try {
      this.refreshStorage(false)
      this.lastPollProblem = null
    } catch (error) {
      // Report a failing refresh once, not once a second.
      const message = error instanceof Error ? error.message : String(error)
      if (message !== this.lastPollProblem) {
        this.lastPollProblem = message
        this.report(`Could not refresh ${workspace.storageDir}: ${message}`)
      }
    }
  }

  /**
   * Picks up what other writers (a CLI run, this host's runner) committed and announces it.
   * Every refresh goes through here: a refresh that saw a change and did not announce it
   * would leave the run list stale, since the next one reports no change.
   */
  private refreshStorage(announceAlways: boolean): void {
    const workspace = this.workspace
    if (workspace === null) return
    const changed = workspace.storage.refresh()
    if (changed || announceAlways) {
      const runCount = this.runCount(workspace.storage)
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

  /** For problems found on every request (a broken memograph.json): say it once. */
  private reportOnce(message: string): void {
    if (this.reportedProblems.has(message)) return
    this.reportedProblems.add(message)
    this.report(message)
  }

  private report(message: string): void {
    ;(this.options.logProblem ?? console.error)(message)
  }
}

export function createHost(options: HostOptions): Host {
  return new WorkspaceHost(options)
}
