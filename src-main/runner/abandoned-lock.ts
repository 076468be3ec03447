/**
 * A worker thread shares its process id with the host, so when the host terminates a worker
 * (cancel, heap limit) in the middle of a run, the workspace's write lock names a live pid and
 * no other run could take it until the host process exits. The worker therefore records the
 * token of the lock its run holds, and the host removes the lock after the worker is gone if
 * the lock file still carries exactly that token.
 */
import { readFileSync, rmSync } from 'node:fs'
import { WorkspaceLayout } from '../engine/store/workspace-layout'

/** Lock tokens are UUIDs (36 ASCII characters). */
const SLOT_BYTES = 64

export function createLockTokenSlot(): SharedArrayBuffer {
  return new SharedArrayBuffer(SLOT_BYTES)
}

/** Worker side, while its run holds the write lock: remembers the lock's token in the slot. */
export function recordHeldLockToken(storageDir: string, slot: SharedArrayBuffer): void {
  const holder = readLockFile(storageDir)
  if (holder === undefined || holder.pid !== process.pid) return
  const token = Buffer.from(holder.token, 'latin1')
  if (token.length > SLOT_BYTES) return
  const bytes = new Uint8Array(slot)
  bytes.fill(0)
  bytes.set(token)
}

/**
 * Host side, once the worker has exited: removes the lock it died holding. Returns whether a
 * lock was removed. A lock with another token (the run ended and someone else took it since)
 * is left alone.
 */
export function releaseAbandonedLock(storageDir: string, slot: SharedArrayBuffer): boolean {
  const recorded = Buffer.from(slot).toString('latin1').replace(/\0+$/, '')
  if (recorded === '') return false
  const holder = readLockFile(storageDir)
  if (holder === undefined || holder.pid !== process.pid || holder.token !== recorded) return false
  rmSync(new WorkspaceLayout(storageDir).lockPath, { force: true })
  return true
}

function readLockFile(storageDir: string): { pid: number; token: string } | undefined {
  let text: string
  try {
    text = readFileSync(new WorkspaceLayout(storageDir).lockPath, 'utf8')
  } catch {
    return undefined
  }
  try {
    const parsed = JSON.parse(text) as { pid?: unknown; token?: unknown }
    if (typeof parsed.pid !== 'number' || typeof parsed.token !== 'string') return undefined
    return { pid: parsed.pid, token: parsed.token }
  } catch {
    return undefined
  }
}
