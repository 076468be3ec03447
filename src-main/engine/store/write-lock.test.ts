import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

import { CODES, engineError, spawnFixture, temporaryDir, watchChild } from './test-fixtures/helpers'
import { type LockHolder, WorkspaceStore } from './workspace-store'

function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', ''])
  assert.ok(pid !== undefined)
  return pid
}

function writeLockFile(dir: string, holder: Partial<LockHolder> & { token?: string }): void {
  writeFileSync(
    join(dir, 'lock'),
    JSON.stringify({ host: hostname(), since: Date.now(), purpose: 'x', token: 't', ...holder }),
  )
}

const readLock = (dir: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(dir, 'lock'), 'utf8')) as Record<string, unknown>

test('S5: the lock file holds pid, host, purpose, since and a token, and goes away on release', async () => {
  const dir = temporaryDir()
  const store = await WorkspaceStore.open(dir)
  const before = Date.now()
  await store.acquireWriteLock('run pipeline.ts')
  assert.equal(store.holdsWriteLock, true)
  const lock = readLock(dir)
  assert.equal(lock.pid, process.pid)
  assert.equal(lock.host, hostname())
  assert.equal(lock.purpose, 'run pipeline.ts')
  assert.ok(typeof lock.since === 'number' && lock.since >= before)
  assert.match(String(lock.token), /^[0-9a-f-]{36}$/)
  await store.acquireWriteLock('again') // holding already: nothing happens
  store.releaseWriteLock()
  assert.equal(store.holdsWriteLock, false)
  assert.equal(existsSync(join(dir, 'lock')), false)
  store.close()
})

test('S5: a second writer waits, is told once, then fails with workspace.busy naming the holder', async () => {
  const dir = temporaryDir()
  const first = await WorkspaceStore.open(dir)
  await first.acquireWriteLock('long computation')
  const since = new Date(readLock(dir).since as number).toISOString()
  const waits: LockHolder[] = []
  const second = await WorkspaceStore.open(dir, {
    lockTimeoutMs: 300,
    onLockWait: (holder) => waits.push(holder),
  })
  const started = Date.now()
  await assert.rejects(
    second.acquireWriteLock('quick query'),
    engineError(
      CODES.workspaceBusy,
      `Workspace ${dir} is busy: pid ${process.pid} on ${hostname()} holds it for ` +
        `'long computation' since ${since}.`,
    ),
  )
  assert.ok(Date.now() - started >= 290, 'it waited for the timeout')
  assert.equal(waits.length, 1)
  assert.deepEqual(Object.keys(waits[0] ?? {}).sort(), ['host', 'pid', 'purpose', 'since'])
  assert.equal(second.holdsWriteLock, false)
  first.close()
  second.close()
})

test('S5: lockTimeoutMs 0 fails at once without calling onLockWait', async () => {
  const dir = temporaryDir()
  const first = await WorkspaceStore.open(dir)
  await first.acquireWriteLock('holder')
  let told = false
  const second = await WorkspaceStore.open(dir, {
    lockTimeoutMs: 0,
    onLockWait: () => (told = true),
  })
  const started = Date.now()
  await assert.rejects(second.acquireWriteLock('x'), engineError(CODES.workspaceBusy))
  assert.ok(Date.now() - started < 100)
  assert.equal(told, false)
  first.close()
  second.close()
})

test('S5: a waiter gets the lock soon after the holder releases it, and has caught up', async () => {
  const dir = temporaryDir()
  const first = await WorkspaceStore.open(dir)
  await first.acquireWriteLock('first')
  first.exec('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, who TEXT)')
  const second = await WorkspaceStore.open(dir, { lockTimeoutMs: 5000 })
  const acquired = second.acquireWriteLock('second')
  await new Promise((resolve) => setTimeout(resolve, 100))
  first.run('INSERT INTO t (who) VALUES (?)', ['first'])
  first.releaseWriteLock()
  const released = Date.now()
  await acquired
  assert.ok(Date.now() - released < 400, 'the poll interval is short')
  // No refresh() needed: acquiring caught up with the first writer's commit.
  assert.deepEqual(second.run('INSERT INTO t (who) VALUES (?)', ['second']).lastInsertRowid, 2)
  second.close()
  first.close()
  const reopened = await WorkspaceStore.open(dir)
  assert.deepEqual(reopened.all('SELECT * FROM t ORDER BY id'), [
    { id: 1, who: 'first' },
    { id: 2, who: 'second' },
  ])
  reopened.close()
})

test('S5: a lock whose pid is dead on this host is stale and taken over', async () => {
  const dir = temporaryDir()
  const store = await WorkspaceStore.open(dir, { lockTimeoutMs: 0 })
  writeLockFile(dir, { pid: deadPid(), purpose: 'crashed run' })
  await store.acquireWriteLock('after the crash')
  assert.equal(readLock(dir).pid, process.pid)
  assert.equal(readLock(dir).purpose, 'after the crash')
  store.close()
  assert.equal(existsSync(join(dir, 'lock')), false)
})

test('S5: a lock held from another host is never judged stale', async () => {
  const dir = temporaryDir()
  const store = await WorkspaceStore.open(dir, { lockTimeoutMs: 50 })
  writeLockFile(dir, { pid: deadPid(), host: 'other-machine', purpose: 'remote run' })
  await assert.rejects(
    store.acquireWriteLock('local'),
    engineError(CODES.workspaceBusy, 'on other-machine', "'remote run'"),
  )
  store.close()
})

test('S5: an unreadable lock file is respected until it is old, then taken over', async () => {
  const dir = temporaryDir()
  const store = await WorkspaceStore.open(dir, { lockTimeoutMs: 0 })
  writeFileSync(join(dir, 'lock'), '')
  await assert.rejects(store.acquireWriteLock('x'), engineError(CODES.workspaceBusy))
  utimesSync(join(dir, 'lock'), new Date(2000, 0, 1), new Date(2000, 0, 1))
  await store.acquireWriteLock('x')
  assert.equal(readLock(dir).pid, process.pid)
  store.close()
})

test('S5: releasing never removes a lock that another process now holds', async () => {
  const dir = temporaryDir()
  const store = await WorkspaceStore.open(dir)
  await store.acquireWriteLock('mine')
  writeLockFile(dir, { pid: process.pid, token: 'someone else' })
  store.releaseWriteLock()
  assert.equal(readLock(dir).token, 'someone else')
  store.close()
})

test('S5: contenders for a stale lock never hold it at the same time', async () => {
  const dir = temporaryDir()
  const setup = await WorkspaceStore.open(dir)
  setup.close()
  writeLockFile(dir, { pid: deadPid(), purpose: 'crashed run' })
  const children = Array.from({ length: 4 }, () =>
    watchChild(spawnFixture('./lock-contender.ts', [dir, '150'])),
  )
  const exits = await Promise.all(children.map((child) => child.exited))
  exits.forEach((exit, i) => assert.equal(exit.code, 0, children[i]?.stderr()))
  const holds = children
    .map(({ lines }) => {
      const [acquired, released] = lines.map((line) => Number(line.split(' ')[1]))
      return [acquired ?? 0, released ?? 0] as const
    })
    .sort((a, b) => a[0] - b[0])
  for (let i = 1; i < holds.length; i++) {
    assert.ok(
      (holds[i]?.[0] ?? 0) >= (holds[i - 1]?.[1] ?? 0),
      `holds overlap: ${JSON.stringify(holds)}`,
    )
  }
})
