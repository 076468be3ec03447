import { type WorkspaceStore } from '../store'

export interface StorageStats {
  readonly ops: number
  readonly opVersions: number
  readonly calls: number
  readonly refs: number
  readonly values: number
  /** Encoded size of all distinct values, chunks included. */
  readonly valueBytes: number
  readonly blobs: number
  readonly blobBytes: number
  readonly runs: number
  readonly imageBytes: number
  readonly journalBytes: number
}

export function readStats(store: WorkspaceStore): StorageStats {
  const count = (sql: string): number => Number(store.getRow(sql)?.[0] ?? 0)
  const workspace = store.stats()
  return {
    ops: count('SELECT COUNT(DISTINCT op) FROM op_versions'),
    opVersions: count('SELECT COUNT(*) FROM op_versions'),
    calls: count('SELECT COUNT(*) FROM calls'),
    refs: count('SELECT COUNT(*) FROM refs'),
    values: count('SELECT COUNT(*) FROM value_data'),
    valueBytes: count('SELECT COALESCE(SUM(size), 0) FROM value_data'),
    blobs: workspace.blobCount,
    blobBytes: workspace.blobBytes,
    runs: count('SELECT COUNT(*) FROM runs'),
    imageBytes: workspace.imageBytes,
    journalBytes: workspace.journalBytes,
  }
}
