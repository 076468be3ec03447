import assert from 'node:assert/strict'
import { test } from 'node:test'

import { CODES, engineError, temporaryDir } from './test-fixtures/helpers'
import { WorkspaceStore } from './workspace-store'

const SCHEMA = `
  -- comments and several statements, as the memoization layer writes its schema
  CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, value);
  CREATE INDEX items_value ON items (value);
`

async function openWithSchema(dir: string | undefined): Promise<WorkspaceStore> {
  const store = await WorkspaceStore.open(dir)
  await store.acquireWriteLock('test')
  store.exec(SCHEMA)
  store.commit()
  return store
}

test('reads and writes in memory: run, get, all, getRow', async () => {
  const store = await openWithSchema(undefined)
  assert.equal(store.dir, null)
  const first = store.run('INSERT INTO items (name, value) VALUES (?, ?)', ['a', 1])
  assert.deepEqual(first, { changes: 1, lastInsertRowid: 1 })
  assert.deepEqual(store.run('INSERT INTO items (name, value) VALUES (?, ?)', ['b', 2.5]), {
    changes: 1,
    lastInsertRowid: 2,
  })
  assert.deepEqual(store.get('SELECT * FROM items WHERE name = ?', ['b']), {
    id: 2,
    name: 'b',
    value: 2.5,
  })
  assert.deepEqual(store.getRow('SELECT id, value FROM items WHERE name = ?', ['a']), [1, 1])
  assert.equal(store.getRow('SELECT id FROM items WHERE name = ?', ['zzz']), undefined)
  assert.deepEqual(
    store.all('SELECT name FROM items ORDER BY id').map((row) => row.name),
    ['a', 'b'],
  )
  const update = store.run('UPDATE items SET value = value + 1')
  assert.equal(update.changes, 2)
  assert.equal(store.pendingStatements, 3)
  const stats = store.commit()
  assert.equal(stats.statements, 3)
  assert.equal(stats.bytes, 0, 'nothing is written in memory')
  assert.equal(store.pendingStatements, 0)
  store.close()
})

test('a store in memory writes without taking the lock and has in-memory blobs', async () => {
  const store = await WorkspaceStore.open(undefined)
  store.exec('CREATE TABLE t (x)')
  store.run('INSERT INTO t VALUES (1)')
  const id = store.blobs.put(new Uint8Array([1, 2, 3]))
  assert.deepEqual(store.blobs.get(id), new Uint8Array([1, 2, 3]))
  assert.deepEqual([...store.blobs.ids()], [id])
  assert.deepEqual(store.stats(), {
    generation: 0,
    imageBytes: 0,
    journalBytes: 0,
    blobCount: 1,
    blobBytes: 3,
  })
  store.commit()
  assert.equal(store.refresh(), false)
  store.close()
})

test('committed work survives reopening, with every parameter type intact', async () => {
  const dir = temporaryDir()
  const store = await openWithSchema(dir)
  const values = [
    null,
    0,
    -1,
    2 ** 40,
    -(2 ** 53 - 1),
    Number.MAX_SAFE_INTEGER,
    1e300,
    -0.125,
    'text with ünïcödé and 😀',
    '',
    new Uint8Array([0, 255, 7]),
    new Uint8Array(0),
  ]
  values.forEach((value, i) =>
    store.run('INSERT INTO items (name, value) VALUES (?, ?)', [`v${i}`, value]),
  )
  store.commit()
  const before = store.all('SELECT * FROM items ORDER BY id')
  store.close()

  const reopened = await WorkspaceStore.open(dir)
  assert.deepEqual(reopened.all('SELECT * FROM items ORDER BY id'), before)
  assert.deepEqual(
    reopened.all('SELECT value FROM items ORDER BY id').map((row) => row.value),
    values,
  )
  reopened.close()
})

test('uncommitted work is not persisted', async () => {
  const dir = temporaryDir()
  const store = await openWithSchema(dir)
  store.run('INSERT INTO items (name) VALUES (?)', ['committed'])
  store.commit()
  store.run('INSERT INTO items (name) VALUES (?)', ['pending'])
  const other = await WorkspaceStore.open(dir)
  assert.deepEqual(other.all('SELECT name FROM items'), [{ name: 'committed' }])
  other.close()
  store.close() // commits the pending insert
  const reopened = await WorkspaceStore.open(dir)
  assert.equal(reopened.all('SELECT name FROM items').length, 2)
  reopened.close()
})

test('atomically: a throwing function is rolled back and left out of the commit', async () => {
  const dir = temporaryDir()
  const store = await openWithSchema(dir)
  store.run('INSERT INTO items (name) VALUES (?)', ['kept'])
  assert.throws(
    () =>
      store.atomically(() => {
        store.run('INSERT INTO items (name) VALUES (?)', ['dropped'])
        throw new Error('boom')
      }),
    /boom/,
  )
  assert.equal(store.pendingStatements, 1)
  assert.deepEqual(store.all('SELECT name FROM items'), [{ name: 'kept' }])
  store.close()
  const reopened = await WorkspaceStore.open(dir)
  assert.deepEqual(reopened.all('SELECT name FROM items'), [{ name: 'kept' }])
  reopened.close()
})

