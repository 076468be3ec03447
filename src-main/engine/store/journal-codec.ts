import { crc32 } from 'node:zlib'

import { ByteReader } from '../bytes/byte-reader'
import { ByteWriter } from '../bytes/byte-writer'
import { ERROR_CODES } from '../../../src-shared/errors'
import { EngineError } from '../errors'
import { type SqlParams, type SqlValue } from './sql-connection'

/**
 * Journal records: [magic u32][payload length u32][crc32 of payload u32][payload], little-endian.
 *
 * Payload: u8 payload version, f64 commit time (ms since epoch), the SQL texts the record uses
 * (a dictionary, so a statement run 10,000 times costs its text once), then the statements in
 * execution order as (sql index, exec flag, params). Integers are varints; parameters carry a tag.
 */
export const RECORD_MAGIC = 0x314a474d // 'MGJ1' read as little-endian u32
export const RECORD_HEADER_BYTES = 12
const PAYLOAD_VERSION = 1

const TAG_NULL = 0
const TAG_NON_NEGATIVE_INT = 1
const TAG_NEGATIVE_INT = 2
const TAG_FLOAT64 = 3
const TAG_STRING = 4
const TAG_BYTES = 5

/** A statement as journaled: `exec` statements are multi-statement scripts with no params. */
export interface JournalStatement {
  readonly sql: string
  readonly exec: boolean
  readonly params: SqlValue[]
}

export interface DecodedRecord {
  readonly commitTime: number
  readonly statements: JournalStatement[]
}

const UNPAIRED_SURROGATE = /\p{Cs}/u

/**
 * The statements written since the last commit, encoded as they run. Encoding eagerly copies
 * the parameters (callers may reuse their arrays) and makes commit() a single concatenation.
 */
export class PendingLog {
  private readonly texts: string[] = []
  private readonly textIndex = new Map<string, number>()
  private readonly body = new ByteWriter()
  private count = 0

  get statementCount(): number {
    return this.count
  }

  add(sql: string, params: SqlParams, exec: boolean): void {
    let index = this.textIndex.get(sql)
    if (index === undefined) {
      index = this.texts.length
      this.texts.push(sql)
      this.textIndex.set(sql, index)
    }
    const body = this.body
    body.varint(index * 2 + (exec ? 1 : 0))
    if (!exec) {
      body.varint(params.length)
      for (const value of params) writeParam(body, value)
    }
    this.count++
  }

  /** A position to roll back to when a savepoint fails. */
  mark(): PendingLogMark {
    return { texts: this.texts.length, bodyLength: this.body.position, count: this.count }
  }

  rollbackTo(mark: PendingLogMark): void {
    for (const text of this.texts.splice(mark.texts)) this.textIndex.delete(text)
    this.body.position = mark.bodyLength
    this.count = mark.count
  }

  clear(): void {
    this.rollbackTo({ texts: 0, bodyLength: 0, count: 0 })
    // Also gives back the buffer of one huge commit instead of keeping it for the session.
    this.body.reset()
  }

  /** The whole framed record (header + payload), ready for a single write(). */
  encodeRecord(commitTime: number): Uint8Array {
    const payload = new ByteWriter()
    payload.ensure(this.body.position + 64)
    payload.byte(PAYLOAD_VERSION)
    payload.float64(commitTime)
    payload.varint(this.texts.length)
    for (const text of this.texts) payload.utf8(text)
    payload.varint(this.count)
    payload.bytesOf(this.body.buffer, 0, this.body.position)
    return frameRecord(payload.buffer.subarray(0, payload.position))
  }
}

export interface PendingLogMark {
  readonly texts: number
  readonly bodyLength: number
  readonly count: number
}

function writeParam(writer: ByteWriter, value: SqlValue): void {
  if (value === null) {
    writer.byte(TAG_NULL)
  } else if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
      writer.byte(value >= 0 ? TAG_NON_NEGATIVE_INT : TAG_NEGATIVE_INT)
      writer.varint(Math.abs(value))
    } else {
      writer.byte(TAG_FLOAT64)
      writer.float64(value)
    }
  } else if (typeof value === 'string') {
    // UTF-8 cannot carry an unpaired surrogate: the replayed string would differ.
    if (UNPAIRED_SURROGATE.test(value)) {
      throw new EngineError(
        ERROR_CODES.valueUnencodable,
        `A SQL parameter string contains an unpaired UTF-16 surrogate and cannot be stored faithfully: ${JSON.stringify(value.slice(0, 80))}`,
      )
    }
    writer.byte(TAG_STRING)
    writer.utf8(value)
  } else {
    writer.byte(TAG_BYTES)
    writer.lengthPrefixed(value)
  }
}

export function frameRecord(payload: Uint8Array): Uint8Array {
  if (payload.length > 0xffffffff) throw new RangeError('a journal record is limited to 4 GiB')
  const record = new Uint8Array(RECORD_HEADER_BYTES + payload.length)
  const view = new DataView(record.buffer)
  view.setUint32(0, RECORD_MAGIC, true)
  view.setUint32(4, payload.length, true)
  view.setUint32(8, crc32(payload), true)
  record.set(payload, RECORD_HEADER_BYTES)
  return record
}

/** Thrown by decodePayload on bytes that passed the CRC yet do not parse: a writer bug. */
export class MalformedPayloadError extends Error {}

export function decodePayload(payload: Uint8Array): DecodedRecord {
  const reader = new ByteReader(payload, (problem) => new MalformedPayloadError(problem))
  const version = reader.byte()
  if (version !== PAYLOAD_VERSION) {
    throw new MalformedPayloadError(`unknown payload version ${version}`)
  }
  const commitTime = reader.float64()
  const texts: string[] = []
  for (let i = reader.varint(); i > 0; i--) texts.push(reader.utf8())
  const statements: JournalStatement[] = []
  for (let i = reader.varint(); i > 0; i--) {
    const key = reader.varint()
    const sql = texts[Math.floor(key / 2)]
    if (sql === undefined) throw new MalformedPayloadError('sql index out of range')
    const exec = key % 2 === 1
    const params: SqlValue[] = []
    if (!exec) for (let n = reader.varint(); n > 0; n--) params.push(readParam(reader))
    statements.push({ sql, exec, params })
  }
  if (!reader.done) throw new MalformedPayloadError('trailing bytes after the last statement')
  return { commitTime, statements }
}

function readParam(reader: ByteReader): SqlValue {
  const tag = reader.byte()
  switch (tag) {
    case TAG_NULL:
      return null
    case TAG_NON_NEGATIVE_INT:
      return reader.varint()
    case TAG_NEGATIVE_INT:
      return -reader.varint()
    case TAG_FLOAT64:
      return reader.float64()
    case TAG_STRING:
      return reader.utf8()
    case TAG_BYTES:
      return reader.lengthPrefixed()
    default:
      throw new MalformedPayloadError(`unknown parameter tag ${tag}`)
  }
}
