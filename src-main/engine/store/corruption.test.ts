import assert from 'node:assert/strict'
import { readFileSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { CODES, engineError, flipBits, snapshotFiles, temporaryDir } from './test-fixtures/helpers'
import { WorkspaceStore } from './workspace-store'

/** A workspace at generation 1 (an image) with two commits in journal-1 and one blob. */
async function checkpointedWorkspace(): Promise<string> {
  const dir = temporaryDir()
  const store = await WorkspaceStore.open(dir)
  await store.acquireWriteLock('fill')
  store.exec('CREATE TABLE t (x)')
  for (let i = 0; i < 100; i++) store.run('INSERT INTO t VALUES (?)', [`row ${i}`])
  store.checkpoint()
  store.run('INSERT INTO t VALUES (?)', ['after image 1'])
  store.commit()
  store.run('INSERT INTO t VALUES (?)', ['after image 2'])
  store.commit()
  store.blobs.put(new TextEncoder().encode('a blob'))
  store.close()
  return dir
}

const image1 = (dir: string): string => join(dir, 'db', 'image-1.sqlite')
const journal1 = (dir: string): string => join(dir, 'db', 'journal-1.log')

async function assertOpenFailsWritingNothing(dir: string, ...parts: string[]): Promise<void> {
  const before = snapshotFiles(dir)
  await assert.rejects(WorkspaceStore.open(dir), engineError(CODES.workspaceCorrupted, ...parts))
  assert.deepEqual(snapshotFiles(dir), before)
}

test('S7: a bit flip in the image is corruption naming the file, and nothing is written', async () => {
  const dir = await checkpointedWorkspace()
  const bytes = readFileSync(image1(dir))
  flipBits(bytes, Math.floor(bytes.length / 2), 0x04)
  writeFileSync(image1(dir), bytes)
  await assertOpenFailsWritingNothing(dir, image1(dir), 'SHA-256')
})

test('S7: a truncated image is corruption naming the file, and nothing is written', async () => {
  const dir = await checkpointedWorkspace()
  truncateSync(image1(dir), statSync(image1(dir)).size - 4096)
  await assertOpenFailsWritingNothing(dir, image1(dir), 'bytes')
})

test('S7: a missing image is corruption naming the file', async () => {
  const dir = await checkpointedWorkspace()
  renameSync(image1(dir), `${image1(dir)}.moved`)
  await assertOpenFailsWritingNothing(dir, image1(dir), 'missing')
})

test('S7: an unreadable HEAD is corruption naming the file', async () => {
  const dir = await checkpointedWorkspace()
  writeFileSync(join(dir, 'HEAD'), '{"generation": "one"}')
  await assertOpenFailsWritingNothing(dir, join(dir, 'HEAD'))
})

test('S7: a corrupt journal record not at the tail is corruption with its offset', async () => {
  const dir = await checkpointedWorkspace()
  const bytes = readFileSync(journal1(dir))
  flipBits(bytes, 5, 0x01) // the first record's length field
  writeFileSync(journal1(dir), bytes)
  await assertOpenFailsWritingNothing(dir, journal1(dir), 'byte offset 0')
})

test('S7: a journal shorter than what a reader already applied is corruption', async () => {
  const dir = await checkpointedWorkspace()
  const reader = await WorkspaceStore.open(dir)
  truncateSync(journal1(dir), 0)
  const before = snapshotFiles(dir)
  assert.throws(() => reader.refresh(), engineError(CODES.workspaceCorrupted, journal1(dir)))
  assert.deepEqual(snapshotFiles(dir), before)
  assert.equal(reader.all('SELECT x FROM t').length, 102, 'the reader keeps its last good state')
  reader.close()
})

test('S7: corruption found by refresh() leaves the reader and the files unchanged', async () => {
  const dir = await checkpointedWorkspace()
  const reader = await WorkspaceStore.open(dir)
  const thirdRecord = statSync(journal1(dir)).size
  const writer = await WorkspaceStore.open(dir)
  await writer.acquireWriteLock('more')
  writer.run('INSERT INTO t VALUES (?)', ['third'])
  writer.commit()
  writer.run('INSERT INTO t VALUES (?)', ['fourth'])
  writer.commit()
  writer.close()
  const bytes = readFileSync(journal1(dir))
  flipBits(bytes, thirdRecord + 20, 0xff)

  writeFileSync(journal1(dir), bytes)
  const before = snapshotFiles(dir)
  assert.throws(
    () => reader.refresh(),
    engineError(CODES.workspaceCorrupted, journal1(dir), `byte offset ${thirdRecord}`),
  )
  assert.deepEqual(snapshotFiles(dir), before)
  assert.equal(reader.all('SELECT x FROM t').length, 102)
  reader.close()
})

test('S7: a blob whose bytes do not hash to its id is corruption naming the blob path', async () => {
  const dir = await checkpointedWorkspace()
  const store = await WorkspaceStore.open(dir)
  const [id] = [...store.blobs.ids()]
  assert.ok(id !== undefined)
  const path = join(dir, 'blobs', id.slice(0, 2), id)
  writeFileSync(path, 'b blob')
  const before = snapshotFiles(dir)
  assert.throws(() => store.blobs.get(id), engineError(CODES.workspaceCorrupted, path))
  store.close()
  assert.deepEqual(snapshotFiles(dir), before)
})
