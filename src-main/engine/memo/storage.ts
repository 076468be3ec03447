import { type RunRecord } from '../../../src-shared/model/runs'
import { EngineError } from '../errors'
import { type HistoryId } from '../ids'
import { WorkspaceStore, type CheckpointPolicy, type LockHolder } from '../store'
import { defaultCodecs, type CodecRegistry } from '../values'
import { ActiveRun, type RunOptions } from './active-run'
import { tracker } from '../versioning/tracker'
import { VersionResolver } from '../versioning/version-resolver'
import { type CodeState } from '../versioning/code-state'
import { decideProposal, pendingChanges } from '../versioning/pending-changes'
import {
  diffVersions,
  opNameOf,
  readDecisions,
  readSources,
  readVersions,
  type OpReference,
  type VersionDiff,
} from '../versioning/version-history'
import {
  type ChangeProposal,
  type DecisionKind,
  type DecisionRecord,
  type OpVersionInfo,
  type SourceRevision,
} from '../../../src-shared/model/versions'
import { dropCalls, type DropCallsOptions, type DropSummary } from './drop-calls'
import { collectGarbage, type GcSummary } from './garbage-collection'
import { MemoEngine } from './memo-engine'
import { type Ref, type Unwrapped } from './ref'
import { currentContext, runInContext } from './run-context'
import { readRun, readRuns } from './run-history'
import {
  readPreviousCall,
  readRunGraph,
  readStoredCall,
  type RunGraphData,
  type StoredCallRecord,
} from './call-records'
import { sketchesByHid, type SketchOptions, type ValueSketch } from './value-sketches'
import { type Pattern } from '../../../src-shared/query/pattern'
import { parseQuery } from '../query/parse-query'
import { ensureSchema } from './schema-setup'
import { readStats, type StorageStats } from './storage-stats'
import { unwrapDeep } from './unwrap'
import { type OpCatalog } from '../../../src-shared/query/pattern'
import { readOpCatalog } from '../query/op-catalog'
import { type QueryTable } from '../query/query-table'
import { runQuery, type QueryOptions, type QuerySource } from '../query/run-query'
import {
  openFrame,
  type ComputationFrame,
  type FrameOptions,
  type FrameSource,
} from '../query/frame'
import {
  findSimilar,
  type SimilarOptions,
  type SimilarResult,
  type SimilarTarget,
} from '../query/similar'

export interface StorageOptions {
  /** How long a run waits for another process's run on the same workspace. Default 30 s. */
  readonly lockTimeoutMs?: number
  /** Called once when a run starts waiting for another process. */
  readonly onLockWait?: (holder: LockHolder) => void
  /** Codecs for class instances; defaults to the ones given to registerCodec(). */
  readonly codecs?: CodecRegistry
  /** Where sql.js's wasm file is, when the host bundles it elsewhere. */
  readonly wasmPath?: string
  /** When commits trigger a checkpoint (tuning; the defaults suit most workspaces). */
  readonly checkpointPolicy?: CheckpointPolicy
}

/**
 * A workspace of memoized calls. Ops called inside `storage.run(...)` are looked up here and
 * executed only when no stored call matches (SPEC M rules).
 */
export class Storage {
  private activeRun: ActiveRun | null = null
  private runStarting = false
  private closed = false

  private constructor(
    private readonly store: WorkspaceStore,
    private readonly engine: MemoEngine,
  ) {}

