import { EngineError } from '../errors'
import { type WorkspaceStore } from '../store'
import { MIGRATE_1_TO_2, SCHEMA_DDL, SCHEMA_VERSION } from './schema'

/** Creates the tables in a new workspace, and refuses a schema newer than this build. */
export async function ensureSchema(store: WorkspaceStore): Promise<void> {
  if (!hasSchema(store)) {
    if (store.dir !== null) await store.acquireWriteLock('create workspace')
    try {
      // Another process may have created it while we waited for the lock.
      if (!hasSchema(store)) {
        store.exec(SCHEMA_DDL)
        store.run('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)', [
          'schema_version',
          String(SCHEMA_VERSION),
          'created_at',
          new Date().toISOString(),
        ])
        store.commit()
      }
    } finally {
      if (store.dir !== null) store.releaseWriteLock()
    }
  }
  const version = schemaVersion(store)
  if (version < SCHEMA_VERSION) await migrate(store)
  else if (!(version <= SCHEMA_VERSION)) {
    throw new EngineError(
      'workspace.formatTooNew',
      `workspace ${store.dir ?? '(in memory)'} has metadata schema ${version}; this build reads schema ${SCHEMA_VERSION}. Upgrade Memograph; the workspace was not modified.`,
      { schemaVersion: version },
    )
  }
}

function hasSchema(store: WorkspaceStore): boolean {
  return (
    store.getRow("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'") !== undefined
  )
}

function schemaVersion(store: WorkspaceStore): number {
  return Number(store.getRow("SELECT value FROM meta WHERE key = 'schema_version'")?.[0])
}

/** Brings an older schema up to date under the write lock, as one committed step. */
async function migrate(store: WorkspaceStore): Promise<void> {
  if (store.dir !== null) await store.acquireWriteLock('upgrade workspace schema')
  try {
    if (schemaVersion(store) === 1) {
      store.exec(MIGRATE_1_TO_2)
      store.commit()
    }
  } finally {
    if (store.dir !== null) store.releaseWriteLock()
  }
}
