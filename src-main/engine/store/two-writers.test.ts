import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'

import { spawnFixture, temporaryDir, waitFor, watchChild } from './test-fixtures/helpers'
import { WorkspaceStore } from './workspace-store'

const ROUNDS = 30

test('S5/S6: two processes writing in turns end with identical, complete views', async () => {
  const dir = temporaryDir()
  const names = ['alpha', 'beta']
  const children = names.map((name) => {
    const child = spawnFixture('./concurrent-writer.ts', [dir, name, String(ROUNDS)])
    return { child, watch: watchChild(child) }
  })
  await waitFor(
    () => children.every(({ watch }) => watch.lines.includes('ready')),
    60_000,
    'both writers to start',
  )
  for (const { child } of children) child.stdin.write('go\n')
  await waitFor(
    () => children.every(({ watch }) => watch.lines.includes('done')),
    60_000,
    'both writers to finish',
  )
  for (const { child } of children) child.stdin.end('report\n')
  const exits = await Promise.all(children.map(({ watch }) => watch.exited))
  exits.forEach((exit, i) => assert.equal(exit.code, 0, children[i]?.watch.stderr()))

  const fresh = await WorkspaceStore.open(dir)
  const rows = fresh.all('SELECT id, writer, round, part FROM t ORDER BY id')
  const digest = createHash('sha256').update(JSON.stringify(rows)).digest('hex')
  for (const { watch } of children) assert.equal(watch.lines.at(-1), digest)

  assert.equal(rows.length, names.length * ROUNDS * 2)
  assert.deepEqual(
    rows.map((row) => row.id),
    rows.map((_, i) => i + 1),
    'autoincrement ids are dense: every writer caught up before inserting',
  )
  for (const name of names) {
    for (let round = 0; round < ROUNDS; round++) {
      const parts = rows.filter((row) => row.writer === name && row.round === round)
      assert.deepEqual(
        parts.map((row) => row.part),
        [0, 1],
        `${name} round ${round}`,
      )
      assert.equal(Number(parts[1]?.id), Number(parts[0]?.id) + 1, 'a commit is contiguous')
    }
  }
  const turns = rows.filter((row, i) => i > 0 && row.writer !== rows[i - 1]?.writer).length
  assert.ok(turns >= 2, `the writers took turns ${turns} times`)
  fresh.close()
})
