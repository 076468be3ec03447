import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { type BlobId, digestId } from '../ids'
import { BlobStore } from './blob-store'
import { CODES, engineError, flipBits, snapshotFiles, temporaryDir } from './test-fixtures/helpers'

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text)

function diskStore(): { root: string; blobs: BlobStore } {
  const root = join(temporaryDir(), 'blobs')
  return { root, blobs: new BlobStore(root) }
}

test('S8: a blob is stored under the digest of its bytes, in a two-character fan-out directory', () => {
  const { root, blobs } = diskStore()
  const bytes = bytesOf('hello blob')
  const id = blobs.put(bytes)
  assert.equal(id, digestId(bytes))
  assert.deepEqual(readFileSync(join(root, id.slice(0, 2), id)), Buffer.from(bytes))
  assert.deepEqual(blobs.get(id), Buffer.from(bytes))
  assert.equal(blobs.has(id), true)
  assert.deepEqual(readdirSync(join(root, 'tmp')), [], 'no temporary is left behind')
})

test('S8: putting existing content is a no-op', () => {
  const { root, blobs } = diskStore()
  const id = blobs.put(bytesOf('same'))
  const path = join(root, id.slice(0, 2), id)
  utimesSync(path, new Date(2000, 0, 1), new Date(2000, 0, 1))
  const before = snapshotFiles(root)
  assert.equal(blobs.put(bytesOf('same')), id)
  assert.deepEqual(snapshotFiles(root), before)
})

test('S8: a partial file under a blob name is replaced by the next put', () => {
  const { root, blobs } = diskStore()
  const bytes = bytesOf('complete content')
  const id = blobs.put(bytes)
  const path = join(root, id.slice(0, 2), id)
  writeFileSync(path, bytes.subarray(0, 4))
  blobs.put(bytes)
  assert.deepEqual(blobs.get(id), Buffer.from(bytes))
})

test('S8: blobs are verified on every read (S7: corruption names the blob path, writes nothing)', () => {
  const { root, blobs } = diskStore()
  const id = blobs.put(bytesOf('precious bytes'))
  const path = join(root, id.slice(0, 2), id)
  const flipped = readFileSync(path)
  flipBits(flipped, 3, 0x20)
  writeFileSync(path, flipped)
  const before = snapshotFiles(root)
  assert.throws(() => blobs.get(id), engineError(CODES.workspaceCorrupted, path))
  assert.deepEqual(snapshotFiles(root), before)
})

test('S8: a missing blob is reported as missing corruption; a malformed id is a bug', () => {
  const { blobs } = diskStore()
  const id = digestId('never stored') as BlobId
  assert.equal(blobs.has(id), false)
  assert.throws(() => blobs.get(id), engineError(CODES.workspaceCorrupted, id, 'missing'))
  assert.throws(() => blobs.get('../../etc/passwd' as BlobId), engineError(CODES.internal))
})

test('S8: ids lists every blob and delete removes one', () => {
  const { root, blobs } = diskStore()
  const ids = ['a', 'b', 'c'].map((text) => blobs.put(bytesOf(text)))
  writeFileSync(join(root, 'tmp', 'leftover'), 'x')
  assert.deepEqual([...blobs.ids()].sort(), [...ids].sort())
  assert.deepEqual(blobs.usage(), { count: 3, bytes: 3 })
  blobs.delete(ids[0] as BlobId)
  blobs.delete(ids[0] as BlobId) // deleting twice is harmless
  assert.equal(blobs.has(ids[0] as BlobId), false)
  assert.deepEqual([...blobs.ids()].sort(), ids.slice(1).sort())
})

test('S8: temporaries of killed puts are removed once they are old', () => {
  const { root, blobs } = diskStore()
  blobs.put(bytesOf('x'))
  const fresh = join(root, 'tmp', 'fresh.tmp')
  const old = join(root, 'tmp', 'old.tmp')
  writeFileSync(fresh, 'partial')
  writeFileSync(old, 'partial')
  utimesSync(old, new Date(2000, 0, 1), new Date(2000, 0, 1))
  blobs.removeAbandonedTemporaries()
  assert.deepEqual(readdirSync(join(root, 'tmp')), ['fresh.tmp'])
  assert.ok(statSync(fresh).isFile())
})

test('S8: blobs in memory are content-addressed and copied in and out', () => {
  const blobs = new BlobStore(null)
  const bytes = bytesOf('memory')
  const id = blobs.put(bytes)
  assert.equal(id, digestId(bytes))
  bytes[0] = 0
  const read = blobs.get(id)
  assert.deepEqual(read, bytesOf('memory'))
  read[0] = 0
  assert.deepEqual(blobs.get(id), bytesOf('memory'))
  assert.equal(blobs.put(bytesOf('memory')), id)
  assert.deepEqual([...blobs.ids()], [id])
  blobs.delete(id)
  assert.equal(blobs.has(id), false)
  assert.throws(() => blobs.get(id), engineError(CODES.workspaceCorrupted, 'missing'))
})
