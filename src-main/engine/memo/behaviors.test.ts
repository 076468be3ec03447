import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { op, Storage } from '../index'

describe('behaviours', () => {
  // "External data": the op's source does not change, the data it reads does.
  let external = [1, 2, 3]
  const load = op(function load() {
    return [...external]
  })
  const total = op(function total(rows: number[]) {
    return rows.reduce((a, b) => a + b, 0)
  })
  const pipelineOf = (storage: Storage) => () => storage.unwrap(total(load()))

  const outcomes = (storage: Storage) =>
    storage.runs()[0]?.events.map((event) => `${event.op}:${event.reasonCode}`)

  test('B1: by default a changed external source goes unnoticed (the reason recompute exists)', async () => {
    const storage = await Storage.open()
    const pipeline = pipelineOf(storage)
    external = [1, 2, 3]
    await storage.run(pipeline)
    external = [10, 20]
    assert.equal(await storage.run(pipeline), 6)
    storage.close()
  })

  test('B2, B4: recompute always executes; unchanged outputs keep downstream hits, changed ones do not', async () => {
    const storage = await Storage.open()
    const pipeline = pipelineOf(storage)
    external = [1, 2, 3]
    await storage.run(pipeline)

    assert.equal(await storage.run(pipeline, { behavior: { load: 'recompute' } }), 6)
    assert.deepEqual(outcomes(storage), ['load:recomputeRequested', 'total:hitByHistory'])

    external = [10, 20]
    assert.equal(await storage.run(pipeline, { behavior: { load: 'recompute' } }), 30)
    assert.deepEqual(outcomes(storage), ['load:recomputeRequested', 'total:newInputs'])

    // A later default run gets the newest result of load, and total hits by history.
    assert.equal(await storage.run(pipeline), 30)
    assert.deepEqual(outcomes(storage), ['load:hitByHistory', 'total:hitByHistory'])

    // The data goes back: the original call is current again, and so is its old total.
    external = [1, 2, 3]
    assert.equal(await storage.run(pipeline, { behavior: { load: 'recompute' } }), 6)
    assert.deepEqual(outcomes(storage), ['load:recomputeRequested', 'total:hitByHistory'])
    assert.equal(await storage.run(pipeline), 6)
    storage.close()
  })

  test('B2: the op option works like the run option; "recompute" for all ops recomputes everything', async () => {
    const storage = await Storage.open()
    const fresh = op(
      function fresh() {
        return [...external]
      },
      { behavior: 'recompute' },
    )
    external = [4, 5]
    await storage.run(() => storage.unwrap(total(fresh())))
    await storage.run(() => storage.unwrap(total(fresh())))
    assert.deepEqual(outcomes(storage), ['fresh:recomputeRequested', 'total:hitByHistory'])
    await storage.run(() => storage.unwrap(total(fresh())), { behavior: 'recompute' })
    assert.deepEqual(outcomes(storage), ['fresh:recomputeRequested', 'total:recomputeRequested'])
    storage.close()
  })

  test('B3: disable stores no call; its results are keyed by content downstream', async () => {
    const storage = await Storage.open()
    const pipeline = pipelineOf(storage)
    external = [7, 8]
    await storage.run(pipeline, { behavior: { load: 'disable' } })
    assert.deepEqual(outcomes(storage), ['load:cachingDisabled', 'total:newInputs'])
    assert.equal(storage.stats().calls, 1)
    await storage.run(pipeline, { behavior: { load: 'disable' } })
    assert.deepEqual(outcomes(storage), ['load:cachingDisabled', 'total:hitByHistory'])
    external = [1]
    assert.equal(await storage.run(pipeline, { behavior: { load: 'disable' } }), 1)
    assert.deepEqual(outcomes(storage), ['load:cachingDisabled', 'total:newInputs'])
    // M5: disabled calls store nothing, so a run that allows no new calls still runs them.
    assert.equal(
      await storage.run(pipeline, { behavior: { load: 'disable' }, allowNewCalls: false }),
      1,
    )
    await assert.rejects(
      storage.run(pipeline, { behavior: { load: 'recompute' }, allowNewCalls: false }),
      /does not allow new calls/,
    )
    storage.close()
  })

  test('B4: an unknown behaviour is a clear error', async () => {
    const storage = await Storage.open()
    const pipeline = pipelineOf(storage)
    await assert.rejects(
      storage.run(pipeline, { behavior: 'sometimes' as never }),
      /behavior must be one of default, recompute, disable/,
    )
    assert.throws(
      () => op(function bad() {}, { behavior: 'never' as never }),
      /op 'bad': behavior must be one of/,
    )
    storage.close()
  })
})
