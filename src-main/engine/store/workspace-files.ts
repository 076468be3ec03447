import { type SqlJsStatic } from 'sql.js'

import { ERROR_CODES } from '../../../src-shared/errors'
import { EngineError } from '../errors'
import { type BlobStore } from './blob-store'
import { writeCheckpoint } from './checkpoint'
import { applyJournal, GenerationGone, loadGeneration, readJournal } from './generation-loader'
import { JournalAppender, JournalShrankError } from './journal-file'
import { type SqlConnection } from './sql-connection'
import { type Head, openOrCreateLayout, readHead, type WorkspaceLayout } from './workspace-layout'
import { WriteLock } from './write-lock'

/**
 * When a commit checkpoints: once the journal is over max(minJournalBytes, imageFraction ×
 * image), but never later than maxJournalBytes. Replaying a journal on open costs about
 * 0.2 s/MB while a checkpoint costs about 3 ms per MB of image, so the cap bounds open time on
 * big workspaces and the fraction keeps checkpoints of small ones cheap in total.
 */
export interface CheckpointPolicy {
  readonly minJournalBytes: number
  readonly imageFraction: number
  readonly maxJournalBytes?: number
}

/**
 * An on-disk workspace as this process sees it: which generation it has loaded, how far into
 * that generation's journal, the write lock, and the append handle while the lock is held.
 */
export class WorkspaceFiles {
  readonly lock: WriteLock
  private appender: JournalAppender | undefined
  /** After a failed checkpoint, wait until the journal reaches this size to try again. */
  private checkpointRetryAt = 0

  private constructor(
    private readonly layout: WorkspaceLayout,
    private head: Head,
    /** Offset after the last journal record this process has applied or written. */
    private journalEnd: number,
  ) {
    this.lock = new WriteLock(layout.lockPath, layout.dir)
  }

  /** Opens (or creates) the workspace in `dir` and loads its current state. */
  static open(
    dir: string,
    sqlJs: SqlJsStatic,
  ): { files: WorkspaceFiles; connection: SqlConnection } {
    const layout = openOrCreateLayout(dir)
    const { head, connection, journalEnd } = loadGeneration(layout, sqlJs)
    return { files: new WorkspaceFiles(layout, head, journalEnd), connection }
  }

  get blobsDir(): string {
    return this.layout.blobsDir
  }

  get generation(): number {
    return this.head.generation
  }

  get imageBytes(): number {
    return this.head.image?.bytes ?? 0
  }

  get journalBytes(): number {
    return this.journalEnd
  }

  /** Appends one commit record durably. Only the lock holder may call this. */
  append(record: Uint8Array): void {
    this.verifyLock('the pending changes were discarded')
    const path = this.layout.journalPath(this.generation)
    try {
      this.appender ??= new JournalAppender(path, this.journalEnd)
    } catch (error) {
      if (!(error instanceof JournalShrankError)) throw error
      throw new EngineError(
        ERROR_CODES.workspaceCorrupted,
        `Journal ${path} is corrupted: it is ${error.size} bytes long, but ${this.journalEnd} bytes of it were already committed.`,
        { path, offset: error.size },
      )
    }
    this.appender.append(record)
    this.journalEnd += record.length
  }

  /** Applies records other processes committed, or loads their newer generation. */
  catchUp(
    connection: SqlConnection,
    sqlJs: SqlJsStatic,
  ): { changed: boolean; connection: SqlConnection } {
    for (let attempt = 1; ; attempt++) {
      const head = readHead(this.layout)
      try {
        if (head.generation !== this.head.generation) {
          const loaded = loadGeneration(this.layout, sqlJs)
          connection.close()
          this.head = loaded.head
          this.journalEnd = loaded.journalEnd
          return { changed: true, connection: loaded.connection }
        }
        const bytes = readJournal(this.layout, head.generation, this.journalEnd)
        const path = this.layout.journalPath(head.generation)
        const end = applyJournal(connection, bytes, this.journalEnd, path)
        const changed = end !== this.journalEnd
        this.journalEnd = end
        return { changed, connection }
      } catch (error) {
        if (!(error instanceof GenerationGone) || attempt >= 5) throw error
      }
    }
  }

  /**
   * Checkpoints if the journal has outgrown the policy. A failure here does not undo the
   * commit that was just made durable, so it is reported as a warning and retried after the
   * journal has grown further. Returns whether a checkpoint was written.
   */
  checkpointIfDue(connection: SqlConnection, blobs: BlobStore, policy: CheckpointPolicy): boolean {
    const threshold = Math.min(
      Math.max(policy.minJournalBytes, policy.imageFraction * this.imageBytes),
      policy.maxJournalBytes ?? Infinity,
    )
    if (this.journalEnd <= threshold || this.journalEnd < this.checkpointRetryAt) return false
    try {
      this.checkpoint(connection, blobs)
      return true
    } catch (error) {
      this.checkpointRetryAt = this.journalEnd + Math.max(policy.minJournalBytes, 1)
      process.emitWarning(`Memograph could not checkpoint ${this.layout.dir}: ${String(error)}`)
      return false
    }
  }

  /** Writes a new image and starts the next generation. The caller committed everything. */
  checkpoint(connection: SqlConnection, blobs: BlobStore): void {
    this.verifyLock('no checkpoint was written')
    this.closeAppender()
    this.head = writeCheckpoint(this.layout, this.head, connection, blobs)
    this.journalEnd = 0
    this.checkpointRetryAt = 0
  }

  /** Gives up writing: closes the journal and releases the lock. */
  releaseLock(): void {
    this.closeAppender()
    this.lock.release()
  }

  private closeAppender(): void {
    this.appender?.close()
    this.appender = undefined
  }

  /** Guards against a lock file removed or replaced behind our back (by hand, or a bug). */
  private verifyLock(consequence: string): void {
    if (this.lock.verify()) return
    throw new EngineError(
      ERROR_CODES.workspaceBusy,
      `Workspace ${this.layout.dir} lost its write lock (the lock file was removed or replaced); ${consequence}.`,
      { dir: this.layout.dir },
    )
  }
}
