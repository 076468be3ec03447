/**
 * The workspace store: a sql.js database made durable by an append-only journal, plus a
 * content-addressed blob store. On disk:
 *
 *   <dir>/FORMAT                JSON {"format":1,"application":"memograph"}, written at creation
 *   <dir>/HEAD                  JSON {"generation":N,"image":{"bytes":B,"sha256":"<hex>"}|null},
 *                               replaced atomically (temporary + fsync + rename + fsync dir)
 *   <dir>/db/image-N.sqlite     checkpointed sql.js image of generation N (none for a new workspace)
 *   <dir>/db/journal-N.log      append-only journal of the commits since image N
 *   <dir>/blobs/<2 chars>/<id>  blob bytes, named by the digest of their content
 *   <dir>/blobs/tmp/            blobs being written
 *   <dir>/lock                  JSON {pid, host, since, purpose, token} while a process may write
 *
 * Every process keeps the whole database in memory. The one process holding the write lock
 * runs statements, and commit() appends them as one checksummed journal record (fsynced), so
 * a commit costs the size of what changed, not of the database. Opening, and refresh() in a
 * process that does not write, replays the records after the image. Replay re-executes the
 * same statements in the same order, so autoincrement ids come out identical everywhere. Now and
 * then the writer checkpoints: it writes a new image and starts the next generation's journal.
 */
import { resolve } from 'node:path'
import { type SqlJsStatic } from 'sql.js'

import { ERROR_CODES } from '../../../src-shared/errors'
import { EngineError } from '../errors'
import { BlobStore } from './blob-store'
import { PendingLog } from './journal-codec'
import { type RunResult, SqlConnection, type SqlParams, type SqlValue } from './sql-connection'
import { loadSqlJs } from './sqljs-module'
import { type CheckpointPolicy, WorkspaceFiles } from './workspace-files'
import { type LockHolder } from './write-lock'

export type { RunResult, SqlParams, SqlValue } from './sql-connection'
export type { LockHolder } from './write-lock'
export { BlobStore } from './blob-store'

export interface OpenWorkspaceOptions {
  readonly wasmPath?: string
  /** How long acquireWriteLock() waits for another holder; 0 fails at once. Default 30 s. */
  readonly lockTimeoutMs?: number
  /** Called once, when acquireWriteLock() starts waiting. */
  readonly onLockWait?: (holder: LockHolder) => void
  /** When commits checkpoint (see CheckpointPolicy). */
  readonly checkpointPolicy?: CheckpointPolicy
}

export interface WorkspaceStats {
  readonly generation: number
  readonly imageBytes: number
  readonly journalBytes: number
  readonly blobCount: number
  readonly blobBytes: number
}

export interface CommitStats {
  readonly statements: number
  readonly bytes: number
  /** Including the checkpoint, if one ran. */
  readonly durationMs: number
  readonly checkpointed: boolean
}

const NO_PARAMS: SqlParams = []
const DEFAULT_LOCK_TIMEOUT_MS = 30_000
const DEFAULT_CHECKPOINT_POLICY = {
  minJournalBytes: 2 * 1024 * 1024,
  imageFraction: 0.1,
  maxJournalBytes: 16 * 1024 * 1024,
}

function internal(message: string): EngineError {
  return new EngineError(ERROR_CODES.internal, message)
}

export class WorkspaceStore {
  readonly blobs: BlobStore
  private readonly pending = new PendingLog()
  private inTransaction = false
  private savepointDepth = 0
  private externalChanges = 0
  private memoryLockHeld = false
  private acquiring: Promise<void> | undefined
  private closed = false

  private constructor(
    readonly dir: string | null,
    private readonly sqlJs: SqlJsStatic,
    private connection: SqlConnection,
    /** The files behind the database; none for a store in memory. */
    private readonly disk: WorkspaceFiles | undefined,
    private readonly options: OpenWorkspaceOptions,
  ) {
    this.blobs = new BlobStore(disk?.blobsDir ?? null, () => this.checkOpen())
  }

  /** Opens (or creates) the workspace in `dir`; with no dir, a store that lives in memory. */
  static async open(
    dir: string | undefined,
    options: OpenWorkspaceOptions = {},
  ): Promise<WorkspaceStore> {
    const sqlJs = await loadSqlJs(options.wasmPath)
    if (dir === undefined)
      return new WorkspaceStore(null, sqlJs, new SqlConnection(sqlJs), undefined, options)
    const absolute = resolve(dir)
    const { files, connection } = WorkspaceFiles.open(absolute, sqlJs)
    return new WorkspaceStore(absolute, sqlJs, connection, files, options)
  }

