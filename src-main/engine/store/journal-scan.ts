import { crc32 } from 'node:zlib'

import { RECORD_HEADER_BYTES, RECORD_MAGIC } from './journal-codec'

export interface ScannedRecord {
  /** Absolute byte offset of the record's header in the journal file. */
  readonly offset: number
  /** Offset just past the record: where the next one starts. */
  readonly end: number
  readonly payload: Uint8Array
}

export interface JournalScan {
  readonly records: ScannedRecord[]
  /** Absolute offset just past the last complete record. */
  readonly validEnd: number
  /** Bytes after validEnd that are an incomplete record (a crash, or a write in progress). */
  readonly tornTailBytes: number
}

/** A damaged record that is not a torn tail: something changed bytes that were committed. */
export class JournalCorruption extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${reason} at byte offset ${offset}`)
  }
}

/**
 * Splits journal bytes (the file from `baseOffset` to its end) into records.
 *
 * A bad record at the very end is a torn tail: its header is incomplete, its declared length
 * runs past the end of the file, or it is followed by nothing but zero bytes (a file extended
 * by a crash before its data reached the disk). Those are what a killed writer or a write still
 * in progress leave, so they are not yet visible. A bad record with more data after it cannot
 * come from a crash and is corruption. A flipped bit in a length field also looks like "length
 * past the end", so that case only counts as torn when no intact record follows it. (A record
 * that is the last one in the file and fails its checksum is indistinguishable from a torn
 * write, so it is treated as one.)
 */
export function scanJournal(bytes: Uint8Array, baseOffset: number): JournalScan {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const records: ScannedRecord[] = []
  let at = 0
  while (at < bytes.length) {
    const torn = { records, validEnd: baseOffset + at, tornTailBytes: bytes.length - at }
    if (bytes.length - at < RECORD_HEADER_BYTES) return torn
    const magic = view.getUint32(at, true)
    const length = view.getUint32(at + 4, true)
    const end = at + RECORD_HEADER_BYTES + length
    if (magic !== RECORD_MAGIC) {
      if (isAllZero(bytes, at)) return torn
      throw new JournalCorruption(baseOffset + at, 'bad record header')
    }
    if (end > bytes.length) {
      if (findIntactRecord(bytes, at + 1) === undefined) return torn
      throw new JournalCorruption(baseOffset + at, 'record length runs into the next record')
    }
    const payload = bytes.subarray(at + RECORD_HEADER_BYTES, end)
    if (crc32(payload) !== view.getUint32(at + 8, true)) {
      if (isAllZero(bytes, end)) return torn
      throw new JournalCorruption(baseOffset + at, 'record checksum mismatch')
    }
    records.push({ offset: baseOffset + at, end: baseOffset + end, payload })
    at = end
  }
  return { records, validEnd: baseOffset + at, tornTailBytes: 0 }
}

function isAllZero(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false
  return true
}

/** The offset of the first complete record with a valid checksum at or after `from`. */
function findIntactRecord(bytes: Uint8Array, from: number): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let at = from; at + RECORD_HEADER_BYTES <= bytes.length; at++) {
    if (view.getUint32(at, true) !== RECORD_MAGIC) continue
    const end = at + RECORD_HEADER_BYTES + view.getUint32(at + 4, true)
    if (end > bytes.length) continue
    const payload = bytes.subarray(at + RECORD_HEADER_BYTES, end)
    if (crc32(payload) === view.getUint32(at + 8, true)) return at
  }
  return undefined
}
