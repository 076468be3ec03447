import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
} from 'node:fs'
import { dirname } from 'node:path'

import { errorCode, fsyncDirectory, writeFully } from './durable-files'

/**
 * The bytes of a journal from `offset` to its current end; undefined if the file does not
 * exist. A record being appended right now shows up as an incomplete tail, which the scanner
 * leaves for the next look.
 */
export function readJournalFrom(path: string, offset: number): Uint8Array | undefined {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined
    throw error
  }
  try {
    const size = fstatSync(fd).size
    if (size < offset) throw new JournalShrankError(size)
    const bytes = new Uint8Array(size - offset)
    let done = 0
    while (done < bytes.length) {
      const read = readSync(fd, bytes, done, bytes.length - done, offset + done)
      if (read === 0) break
      done += read
    }
    return done === bytes.length ? bytes : bytes.subarray(0, done)
  } finally {
    closeSync(fd)
  }
}

/** The journal is shorter than what was already read from it: committed bytes were removed. */
export class JournalShrankError extends Error {
  constructor(readonly size: number) {
    super(`journal is only ${size} bytes long`)
  }
}

/**
 * The lock holder's append handle. Each record goes out in one write() on an O_APPEND fd and
 * is fsynced before commit() returns, so a record is either wholly on disk or a torn tail.
 */
export class JournalAppender {
  private readonly fd: number
  private size: number

  /**
   * Opens (creating) the journal and cuts off a torn tail a killed writer left after
   * `validEnd`, so the next record starts right after the last complete one.
   */
  constructor(path: string, validEnd: number) {
    mkdirSync(dirname(path), { recursive: true })
    const created = statSync(path, { throwIfNoEntry: false }) === undefined
    this.fd = openSync(path, 'a')
    try {
      this.size = fstatSync(this.fd).size
      if (this.size < validEnd) throw new JournalShrankError(this.size)
      if (this.size > validEnd) {
        ftruncateSync(this.fd, validEnd)
        fsyncSync(this.fd)
        this.size = validEnd
      }
      if (created) fsyncDirectory(dirname(path))
    } catch (error) {
      closeSync(this.fd)
      throw error
    }
  }

  /** Appends and syncs one record. On failure the file is cut back to its previous end. */
  append(record: Uint8Array): void {
    try {
      writeFully(this.fd, record)
      fsyncSync(this.fd)
    } catch (error) {
      try {
        ftruncateSync(this.fd, this.size)
      } catch {
        // The original error is the one to report.
      }
      throw error
    }
    this.size += record.length
  }

  close(): void {
    closeSync(this.fd)
  }
}
