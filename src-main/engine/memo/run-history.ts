import { type CallEvent, type RunRecord, type RunStatus } from '../../../src-shared/model/runs'
import { type SqlValue, type WorkspaceStore } from '../store'
import { decodeEvents, type StoredEvent } from './run-event-codec'
import { describeReason } from './run-events'

const RUN_COLUMNS = 'id, label, started_at, ended_at, status, hits, executed, failed, error, pid'

/** R3: runs newest first; a run whose process died before it ended reads as interrupted. */
export function readRuns(
  store: WorkspaceStore,
  options: { limit?: number; events?: boolean },
): RunRecord[] {
  const limit = options.limit ?? -1
  const rows = store.all(`SELECT ${RUN_COLUMNS} FROM runs ORDER BY id DESC LIMIT ?`, [limit])
  return rows.map((row) =>
    toRun(row, options.events === false ? [] : readEvents(store, row.id as number)),
  )
}

export function readRun(store: WorkspaceStore, id: number): RunRecord | undefined {
  const row = store.all(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`, [id])[0]
  return row === undefined ? undefined : toRun(row, readEvents(store, id))
}

function toRun(row: Record<string, SqlValue>, events: readonly CallEvent[]): RunRecord {
  const startedAt = row.started_at as number
  const endedAt = row.ended_at as number | null
  let status = row.status as RunStatus
  if (status === 'running' && !isProcessAlive(row.pid as number)) status = 'interrupted'
  return {
    id: row.id as number,
    label: row.label as string,
    startedAt,
    endedAt,
    durationMs: endedAt === null ? null : endedAt - startedAt,
    status,
    hits: row.hits as number,
    executed: row.executed as number,
    failed: row.failed as number,
    error: row.error as string | null,
    events,
  }
}

function readEvents(store: WorkspaceStore, runId: number): CallEvent[] {
  return readRunEvents(store, runId).map(({ event }) => event)
}

/** A run's call event with the row of the call it stored or reused (null when none). */
export interface RunEventRow {
  readonly event: CallEvent
  readonly callRowId: number | null
}

/** A run's stored event records, in the order the run made them. */
export function readStoredEvents(store: WorkspaceStore, runId: number): StoredEvent[] {
  return store
    .all('SELECT data FROM run_events WHERE run_id = ? ORDER BY chunk', [runId])
    .flatMap((row) => decodeEvents(row.data as Uint8Array))
    .sort((left, right) => left.seq - right.seq)
}

/**
 * A run's events in the order the run made them, with their calls' row ids. `knownHids`: call
 * history ids by row id the caller already read (the others are looked up).
 */
export function readRunEvents(
  store: WorkspaceStore,
  runId: number,
  stored: readonly StoredEvent[] = readStoredEvents(store, runId),
  knownHids: ReadonlyMap<number, string> = new Map(),
): RunEventRow[] {
  const events = stored
  const missing = events.filter(
    (event) => event.callRowId !== null && !knownHids.has(event.callRowId),
  )
  const callIds = new Map([...knownHids, ...lookupCallIds(store, missing)])
  const opNames = lookupOpNames(store, events)
  const hidOf = (event: StoredEvent | undefined): string | undefined =>
    event === undefined ? undefined : (event.callHid ?? callIds.get(event.callRowId ?? -1) ?? '')
  const bySeq = new Map(events.map((event) => [event.seq, event]))
  return events.map((event) => {
    const parent = event.parentSeq === null ? undefined : hidOf(bySeq.get(event.parentSeq))
    return {
      event: {
        callId: hidOf(event) ?? '',
        op: opNames.get(event.opVersionId) ?? `#${event.opVersionId}`,
        outcome: event.outcome,
        reasonCode: event.reason,
        reason: describeReason(event.reason, event.detail),
        durationMs: event.durationMs,
        ...(parent === undefined ? {} : { parentCallId: parent }),
      },
      callRowId: event.callRowId,
    }
  })
}

/** History ids of the events' calls, dropped ones included, in one query. */
function lookupCallIds(store: WorkspaceStore, events: readonly StoredEvent[]): Map<number, string> {
  const ids = [
    ...new Set(events.flatMap((event) => (event.callRowId === null ? [] : [event.callRowId]))),
  ]
  const rows = store.all(
    `SELECT j.value AS id, COALESCE(c.hid, d.hid) AS hid FROM json_each(?) j
     LEFT JOIN calls c ON c.id = j.value LEFT JOIN dropped_calls d ON d.id = j.value`,
    [JSON.stringify(ids)],
  )
  return new Map(rows.map((row) => [row.id as number, row.hid as string]))
}

function lookupOpNames(store: WorkspaceStore, events: readonly StoredEvent[]): Map<number, string> {
  const ids = [...new Set(events.map((event) => event.opVersionId))]
  const rows = store.all(
    'SELECT o.id, o.op FROM json_each(?) j JOIN op_versions o ON o.id = j.value',
    [JSON.stringify(ids)],
  )
  return new Map(rows.map((row) => [row.id as number, row.op as string]))
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
