import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  evalForest,
  generateData,
  trainForest,
  trainTree,
} from '../../../resources/examples/random-forest/forest'
import { patternsEquivalent } from '../../../src-shared/query/normalize'
import { functionFromSource } from '../testing/function-from-source'
import { EngineError, op, Storage, type QueryTable, type Ref } from '../index'
import { parseQuery } from './parse-query'
import { add, inc, total } from '../testing/sample-ops'

/** Each row as [column, value] pairs, values unwrapped, rows sorted: tables compare as sets. */
function rowsOf(storage: Storage, table: QueryTable, columns: readonly string[]): unknown[][] {
  return table
    .records()
    .map((record) => columns.map((column) => storage.unwrap(record[column])))
    .sort(compareRows)
}

function compareRows(left: readonly unknown[], right: readonly unknown[]): number {
  for (let index = 0; index < left.length; index++) {
    const [a, b] = [left[index], right[index]]
    const order =
      typeof a === 'number' && typeof b === 'number'
        ? a - b
        : JSON.stringify(a).localeCompare(JSON.stringify(b))
    if (order !== 0) return order
  }
  return 0
}

function hidsOf(table: QueryTable): string[] {
  return table.rows.map((row) => row.map((cell) => (cell as Ref).hid).join(' ')).sort()
}

async function randomForests(sliced: boolean, sizes: readonly number[]) {
  const storage = await Storage.open()
  const accuracies = new Map<number, number>()
  let forestAcc: Ref<number> | undefined
  let trees: Ref | undefined
  await storage.run(() => {
    const [X, y] = generateData(0)
    for (const n of sizes) {
      trees = trainForest(X, y, n)
      const evaluated = sliced ? (storage.elements(trees) as Ref[]).slice(0, n / 2) : trees
      forestAcc = evalForest(evaluated as never, X, y)
      accuracies.set(n, storage.unwrap(forestAcc))
    }
  })
  return { storage, accuracies, forestAcc: forestAcc as Ref<number>, trees: trees as Ref }
}

