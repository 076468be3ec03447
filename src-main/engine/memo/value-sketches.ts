/**
 * Sketches of stored values: enough to describe many values in one line each (ids, type,
 * size, the value itself when its encoding is small, the first elements of collections),
 * read in a few batched statements. The app's run graphs and result tables are built from
 * them, so a run of thousands of calls never decodes a big value.
 */
import { type ContentId, type HistoryId } from '../ids'
import { typeNameOf } from '../values'
import { type MemoEngine } from './memo-engine'
import { REF_KIND_NAMES, RefKind, type RefKindName } from './schema'

export interface ValueSketch {
  readonly hid: HistoryId
  readonly cid: ContentId
  readonly kind: RefKindName
  /**
   * Atoms: what the encoding holds (`number`, `string`, `object`, `Array(300)`,
   * `Float64Array(9)`, a codec name); collections: their kind (`list`, `object`, ...).
   */
  readonly typeName: string
  /** Atoms: the encoded size in bytes; collections: the number of elements. */
  readonly size: number
  /** Whether `value` holds the decoded value (small encodings only). */
  readonly loaded: boolean
  readonly value: unknown
  /** Collections: their first elements with their keys (null for lists and sets); else null. */
  readonly items: readonly SketchItem[] | null
}

export interface SketchItem {
  readonly key: unknown
  readonly sketch: ValueSketch
}

export interface SketchOptions {
  /** Atoms whose encoding is at most this many bytes are decoded. Default 16 KiB. */
  readonly decodeLimit?: number
  /** How many elements of each collection to sketch. Default 4. */
  readonly sampleItems?: number
  /** How many levels of collections get sampled elements. Default 1. */
  readonly depth?: number
}

const DEFAULT_DECODE_LIMIT = 16 * 1024
const DEFAULT_SAMPLE_ITEMS = 4

interface RefRow {
  readonly id: number
  readonly hid: HistoryId
  readonly cid: ContentId
  readonly kind: RefKind
  readonly inline: Uint8Array | null
}

/** Sketches of refs by row id, in a handful of statements whatever their number. */
export function sketchRefs(
  engine: MemoEngine,
  refIds: Iterable<number>,
  options: SketchOptions = {},
): Map<number, ValueSketch> {
  const decodeLimit = options.decodeLimit ?? DEFAULT_DECODE_LIMIT
  const sampleItems = options.sampleItems ?? DEFAULT_SAMPLE_ITEMS
  const depth = options.depth ?? 1
  const store = engine.store
  const ids = [...new Set(refIds)]
  if (ids.length === 0) return new Map()
  // Refs and the type, size and (small) encoding of their stored values, in one statement.
  const valueData = new Map<ContentId, ValueDataRow>()
  const refs: RefRow[] = store
    .rows(
      `SELECT r.id, r.hid, r.cid, r.kind, r.inline, v.type_name, v.size,
         CASE WHEN v.size <= ? THEN v.inline END
       FROM json_each(?) j JOIN refs r ON r.id = j.value
       LEFT JOIN value_data v ON r.kind = 0 AND r.inline IS NULL AND v.cid = r.cid`,
      [decodeLimit, JSON.stringify(ids)],
    )
    .map((row) => {
      const cid = row[2] as ContentId
      if (row[5] !== null) {
        valueData.set(cid, {
          typeName: row[5] as string,
          size: row[6] as number,
          bytes: row[7] as Uint8Array | null,
        })
      }
      return {
        id: row[0] as number,
        hid: row[1] as HistoryId,
        cid,
        kind: row[3] as RefKind,
        inline: row[4] as Uint8Array | null,
      }
    })
  const collections = refs.filter((ref) => ref.kind !== RefKind.Atom).map((ref) => ref.id)
  const counts = countItems(engine, collections)
  const samples =
    depth > 0 && sampleItems > 0
      ? sampleCollectionItems(engine, collections, sampleItems, { ...options, depth: depth - 1 })
      : new Map<number, SketchItem[]>()

  const sketches = new Map<number, ValueSketch>()
  for (const ref of refs) {
    const base = { hid: ref.hid, cid: ref.cid, kind: REF_KIND_NAMES[ref.kind] }
    if (ref.kind !== RefKind.Atom) {
      sketches.set(ref.id, {
        ...base,
        typeName: base.kind,
        size: counts.get(ref.id) ?? 0,
        loaded: false,
        value: undefined,
        items: samples.get(ref.id) ?? [],
      })
      continue
    }
    if (ref.inline !== null) {
      sketches.set(ref.id, {
        ...base,
        typeName: typeNameOf(ref.inline),
        size: ref.inline.length,
        ...decoded(engine, ref.inline),
        items: null,
      })
      continue
    }
    const data = valueData.get(ref.cid)
    sketches.set(ref.id, {
      ...base,
      typeName: data?.typeName ?? 'unknown',
      size: data?.size ?? 0,
      ...(data?.bytes == null ? { loaded: false, value: undefined } : decoded(engine, data.bytes)),
      items: null,
    })
  }
  return sketches
}

