import { type CallOutcome, type CallReasonCode } from '../../../src-shared/model/runs'
import { EngineError } from '../errors'
import { ByteReader } from '../bytes/byte-reader'
import { ByteWriter } from '../bytes/byte-writer'
import { OUTCOMES, REASON_CODES } from './run-events'

/**
 * A run's call events are stored as compact binary records, one chunk per commit, instead of
 * one row per event: a hit then costs no database write of its own.
 *
 * Record: varint seq · flags byte (bits 0–1 outcome, 2–4 reason, 5 stored call, 6 parent,
 * 7 detail) · varint op version id · varint call row id, or UTF-8 call id when no call was
 * stored · varint parent seq (if any) · varint duration in µs · UTF-8 detail (if any).
 */
export interface StoredEvent {
  readonly seq: number
  readonly outcome: CallOutcome
  readonly reason: CallReasonCode
  readonly opVersionId: number
  readonly callRowId: number | null
  readonly callHid: string | null
  readonly parentSeq: number | null
  readonly durationMs: number
  readonly detail: string | null
}

const HAS_CALL_ROW = 1 << 5
const HAS_PARENT = 1 << 6
const HAS_DETAIL = 1 << 7

export function encodeEvents(events: readonly StoredEvent[]): Uint8Array {
  const writer = new ByteWriter()
  for (const event of events) {
    writer.varint(event.seq)
    let flags = OUTCOMES.indexOf(event.outcome) | (REASON_CODES.indexOf(event.reason) << 2)
    if (event.callRowId !== null) flags |= HAS_CALL_ROW
    if (event.parentSeq !== null) flags |= HAS_PARENT
    if (event.detail !== null) flags |= HAS_DETAIL
    writer.byte(flags)
    writer.varint(event.opVersionId)
    if (event.callRowId !== null) writer.varint(event.callRowId)
    else writer.utf8(event.callHid ?? '')
    if (event.parentSeq !== null) writer.varint(event.parentSeq)
    writer.varint(Math.max(0, Math.round(event.durationMs * 1000)))
    if (event.detail !== null) writer.utf8(event.detail)
  }
  return writer.copy()
}

export function decodeEvents(data: Uint8Array): StoredEvent[] {
  const reader = new ByteReader(
    data,
    (problem) =>
      new EngineError('workspace.corrupted', `a run's stored events are malformed: ${problem}`),
  )
  const events: StoredEvent[] = []
  while (!reader.done) {
    const seq = reader.varint()
    const flags = reader.byte()
    const opVersionId = reader.varint()
    const callRowId = flags & HAS_CALL_ROW ? reader.varint() : null
    const callHid = callRowId === null ? reader.utf8() : null
    const parentSeq = flags & HAS_PARENT ? reader.varint() : null
    const durationMs = reader.varint() / 1000
    const detail = flags & HAS_DETAIL ? reader.utf8() : null
    events.push({
      seq,
      outcome: OUTCOMES[flags & 0b11] ?? 'failed',
      reason: REASON_CODES[(flags >> 2) & 0b111] ?? 'error',
      opVersionId,
      callRowId,
      callHid,
      parentSeq,
      durationMs,
      detail,
    })
  }
  return events
}
