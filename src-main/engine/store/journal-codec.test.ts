import assert from 'node:assert/strict'
import { test } from 'node:test'
import { crc32 } from 'node:zlib'

import fc from 'fast-check'

import { decodePayload, PendingLog, RECORD_HEADER_BYTES, RECORD_MAGIC } from './journal-codec'
import { JournalCorruption, scanJournal } from './journal-scan'
import { flipBits } from './test-fixtures/helpers'
import { type SqlValue } from './sql-connection'

const sqlValue: fc.Arbitrary<SqlValue> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(),
  fc.string({ unit: 'grapheme' }),
  fc.uint8Array({ maxLength: 64 }),
)

function recordOf(
  statements: [string, SqlValue[]][],
  commitTime = 1_700_000_000_000.5,
): Uint8Array {
  const log = new PendingLog()
  for (const [sql, params] of statements) log.add(sql, params, false)
  return log.encodeRecord(commitTime)
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]))
}

test('S2: a record is [magic][payload length][crc32][payload], little-endian', () => {
  const record = recordOf([['INSERT INTO t VALUES (?)', [1]]])
  const view = new DataView(record.buffer)
  assert.equal(view.getUint32(0, true), RECORD_MAGIC)
  assert.equal(view.getUint32(4, true), record.length - RECORD_HEADER_BYTES)
  assert.equal(view.getUint32(8, true), crc32(record.subarray(RECORD_HEADER_BYTES)))
})

test('S2: statements and every parameter type round-trip through a record', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C ü'), fc.array(sqlValue, { maxLength: 6 })), {
        maxLength: 20,
      }),
      fc.double({ noNaN: true }),
      (statements, commitTime) => {
        const { records } = scanJournal(recordOf(statements, commitTime), 0)
        assert.equal(records.length, 1)
        const decoded = decodePayload(records[0]?.payload ?? new Uint8Array())
        assert.deepEqual(decoded.commitTime, commitTime)
        assert.deepEqual(
          decoded.statements,
          statements.map(([sql, params]) => ({ sql, exec: false, params })),
        )
      },
    ),
  )
})

test('S2: a SQL text is stored once per record however often it runs', () => {
  const sql = `INSERT INTO calls (a, b, c) VALUES (?, ?, ?) -- ${'x'.repeat(200)}`
  const record = recordOf(Array.from({ length: 100 }, (_, i) => [sql, [i, 'id', null]]))
  assert.ok(record.length < 200 + 100 * 12, `record is ${record.length} bytes`)
})

test('S2: exec scripts and rollbacks to a mark are encoded faithfully', () => {
  const log = new PendingLog()
  log.add('CREATE TABLE a (x); CREATE TABLE b (y);', [], true)
  const mark = log.mark()
  log.add('INSERT INTO a VALUES (?)', ['dropped'], false)
  log.add('DROPPED TEXT', [], false)
  log.rollbackTo(mark)
  log.add('INSERT INTO a VALUES (?)', [2], false)
  assert.equal(log.statementCount, 2)
  const { records } = scanJournal(log.encodeRecord(0), 0)
  assert.deepEqual(decodePayload(records[0]?.payload ?? new Uint8Array()).statements, [
    { sql: 'CREATE TABLE a (x); CREATE TABLE b (y);', exec: true, params: [] },
    { sql: 'INSERT INTO a VALUES (?)', exec: false, params: [2] },
  ])
  log.clear()
  assert.equal(log.statementCount, 0)
})

const first = recordOf([['INSERT INTO t VALUES (?)', ['first']]])
const second = recordOf([['INSERT INTO t VALUES (?)', ['second']]])

test('S2: a torn tail record is dropped when its header is incomplete', () => {
  for (let cut = 1; cut < RECORD_HEADER_BYTES; cut++) {
    const scan = scanJournal(concat(first, second.subarray(0, cut)), 0)
    assert.equal(scan.records.length, 1)
    assert.equal(scan.validEnd, first.length)
    assert.equal(scan.tornTailBytes, cut)
  }
})

test('S2: a torn tail record is dropped when its declared length runs past the end', () => {
  for (let cut = RECORD_HEADER_BYTES; cut < second.length; cut++) {
    const scan = scanJournal(concat(first, second.subarray(0, cut)), 0)
    assert.deepEqual(
      scan.records.map((record) => record.offset),
      [0],
    )
    assert.equal(scan.validEnd, first.length)
  }
})

test('S2: a torn tail record is dropped when the rest of the file is zero bytes', () => {
  const zeros = new Uint8Array(second.length)
  assert.equal(scanJournal(concat(first, zeros), 0).validEnd, first.length)
  // A header that reached the disk with a payload that did not.
  const headerOnly = concat(second.subarray(0, RECORD_HEADER_BYTES), zeros).subarray(
    0,
    second.length,
  )
  assert.equal(scanJournal(concat(first, headerOnly), 0).validEnd, first.length)
})

test('S2: a bad record followed by more data is corruption, with its byte offset', () => {
  const flipped = concat(first, second, first)
  flipBits(flipped, first.length + RECORD_HEADER_BYTES + 3, 0x01)
  assert.throws(
    () => scanJournal(flipped, 100),
    (error: unknown) =>
      error instanceof JournalCorruption &&
      error.offset === 100 + first.length &&
      /checksum/.test(error.message),
  )
  const badMagic = concat(first, second, first)
  flipBits(badMagic, first.length, 0xff)
  assert.throws(
    () => scanJournal(badMagic, 0),
    (error: unknown) => error instanceof JournalCorruption && error.offset === first.length,
  )
  // A flipped length bit would look like a torn tail, but an intact record follows it.
  const longLength = concat(first, second, first)
  flipBits(longLength, first.length + 6, 0x01)
  assert.throws(
    () => scanJournal(longLength, 0),
    (error: unknown) => error instanceof JournalCorruption && error.offset === first.length,
  )
})

test('S2: a last record that fails its checksum, followed by nothing or zeros, is a torn tail', () => {
  for (const after of [new Uint8Array(0), new Uint8Array(100)]) {
    const bytes = concat(first, second, after)
    flipBits(bytes, first.length + second.length - 1, 0x01)
    const scan = scanJournal(bytes, 0)
    assert.equal(scan.validEnd, first.length)
    assert.equal(scan.tornTailBytes, second.length + after.length)
  }
})
