import assert from 'node:assert/strict'
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { PendingLog } from './journal-codec'
import { CODES, engineError, flipBits, snapshotFiles, temporaryDir } from './test-fixtures/helpers'
import { WorkspaceStore } from './workspace-store'

const journal0 = (dir: string): string => join(dir, 'db', 'journal-0.log')

/** A workspace with three commits of one row each; returns the journal length after each. */
async function threeCommits(dir: string): Promise<number[]> {
  const store = await WorkspaceStore.open(dir)
  await store.acquireWriteLock('fill')
  store.exec('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT)')
  const ends: number[] = []
  for (const name of ['a', 'b', 'c']) {
    store.run('INSERT INTO t (name) VALUES (?)', [name])
    store.commit()
    ends.push(statSync(journal0(dir)).size)
  }
  store.close()
  return ends
}

function aRecord(): Uint8Array {
  const log = new PendingLog()
  log.add('INSERT INTO t (name) VALUES (?)', ['torn'], false)
  return log.encodeRecord(Date.now())
}

const names = (store: WorkspaceStore): unknown[] =>
  store.all('SELECT name FROM t ORDER BY id').map((row) => row.name)

test('S2: each commit appends exactly one record of the reported size', async () => {
  const dir = temporaryDir()
  const store = await WorkspaceStore.open(dir)
  await store.acquireWriteLock('fill')
  store.exec('CREATE TABLE t (x)')
  store.commit()
  for (let i = 0; i < 5; i++) {
    const before = statSync(journal0(dir)).size
    store.run('INSERT INTO t VALUES (?)', [i])
    store.run('INSERT INTO t VALUES (?)', [`${i}`])
    const stats = store.commit()
    assert.equal(stats.statements, 2)
    assert.equal(statSync(journal0(dir)).size, before + stats.bytes)
    assert.equal(stats.checkpointed, false)
  }
  const empty = store.commit()
  assert.deepEqual(
    { ...empty, durationMs: 0 },
    {
      statements: 0,
      bytes: 0,
      durationMs: 0,
      checkpointed: false,
    },
  )
  store.close()
})

test('S2: a torn tail record is dropped on open, and opening writes nothing', async () => {
  const dir = temporaryDir()
  await threeCommits(dir)
  const record = aRecord()
  for (const tail of [record.subarray(0, 5), record.subarray(0, record.length - 1)]) {
    const withTail = readFileSync(journal0(dir))
    appendFileSync(journal0(dir), tail)
    const before = snapshotFiles(dir)
    const store = await WorkspaceStore.open(dir)
    assert.deepEqual(names(store), ['a', 'b', 'c'])
    store.close()
    assert.deepEqual(snapshotFiles(dir), before)
    writeFileSync(journal0(dir), withTail)
  }
})

test('S2: the next lock holder truncates a torn tail before it appends', async () => {
  const dir = temporaryDir()
  const ends = await threeCommits(dir)
  appendFileSync(journal0(dir), aRecord().subarray(0, 20))
  appendFileSync(journal0(dir), new Uint8Array(4096)) // zeros a crash may leave
  const store = await WorkspaceStore.open(dir)
  await store.acquireWriteLock('append')
  store.run('INSERT INTO t (name) VALUES (?)', ['d'])
  const { bytes } = store.commit()
  assert.equal(statSync(journal0(dir)).size, (ends[2] ?? 0) + bytes)
  store.close()
  const reopened = await WorkspaceStore.open(dir)
  assert.deepEqual(names(reopened), ['a', 'b', 'c', 'd'])
  reopened.close()
})

test('S2: a bad record followed by more data is corruption naming the file and offset', async () => {
  const dir = temporaryDir()
  const ends = await threeCommits(dir)
  const bytes = readFileSync(journal0(dir))
  const secondRecord = ends[0] ?? 0
  flipBits(bytes, secondRecord + 20, 0x40)
  writeFileSync(journal0(dir), bytes)
  const before = snapshotFiles(dir)
  await assert.rejects(
    WorkspaceStore.open(dir),
    engineError(CODES.workspaceCorrupted, journal0(dir), `byte offset ${secondRecord}`),
  )
  assert.deepEqual(snapshotFiles(dir), before)
})

test('S2: replay assigns the same autoincrement ids in every process', async () => {
  const dir = temporaryDir()
  const writer = await WorkspaceStore.open(dir)
  await writer.acquireWriteLock('fill')
  writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT)')
  for (let i = 0; i < 20; i++) {
    writer.run('INSERT INTO t (name) VALUES (?)', [`n${i}`])
    if (i % 3 === 0) writer.run('DELETE FROM t WHERE id = (SELECT max(id) FROM t)')
  }
  writer.commit()
  const reader = await WorkspaceStore.open(dir)
  const all = 'SELECT * FROM t ORDER BY id'
  assert.deepEqual(reader.all(all), writer.all(all))
  assert.deepEqual(
    reader.getRow("SELECT seq FROM sqlite_sequence WHERE name = 't'"),
    writer.getRow("SELECT seq FROM sqlite_sequence WHERE name = 't'"),
  )
  reader.close()
  writer.close()
})

test('S2: a failed journal write rolls the pending statements back', async () => {
  const dir = temporaryDir()
  const store = await WorkspaceStore.open(dir)
  await store.acquireWriteLock('fill')
  store.exec('CREATE TABLE t (x)')
  store.commit()
  store.run('INSERT INTO t VALUES (1)')
  // Someone breaks the lock: the commit must not append, and the insert is undone.
  writeFileSync(join(dir, 'lock'), JSON.stringify({ pid: 1, token: 'someone else' }))
  assert.throws(() => store.commit(), engineError(CODES.workspaceBusy, 'lost its write lock'))
  assert.equal(store.pendingStatements, 0)
  assert.deepEqual(store.all('SELECT x FROM t'), [])
  store.close()
})
