import { type BlobId } from '../ids'
import { type WorkspaceStore } from '../store'
import { deleteOrphanRefs } from './drop-calls'

export interface GcSummary {
  readonly refs: number
  readonly values: number
  readonly blobs: number
  readonly blobBytes: number
}

/**
 * G2: removes refs nothing uses, values no ref or collection key points to, and blob files no
 * value needs. Database changes are committed before any file is deleted, so a crash in
 * between leaves unreferenced files (removed next time), never a reference to a missing file.
 */
export function collectGarbage(store: WorkspaceStore): GcSummary {
  const refs = deleteOrphanRefs(store)
  const { changes: values } = store.run(
    `DELETE FROM value_data WHERE cid NOT IN (SELECT cid FROM refs)
     AND cid NOT IN (SELECT key_cid FROM collection_items WHERE key_cid IS NOT NULL)`,
  )
  store.run('DELETE FROM value_blobs WHERE cid NOT IN (SELECT cid FROM value_data)')
  store.commit()

  const referenced = new Set(
    store.all('SELECT DISTINCT blob_id FROM value_blobs').map((row) => row.blob_id as BlobId),
  )
  let blobs = 0
  let blobBytes = 0
  for (const id of [...store.blobs.ids()]) {
    if (referenced.has(id)) continue
    blobBytes += blobSize(store, id)
    store.blobs.delete(id)
    blobs++
  }
  if (store.dir !== null) store.checkpoint()
  return { refs, values, blobs, blobBytes }
}

function blobSize(store: WorkspaceStore, id: BlobId): number {
  try {
    return store.blobs.get(id).length
  } catch {
    return 0 // a corrupted unreferenced blob is deleted all the same
  }
}
