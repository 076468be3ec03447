import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { patternsEquivalent } from '../../../src-shared/query/normalize'
import { op, Storage, type EngineError, type QueryBuilder, type QueryTable } from '../index'
import { add, inc, total } from '../testing/sample-ops'

// Ports of mandala's v0.1 tests/test_queries.py (reference/mandala.md §7.2), one test each.

const sorted = (values: readonly unknown[]) => [...values].sort((a, b) => Number(a) - Number(b))
const column = (table: QueryTable, index = 0) => table.values().map((row) => row[index])

describe('mandala test_queries, ported', () => {
  test('Q2: basics: a lone variable matches every stored value; a pattern its computations', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      for (let i = 20; i < 25; i++) add(i, inc(i))
    })
    const everything = storage.query((q) => ({ vref: q.any() }))
    const odd = [41, 43, 45, 47, 49]
    assert.deepEqual(new Set(column(everything)), new Set([20, 21, 22, 23, 24, 25, ...odd]))

    const table = storage.query((q) => {
      const i = q.any()
      const j = inc(i)
      const final = add(i, j)
      return { i, j, final }
    })
    assert.deepEqual(sorted(column(table)), [20, 21, 22, 23, 24])
    for (const [i, j, final] of table.values() as number[][]) {
      assert.deepEqual([j, final], [(i ?? 0) + 1, (i ?? 0) * 2 + 1])
    }
  })

  test('Q3: an empty query gives an empty table', async () => {
    const storage = await Storage.open()
    const table = storage.query(() => ({}))
    assert.deepEqual([table.columns, table.rows], [[], []])
  })

  test('Q5: two spellings of one struct pattern are equivalent and give equal tables', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      const [a, b] = [inc(1), inc(2)]
      total([a, b])
      total([b])
    })
    const literal = storage.query((q) => {
      const item = q.any()
      return { item, sum: total([item]) }
    })
    const explicit = storage.query((q) => {
      const item = q.any()
      const items = q.collectionOf('list', [item])
      return { item, sum: total(items) }
    })
    assert.ok(patternsEquivalent(literal.pattern, explicit.pattern))
    assert.deepEqual(explicit.values(), literal.values())
    assert.deepEqual(literal.values(), [
      [2, 5],
      [3, 5],
      [3, 3],
    ])
  })

  test('Q3: filter duplicates: 5 distinct rows, 25 matches', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      for (let x = 0; x < 5; x++) for (let y = 0; y < 5; y++) add(inc(x), y)
    })
    const build = (q: QueryBuilder) => {
      const x = q.any()
      const z = inc(x)
      add(z, q.any())
      return { x, z }
    }
    assert.equal(storage.query(build).length, 5)
    assert.equal(storage.query(build, { distinct: false }).length, 25)
  })

  test('Q2: omitted required args leave the input free', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      for (const x of [1, 2, 3]) for (const y of [4, 5, 6]) add(x, y)
    })
    const table = storage.query((q) => {
      const x = q.any()
      const { output_0: result } = q.call(add, { x })
      assert.ok(result !== undefined)
      return { x, result }
    })
    assert.deepEqual([table.length, table.columns.length], [9, 2])
  })

  test('Q5: raw values in queries raise, naming the argument and the fix', async () => {
    const storage = await Storage.open()
    await storage.run(() => inc(23))
    assert.throws(
      () => storage.query(() => ({ y: inc(23) })),
      (error: EngineError) =>
        error.code === 'query.invalid' &&
        /op 'inc', argument 'x': a raw value \(23\) .*wrap it with q\.value\(23\)/.test(
          error.message,
        ),
    )
  })

  test('Q2: an argument with a default added later: old and new calls both match', async () => {
    const storage = await Storage.open()
    const before = op(function scale(x: number) { return x }, { version: '1' }) // prettier-ignore
    await storage.run(() => [before(1), before(2)])
    const after = op(
      function scale(x: number, factor = 1) {
        return x * factor
      },
      { version: '1', newArgDefault: { factor: 1 } },
    )
    await storage.run(() => [after(3), after(4, 2), after(5, 1)])
    const any = storage.query((q) => {
      const x = q.any()
      return { x, y: after(x) }
    })
    assert.deepEqual(any.values(), [
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 8],
      [5, 5],
    ])
    const doubled = storage.query((q) => {
      const x = q.any()
      return { x, y: after(x, q.value(2)) }
    })
    assert.deepEqual(doubled.values(), [[4, 8]])
  })
})
