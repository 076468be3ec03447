/**
 * Test child for two processes on one workspace: `concurrent-writer.ts <dir> <name> <rounds>`.
 * Each round takes the lock, inserts two rows with autoincrement ids, commits and releases,
 * and sometimes just refreshes as a reader. Prints "ready" and waits for a line on stdin (so
 * both processes start together), prints "done" when its rounds are over, then waits for
 * another line, refreshes, and prints a digest of the whole table: the parent compares views.
 */
import { createHash } from 'node:crypto'
import { createInterface } from 'node:readline'

import { WorkspaceStore } from '../workspace-store'

const [dir = '', name = '', rounds = '10'] = process.argv.slice(2)
const store = await WorkspaceStore.open(dir, {
  checkpointPolicy: { minJournalBytes: 3000, imageFraction: 0 },
})
await store.acquireWriteLock('schema')
store.exec(
  'CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY AUTOINCREMENT, writer TEXT, round INTEGER, part INTEGER)',
)
store.releaseWriteLock()
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
console.log('ready')
await lines.next()

for (let round = 0; round < Number(rounds); round++) {
  await store.acquireWriteLock(`${name} round ${round}`)
  store.atomically(() => {
    for (const part of [0, 1]) {
      store.run('INSERT INTO t (writer, round, part) VALUES (?, ?, ?)', [name, round, part])
    }
  })
  store.releaseWriteLock()
  if (round % 3 === 0) store.refresh()
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 5))
}
console.log('done')

await lines.next()
store.refresh()
const rows = store.all('SELECT id, writer, round, part FROM t ORDER BY id')
console.log(createHash('sha256').update(JSON.stringify(rows)).digest('hex'))
store.close()