describe('similar()', () => {
  test('Q6: similar(forestAcc, { context: true }) finds exactly the 4 forests of the loop; its code gives the same table', async () => {
    const { storage, accuracies, forestAcc } = await randomForests(false, [5, 10, 15, 20])
    const { pattern, table, code } = storage.similar(forestAcc, { context: true })

    assert.equal(
      code,
      [
        '(q) => {',
        '  const seed = q.any()',
        '  const [X, y] = generateData(seed)',
        '  const nTrees = q.any()',
        '  const trees = trainForest(X, y, nTrees)',
        '  const evalForestResult = evalForest(trees, X, y)',
        '  return { nTrees, seed, X, y, trees, evalForestResult }',
        '}',
      ].join('\n'),
    )
    assert.equal(table.length, 4)
    assert.deepEqual(rowsOf(storage, table, ['nTrees', 'evalForestResult']), [...accuracies])
    assert.deepEqual(
      new Set(table.column('seed').map((seed) => storage.unwrap(seed))),
      new Set([0]),
    )

    const parsed = parseQuery(code, storage.opCatalog())
    assert.ok(patternsEquivalent(parsed, pattern))
    const again = storage.query(code)
    assert.deepEqual(again.columns, table.columns)
    assert.deepEqual(hidsOf(again), hidsOf(table))
    storage.close()
  })

  test('Q6: without context the table has the target only, one row per forest accuracy ref', async () => {
    const { storage, accuracies, forestAcc } = await randomForests(false, [5, 10, 15, 20])
    const { table } = storage.similar(forestAcc)
    assert.deepEqual(table.columns, ['evalForestResult'])
    assert.deepEqual(table.values().flat().sort(), [...accuracies.values()].sort())
    storage.close()
  })

  test('Q6: the sliced forest projects the slices to ONE elementOf / collectionOf pair and covers every n_trees', async () => {
    const sizes = [5, 10, 15, 20]
    const { storage, accuracies, forestAcc } = await randomForests(true, sizes)
    const { pattern, table, code } = storage.similar(forestAcc, { context: true })

    assert.equal(pattern.elementsOf.length, 1)
    assert.equal(pattern.collectionsOf.length, 1)
    assert.equal(pattern.collectionsOf[0]?.elements.length, 1)
    // The elements come out of trainForest's output, not from the trainTree calls inside it.
    assert.deepEqual(pattern.calls.map((call) => call.op).sort(), [
      'evalForest',
      'generateData',
      'trainForest',
    ])
    assert.match(code, /const trainForestResultItem = q\.elementOf\(trainForestResult\)/)
    assert.match(code, /const trees = q\.collectionOf\('list', \[trainForestResultItem\]\)/)
    assert.match(code, /const evalForestResult = evalForest\(trees, X, y\)/)

    const nTrees = new Set(table.column('nTrees').map((cell) => storage.unwrap(cell)))
    assert.deepEqual(
      [...nTrees].sort((a, b) => Number(a) - Number(b)),
      sizes,
    )
    const found = new Set(table.column('evalForestResult').map((cell) => storage.unwrap(cell)))
    assert.deepEqual(found, new Set(accuracies.values()))
    assert.deepEqual(hidsOf(storage.query(code)), hidsOf(table))
    storage.close()
  })

  test('Q6: context shape (mandala test_queries): a 20 × 15 loop gives 300 rows', async () => {
    const storage = await Storage.open()
    let last: Ref | undefined
    await storage.run(() => {
      for (let i = 0; i < 20; i++) for (let j = 0; j < 15; j++) last = add(inc(i), j)
    })
    const { table, code } = storage.similar(last as Ref, { context: true })
    assert.equal(table.length, 300)
    assert.equal(table.columns.length, 4)
    assert.match(code, /const x2 = inc\(x\)/)
    assert.match(code, /const addResult = add\(x2, y\)/)
    for (const [x, x2, y, sum] of rowsOf(storage, table, [
      'x',
      'x2',
      'y',
      'addResult',
    ]) as number[][])
      assert.deepEqual([x2, sum], [(x ?? 0) + 1, (x2 ?? 0) + (y ?? 0)])
    storage.close()
  })

  test('Q6: two selected refs with the same role are query.ambiguous, naming both', async () => {
    const storage = await Storage.open()
    const ys = await storage.run(() => {
      const ys = [inc(1), inc(2)]
      total(ys)
      return ys
    })
    const [first, second] = ys as [Ref, Ref]
    assert.throws(
      () => storage.similar([first, second]),
      (error: unknown) =>
        error instanceof EngineError &&
        error.code === 'query.ambiguous' &&
        error.message.includes(first.hid) &&
        error.message.includes(second.hid),
    )
    // Each alone is fine: its own history has no twin.
    assert.equal(storage.similar(first).table.length, 2)
    storage.close()
  })

  test('Q6, O6: defaults added later: similar() from a new call finds the old call and the new one', async () => {
    const storage = await Storage.open()
    const before = op(functionFromSource('function scale(x) { return x * 2 }'), { version: 1 })
    await storage.run(() => before(1))
    const after = op(functionFromSource('function scale(x, factor = 2) { return x * factor }'), {
      version: 1,
      newArgDefault: { factor: 2 },
    })
    const fresh = await storage.run(() => {
      after(5, 3)
      return after(2)
    })
    const { table, code } = storage.similar(fresh, { context: true })
    assert.equal(
      code,
      '(q) => {\n  const x = q.any()\n  const scaleResult = scale(x)\n  return { x, scaleResult }\n}',
    )
    // The stored signature follows the definition that added the parameter.
    assert.deepEqual(storage.opCatalog().get('scale')?.inputs, ['x', 'factor'])
    // Inputs a pattern does not bind are unconstrained (Q2), so the factor-3 call matches too.
    assert.deepEqual(rowsOf(storage, table, ['x', 'scaleResult']), [
      [1, 2],
      [2, 4],
      [5, 15],
    ])
    storage.close()
  })

  test('Q6: the caller names variables; a history from an older op version is matched by that version', async () => {
    const { storage, forestAcc, trees } = await randomForests(false, [5, 10])
    const { code } = storage.similar(forestAcc, { names: { forestAcc, forest: trees } })
    assert.match(code, /const forest = trainForest\(X, y, nTrees\)/)
    assert.match(code, /const forestAcc = evalForest\(forest, X, y\)/)
    assert.match(code, /return \{ forestAcc \}/)
    assert.throws(
      () => storage.similar(forestAcc, { names: { trainForest: trees } }),
      (error: unknown) => error instanceof EngineError && error.code === 'query.invalid',
    )

    const older = op(functionFromSource('function step(x) { return x + 1 }'))
    const old = await storage.run(() => older(1))
    const newer = op(functionFromSource('function step(x) { return x + 2 }'))
    await storage.run(() => newer(1))
    const { pattern, table } = storage.similar(old)
    assert.equal(pattern.calls[0]?.version.kind, 'exact')
    assert.deepEqual(table.values(), [[2]])
    storage.close()
  })

  test('Q6: a list built from 60 computed elements projects to one prototype; inner calls are not history', async () => {
    const storage = await Storage.open()
    const forestAcc = await storage.run(() => {
      // A seed no tree uses: a raw value used twice is one node, so it would be a role of its own.
      const [X, y] = generateData(1000)
      const trees = Array.from({ length: 60 }, (_, seed) => trainTree(X, y, seed)[0] as Ref)
      return evalForest(trees as never, X, y)
    })
    const { pattern, table, code } = storage.similar(forestAcc, { context: true })
    assert.deepEqual(pattern.calls.map((call) => call.op).sort(), [
      'evalForest',
      'generateData',
      'trainTree',
    ])
    assert.match(code, /const \[tree\] = trainTree\(X, y, seed2\)/)
    assert.match(code, /const trees = q\.collectionOf\('list', \[tree\]\)/)
    // One row per tree: each matches the prototype tree, with its seed.
    assert.equal(new Set(table.column('seed2').map((seed) => storage.unwrap(seed))).size, 60)
    storage.close()
  })

  test('Q6: a history longer than the limit is a query.invalid error naming the limit', async () => {
    const storage = await Storage.open()
    const last = await storage.run(() => {
      let x: Ref<number> | number = 0
      for (let i = 0; i < 12; i++) x = inc(x)
      return x
    })
    assert.throws(
      () => storage.similar(last as Ref, { limits: { maxCalls: 10 } }),
      (error: unknown) =>
        error instanceof EngineError &&
        error.code === 'query.invalid' &&
        /more than 10 calls/.test(error.message),
    )
    assert.throws(
      () => storage.similar(last as Ref, { limits: { maxDepth: 5 } }),
      (error: unknown) => error instanceof EngineError && /deeper than 5 steps/.test(error.message),
    )
    storage.close()
  })
})
