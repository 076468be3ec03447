import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { randomBytes } from 'node:crypto'
import { dirname } from 'node:path'

export function errorCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined
}

/** Writes all bytes at the fd's position (or at the end, for O_APPEND). */
export function writeFully(fd: number, bytes: Uint8Array): void {
  let done = 0
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done)
}

/**
 * Makes a directory entry change (create, rename, unlink) durable. Windows cannot open a
 * directory for syncing and persists metadata on its own, so failures there are ignored.
 */
export function fsyncDirectory(dir: string): void {
  let fd: number
  try {
    fd = openSync(dir, 'r')
  } catch (error) {
    if (process.platform === 'win32') return
    throw error
  }
  try {
    fsyncSync(fd)
  } catch (error) {
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF'].includes(errorCode(error) ?? '')) throw error
  } finally {
    closeSync(fd)
  }
}

export function temporaryPathFor(path: string): string {
  return `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`
}

/** Writes a new file's bytes to a temporary name (synced if asked); returns that name. */
function writeTemporary(path: string, bytes: Uint8Array, durable: boolean): string {
  const temporary = temporaryPathFor(path)
  const fd = openSync(temporary, 'wx')
  try {
    writeFully(fd, bytes)
    if (durable) fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  return temporary
}

/**
 * Replaces `path` atomically: readers see the old bytes or the new ones, and after a crash the
 * file holds one or the other, never a mix (temporary file, fsync, rename, fsync directory).
 */
export function replaceFileDurably(path: string, bytes: Uint8Array): void {
  const temporary = writeTemporary(path, bytes, true)
  try {
    renameSync(temporary, path)
  } catch (error) {
    removeQuietly(temporary)
    throw error
  }
  fsyncDirectory(dirname(path))
}

/**
 * Creates `path` with complete contents only if it does not exist yet (returns false if it
 * does). link(2) publishes a fully written file under the new name and fails if the name is
 * taken, so a concurrent reader never sees it empty; filesystems without hard links fall back
 * to O_EXCL.
 */
export function createFileExclusively(path: string, bytes: Uint8Array, durable: boolean): boolean {
  const temporary = writeTemporary(path, bytes, durable)
  try {
    linkSync(temporary, path)
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false
    return createWithOExcl(path, bytes, durable)
  } finally {
    removeQuietly(temporary)
  }
  if (durable) fsyncDirectory(dirname(path))
  return true
}

function createWithOExcl(path: string, bytes: Uint8Array, durable: boolean): boolean {
  let fd: number
  try {
    fd = openSync(path, 'wx')
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false
    throw error
  }
  try {
    writeFully(fd, bytes)
    if (durable) fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  if (durable) fsyncDirectory(dirname(path))
  return true
}

export function readIfExists(path: string): Buffer | undefined {
  try {
    return readFileSync(path)
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined
    throw error
  }
}

/** Best effort: a file another process still has open cannot be removed on Windows. */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Leftovers are recognisable by name and removed by a later cleanup.
  }
}
