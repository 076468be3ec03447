import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { type BlobId } from '../ids'
import { spawnFixture, temporaryDir, waitFor, watchChild } from './test-fixtures/helpers'
import { WorkspaceStore } from './workspace-store'

const KILLS = 20

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Files a checkpoint left behind when it was killed: a generation HEAD does not name. */
function interruptedCheckpointFiles(dir: string): string[] {
  const { generation } = JSON.parse(readFileSync(join(dir, 'HEAD'), 'utf8')) as {
    generation: number
  }
  return readdirSync(join(dir, 'db')).filter((name) => !name.includes(`-${generation}.`))
}

test('S3: a writer killed with SIGKILL at any point leaves exactly its returned commits', async (t) => {
  const dir = temporaryDir()
  let printedBefore = 0
  let interruptedCheckpoints = 0
  let checkpoints = 0
  for (let kill = 0; kill < KILLS; kill++) {
    const child = spawnFixture('./crash-writer.ts', [dir])
    const watch = watchChild(child)
    await waitFor(() => watch.lines.includes('ready'), 20_000, 'the writer to start')
    if (kill % 2 === 0) {
      // Short and long runs, so kills land early and late in a writer's life.
      await sleep(10 + Math.random() * (kill % 4) * 120)
    } else {
      // Aimed at a checkpoint: once its new image file appears, kill within a few
      // milliseconds, somewhere between writing that image and removing the old generation.
      const announced = (): boolean => watch.lines.some((line) => line.endsWith('checkpoint next'))
      await waitFor(announced, 20_000, 'a checkpoint')
      const started = (): boolean => interruptedCheckpointFiles(dir).length > 0
      await waitFor(started, 5_000, 'the checkpoint to write its image').catch(() => undefined)
      await sleep(Math.random() * 15)
    }
    child.kill('SIGKILL')
    const exit = await watch.exited
    assert.equal(exit.signal, 'SIGKILL', watch.stderr())

    const printed = watch.lines
      .filter((line) => /^\d+( checkpointed)?$/.test(line))
      .map((line) => parseInt(line))
    checkpoints += watch.lines.filter((line) => line.endsWith('checkpointed')).length
    if (interruptedCheckpointFiles(dir).length > 0) interruptedCheckpoints++

    const store = await WorkspaceStore.open(dir)
    const rows = store.all(
      'SELECT seq, count(*) AS parts, min(blob) AS blob FROM rows GROUP BY seq',
    )
    const seqs = rows.map((row) => Number(row.seq))
    const maxSeq = seqs.length === 0 ? 0 : Math.max(...seqs)
    const lastPrinted = printed.at(-1) ?? printedBefore
    assert.ok(maxSeq >= lastPrinted, `commit ${lastPrinted} returned but only ${maxSeq} is stored`)
    assert.ok(maxSeq <= lastPrinted + 1, `at most the commit in flight is extra (${maxSeq})`)
    assert.deepEqual(
      seqs,
      Array.from({ length: maxSeq }, (_, i) => i + 1),
      'every commit is present, in order',
    )
    for (const row of rows) {
      assert.equal(row.parts, 3, `commit ${String(row.seq)} is whole`)
      store.blobs.get(row.blob as BlobId) // present and intact, or this throws
    }
    assert.deepEqual(store.getRow('SELECT seq FROM progress'), maxSeq === 0 ? undefined : [maxSeq])
    assert.deepEqual(store.getRow('SELECT count(*), max(id) FROM rows'), [
      maxSeq * 3,
      maxSeq === 0 ? null : maxSeq * 3,
    ])
    store.close()
    printedBefore = maxSeq
  }
  t.diagnostic(
    `${printedBefore} commits, ${checkpoints} checkpoints, ${interruptedCheckpoints} kills left an interrupted checkpoint`,
  )
  assert.ok(printedBefore > KILLS, 'the writers made progress')
  assert.ok(interruptedCheckpoints > 0, 'some kills landed inside a checkpoint')
})