  get(sql: string, params: SqlParams = NO_PARAMS): Record<string, SqlValue> | undefined {
    this.checkOpen()
    return this.connection.get(sql, params)
  }

  all(sql: string, params: SqlParams = NO_PARAMS): Record<string, SqlValue>[] {
    this.checkOpen()
    return this.connection.all(sql, params)
  }

  /** Like all(), with each row an array in column order: cheaper for big results. */
  rows(sql: string, params: SqlParams = NO_PARAMS): SqlValue[][] {
    this.checkOpen()
    return this.connection.rows(sql, params)
  }

  getRow(sql: string, params: SqlParams = NO_PARAMS): SqlValue[] | undefined {
    this.checkOpen()
    return this.connection.getRow(sql, params)
  }

  /** A write: executed now and journaled by the next commit(). Needs the write lock on disk. */
  run(sql: string, params: SqlParams = NO_PARAMS): RunResult {
    this.checkWritable('run')
    this.beginIfNeeded()
    const mark = this.pending.mark()
    try {
      // Encoding first also rejects parameters that would not replay faithfully.
      this.pending.add(sql, params, false)
      const result = this.connection.run(sql, params)
      // A data change that changed nothing (INSERT OR IGNORE of a known row) replays as a
      // no-op too, so it is left out of the journal.
      if (result.changes === 0 && isDataChange(sql)) this.pending.rollbackTo(mark)
      return result
    } catch (error) {
      this.pending.rollbackTo(mark)
      throw error
    }
  }

  /** A multi-statement script (schema DDL), journaled like run(). All or nothing. */
  exec(sql: string): void {
    this.checkWritable('exec')
    this.atomically(() => {
      this.pending.add(sql, NO_PARAMS, true)
      this.connection.execScript(sql)
    })
  }

  /**
   * Runs `fn` in a savepoint: if it throws, its statements are undone and left out of the next
   * commit, and the error is rethrown. Nestable. `fn` must be synchronous, because a savepoint
   * cannot stay open across an await that lets other work in.
   */
  atomically<T>(fn: () => T): T {
    this.checkOpen()
    this.beginIfNeeded()
    const name = `memograph_${++this.savepointDepth}`
    this.connection.control(`SAVEPOINT ${name}`)
    const mark = this.pending.mark()
    const undo = (): void => {
      this.connection.control(`ROLLBACK TO ${name}`)
      this.connection.control(`RELEASE ${name}`)
      this.pending.rollbackTo(mark)
      this.savepointDepth--
    }
    let result: T
    try {
      result = fn()
    } catch (error) {
      undo()
      throw error
    }
    if (typeof (result as { then?: unknown } | null)?.then === 'function') {
      undo()
      throw internal('atomically() takes a synchronous function; it returned a promise.')
    }
    this.connection.control(`RELEASE ${name}`)
    this.savepointDepth--
    return result
  }

  get holdsWriteLock(): boolean {
    return this.disk === undefined ? this.memoryLockHeld : this.disk.lock.held
  }

  /**
   * How many times other processes' commits were applied here. Callers that cache what they
   * read (row ids, say) drop their caches when it changes: those commits may have deleted rows.
   */
  get externalChangeCount(): number {
    return this.externalChanges
  }

  get pendingStatements(): number {
    return this.pending.statementCount
  }

  /**
   * Takes the workspace's write lock, waiting up to lockTimeoutMs for another holder, then
   * catches up with everything committed so far, so new rows get the next ids in every process.
   */
  async acquireWriteLock(purpose: string): Promise<void> {
    this.checkOpen()
    if (this.holdsWriteLock) return
    const disk = this.disk
    if (disk === undefined) {
      this.memoryLockHeld = true
      return
    }
    this.acquiring ??= disk.lock
      .acquire({
        purpose,
        timeoutMs: this.options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
        onWait: this.options.onLockWait,
      })
      .finally(() => (this.acquiring = undefined))
    await this.acquiring
    try {
      this.checkOpen()
      this.refresh()
    } catch (error) {
      disk.releaseLock()
      throw error
    }
  }

  /** Commits anything pending, then lets other processes write. */
  releaseWriteLock(): void {
    this.checkOpen()
    this.checkNotInSavepoint('releaseWriteLock')
    try {
      this.commit()
    } finally {
      this.memoryLockHeld = false
      this.disk?.releaseLock()
    }
  }

