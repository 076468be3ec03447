/**
 * Stored calls as the app inspects them: a run's calls with their inputs and outputs (the
 * call graph), and one call with the nearest earlier call of its op (why it hit or executed).
 * Everything is read in batched statements; values are sketched (value-sketches.ts), never
 * loaded whole.
 */
import { type CallEvent } from '../../../src-shared/model/runs'
import { type OpCatalog } from '../../../src-shared/query/pattern'
import { readOpCatalog } from '../query/op-catalog'
import { type MemoEngine } from './memo-engine'
import { readRunEvents, readStoredEvents } from './run-history'
import { sketchRefs, type SketchOptions, type ValueSketch } from './value-sketches'

/** An input or output: its name and an index into the values list it comes with. */
export type ValueBinding = readonly [name: string, value: number]

export interface RunGraphCallData {
  readonly callId: string
  readonly op: string
  readonly outcome: CallEvent['outcome']
  readonly reasonCode: CallEvent['reasonCode']
  readonly reason: string
  readonly durationMs: number
  readonly parentCallId: string | null
  /** The op_versions row of the stored call; null when nothing is stored (failed, dropped). */
  readonly versionId: number | null
  readonly inputs: readonly ValueBinding[]
  readonly outputs: readonly ValueBinding[]
}

export interface RunGraphData {
  readonly runId: number
  readonly calls: readonly RunGraphCallData[]
  /** Every value the calls bind, once each (by ref). */
  readonly values: readonly ValueSketch[]
}

interface IoRow {
  readonly callId: number
  readonly isOutput: boolean
  readonly name: string
  readonly refId: number
}

function readIo(engine: MemoEngine, callIds: readonly number[]): IoRow[] {
  if (callIds.length === 0) return []
  return engine.store
    .rows(
      `SELECT io.call_id, io.is_output, io.name, io.ref_id FROM json_each(?) j
       JOIN call_io io ON io.call_id = j.value`,
      [JSON.stringify(callIds)],
    )
    .map((row) => ({
      callId: row[0] as number,
      isOutput: row[1] === 1,
      name: row[2] as string,
      refId: row[3] as number,
    }))
}

type Order = (a: string, b: string) => number

/** Inputs in parameter order, outputs in declared order (names the signature lacks last). */
function signatureOrder(catalog: OpCatalog, op: string, isOutput: boolean): Order {
  const shape = catalog.get(op)
  const names = (isOutput ? shape?.outputs : shape?.inputs) ?? []
  return (a: string, b: string): number => {
    const left = names.indexOf(a)
    const right = names.indexOf(b)
    if (left !== right) {
      if (left < 0) return 1
      if (right < 0) return -1
      return left - right
    }
    // Rest inputs `xs_2` before `xs_10`.
    return a.localeCompare(b, 'en', { numeric: true })
  }
}

/** A run's calls in order with their bindings, or undefined when there is no such run. */
export function readRunGraph(
  engine: MemoEngine,
  runId: number,
  options: SketchOptions = {},
): RunGraphData | undefined {
  const store = engine.store
  if (store.getRow('SELECT 1 FROM runs WHERE id = ?', [runId]) === undefined) return undefined
  const stored = readStoredEvents(store, runId)
  const callRowIds = [
    ...new Set(stored.flatMap(({ callRowId }) => (callRowId === null ? [] : [callRowId]))),
  ]
  // One statement for the calls and their bindings: this is the big read of a big run.
  const versions = new Map<number, number>()
  const hids = new Map<number, string>()
  const io: IoRow[] = []
  if (callRowIds.length > 0) {
    const rows = store.rows(
      `SELECT c.id, c.hid, c.op_version_id, io.is_output, io.name, io.ref_id FROM json_each(?) j
       JOIN calls c ON c.id = j.value LEFT JOIN call_io io ON io.call_id = c.id`,
      [JSON.stringify(callRowIds)],
    )
    for (const row of rows) {
      const callId = row[0] as number
      hids.set(callId, row[1] as string)
      versions.set(callId, row[2] as number)
      if (row[5] !== null) {
        io.push({
          callId,
          isOutput: row[3] === 1,
          name: row[4] as string,
          refId: row[5] as number,
        })
      }
    }
  }
  const events = readRunEvents(store, runId, stored, hids)
  const sketches = sketchRefs(
    engine,
    io.map((row) => row.refId),
    options,
  )
  const ioByCall = new Map<number, IoRow[]>()
  for (const row of io) {
    const rows = ioByCall.get(row.callId)
    if (rows === undefined) ioByCall.set(row.callId, [row])
    else rows.push(row)
  }
  // Values are listed in the order the calls first bind them.
  const values: ValueSketch[] = []
  const indexOfRef = new Map<number, number>()
  const bind = (rows: readonly IoRow[], order: (a: string, b: string) => number) =>
    [...rows]
      .sort((a, b) => order(a.name, b.name))
      .flatMap((row): ValueBinding[] => {
        let index = indexOfRef.get(row.refId)
        if (index === undefined) {
          const sketch = sketches.get(row.refId)
          if (sketch === undefined) return []
          index = values.length
          values.push(sketch)
          indexOfRef.set(row.refId, index)
        }
        return [[row.name, index]]
      })
  const catalog = readOpCatalog(store)
  const orders = new Map<string, { inputs: Order; outputs: Order }>()
  const calls = events.map(({ event, callRowId }): RunGraphCallData => {
    const rows = callRowId === null ? [] : (ioByCall.get(callRowId) ?? [])
    const versionId = callRowId === null ? undefined : versions.get(callRowId)
    let order = orders.get(event.op)
    if (order === undefined) {
      order = {
        inputs: signatureOrder(catalog, event.op, false),
        outputs: signatureOrder(catalog, event.op, true),
      }
      orders.set(event.op, order)
    }
    return {
      callId: event.callId,
      op: event.op,
      outcome: event.outcome,
      reasonCode: event.reasonCode,
      reason: event.reason,
      durationMs: event.durationMs,
      parentCallId: event.parentCallId ?? null,
      versionId: event.outcome === 'failed' ? null : (versionId ?? null),
      inputs: bind(
        rows.filter((row) => !row.isOutput),
        order.inputs,
      ),
      outputs: bind(
        rows.filter((row) => row.isOutput),
        order.outputs,
      ),
    }
  })
  return { runId, calls, values }
}