test('atomically nests: an inner failure caught by the outer function keeps the outer work', async () => {
  const dir = temporaryDir()
  const store = await openWithSchema(dir)
  const result = store.atomically(() => {
    store.run('INSERT INTO items (name) VALUES (?)', ['outer'])
    try {
      store.atomically(() => {
        store.run('INSERT INTO items (name) VALUES (?)', ['inner'])
        store.run('INSERT INTO items (name) VALUES (?)', ['outer']) // UNIQUE violation
      })
    } catch {
      // the inner savepoint is undone
    }
    return store.atomically(() => store.run('INSERT INTO items (name) VALUES (?)', ['second']))
  })
  // The undone insert gives its id back, as it must for replay to assign the same ids.
  assert.equal(result.lastInsertRowid, 2)
  assert.equal(store.pendingStatements, 2)
  store.close()
  const reopened = await WorkspaceStore.open(dir)
  assert.deepEqual(reopened.all('SELECT id, name FROM items ORDER BY id'), [
    { id: 1, name: 'outer' },
    { id: 2, name: 'second' },
  ])
  reopened.close()
})

test('a failing statement has no effect and is not journaled', async () => {
  const dir = temporaryDir()
  const store = await openWithSchema(dir)
  store.run('INSERT INTO items (name) VALUES (?)', ['a'])
  assert.throws(() => store.run('INSERT INTO items (name) VALUES (?)', ['a']), /UNIQUE/)
  assert.throws(() => store.exec('CREATE TABLE extra (x); CREATE TABLE items (y);'), /exists/)
  assert.equal(store.get("SELECT name FROM sqlite_master WHERE name = 'extra'"), undefined)
  assert.equal(store.pendingStatements, 1)
  store.close()
  const reopened = await WorkspaceStore.open(dir)
  assert.deepEqual(reopened.all('SELECT name FROM items'), [{ name: 'a' }])
  reopened.close()
})

test('programming errors are internal errors', async () => {
  const dir = temporaryDir()
  const writer = await openWithSchema(dir)
  const reader = await WorkspaceStore.open(dir)
  const isInternal = engineError(CODES.internal)
  assert.throws(() => reader.run('INSERT INTO items (name) VALUES (1)'), isInternal)
  assert.throws(() => reader.exec('CREATE TABLE x (y)'), isInternal)
  assert.throws(() => reader.checkpoint(), isInternal)
  assert.throws(() => writer.get('DELETE FROM items'), isInternal)
  assert.throws(() => writer.run('COMMIT'), isInternal)
  assert.throws(() => writer.exec('CREATE TABLE x (y); BEGIN;'), isInternal)
  assert.throws(() => writer.atomically(() => writer.commit()), isInternal)
  assert.throws(() => writer.atomically(() => Promise.resolve(1)), isInternal)
  writer.run('INSERT INTO items (name) VALUES (1)')
  assert.throws(() => writer.refresh(), isInternal)
  assert.throws(
    () => writer.run('INSERT INTO items (name) VALUES (?)', ['lone \ud800 surrogate']),
    engineError(CODES.valueUnencodable),
  )
  assert.equal(writer.pendingStatements, 1)
  writer.close()
  reader.close()
})

test('a closed store refuses every use with storage.closed', async () => {
  const store = await openWithSchema(temporaryDir())
  store.close()
  store.close() // closing twice is harmless
  const isClosed = engineError(CODES.storageClosed)
  assert.throws(() => store.get('SELECT 1'), isClosed)
  assert.throws(() => store.getRow('SELECT 1'), isClosed)
  assert.throws(() => store.run('INSERT INTO items (name) VALUES (1)'), isClosed)
  assert.throws(() => store.commit(), isClosed)
  assert.throws(() => store.refresh(), isClosed)
  assert.throws(() => store.stats(), isClosed)
  assert.throws(() => store.blobs.put(new Uint8Array(1)), isClosed)
  await assert.rejects(store.acquireWriteLock('late'), isClosed)
})

test('statement cache: many distinct statements stay correct past the cache size', async () => {
  const store = await openWithSchema(undefined)
  for (let i = 0; i < 600; i++) {
    store.run(`INSERT INTO items (name, value) VALUES ('n${i}', ${i})`)
    assert.deepEqual(store.getRow(`SELECT value FROM items WHERE name = 'n${i}'`), [i])
    assert.deepEqual(store.getRow('SELECT count(*) FROM items'), [i + 1])
  }
  store.close()
})

test('releaseWriteLock commits pending work first', async () => {
  const dir = temporaryDir()
  const store = await openWithSchema(dir)
  store.run('INSERT INTO items (name) VALUES (?)', ['x'])
  store.releaseWriteLock()
  assert.equal(store.holdsWriteLock, false)
  assert.equal(store.pendingStatements, 0)
  const other = await WorkspaceStore.open(dir)
  assert.deepEqual(other.all('SELECT name FROM items'), [{ name: 'x' }])
  other.close()
  store.close()
})

test('WITH statements: reads may select, writes must go through run() and are journaled', async () => {
  const dir = temporaryDir()
  const store = await openWithSchema(dir)
  assert.deepEqual(store.getRow('WITH x (n) AS (SELECT 41) SELECT n + 1 FROM x'), [42])
  const insert = "WITH x (n) AS (SELECT 'from cte') INSERT INTO items (name) SELECT n FROM x"
  assert.throws(() => store.get(insert), engineError(CODES.internal, 'use run()'))
  assert.deepEqual(store.run(insert), { changes: 1, lastInsertRowid: 1 })
  store.close()
  const reopened = await WorkspaceStore.open(dir)
  assert.deepEqual(reopened.all('SELECT name FROM items'), [{ name: 'from cte' }])
  reopened.close()
})

test('an insert row id is read lazily and only before the next statement', async () => {
  const store = await openWithSchema(undefined)
  const result = store.run('INSERT INTO items (name, value) VALUES (?, ?)', ['lazy', 1])
  store.run('INSERT INTO items (name, value) VALUES (?, ?)', ['next', 2])
  assert.throws(
    () => result.lastInsertRowid,
    /lastInsertRowid must be read before the next statement/,
  )
  store.close()
})
