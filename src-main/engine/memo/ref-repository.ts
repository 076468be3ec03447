import { type ContentId, type HistoryId } from '../ids'
import { type SqlValue, type WorkspaceStore } from '../store'
import { type RefKind } from './schema'

export interface StoredRef {
  readonly id: number
  readonly hid: HistoryId
  readonly cid: ContentId
  readonly kind: RefKind
  /** The encoded value of a tiny atom, stored with the ref instead of in value_data. */
  readonly inline: Uint8Array | null
}

export interface StoredItem {
  readonly position: number
  readonly keyCid: ContentId | null
  readonly item: StoredRef
}

export interface NewItem {
  readonly position: number
  readonly keyCid: ContentId | null
  readonly itemId: number
}

/** Recently used ref row ids; chains of calls keep passing the refs they just made. */
const ID_CACHE_LIMIT = 100_000

/** Refs (values with a history) and the elements of collection refs. */
export class RefRepository {
  private readonly idCache = new Map<string, number>()
  private cachedAtChange = 0

  constructor(private readonly store: WorkspaceStore) {}

  /** Forgets cached row ids; needed whenever refs may have been deleted. */
  clearCache(): void {
    this.idCache.clear()
    this.cachedAtChange = this.store.externalChangeCount
  }

  /** The row id of a stored ref if it is in the cache (no database read). */
  cachedIdOf(hid: HistoryId): number | undefined {
    if (this.cachedAtChange !== this.store.externalChangeCount) this.clearCache()
    return this.idCache.get(hid)
  }

  /** The row id of a stored ref, from the cache when possible. */
  idOf(hid: HistoryId): number | undefined {
    if (this.cachedAtChange !== this.store.externalChangeCount) this.clearCache()
    const cached = this.idCache.get(hid)
    if (cached !== undefined) return cached
    const row = this.store.getRow('SELECT id FROM refs WHERE hid = ?', [hid])
    if (row === undefined) return undefined
    this.remember(hid, row[0] as number)
    return row[0] as number
  }

  /**
   * Inserts a ref that is almost certainly new (its history id comes from a call stored just
   * now). If it exists after all, its row id is returned only when it holds the same content.
   */
  insertNew(
    hid: HistoryId,
    cid: ContentId,
    kind: RefKind,
    inline: Uint8Array | null = null,
  ): { id: number; conflict: StoredRef | null } {
    const result = this.store.run(
      'INSERT OR IGNORE INTO refs (hid, cid, kind, inline) VALUES (?, ?, ?, ?)',
      [hid, cid, kind, inline],
    )
    if (result.changes === 0) {
      const existing = this.find(hid)
      if (existing === undefined) throw new Error(`ref ${hid} was neither inserted nor found`)
      return {
        id: existing.id,
        conflict: existing.cid === cid && existing.kind === kind ? null : existing,
      }
    }
    this.remember(hid, result.lastInsertRowid)
    return { id: result.lastInsertRowid, conflict: null }
  }

  private remember(hid: HistoryId, id: number): void {
    if (this.idCache.size >= ID_CACHE_LIMIT) this.idCache.clear()
    this.idCache.set(hid, id)
  }

  find(hid: HistoryId): StoredRef | undefined {
    const row = this.store.getRow('SELECT id, cid, kind, inline FROM refs WHERE hid = ?', [hid])
    if (row === undefined) return undefined
    return {
      id: row[0] as number,
      hid,
      cid: row[1] as ContentId,
      kind: row[2] as RefKind,
      inline: row[3] as Uint8Array | null,
    }
  }

  /** Inserts the ref if its history id is new; returns its row id and whether it was new. */
  ensure(
    hid: HistoryId,
    cid: ContentId,
    kind: RefKind,
    inline: Uint8Array | null = null,
  ): { id: number; created: boolean } {
    const existing = this.idOf(hid)
    if (existing !== undefined) return { id: existing, created: false }
    return { id: this.insertNew(hid, cid, kind, inline).id, created: true }
  }

  insertItems(collectionId: number, items: readonly NewItem[]): void {
    for (const { position, keyCid, itemId } of items) {
      this.store.run(
        'INSERT INTO collection_items (collection_id, position, key_cid, item_id) VALUES (?, ?, ?, ?)',
        [collectionId, position, keyCid, itemId],
      )
    }
  }

  /** Gives a collection ref the same elements as another (a new history for equal content). */
  copyItems(fromCollectionId: number, toCollectionId: number): void {
    this.store.run(
      `INSERT INTO collection_items (collection_id, position, key_cid, item_id)
       SELECT ?, position, key_cid, item_id FROM collection_items WHERE collection_id = ?`,
      [toCollectionId, fromCollectionId],
    )
  }

  items(collectionId: number): StoredItem[] {
    return this.store
      .all(
        `SELECT ci.position, ci.key_cid, ${REF_COLUMNS}
         FROM collection_items ci JOIN refs r ON r.id = ci.item_id
         WHERE ci.collection_id = ? ORDER BY ci.position`,
        [collectionId],
      )
      .map((row) => ({
        position: row.position as number,
        keyCid: row.key_cid as ContentId | null,
        item: storedRefOf(row),
      }))
  }
}

/** Columns used: the ref's id, hid, cid, kind and inline. */
export const REF_COLUMNS = 'r.id, r.hid, r.cid, r.kind, r.inline'

export function storedRefOf(row: Record<string, SqlValue>): StoredRef {
  return {
    id: row.id as number,
    hid: row.hid as HistoryId,
    cid: row.cid as ContentId,
    kind: row.kind as RefKind,
    inline: row.inline as Uint8Array | null,
  }
}
