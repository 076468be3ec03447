/**
 * Test child: takes the write lock of the workspace in argv[2], holds it for argv[3] ms while
 * checking the lock file stays its own, then releases it. Prints "acquired <ms>" and
 * "released <ms>" (wall-clock) so the parent can check that holds never overlap.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { WorkspaceStore } from '../workspace-store'

const [dir = '', holdMs = '100'] = process.argv.slice(2)
const store = await WorkspaceStore.open(dir, { lockTimeoutMs: 20_000 })
await store.acquireWriteLock(`contender ${process.pid}`)
console.log(`acquired ${Date.now()}`)
const deadline = Date.now() + Number(holdMs)
while (Date.now() < deadline) {
  const holder = JSON.parse(readFileSync(join(dir, 'lock'), 'utf8')) as { pid: number }
  if (holder.pid !== process.pid) throw new Error(`lock file now names pid ${holder.pid}`)
  await new Promise((resolve) => setTimeout(resolve, 10))
}
console.log(`released ${Date.now()}`)
store.close()