  /**
   * Makes pending statements durable: one journal record, one write, one fsync, then the SQL
   * COMMIT. If writing fails, the pending statements are rolled back and the error rethrown.
   * May checkpoint afterwards (see OpenWorkspaceOptions.checkpointPolicy).
   */
  commit(): CommitStats {
    return this.commitPending(true)
  }

  private commitPending(mayCheckpoint: boolean): CommitStats {
    this.checkOpen()
    this.checkNotInSavepoint('commit')
    const started = performance.now()
    const statements = this.pending.statementCount
    let bytes = 0
    if (statements > 0 && this.disk !== undefined) {
      const record = this.pending.encodeRecord(Date.now())
      try {
        this.disk.append(record)
      } catch (error) {
        this.rollbackPending()
        throw error
      }
      bytes = record.length
    }
    this.endTransaction('COMMIT')
    this.pending.clear()
    const policy = this.options.checkpointPolicy ?? DEFAULT_CHECKPOINT_POLICY
    const checkpointed =
      mayCheckpoint &&
      this.disk !== undefined &&
      this.disk.checkpointIfDue(this.connection, this.blobs, policy)
    return { statements, bytes, durationMs: performance.now() - started, checkpointed }
  }

  /**
   * Applies what other processes committed since we last looked; reloads from the new image if
   * they checkpointed. Returns true if anything changed. Not allowed with pending writes.
   */
  refresh(): boolean {
    this.checkOpen()
    this.checkNotInSavepoint('refresh')
    if (this.pending.statementCount > 0) {
      throw internal('refresh() with pending writes: commit() them first.')
    }
    this.endTransaction('COMMIT')
    if (this.disk === undefined) return false
    const { changed, connection } = this.disk.catchUp(this.connection, this.sqlJs)
    this.connection = connection
    if (changed) this.externalChanges++
    return changed
  }

  /** Writes a new image and starts a new journal generation. Needs the write lock. */
  checkpoint(): void {
    this.checkOpen()
    this.checkNotInSavepoint('checkpoint')
    const disk = this.disk
    if (disk === undefined) return
    if (!disk.lock.held) throw internal('checkpoint() needs the write lock.')
    this.commitPending(false)
    disk.checkpoint(this.connection, this.blobs)
  }

  stats(): WorkspaceStats {
    this.checkOpen()
    const usage = this.blobs.usage()
    return {
      generation: this.disk?.generation ?? 0,
      imageBytes: this.disk?.imageBytes ?? 0,
      journalBytes: this.disk?.journalBytes ?? 0,
      blobCount: usage.count,
      blobBytes: usage.bytes,
    }
  }

  /** Commits pending work if holding the lock, releases it, and frees the database. */
  close(): void {
    if (this.closed) return
    this.checkNotInSavepoint('close')
    try {
      if (this.holdsWriteLock) this.releaseWriteLock()
    } finally {
      this.closed = true
      if (this.disk?.lock.held === true) this.disk.releaseLock()
      this.connection.close()
    }
  }

  private checkOpen(): void {
    if (this.closed) {
      throw new EngineError(
        ERROR_CODES.storageClosed,
        `The workspace store ${this.dir ?? '(in memory)'} is closed.`,
      )
    }
  }

  private checkWritable(operation: string): void {
    this.checkOpen()
    if (this.disk !== undefined && !this.disk.lock.held) {
      throw internal(`${operation}() needs the write lock: call acquireWriteLock() first.`)
    }
  }

  private checkNotInSavepoint(operation: string): void {
    if (this.savepointDepth > 0)
      throw internal(`${operation}() cannot be called inside atomically().`)
  }

  /** One SQL transaction spans all pending writes: far cheaper than one per statement. */
  private beginIfNeeded(): void {
    if (this.inTransaction) return
    this.connection.control('BEGIN')
    this.inTransaction = true
  }

  private endTransaction(sql: 'COMMIT' | 'ROLLBACK'): void {
    if (!this.inTransaction) return
    this.connection.control(sql)
    this.inTransaction = false
  }

  private rollbackPending(): void {
    this.endTransaction('ROLLBACK')
    this.pending.clear()
  }
}

const DATA_CHANGE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i

/** sqlite3_changes() only counts INSERT, UPDATE and DELETE; for anything else it is stale. */
function isDataChange(sql: string): boolean {
  return DATA_CHANGE.test(sql)
}
