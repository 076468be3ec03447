import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
} from 'node:fs'
import { join } from 'node:path'

import { ERROR_CODES } from '../../../src-shared/errors'
import { EngineError } from '../errors'
import { type BlobId, digestId, isId } from '../ids'
import {
  errorCode,
  fsyncDirectory,
  removeQuietly,
  temporaryPathFor,
  writeFully,
} from './durable-files'

const FANOUT_DIR = /^[A-Za-z0-9_-]{2}$/
const TEMPORARY_DIR = 'tmp'
/** Temporaries younger than this may belong to a put() in progress in another process. */
const ABANDONED_TEMPORARY_AGE_MS = 60 * 60 * 1000

/**
 * Content-addressed bytes: a blob's id is the digest of its bytes, so a blob is immutable,
 * stored once however often it is put, and checked against its id on every read. On disk a
 * blob becomes visible under its final name only when complete and synced, so a committed
 * journal record never points at a missing or partial blob. With no root, blobs live in memory.
 */
export class BlobStore {
  private readonly root: string
  private readonly memory: Map<string, Uint8Array> | undefined
  private readonly existingDirs = new Set<string>()

  /** `assertOpen` lets the owning workspace refuse use after it is closed. */
  constructor(
    root: string | null,
    private readonly assertOpen: () => void = () => {},
  ) {
    this.root = root ?? ''
    this.memory = root === null ? new Map() : undefined
  }

  put(bytes: Uint8Array): BlobId {
    this.assertOpen()
    const id = digestId(bytes) as BlobId
    if (this.memory !== undefined) {
      if (!this.memory.has(id)) this.memory.set(id, bytes.slice())
      return id
    }
    const path = this.pathOf(id)
    // A file of the right size was published by rename after fsync, so it is complete.
    if (statSync(path, { throwIfNoEntry: false })?.size === bytes.length) return id
    const fanoutDir = this.ensureDir(path.slice(0, path.length - id.length - 1))
    const temporary = temporaryPathFor(join(this.ensureDir(this.temporaryDir()), id))
    const fd = openSync(temporary, 'wx')
    try {
      writeFully(fd, bytes)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    try {
      renameSync(temporary, path)
    } catch (error) {
      removeQuietly(temporary)
      throw error
    }
    fsyncDirectory(fanoutDir)
    return id
  }

  get(id: BlobId): Uint8Array {
    this.assertOpen()
    if (this.memory !== undefined) {
      const bytes = this.memory.get(id)
      if (bytes === undefined) throw this.missing(id, `memory:${id}`)
      return bytes.slice()
    }
    const path = this.pathOf(id)
    let bytes: Uint8Array
    try {
      bytes = readFileSync(path)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') throw this.missing(id, path)
      throw error
    }
    if (digestId(bytes) !== id) {
      throw new EngineError(
        ERROR_CODES.workspaceCorrupted,
        `Blob ${path} is corrupted: its bytes do not hash to its id.`,
        { path, blobId: id },
      )
    }
    return bytes
  }

  has(id: BlobId): boolean {
    this.assertOpen()
    if (this.memory !== undefined) return this.memory.has(id)
    return statSync(this.pathOf(id), { throwIfNoEntry: false }) !== undefined
  }

  /** Deleting is for garbage collection, which must run under the write lock. */
  delete(id: BlobId): void {
    this.assertOpen()
    if (this.memory !== undefined) this.memory.delete(id)
    else removeQuietly(this.pathOf(id))
  }

  *ids(): Iterable<BlobId> {
    this.assertOpen()
    if (this.memory !== undefined) {
      yield* [...this.memory.keys()] as BlobId[]
      return
    }
    for (const dir of listDir(this.root)) {
      if (!FANOUT_DIR.test(dir)) continue
      for (const name of listDir(join(this.root, dir))) {
        if (isId(name) && name.startsWith(dir)) yield name as BlobId
      }
    }
  }

  /** Count and total size, for workspace statistics. */
  usage(): { count: number; bytes: number } {
    let count = 0
    let bytes = 0
    for (const id of this.ids()) {
      count++
      const inMemory = this.memory?.get(id)
      bytes += inMemory === undefined ? statSync(this.pathOf(id)).size : inMemory.length
    }
    return { count, bytes }
  }

  /** Removes temporaries of put() calls that were killed; old enough that none is in progress. */
  removeAbandonedTemporaries(now = Date.now()): void {
    if (this.memory !== undefined) return
    const dir = this.temporaryDir()
    for (const name of listDir(dir)) {
      const path = join(dir, name)
      const stat = statSync(path, { throwIfNoEntry: false })
      if (stat !== undefined && now - stat.mtimeMs > ABANDONED_TEMPORARY_AGE_MS) removeQuietly(path)
    }
  }

  private pathOf(id: BlobId): string {
    if (!isId(id)) {
      throw new EngineError(ERROR_CODES.internal, `Not a blob id: ${JSON.stringify(id)}`)
    }
    return join(this.root, id.slice(0, 2), id)
  }

  private temporaryDir(): string {
    return join(this.root, TEMPORARY_DIR)
  }

  /** Creates a directory once per store, syncing its parent so the new entry is durable. */
  private ensureDir(dir: string): string {
    if (this.existingDirs.has(dir)) return dir
    const firstCreated = mkdirSync(dir, { recursive: true })
    if (firstCreated !== undefined) {
      fsyncDirectory(join(firstCreated, '..'))
      if (firstCreated !== dir) fsyncDirectory(join(dir, '..'))
    }
    this.existingDirs.add(dir)
    return dir
  }

  private missing(id: BlobId, path: string): EngineError {
    return new EngineError(ERROR_CODES.workspaceCorrupted, `Blob ${id} is missing (${path}).`, {
      path,
      blobId: id,
      missing: true,
    })
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return []
    throw error
  }
}
