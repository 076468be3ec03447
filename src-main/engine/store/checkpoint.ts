import { createHash } from 'node:crypto'
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
} from 'node:fs'
import { join } from 'node:path'

import { type BlobStore } from './blob-store'
import { fsyncDirectory, removeQuietly, replaceFileDurably, writeFully } from './durable-files'
import { type SqlConnection } from './sql-connection'
import { encodeHead, type Head, type WorkspaceLayout } from './workspace-layout'

function writeSynced(path: string, bytes: Uint8Array): void {
  // 'w' truncates what an interrupted checkpoint may have left under this name.
  const fd = openSync(path, 'w')
  try {
    writeFully(fd, bytes)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Starts generation N+1 from an image of the database (the caller holds the write lock and has
 * no transaction open). Until HEAD is replaced, generation N stays current and complete, so a
 * crash at any step leaves a workspace that opens; the new files it may leave have a
 * generation HEAD does not name and are ignored, then removed by the next checkpoint.
 * Returns the new HEAD.
 */
export function writeCheckpoint(
  layout: WorkspaceLayout,
  head: Head,
  connection: SqlConnection,
  blobs: BlobStore,
): Head {
  const generation = head.generation + 1
  const image = connection.exportImage()
  const sha256 = createHash('sha256').update(image).digest('hex')
  mkdirSync(layout.dbDir, { recursive: true })
  const imagePath = layout.imagePath(generation)
  writeSynced(`${imagePath}.tmp`, image)
  renameSync(`${imagePath}.tmp`, imagePath)
  writeSynced(layout.journalPath(generation), new Uint8Array(0))
  fsyncDirectory(layout.dbDir)
  const next: Head = { generation, image: { bytes: image.length, sha256 } }
  replaceFileDurably(layout.headPath, encodeHead(next))

  // Generation N is no longer reachable. Readers that still have its files open keep reading
  // them (POSIX), then notice HEAD moved and reload.
  for (const file of layout.generationFiles()) {
    if (file.generation !== generation) removeQuietly(join(layout.dbDir, file.name))
  }
  blobs.removeAbandonedTemporaries()
  removeAbandonedTemporaries(layout.dir)
  return next
}

/** Temporaries of HEAD, FORMAT and lock writes that a killed process left behind. */
const TEMPORARY_NAME = /^(HEAD|FORMAT|lock)\.(tmp|stale)-/
const ABANDONED_AGE_MS = 60_000

function removeAbandonedTemporaries(dir: string): void {
  const now = Date.now()
  for (const name of readdirSync(dir)) {
    if (!TEMPORARY_NAME.test(name)) continue
    const path = join(dir, name)
    const stat = statSync(path, { throwIfNoEntry: false })
    if (stat !== undefined && now - stat.mtimeMs > ABANDONED_AGE_MS) removeQuietly(path)
  }
}
