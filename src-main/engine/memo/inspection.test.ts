import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { op, Storage } from '../index'

const scale = op(function scale(values: number[], factor: number) {
  return values.map((value) => value * factor)
})

const total = op(function total(values: number[]) {
  return values.reduce((sum, value) => sum + value, 0)
})

const fail = op(function fail(x: number): number {
  throw new Error(`no ${x}`)
})

async function storageWithRuns(): Promise<Storage> {
  const storage = await Storage.open()
  const big = Array.from({ length: 10_000 }, (_, index) => index * 1000)
  await storage.run(() => {
    total(scale([1, 2, 3], 2))
    total(scale(big, 3))
  })
  await storage.run(() => {
    total(scale([1, 2, 3], 2))
    total(scale([1, 2, 3], 5))
  })
  return storage
}

describe('inspection (SPEC A rules)', () => {
  test('A1: runGraph lists events in order with versions and bindings into shared values', async () => {
    const storage = await storageWithRuns()
    const graph = storage.runGraph(2)
    assert.ok(graph)
    assert.deepEqual(
      graph.calls.map((call) => [call.op, call.outcome]),
      [
        ['scale', 'hit'],
        ['total', 'hit'],
        ['scale', 'executed'],
        ['total', 'executed'],
      ],
    )
    const [first, second] = graph.calls
    assert.deepEqual(
      first?.inputs.map(([name]) => name),
      ['values', 'factor'],
      'parameter order',
    )
    assert.equal(second?.inputs[0]?.[1], first?.outputs[0]?.[1], 'one value, bound twice')
    assert.equal(typeof first?.versionId, 'number')
    assert.deepEqual(
      graph.values.map((value) => value.value),
      [[1, 2, 3], 2, [2, 4, 6], 12, 5, [5, 10, 15], 30],
    )
    assert.equal(storage.runGraph(9), undefined)

    await assert.rejects(
      storage.run(() => fail(1)),
      /no 1/,
    )
    const failed = storage.runGraph(3)?.calls[0]
    assert.deepEqual([failed?.outcome, failed?.versionId, failed?.inputs], ['failed', null, []])
    storage.close()
  })

  test('A2: big values are sketched from their encoded type without loading them', async () => {
    const storage = await storageWithRuns()
    const graph = storage.runGraph(1)
    const big = graph?.values.find((value) => value.typeName === 'Array(10000)')
    assert.ok(big)
    assert.deepEqual([big.loaded, big.value], [false, undefined])
    assert.ok(big.size > 16 * 1024)
    // Tiny values live with their refs and are always at hand; others obey decodeLimit.
    const sketched = storage.runGraph(1, { decodeLimit: 0 })?.values ?? []
    assert.ok(sketched.some((value) => value.loaded))
    assert.ok(sketched.every((value) => value.loaded === value.size <= 64))
    storage.close()
  })

  test('A3: storedCall and previousCall compare a call with its op’s earlier calls', async () => {
    const storage = await storageWithRuns()
    const calls = storage.runGraph(2)?.calls ?? []
    const latest = storage.storedCall(calls[2]?.callId ?? '')
    assert.ok(latest)
    assert.deepEqual([latest.op, latest.runId], ['scale', 2])
    assert.deepEqual(
      latest.inputs.map((input) => [input.name, input.value.value]),
      [
        ['values', [1, 2, 3]],
        ['factor', 5],
      ],
    )
    const previous = storage.previousCall(latest.callId)
    assert.deepEqual(previous?.inputs[1]?.value.value, 3, 'the big call, stored just before')
    const sameInputs = storage.previousCall(latest.callId, { sameInputs: true })
    assert.equal(sameInputs, undefined, 'no earlier call had these inputs')
    assert.equal(storage.storedCall('A'.repeat(22)), undefined)
    storage.close()
  })

  test('A4: loadValue loads a stored value; parseQuery reads query code', async () => {
    const storage = await storageWithRuns()
    const graph = storage.runGraph(1)
    const big = graph?.values.find((value) => value.typeName === 'Array(10000)')
    assert.equal((storage.loadValue(big?.hid ?? '') as number[]).length, 10_000)
    assert.throws(() => storage.loadValue('A'.repeat(22)), { code: 'ref.unknown' })
    const pattern = storage.parseQuery(
      '(q) => {\n  const v = q.any()\n  const t = total(v)\n  return { t }\n}',
    )
    assert.deepEqual(pattern.select, ['t'])
    assert.throws(() => storage.parseQuery('(q) => {'), { code: 'query.syntax' })
    storage.close()
  })
})