function decoded(engine: MemoEngine, bytes: Uint8Array): { loaded: boolean; value: unknown } {
  try {
    return { loaded: true, value: engine.values.decode(bytes) }
  } catch {
    // A value that needs a codec this process lacks is still described by its type name.
    return { loaded: false, value: undefined }
  }
}

interface ValueDataRow {
  readonly typeName: string
  readonly size: number
  /** The encoding when it is small and in the database; else null. */
  readonly bytes: Uint8Array | null
}

function readValueData(
  engine: MemoEngine,
  cids: readonly ContentId[],
  decodeLimit: number,
): Map<ContentId, ValueDataRow> {
  if (cids.length === 0) return new Map()
  const rows = engine.store.rows(
    `SELECT v.cid, v.type_name, v.size, CASE WHEN v.size <= ? THEN v.inline END
     FROM json_each(?) j JOIN value_data v ON v.cid = j.value`,
    [decodeLimit, JSON.stringify([...new Set(cids)])],
  )
  return new Map(
    rows.map((row) => [
      row[0] as ContentId,
      {
        typeName: row[1] as string,
        size: row[2] as number,
        bytes: row[3] as Uint8Array | null,
      },
    ]),
  )
}

function countItems(engine: MemoEngine, collectionIds: readonly number[]): Map<number, number> {
  if (collectionIds.length === 0) return new Map()
  const rows = engine.store.rows(
    `SELECT ci.collection_id, COUNT(*) FROM json_each(?) j
     JOIN collection_items ci ON ci.collection_id = j.value GROUP BY ci.collection_id`,
    [JSON.stringify(collectionIds)],
  )
  return new Map(rows.map((row) => [row[0] as number, row[1] as number]))
}

function sampleCollectionItems(
  engine: MemoEngine,
  collectionIds: readonly number[],
  sampleItems: number,
  options: SketchOptions,
): Map<number, SketchItem[]> {
  if (collectionIds.length === 0) return new Map()
  const rows = engine.store.rows(
    `SELECT ci.collection_id, ci.key_cid, ci.item_id FROM json_each(?) j
     JOIN collection_items ci ON ci.collection_id = j.value AND ci.position < ?
     ORDER BY ci.collection_id, ci.position`,
    [JSON.stringify(collectionIds), sampleItems],
  )
  const itemSketches = sketchRefs(
    engine,
    rows.map((row) => row[2] as number),
    options,
  )
  const keys = loadKeys(
    engine,
    rows.flatMap((row) => (row[1] === null ? [] : [row[1] as ContentId])),
  )
  const samples = new Map<number, SketchItem[]>()
  for (const row of rows) {
    const sketch = itemSketches.get(row[2] as number)
    if (sketch === undefined) continue
    const items = samples.get(row[0] as number) ?? []
    items.push({ key: row[1] === null ? null : keys.get(row[1] as ContentId), sketch })
    samples.set(row[0] as number, items)
  }
  return samples
}

/** Object and Map keys by content id (keys are small: strings, numbers). */
function loadKeys(engine: MemoEngine, cids: readonly ContentId[]): Map<ContentId, unknown> {
  const data = readValueData(engine, cids, DEFAULT_DECODE_LIMIT)
  const keys = new Map<ContentId, unknown>()
  for (const [cid, row] of data) {
    keys.set(cid, row.bytes === null ? `#${cid.slice(0, 6)}` : decoded(engine, row.bytes).value)
  }
  return keys
}

/** Ref row ids by history id, for callers that name values by hid. */
export function refIdsByHid(engine: MemoEngine, hids: readonly string[]): Map<HistoryId, number> {
  if (hids.length === 0) return new Map()
  const rows = engine.store.rows(
    'SELECT r.hid, r.id FROM json_each(?) j JOIN refs r ON r.hid = j.value',
    [JSON.stringify([...new Set(hids)])],
  )
  return new Map(rows.map((row) => [row[0] as HistoryId, row[1] as number]))
}

/** Sketches of stored values by history id; unknown ids are left out. */
export function sketchesByHid(
  engine: MemoEngine,
  hids: readonly string[],
  options: SketchOptions = {},
): Map<string, ValueSketch> {
  const ids = refIdsByHid(engine, hids)
  const byRowId = sketchRefs(engine, ids.values(), options)
  const result = new Map<string, ValueSketch>()
  for (const [hid, id] of ids) {
    const sketch = byRowId.get(id)
    if (sketch !== undefined) result.set(hid, sketch)
  }
  return result
}
