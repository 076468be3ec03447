import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { op, Storage, type Ref } from '../index'

describe('hierarchical memoization', () => {
  const executions: string[] = []
  const trainTree = op(function trainTree(seed: number) {
    executions.push(`tree ${seed}`)
    return { seed, threshold: seed / 10 }
  })
  const trainForest = op(function trainForest(nTrees: number) {
    executions.push(`forest ${nTrees}`)
    return Array.from({ length: nTrees }, (_, seed) => trainTree(seed))
  })
  const bestTree = op(function bestTree(nTrees: number) {
    const trees = Array.from({ length: nTrees }, (_, seed) => trainTree(seed))
    return trees[trees.length - 1] as Ref
  })

  test('H1: ops called inside an op are memoized in the same run and linked to it', async () => {
    const storage = await Storage.open()
    executions.length = 0
    await storage.run(() => trainForest(3))
    assert.deepEqual(executions, ['forest 3', 'tree 0', 'tree 1', 'tree 2'])
    const events = storage.runs()[0]?.events ?? []
    const forest = events.find((event) => event.op === 'trainForest')
    assert.ok(forest)
    const trees = events.filter((event) => event.op === 'trainTree')
    assert.equal(trees.length, 3)
    assert.ok(trees.every((event) => event.parentCallId === forest.callId))
    storage.close()
  })

  test('H2: a re-run of the outer call returns its outputs without entering its body', async () => {
    const storage = await Storage.open()
    await storage.run(() => trainForest(3))
    executions.length = 0
    const unwrapped = await storage.run(() => storage.unwrap(trainForest(3)))
    assert.deepEqual(executions, [])
    assert.deepEqual(
      unwrapped,
      [0, 1, 2].map((seed) => ({ seed, threshold: seed / 10 })),
    )
    assert.deepEqual(
      storage.runs()[0]?.events.map((event) => event.op),
      ['trainForest'],
    )
    storage.close()
  })

  test('H3: a bigger outer call reuses the stored inner calls and only does the new work', async () => {
    const storage = await Storage.open()
    await storage.run(() => trainForest(2))
    executions.length = 0
    await storage.run(() => trainForest(4))
    assert.deepEqual(executions, ['forest 4', 'tree 2', 'tree 3'])
    const trees = storage.runs()[0]?.events.filter((event) => event.op === 'trainTree')
    assert.deepEqual(
      trees?.map((event) => event.outcome),
      ['hit', 'hit', 'executed', 'executed'],
    )
    storage.close()
  })

  test('H4: an output that is an inner ref gets the outer history and the inner content', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      const best = bestTree(2)
      const inner = trainTree(1)
      assert.equal(best.cid, inner.cid)
      assert.notEqual(best.hid, inner.hid)
      assert.deepEqual(storage.unwrap(best), { seed: 1, threshold: 0.1 })
    })
    const again = await storage.run(() => storage.unwrap(bestTree(2)))
    assert.deepEqual(again, { seed: 1, threshold: 0.1 })
    storage.close()
  })
})
