import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { CODES, engineError, temporaryDir } from './test-fixtures/helpers'
import { type OpenWorkspaceOptions, WorkspaceStore } from './workspace-store'

const ROW = 'x'.repeat(100)

async function writer(dir: string, options: OpenWorkspaceOptions = {}): Promise<WorkspaceStore> {
  const store = await WorkspaceStore.open(dir, options)
  await store.acquireWriteLock('test')
  store.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)')
  store.commit()
  return store
}

const head = (dir: string): { generation: number; image: { bytes: number; sha256: string } } =>
  JSON.parse(readFileSync(join(dir, 'HEAD'), 'utf8')) as {
    generation: number
    image: { bytes: number; sha256: string }
  }

test('S4: a commit appends only its record and leaves the image alone', async () => {
  const dir = temporaryDir()
  const store = await writer(dir)
  for (let i = 0; i < 1000; i++) store.run('INSERT INTO t (v) VALUES (?)', [ROW])
  store.checkpoint()
  const image = join(dir, 'db', 'image-1.sqlite')
  const imageBefore = statSync(image)
  for (let i = 0; i < 10; i++) {
    const journalBefore = statSync(join(dir, 'db', 'journal-1.log')).size
    store.run('INSERT INTO t (v) VALUES (?)', [ROW])
    const { bytes, checkpointed } = store.commit()
    assert.equal(checkpointed, false)
    assert.equal(statSync(join(dir, 'db', 'journal-1.log')).size, journalBefore + bytes)
    assert.ok(bytes < 200, `a one-row commit is ${bytes} bytes`)
  }
  const imageAfter = statSync(image)
  assert.deepEqual(
    [imageAfter.ino, imageAfter.size, imageAfter.mtimeMs],
    [imageBefore.ino, imageBefore.size, imageBefore.mtimeMs],
  )
  store.close()
})

test('S4: a data change that changed nothing is left out of the journal', async () => {
  const dir = temporaryDir()
  const store = await writer(dir)
  store.exec('CREATE UNIQUE INDEX t_v ON t (v)')
  store.run('INSERT INTO t (v) VALUES (?)', ['known'])
  store.commit()
  const journal = join(dir, 'db', 'journal-0.log')
  const before = statSync(journal).size
  assert.equal(store.run('INSERT OR IGNORE INTO t (v) VALUES (?)', ['known']).changes, 0)
  assert.equal(store.run('UPDATE t SET v = ? WHERE v = ?', ['x', 'absent']).changes, 0)
  assert.equal(store.pendingStatements, 0)
  assert.equal(store.commit().bytes, 0)
  assert.equal(statSync(journal).size, before)
  store.close()
})

test('S4: commit checkpoints when the journal outgrows max(minJournalBytes, imageFraction × image)', async () => {
  const dir = temporaryDir()
  const policy = { minJournalBytes: 4000, imageFraction: 0.5 }
  const store = await writer(dir, { checkpointPolicy: policy })
  let generation = 0
  for (let round = 0; round < 80; round++) {
    const journalBefore = store.stats().journalBytes
    const imageBytes = store.stats().imageBytes
    store.run('INSERT INTO t (v) VALUES (?)', [ROW])
    const stats = store.commit()
    const threshold = Math.max(policy.minJournalBytes, policy.imageFraction * imageBytes)
    assert.equal(stats.checkpointed, journalBefore + stats.bytes > threshold, `round ${round}`)
    if (!stats.checkpointed) continue
    generation++
    const current = head(dir)
    assert.equal(current.generation, generation)
    const imageBytesOnDisk = readFileSync(join(dir, 'db', `image-${generation}.sqlite`))
    assert.equal(current.image.bytes, imageBytesOnDisk.length)
    assert.equal(current.image.sha256, createHash('sha256').update(imageBytesOnDisk).digest('hex'))
    assert.deepEqual(readdirSync(join(dir, 'db')).sort(), [
      `image-${generation}.sqlite`,
      `journal-${generation}.log`,
    ])
    assert.deepEqual(store.stats(), {
      generation,
      imageBytes: imageBytesOnDisk.length,
      journalBytes: 0,
      blobCount: 0,
      blobBytes: 0,
    })
  }
  assert.ok(generation >= 2, `checkpointed ${generation} times`)
  // Statements cached before the checkpoints still work after them.
  assert.deepEqual(store.getRow('SELECT count(*) FROM t'), [80])
  store.close()
  const reopened = await WorkspaceStore.open(dir)
  assert.deepEqual(reopened.getRow('SELECT count(*), max(id) FROM t'), [80, 80])
  reopened.close()
})

test('S4: checkpoint() commits pending work first and needs the write lock', async () => {
  const dir = temporaryDir()
  const store = await writer(dir)
  store.run('INSERT INTO t (v) VALUES (?)', ['pending'])
  store.checkpoint()
  assert.equal(store.pendingStatements, 0)
  assert.equal(head(dir).generation, 1)
  store.releaseWriteLock()
  assert.throws(() => store.checkpoint(), engineError(CODES.internal, 'write lock'))
  store.close()
  const reopened = await WorkspaceStore.open(dir)
  assert.deepEqual(reopened.all('SELECT v FROM t'), [{ v: 'pending' }])
  reopened.close()
})

test('S4: files of an interrupted checkpoint are ignored on open and removed by the next one', async () => {
  const dir = temporaryDir()
  const store = await writer(dir)
  store.run('INSERT INTO t (v) VALUES (?)', ['kept'])
  store.checkpoint() // generation 1
  store.run('INSERT INTO t (v) VALUES (?)', ['in journal 1'])
  store.close()
  // What a writer killed during its checkpoint to generation 2 (or 3) leaves behind.
  const leftovers = ['image-2.sqlite', 'image-2.sqlite.tmp', 'journal-2.log', 'image-3.sqlite.tmp']
  for (const name of leftovers) writeFileSync(join(dir, 'db', name), 'garbage from a crash')
  const headTemporary = join(dir, 'HEAD.tmp-123-abc')
  writeFileSync(headTemporary, '{"generation":2')
  utimesSync(headTemporary, new Date(2000, 0, 1), new Date(2000, 0, 1))

  const reopened = await writer(dir)
  assert.deepEqual(
    reopened.all('SELECT v FROM t ORDER BY id').map((row) => row.v),
    ['kept', 'in journal 1'],
  )
  reopened.checkpoint() // generation 2: overwrites the leftovers under its names
  assert.deepEqual(readdirSync(join(dir, 'db')).sort(), ['image-2.sqlite', 'journal-2.log'])
  assert.equal(existsSync(headTemporary), false)
  reopened.close()
  const again = await WorkspaceStore.open(dir)
  assert.equal(again.all('SELECT v FROM t').length, 2)
  again.close()
})

test('S4: a checkpoint while readers hold the old generation open does not disturb them', async () => {
  const dir = temporaryDir()
  const store = await writer(dir)
  store.run('INSERT INTO t (v) VALUES (?)', ['one'])
  store.commit()
  const reader = await WorkspaceStore.open(dir)
  store.run('INSERT INTO t (v) VALUES (?)', ['two'])
  store.checkpoint()
  store.run('INSERT INTO t (v) VALUES (?)', ['three'])
  store.checkpoint()
  assert.deepEqual(reader.all('SELECT v FROM t').length, 1)
  assert.equal(reader.refresh(), true)
  assert.deepEqual(
    reader.all('SELECT v FROM t ORDER BY id').map((row) => row.v),
    ['one', 'two', 'three'],
  )
  assert.equal(reader.stats().generation, 2)
  reader.close()
  store.close()
})