export interface CallValue {
  readonly name: string
  readonly value: ValueSketch
  /** Encoded bytes of the value, elements of collections included. */
  readonly bytes: number
}

/** The encoded size of a ref's value: its own encoding, or all of its elements' for collections. */
function encodedBytes(engine: MemoEngine, refId: number): number {
  const row = engine.store.getRow(
    `WITH RECURSIVE members(id) AS (
       SELECT ? UNION SELECT ci.item_id FROM collection_items ci JOIN members m ON ci.collection_id = m.id
     )
     SELECT SUM(COALESCE(LENGTH(r.inline), v.size, 0)) FROM members m JOIN refs r ON r.id = m.id
     LEFT JOIN value_data v ON r.kind = 0 AND r.inline IS NULL AND v.cid = r.cid`,
    [refId],
  )
  return (row?.[0] as number | null) ?? 0
}

/** A stored call with its values sketched. */
export interface StoredCallRecord {
  readonly callId: string
  readonly op: string
  readonly versionId: number
  /** The run that stored it. */
  readonly runId: number
  readonly createdAt: number
  readonly durationMs: number
  readonly inputs: readonly CallValue[]
  readonly outputs: readonly CallValue[]
  /** History ids of the op calls made inside it, in order. */
  readonly children: readonly string[]
}

const CALL_COLUMNS = `c.id, c.hid, v.op, c.op_version_id, c.run_id, c.created_at, c.duration_ms`

function recordOf(engine: MemoEngine, row: readonly unknown[]): StoredCallRecord {
  const rowId = row[0] as number
  const op = row[2] as string
  const io = readIo(engine, [rowId])
  const sketches = sketchRefs(
    engine,
    io.map((item) => item.refId),
    { depth: 1 },
  )
  const catalog = readOpCatalog(engine.store)
  const bound = (isOutput: boolean) => {
    const order = signatureOrder(catalog, op, isOutput)
    return io
      .filter((item) => item.isOutput === isOutput && sketches.has(item.refId))
      .sort((a, b) => order(a.name, b.name))
      .map((item) => ({
        name: item.name,
        value: sketches.get(item.refId) as ValueSketch,
        bytes: encodedBytes(engine, item.refId),
      }))
  }
  const children = engine.store
    .rows(
      `SELECT COALESCE(c.hid, d.hid) FROM call_children cc
       LEFT JOIN calls c ON c.id = cc.child_id LEFT JOIN dropped_calls d ON d.id = cc.child_id
       WHERE cc.parent_id = ? ORDER BY cc.position`,
      [rowId],
    )
    .flatMap((child) => (typeof child[0] === 'string' ? [child[0]] : []))
  return {
    callId: row[1] as string,
    op,
    versionId: row[3] as number,
    runId: row[4] as number,
    createdAt: row[5] as number,
    durationMs: row[6] as number,
    inputs: bound(false),
    outputs: bound(true),
    children,
  }
}

/** The stored call with this history id, or undefined (never stored, or dropped). */
export function readStoredCall(engine: MemoEngine, hid: string): StoredCallRecord | undefined {
  const row = engine.store.getRow(
    `SELECT ${CALL_COLUMNS} FROM calls c JOIN op_versions v ON v.id = c.op_version_id
     WHERE c.hid = ?`,
    [hid],
  )
  return row === undefined ? undefined : recordOf(engine, row)
}

/**
 * The nearest call of the same op stored before this one (by creation order), whatever its
 * version; with `sameInputs`, the nearest one whose inputs had the same contents (input key),
 * which a call executed for a new op version is best compared with. Undefined when none.
 */
export function readPreviousCall(
  engine: MemoEngine,
  hid: string,
  options: { readonly sameInputs?: boolean } = {},
): StoredCallRecord | undefined {
  const sameInputs = options.sameInputs === true
  const row = engine.store.getRow(
    `SELECT ${CALL_COLUMNS} FROM calls c JOIN op_versions v ON v.id = c.op_version_id
     WHERE v.op = (SELECT v2.op FROM calls c2 JOIN op_versions v2 ON v2.id = c2.op_version_id
                   WHERE c2.hid = ?)
       AND c.id < (SELECT id FROM calls WHERE hid = ?)
       ${sameInputs ? 'AND c.input_key = (SELECT input_key FROM calls WHERE hid = ?)' : ''}
     ORDER BY c.id DESC LIMIT 1`,
    sameInputs ? [hid, hid, hid] : [hid, hid],
  )
  return row === undefined ? undefined : recordOf(engine, row)
}