  /** Opens (or creates) the workspace in `dir`; without a directory, storage is in memory. */
  static async open(dir?: string, options: StorageOptions = {}): Promise<Storage> {
    const store = await WorkspaceStore.open(dir, {
      ...(options.wasmPath === undefined ? {} : { wasmPath: options.wasmPath }),
      ...(options.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: options.lockTimeoutMs }),
      ...(options.onLockWait === undefined ? {} : { onLockWait: options.onLockWait }),
      ...(options.checkpointPolicy === undefined
        ? {}
        : { checkpointPolicy: options.checkpointPolicy }),
    })
    try {
      await ensureSchema(store)
    } catch (error) {
      store.close()
      throw error
    }
    return new Storage(
      store,
      new MemoEngine(store, options.codecs ?? defaultCodecs, dir ?? 'in memory'),
    )
  }

  /** The workspace directory, or null for in-memory storage. */
  get dir(): string | null {
    return this.store.dir
  }

  /**
   * Runs `fn` with memoization: every op call inside it (also after awaits) is looked up and
   * recorded. Completed calls are committed as the run goes and when it ends, also when `fn`
   * throws; the run is recorded with every call event (R rules).
   */
  async run<T>(fn: () => T, options: RunOptions = {}): Promise<Awaited<T>> {
    this.assertOpen()
    if (this.activeRun !== null || this.runStarting || currentContext()?.engine === this.engine) {
      throw new EngineError(
        'run.active',
        `a run of ${this.engine.label} is already in progress in this process`,
      )
    }
    const label = options.label ?? 'run'
    this.runStarting = true
    try {
      await this.lock(`run '${label}'`)
    } finally {
      this.runStarting = false
    }
    try {
      this.store.run("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
      const runId = this.store.run(
        "INSERT INTO runs (label, started_at, status, pid) VALUES (?, ?, 'running', ?)",
        [label, Date.now(), process.pid],
      ).lastInsertRowid
      this.store.commit()
      const run = new ActiveRun(runId, label, options)
      this.activeRun = run
      let failure: { error: unknown } | null = null
      let value: Awaited<T> | undefined
      try {
        if (options.versioning !== undefined) {
          tracker.reset()
          run.versions = new VersionResolver(this.engine, options.versioning)
          run.versions.preflight()
        }
        value = await runInContext({ engine: this.engine, run, parent: null }, fn)
      } catch (error) {
        failure = { error }
      }
      run.active = false
      run.flush(this.store)
      this.store.run('UPDATE runs SET ended_at = ?, status = ?, error = ? WHERE id = ?', [
        Date.now(),
        failure === null ? 'succeeded' : 'failed',
        failure === null ? null : describeError(failure.error),
        runId,
      ])
      this.store.commit()
      if (failure !== null) throw failure.error
      return value as Awaited<T>
    } finally {
      this.activeRun = null
      this.unlock()
    }
  }

  /** SPEC D7: the op's versions with their dependency sources and decisions, oldest first. */
  versions(op: OpReference): OpVersionInfo[] {
    this.assertOpen()
    return readVersions(this.store, opNameOf(op))
  }

  /** SPEC D7: a function's revisions; name an op, or a component id (`module#name`). */
  sources(fn: OpReference): SourceRevision[] {
    this.assertOpen()
    return readSources(this.store, opNameOf(fn))
  }

  /** SPEC D7: how two versions of an op differ (version numbers or version id prefixes). */
  diff(op: OpReference, a: string | number, b: string | number): VersionDiff {
    this.assertOpen()
    return diffVersions(this.store, opNameOf(op), String(a), String(b))
  }

  /** Every dependency decision, newest first. */
  decisions(): DecisionRecord[] {
    this.assertOpen()
    return readDecisions(this.store)
  }

  /** SPEC D6: the changes of workspace functions that stored calls depend on, undecided. */
  pendingChanges(codeState: CodeState): ChangeProposal[] {
    this.assertOpen()
    return pendingChanges(this.store, this.engine.ops.components, codeState)
  }

  /** Decides a proposal outside a run (the app's change inbox). */
  async decide(proposal: ChangeProposal, kind: DecisionKind, decidedBy = 'api'): Promise<void> {
    return this.withLock('decide a change', () => {
      decideProposal(this.engine.ops.components, proposal, kind, decidedBy)
    })
  }

  /** The value behind a ref, loading it if needed; refs inside containers are replaced too. */
  unwrap<T>(value: T): Unwrapped<T> {
    this.assertOpen()
    return unwrapDeep(value) as Unwrapped<T>
  }

  /** The element refs of a collection ref: an array, object, Map or Set of refs. */
  elements(ref: Ref): unknown {
    this.assertOpen()
    return this.engine.elements(ref)
  }

  /** Runs, newest first, each with its call events unless `events: false`. */
  runs(options: { limit?: number; events?: boolean } = {}): RunRecord[] {
    this.assertOpen()
    return readRuns(this.store, options)
  }

  getRun(id: number): RunRecord | undefined {
    this.assertOpen()
    return readRun(this.store, id)
  }

  // ---- inspection (the app's run graphs and call details) ----

  /** A run's calls in order, with their inputs and outputs as sketched values. */
  runGraph(runId: number, options: SketchOptions = {}): RunGraphData | undefined {
    this.assertOpen()
    return readRunGraph(this.engine, runId, options)
  }

  /** A stored call by history id, with its values sketched; undefined if not stored. */
  storedCall(callId: string): StoredCallRecord | undefined {
    this.assertOpen()
    return readStoredCall(this.engine, callId)
  }

  /** The nearest call of the same op stored before this one (with the same inputs), if any. */
  previousCall(
    callId: string,
    options: { readonly sameInputs?: boolean } = {},
  ): StoredCallRecord | undefined {
    this.assertOpen()
    return readPreviousCall(this.engine, callId, options)
  }

  /** Sketches of stored values by history id (unknown ids are left out). */
  sketches(hids: readonly string[], options: SketchOptions = {}): Map<string, ValueSketch> {
    this.assertOpen()
    return sketchesByHid(this.engine, hids, options)
  }

  /** The value of a stored ref, loaded whole (collections with their elements' values). */
  loadValue(hid: string): unknown {
    this.assertOpen()
    const stored = this.engine.refs.find(hid as HistoryId)
    if (stored === undefined) {
      throw new EngineError('ref.unknown', `there is no stored value ${hid}`, { hid })
    }
    return this.engine.loadStored(stored, `ref ${hid}`)
  }

  /** SPEC Q5: query code read into a pattern against the stored ops, without running it. */
  parseQuery(code: string): Pattern {
    this.assertOpen()
    return parseQuery(code, readOpCatalog(this.store))
  }

  /** Picks up what other processes committed; true if anything changed. */
  refresh(): boolean {
    this.assertOpen()
    if (this.activeRun !== null) return false
    return this.store.refresh()
  }

  /** Deletes calls (given by call id or by an output ref), with their dependents if asked. */
  async dropCalls(
    calls: Iterable<string | Ref>,
    options: DropCallsOptions = {},
  ): Promise<DropSummary> {
    return this.withLock('drop calls', () => {
      try {
        return dropCalls(this.store, [...calls], options)
      } finally {
        this.engine.refs.clearCache()
      }
    })
  }

  /** Removes values, chunks and blobs no ref points to any more, then compacts the database. */
  async gc(): Promise<GcSummary> {
    return this.withLock('garbage collection', () => {
      try {
        return collectGarbage(this.store)
      } finally {
        this.engine.refs.clearCache()
      }
    })
  }

  stats(): StorageStats {
    this.assertOpen()
    return readStats(this.store)
  }

  // ---- queries (SPEC Q rules; engine/query/) ----

  /**
   * Finds stored computations matching a pattern: a callback in the code form
   * (`q => { ... return { column: variable } }`, ops called on query variables record call
   * nodes and run nothing), pattern data, or query code text (parsed, never executed).
   */
  query(source: QuerySource, options: QueryOptions = {}): QueryTable {
    this.assertOpen()
    return runQuery(this.engine, source, options)
  }

  /** The stored ops as queries see them: parameters, outputs and version keys. */
  opCatalog(): OpCatalog {
    this.assertOpen()
    return readOpCatalog(this.store)
  }

  // ---- similar() and computation frames (SPEC Q6, Q7; engine/query/) ----

  /**
   * Every stored computation shaped like the history of `target` (refs, or refs' history or
   * content ids): its provenance, projected so that repeated structure is one prototype, as a
   * pattern, its table and its query code.
   */
  similar(
    target: SimilarTarget | readonly SimilarTarget[],
    options: SimilarOptions = {},
  ): SimilarResult {
    this.assertOpen()
    return findSimilar(this.engine, target, options)
  }

  /**
   * A computation frame: an op's calls (one op node, a variable per input and output), a set of
   * refs (one variable), or a pattern's matches; expand it back and forward, draw it, tabulate it.
   */
  frame(source: FrameSource, options: FrameOptions = {}): ComputationFrame {
    this.assertOpen()
    return openFrame(this.engine, source, options)
  }

  /** Writes a fresh database image now (normally done automatically as the journal grows). */
  async checkpoint(): Promise<void> {
    await this.withLock('checkpoint', () => this.store.checkpoint())
  }

  close(): void {
    if (this.closed) return
    if (this.activeRun !== null) {
      throw new EngineError(
        'run.active',
        'close() was called while a run is in progress; await storage.run(...) first',
      )
    }
    this.closed = true
    this.store.close()
  }

  private async withLock<T>(purpose: string, action: () => T): Promise<T> {
    this.assertOpen()
    if (this.activeRun !== null || this.runStarting) {
      throw new EngineError('run.active', `${purpose} cannot happen while a run is in progress`)
    }
    await this.lock(purpose)
    try {
      const result = action()
      this.store.commit()
      return result
    } finally {
      this.unlock()
    }
  }

  private async lock(purpose: string): Promise<void> {
    if (this.store.dir !== null) await this.store.acquireWriteLock(purpose)
  }

  private unlock(): void {
    if (this.store.dir === null) this.store.commit()
    else this.store.releaseWriteLock()
  }

  private assertOpen(): void {
    if (this.closed)
      throw new EngineError('storage.closed', `storage ${this.engine.label} is closed`)
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}
