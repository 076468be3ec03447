import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { CODES, engineError, snapshotFiles, temporaryDir } from './test-fixtures/helpers'
import { WorkspaceStore } from './workspace-store'

test('S1: opening a directory that does not exist creates a workspace', async () => {
  const dir = join(temporaryDir(), 'nested', 'workspace')
  const store = await WorkspaceStore.open(dir)
  assert.equal(store.dir, dir)
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'FORMAT'), 'utf8')), {
    format: 1,
    application: 'memograph',
  })
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'HEAD'), 'utf8')), {
    generation: 0,
    image: null,
  })
  assert.ok(statSync(join(dir, 'db')).isDirectory())
  assert.ok(statSync(join(dir, 'blobs')).isDirectory())
  assert.equal(existsSync(join(dir, 'lock')), false, 'opening does not take the lock')
  store.close()
})

test('S1: opening an empty directory creates a workspace', async () => {
  const dir = temporaryDir()
  const store = await WorkspaceStore.open(dir)
  assert.ok(existsSync(join(dir, 'FORMAT')))
  await store.acquireWriteLock('schema')
  store.exec('CREATE TABLE t (x)')
  store.close()
  const reopened = await WorkspaceStore.open(dir)
  assert.deepEqual(reopened.all("SELECT name FROM sqlite_master WHERE type = 'table'"), [
    { name: 't' },
  ])
  reopened.close()
})

test('S1: a non-empty directory without FORMAT is refused, and nothing is written', async () => {
  const dir = temporaryDir()
  writeFileSync(join(dir, 'notes.txt'), 'my thesis')
  mkdirSync(join(dir, 'data'))
  const before = snapshotFiles(dir)
  await assert.rejects(
    WorkspaceStore.open(dir),
    engineError(CODES.workspaceNotMemograph, dir, 'not a Memograph workspace'),
  )
  assert.deepEqual(snapshotFiles(dir), before)
})

test('S1: a FORMAT not written by Memograph is refused', async () => {
  const dir = temporaryDir()
  writeFileSync(join(dir, 'FORMAT'), 'format: 1\n')
  const before = snapshotFiles(dir)
  await assert.rejects(WorkspaceStore.open(dir), engineError(CODES.workspaceNotMemograph, dir))
  writeFileSync(join(dir, 'FORMAT'), JSON.stringify({ format: 1, application: 'other' }))
  await assert.rejects(WorkspaceStore.open(dir), engineError(CODES.workspaceNotMemograph, dir))
  assert.deepEqual(Object.keys(snapshotFiles(dir)), Object.keys(before))
})

test('S1: a file where the workspace directory should be is refused', async () => {
  const path = join(temporaryDir(), 'file')
  writeFileSync(path, 'x')
  await assert.rejects(WorkspaceStore.open(path), engineError(CODES.workspaceNotMemograph, path))
})

test('S1: a newer format is refused with an upgrade message, and not even a lock file is written', async () => {
  const dir = temporaryDir()
  const store = await WorkspaceStore.open(dir)
  await store.acquireWriteLock('schema')
  store.exec('CREATE TABLE t (x)')
  store.close()
  writeFileSync(join(dir, 'FORMAT'), JSON.stringify({ format: 2, application: 'memograph' }))
  const before = snapshotFiles(dir)
  await assert.rejects(
    WorkspaceStore.open(dir),
    engineError(
      CODES.workspaceFormatTooNew,
      `Workspace ${dir} was written by a newer Memograph (format 2); this build reads format 1. ` +
        'Upgrade Memograph; the workspace was not modified.',
    ),
  )
  assert.deepEqual(snapshotFiles(dir), before)
  assert.equal(existsSync(join(dir, 'lock')), false)
})

test('S1: opening and reading an existing workspace writes nothing', async () => {
  const dir = temporaryDir()
  const writer = await WorkspaceStore.open(dir)
  await writer.acquireWriteLock('fill')
  writer.exec('CREATE TABLE t (x)')
  writer.run('INSERT INTO t VALUES (?)', [1])
  writer.blobs.put(new Uint8Array([9, 9]))
  writer.commit()
  writer.checkpoint()
  writer.run('INSERT INTO t VALUES (?)', [2])
  writer.close()

  const before = snapshotFiles(dir)
  const reader = await WorkspaceStore.open(dir)
  assert.deepEqual(reader.all('SELECT x FROM t'), [{ x: 1 }, { x: 2 }])
  for (const id of reader.blobs.ids()) reader.blobs.get(id)
  reader.refresh()
  reader.stats()
  reader.close()
  assert.deepEqual(snapshotFiles(dir), before)
})
