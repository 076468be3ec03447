/**
 * Test child for crash safety: `crash-writer.ts <dir>` commits forever until it is killed.
 * Each commit puts a blob and inserts three rows that reference it plus a progress row. A 4 MB
 * filler table makes every checkpoint slow, and a tiny policy checkpoints every few commits, so
 * kills land in every phase: blob write, statements, journal append, and often a checkpoint.
 * Before a commit that will checkpoint it prints "<seq> checkpoint next", so the parent can aim
 * kills at checkpoints; after commit() returns it prints the commit's sequence number.
 */
import { WorkspaceStore } from '../workspace-store'

const [dir = ''] = process.argv.slice(2)
const CHECKPOINT_AT = 4096
const store = await WorkspaceStore.open(dir, {
  lockTimeoutMs: 10_000,
  checkpointPolicy: { minJournalBytes: CHECKPOINT_AT, imageFraction: 0 },
})
await store.acquireWriteLock('crash test')
store.exec(`
  CREATE TABLE IF NOT EXISTS rows (
    id INTEGER PRIMARY KEY AUTOINCREMENT, seq INTEGER NOT NULL, part INTEGER NOT NULL,
    payload TEXT NOT NULL, blob TEXT NOT NULL, UNIQUE (seq, part));
  CREATE TABLE IF NOT EXISTS progress (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL);
`)
if (store.getRow('SELECT 1 FROM filler LIMIT 1') === undefined) {
  store.run(`WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
             INSERT INTO filler SELECT i, zeroblob(1000) FROM n`)
}
store.commit()
const last = store.getRow('SELECT max(seq) FROM rows')?.[0]
let seq = typeof last === 'number' ? last + 1 : 1
console.log('ready')

const payload = 'p'.repeat(600)
for (;;) {
  const blob = store.blobs.put(new TextEncoder().encode(`blob of commit ${seq} `.repeat(seq % 50)))
  store.atomically(() => {
    for (let part = 0; part < 3; part++) {
      store.run('INSERT INTO rows (seq, part, payload, blob) VALUES (?, ?, ?, ?)', [
        seq,
        part,
        payload,
        blob,
      ])
    }
    store.run('INSERT OR REPLACE INTO progress (id, seq) VALUES (1, ?)', [seq])
  })
  if (store.stats().journalBytes > CHECKPOINT_AT - 2500) console.log(`${seq} checkpoint next`)
  const { checkpointed } = store.commit()
  console.log(checkpointed ? `${seq} checkpointed` : `${seq}`)
  seq++
}
