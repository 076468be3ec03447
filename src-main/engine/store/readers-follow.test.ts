import assert from 'node:assert/strict'
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { PendingLog } from './journal-codec'
import { temporaryDir } from './test-fixtures/helpers'
import { WorkspaceStore } from './workspace-store'

async function writerAndReader(): Promise<{
  dir: string
  writer: WorkspaceStore
  reader: WorkspaceStore
}> {
  const dir = temporaryDir()
  const writer = await WorkspaceStore.open(dir)
  await writer.acquireWriteLock('write')
  writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)')
  writer.commit()
  const reader = await WorkspaceStore.open(dir)
  return { dir, writer, reader }
}

const values = (store: WorkspaceStore): unknown[] =>
  store.all('SELECT v FROM t ORDER BY id').map((row) => row.v)

test('S6: a reader that opened earlier sees committed work after refresh()', async () => {
  const { writer, reader } = await writerAndReader()
  assert.equal(reader.refresh(), false, 'nothing new yet')
  writer.run('INSERT INTO t (v) VALUES (?)', ['one'])
  assert.equal(reader.refresh(), false, 'pending work is not visible')
  assert.deepEqual(values(reader), [])
  writer.commit()
  assert.deepEqual(values(reader), [], 'nothing changes until refresh()')
  assert.equal(reader.refresh(), true)
  assert.deepEqual(values(reader), ['one'])
  writer.run('INSERT INTO t (v) VALUES (?)', ['two'])
  writer.run('INSERT INTO t (v) VALUES (?)', ['three'])
  writer.commit()
  assert.equal(reader.refresh(), true)
  assert.deepEqual(
    reader.all('SELECT * FROM t ORDER BY id'),
    writer.all('SELECT * FROM t ORDER BY id'),
  )
  assert.equal(reader.refresh(), false)
  writer.close()
  reader.close()
})

test('S6: after a checkpoint, refresh() reloads from the new image and journal', async () => {
  const { writer, reader } = await writerAndReader()
  writer.run('INSERT INTO t (v) VALUES (?)', ['before checkpoint'])
  writer.checkpoint()
  writer.run('INSERT INTO t (v) VALUES (?)', ['after checkpoint'])
  writer.commit()
  assert.equal(reader.refresh(), true)
  assert.deepEqual(values(reader), ['before checkpoint', 'after checkpoint'])
  assert.equal(reader.stats().generation, 1)
  // and follows the new generation's journal from there
  writer.run('INSERT INTO t (v) VALUES (?)', ['later'])
  writer.commit()
  assert.equal(reader.refresh(), true)
  assert.deepEqual(values(reader), ['before checkpoint', 'after checkpoint', 'later'])
  writer.close()
  reader.close()
})

test('S6: a reader never sees a partially written record', async () => {
  const { dir, writer, reader } = await writerAndReader()
  writer.close()
  const log = new PendingLog()
  log.add('INSERT INTO t (v) VALUES (?)', ['appearing'], false)
  const record = log.encodeRecord(Date.now())
  const journal = join(dir, 'db', 'journal-0.log')
  // The record arrives in pieces, as a reader may observe an append in progress.
  for (const [from, to] of [
    [0, 7],
    [7, 30],
    [30, record.length - 1],
  ] as const) {
    appendFileSync(journal, record.subarray(from, to))
    assert.equal(reader.refresh(), false)
    assert.deepEqual(values(reader), [])
  }
  appendFileSync(journal, record.subarray(record.length - 1))
  assert.equal(reader.refresh(), true)
  assert.deepEqual(values(reader), ['appearing'])
  reader.close()
})

test('S6: a store that wrote and released the lock follows later writers too', async () => {
  const { writer, reader } = await writerAndReader()
  writer.run('INSERT INTO t (v) VALUES (?)', ['by writer'])
  writer.releaseWriteLock()
  await reader.acquireWriteLock('take turns')
  reader.run('INSERT INTO t (v) VALUES (?)', ['by reader'])
  reader.releaseWriteLock()
  assert.equal(writer.refresh(), true)
  assert.deepEqual(values(writer), ['by writer', 'by reader'])
  assert.deepEqual(values(reader), ['by writer', 'by reader'])
  writer.close()
  reader.close()
})
