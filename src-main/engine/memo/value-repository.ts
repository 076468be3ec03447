import { EngineError } from '../errors'
import { type BlobId, type ContentId } from '../ids'
import { type WorkspaceStore } from '../store'
import { decodeValue, type CodecRegistry, type EncodedValue } from '../values'

/** Encoded values up to this size live in the database; bigger ones in the blob store. */
export const INLINE_LIMIT = 16 * 1024

/** Encoded values up to this size are stored with each ref (see refs.inline): cheaper than a
 * second row and an index entry, and small enough that repeating them costs nothing. */
export const REF_INLINE_LIMIT = 64

export function storesInline(encoded: EncodedValue): boolean {
  return encoded.bytes.length <= REF_INLINE_LIMIT && encoded.chunks.length === 0
}

/** Stores encoded values once per content id and loads them back. */
export class ValueRepository {
  constructor(
    private readonly store: WorkspaceStore,
    private readonly codecs: CodecRegistry,
  ) {}

  save(encoded: EncodedValue): void {
    const { cid, bytes, chunks, typeName } = encoded
    if (bytes.length <= INLINE_LIMIT && chunks.length === 0) {
      // The common case (small values) costs one statement; a no-op insert is not journaled.
      this.store.run(
        'INSERT OR IGNORE INTO value_data (cid, type_name, size, inline, blob_id) VALUES (?, ?, ?, ?, NULL)',
        [cid, typeName, bytes.length, bytes],
      )
      return
    }
    if (this.has(cid)) return
    const chunkBytes = chunks.reduce((total, chunk) => total + chunk.bytes.length, 0)
    const blobIds: BlobId[] = []
    for (const chunk of chunks) {
      if (!this.store.blobs.has(chunk.id)) this.store.blobs.put(chunk.bytes)
      blobIds.push(chunk.id)
    }
    if (bytes.length <= INLINE_LIMIT) {
      this.store.run(
        'INSERT INTO value_data (cid, type_name, size, inline, blob_id) VALUES (?, ?, ?, ?, NULL)',
        [cid, typeName, bytes.length + chunkBytes, bytes],
      )
    } else {
      const blobId = this.store.blobs.put(bytes)
      blobIds.push(blobId)
      this.store.run(
        'INSERT INTO value_data (cid, type_name, size, inline, blob_id) VALUES (?, ?, ?, NULL, ?)',
        [cid, typeName, bytes.length + chunkBytes, blobId],
      )
    }
    for (const blobId of new Set(blobIds)) {
      this.store.run('INSERT OR IGNORE INTO value_blobs (cid, blob_id) VALUES (?, ?)', [
        cid,
        blobId,
      ])
    }
  }

  has(cid: ContentId): boolean {
    return this.store.getRow('SELECT 1 FROM value_data WHERE cid = ?', [cid]) !== undefined
  }

  load(cid: ContentId, refDescription: string): unknown {
    const row = this.store.getRow('SELECT inline, blob_id FROM value_data WHERE cid = ?', [cid])
    if (row === undefined) {
      throw new EngineError(
        'ref.unknown',
        `the value of ${refDescription} (content id ${cid}) is not in this storage; it may have been garbage-collected`,
        { cid },
      )
    }
    const [inline, blobId] = row
    return this.decode(
      inline instanceof Uint8Array ? inline : this.store.blobs.get(blobId as BlobId),
    )
  }

  decode(bytes: Uint8Array): unknown {
    return decodeValue(bytes, (chunkId) => this.store.blobs.get(chunkId), this.codecs)
  }
}
