import { randomUUID } from 'node:crypto'
import { renameSync, statSync } from 'node:fs'
import { hostname } from 'node:os'

import { ERROR_CODES } from '../../../src-shared/errors'
import { EngineError } from '../errors'
import { createFileExclusively, errorCode, readIfExists, removeQuietly } from './durable-files'

export interface LockHolder {
  readonly pid: number
  readonly host: string
  readonly since: number
  readonly purpose: string
}

interface LockFile extends LockHolder {
  readonly token: string
}

/** A lock file that cannot be parsed this long after it was created was abandoned mid-write. */
const UNREADABLE_LOCK_GRACE_MS = 10_000
const FIRST_POLL_MS = 5
const MAX_POLL_MS = 250

export interface AcquireOptions {
  readonly purpose: string
  readonly timeoutMs: number
  readonly onWait: ((holder: LockHolder) => void) | undefined
}

/**
 * The workspace's single-writer lock: a file that exists while a process may write. It names its
 * holder so a waiting user learns who to wait for, and carries a random token so a holder can
 * tell its own lock from one that replaced it.
 */
export class WriteLock {
  private token: string | undefined

  constructor(
    private readonly path: string,
    private readonly workspaceDir: string,
  ) {}

  get held(): boolean {
    return this.token !== undefined
  }

  async acquire({ purpose, timeoutMs, onWait }: AcquireOptions): Promise<void> {
    const deadline = Date.now() + timeoutMs
    let pollMs = FIRST_POLL_MS
    let waiting = false
    for (;;) {
      const holder = this.tryAcquire(purpose)
      if (holder === undefined) return
      const remaining = deadline - Date.now()
      if (remaining <= 0) throw this.busy(holder)
      if (!waiting) {
        waiting = true
        onWait?.(holder)
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, remaining)))
      pollMs = Math.min(pollMs * 2, MAX_POLL_MS)
    }
  }

  /** Takes the lock if it is free or stale; otherwise returns who holds it. */
  private tryAcquire(purpose: string): LockHolder | undefined {
    const token = randomUUID()
    const content: LockFile = {
      pid: process.pid,
      host: hostname(),
      since: Date.now(),
      purpose,
      token,
    }
    const bytes = Buffer.from(JSON.stringify(content))
    // A few rounds: the holder may vanish or turn out stale between our reads.
    for (let round = 0; round < 5; round++) {
      // Nothing here needs to survive a reboot: after one, every holder is dead.
      if (createFileExclusively(this.path, bytes, false)) {
        this.token = token
        return undefined
      }
      const holder = this.readHolder()
      if (holder === undefined) continue
      if (!isStale(holder)) return withoutToken(holder)
      this.removeStale(holder.token, token)
    }
    const holder = this.readHolder()
    return holder === undefined ? unknownHolder(Date.now()) : withoutToken(holder)
  }

  private readHolder(): LockFile | undefined {
    const bytes = readIfExists(this.path)
    if (bytes === undefined) return undefined
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as Partial<LockFile>
      if (typeof parsed.pid === 'number' && typeof parsed.token === 'string') {
        return {
          pid: parsed.pid,
          host: String(parsed.host),
          since: Number(parsed.since),
          purpose: String(parsed.purpose),
          token: parsed.token,
        }
      }
    } catch {
      // Fall through: an unreadable lock file.
    }
    let since = Date.now()
    try {
      since = statSync(this.path).mtimeMs
    } catch {
      // Gone meanwhile; the caller retries.
    }
    return { ...unknownHolder(since), token: '' }
  }

  /**
   * Moves the stale lock aside and checks it is the one we judged stale: if another contender
   * replaced it in between, we would have moved a live lock, so it is put back. This keeps two
   * contenders from both taking over the same stale lock.
   */
  private removeStale(staleToken: string, ourToken: string): void {
    const aside = `${this.path}.stale-${ourToken}`
    try {
      renameSync(this.path, aside)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return
      throw error
    }
    const moved = readIfExists(aside)
    if (moved !== undefined && (tokenOf(moved) ?? '') !== staleToken) {
      createFileExclusively(this.path, moved, false)
    }
    removeQuietly(aside)
  }

  /** True if the lock file on disk is still ours (nobody broke it). */
  verify(): boolean {
    const bytes = readIfExists(this.path)
    return this.token !== undefined && bytes !== undefined && tokenOf(bytes) === this.token
  }

  release(): void {
    if (this.verify()) removeQuietly(this.path)
    this.token = undefined
  }

  private busy(holder: LockHolder): EngineError {
    const since = new Date(holder.since).toISOString()
    return new EngineError(
      ERROR_CODES.workspaceBusy,
      `Workspace ${this.workspaceDir} is busy: pid ${holder.pid} on ${holder.host} holds it for ` +
        `'${holder.purpose}' since ${since}.`,
      { dir: this.workspaceDir, holder },
    )
  }
}

function tokenOf(bytes: Buffer): string | undefined {
  try {
    const { token } = JSON.parse(bytes.toString('utf8')) as { token?: unknown }
    return typeof token === 'string' ? token : undefined
  } catch {
    return undefined
  }
}

function withoutToken({ pid, host, since, purpose }: LockFile): LockHolder {
  return { pid, host, since, purpose }
}

function unknownHolder(since: number): LockHolder {
  return { pid: 0, host: 'unknown host', since, purpose: 'unknown (unreadable lock file)' }
}

function isStale(holder: LockFile): boolean {
  if (holder.token === '') return Date.now() - holder.since > UNREADABLE_LOCK_GRACE_MS
  return holder.host === hostname() && !isProcessAlive(holder.pid)
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return errorCode(error) === 'EPERM'
  }
}
