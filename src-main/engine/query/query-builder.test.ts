import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { printPattern } from '../../../src-shared/query/print'
import { op, Storage, type EngineError, unwrap, type QueryTable, type Ref } from '../index'
import { FOREST_CODE } from '../../../src-shared/query/testing/sample-patterns'

// A small random forest in mandala's blog shape: data → forest (a list of tree refs made by an
// inner op) → accuracy of the forest, or of its first half.
const generateData = op(
  function generateData(seed: number): [number[], number[]] {
    return [
      [seed, seed + 1, seed + 2],
      [0, 1, 1],
    ]
  },
  { outputs: ['X', 'y'] },
)
const trainTree = op(function trainTree(X: number[], index: number) {
  return (X[index % X.length] ?? 0) * 10 + index
})
const trainForest = op(function trainForest(X: number[], y: number[], nTrees: number) {
  return Array.from({ length: nTrees }, (_, index) =>
    trainTree(X, nTrees + 10 * index + (y[0] ?? 0)),
  )
})
const evalForest = op(function evalForest(trees: number[], X: number[], y: number[]) {
  return trees.length / (X.length + y.length)
})

async function forestStorage(): Promise<Storage> {
  const storage = await Storage.open()
  await storage.run(() => {
    const [X, y] = generateData(0)
    for (const nTrees of [2, 4]) {
      const trees = trainForest(X, y, nTrees)
      evalForest(trees, X, y)
      const half = (storage.elements(trees) as Ref<number>[]).slice(0, nTrees / 2)
      evalForest(half, X, y)
    }
  })
  return storage
}

const HALF_FOREST_ROWS = {
  columns: ['nTrees', 'forestAcc'],
  values: [
    [2, 2 / 6],
    [2, 1 / 6],
    [4, 4 / 6],
    [4, 2 / 6],
  ],
}

const rowsOf = (table: QueryTable) => ({ columns: table.columns, values: table.values() })

describe('the code form at run time: storage.query(q => ...)', () => {
  test('Q5: ops called on query variables build the pattern; nothing runs', async () => {
    const storage = await forestStorage()
    const before = storage.stats().calls
    const table = storage.query((q) => {
      const nTrees = q.any()
      const seed = q.value(0)
      const [X, y] = generateData(seed)
      const trees = trainForest(X, y, nTrees)
      const idx = q.any()
      const tree = q.elementOf(trees, idx)
      const half = q.collectionOf('list', [tree], [idx])
      const forestAcc = evalForest(half, X, y)
      return { nTrees, forestAcc }
    })
    assert.equal(storage.stats().calls, before)
    // As in mandala's blog, the pattern also matches each full forest: it holds its first
    // tree at the same position as the half does.
    assert.deepEqual(rowsOf(table), HALF_FOREST_ROWS)
    assert.deepEqual(
      table.pattern.calls.map((call) => [call.id, call.op]),
      [
        ['generateData', 'generateData'],
        ['trainForest', 'trainForest'],
        ['evalForest', 'evalForest'],
      ],
    )
  })

  test('Q5: a builder, its pattern as data and its printed code give the same table', async () => {
    const storage = await forestStorage()
    const built = storage.query((q) => {
      const nTrees = q.any()
      const [X, y] = generateData(q.value(0))
      const forestAcc = evalForest(trainForest(X, y, nTrees), X, y)
      return { nTrees, forestAcc }
    })
    const fromPattern = storage.query(built.pattern)
    const code = printPattern(built.pattern, storage.opCatalog())
    const fromCode = storage.query(code)
    assert.deepEqual(rowsOf(fromPattern), rowsOf(built))
    assert.deepEqual(rowsOf(fromCode), rowsOf(built))
    assert.deepEqual(rowsOf(built), {
      columns: ['nTrees', 'forestAcc'],
      values: [
        [2, 2 / 6],
        [4, 4 / 6],
      ],
    })
    assert.deepEqual(rowsOf(storage.query(FOREST_CODE)), HALF_FOREST_ROWS)
    // One match per (position, list holding that tree there): each forest matches itself at
    // every position (2 + 4) and its half at the positions the half kept (1 + 2).
    assert.equal(storage.query(FOREST_CODE, { distinct: false }).length, 2 + 4 + 1 + 2)
  })

  test('Q5: arguments bind like real calls: names, rest, destructuring, undefined', async () => {
    const storage = await Storage.open()
    const join = op(function join(first: string, ...rest: string[]) {
      return [first, ...rest].join('')
    })
    const area = op(function area({ width, height }: { width: number; height: number }) {
      return width * height
    })
    await storage.run(() => [join('a', 'b', 'c'), join('a'), area({ width: 2, height: 3 })])
    const joined = storage.query((q) => {
      const second = q.any()
      return { second, joined: join(q.value('a'), second) }
    })
    assert.deepEqual(joined.values(), [['b', 'abc']])
    assert.deepEqual(
      joined.pattern.calls[0]?.inputs.map(({ name }) => name),
      ['first', 'rest_0'],
    )
    const unbound = storage.query((q) => ({ joined: join(q.value('a'), undefined as never) }))
    assert.deepEqual(unbound.values(), [['abc'], ['a']])
    const areas = storage.query((q) => {
      const width = q.any()
      return { width, result: area({ width, height: q.value(3) }) }
    })
    assert.deepEqual(areas.values(), [[2, 6]])
  })

  test('Q5: arrays, objects and Maps of variables are collection patterns', async () => {
    const storage = await Storage.open()
    const count = op(function count(items: unknown) {
      return items instanceof Map ? items.size : Object.keys(items as object).length
    })
    const inc = op(function inc(x: number) {
      return x + 1
    })
    await storage.run(() => {
      const [a, b] = [inc(1), inc(2)]
      count([a, b])
      count({ left: a, right: b })
      count(new Map([[1, a]]))
    })
    const inList = storage.query((q) => {
      const item = q.any()
      return { item, size: count([item]) }
    })
    assert.deepEqual(inList.values(), [
      [2, 2],
      [3, 2],
    ])
    const atKey = storage.query((q) => {
      const item = q.any()
      return { item, size: count({ right: item }) }
    })
    assert.deepEqual(atKey.values(), [[3, 2]])
    const inMap = storage.query((q) => {
      const item = q.any()
      return { item, size: count(new Map([[1, item]])) }
    })
    assert.deepEqual(inMap.values(), [[2, 1]])
  })

  test('Q5: tuple outputs are arrays; q.call and q.op reach ops by name', async () => {
    const storage = await forestStorage()
    const byName = storage.query((q) => {
      const { X, y } = q.call('generateData', { seed: q.value(0) })
      const nTrees = q.any()
      const trees = q.op('trainForest')(X, y, nTrees)
      return { nTrees, X: X as Ref, y: y as Ref, trees }
    })
    assert.deepEqual(
      byName.values().map(([nTrees, X, y]) => [nTrees, X, y]),
      [
        [2, [0, 1, 2], [0, 1, 1]],
        [4, [0, 1, 2], [0, 1, 1]],
      ],
    )
    assert.equal(byName.records()[1]?.trees instanceof Object, true)
    assert.equal(unwrap(byName.column('trees')[1] as Ref<number[]>).length, 4)
  })

  test('Q4: an op object queries its own version; { version } widens or picks one', async () => {
    const storage = await Storage.open()
    const incV1 = op(function inc(x: number) { return x + 1 }, { version: '1' }) // prettier-ignore
    const incV2 = op(function inc(x: number) { return x + 10 }, { version: '2' }) // prettier-ignore
    await storage.run(() => [incV1(1), incV2(2)])
    const inputs = (table: QueryTable) => table.values().map(([x]) => x)
    const v1 = storage.query((q) => {
      const x = q.any()
      incV1(x)
      return { x }
    })
    assert.deepEqual(inputs(v1), [1])
    const v2 = storage.query((q) => {
      const x = q.any()
      incV2(x)
      return { x }
    })
    assert.deepEqual(inputs(v2), [2])
    const all = storage.query((q) => {
      const x = q.any()
      q.op(incV1, { version: 'all' })(x)
      return { x }
    })
    assert.deepEqual(inputs(all), [1, 2])
    const exact = storage.query((q) => {
      const x = q.any()
      q.op('inc', { version: incV2.definition.versionKey })(x)
      return { x }
    })
    assert.deepEqual(inputs(exact), [2])
    const neverCalled = op(function dec(x: number) {
      return x - 1
    })
    const none = storage.query((q) => {
      const x = q.any()
      neverCalled(x)
      return { x }
    })
    assert.deepEqual([none.columns, none.rows], [['x'], []])
  })

  test('Q5: returned keys name the columns; misuse is a query.invalid error', async () => {
    const storage = await forestStorage()
    const table = storage.query((q) => {
      const seed = q.any()
      return { theSeed: seed, data: generateData(seed)[0] }
    })
    assert.deepEqual(table.columns, ['theSeed', 'data'])
    assert.deepEqual(
      table.pattern.variables.map(({ id }) => id),
      ['theSeed', 'data'],
    )
    const invalid = (build: Parameters<Storage['query']>[0], message: RegExp) =>
      assert.throws(
        () => storage.query(build),
        (error: unknown) =>
          error instanceof Error && (error as EngineError).code === 'query.invalid' &&
          message.test(error.message), // prettier-ignore
      )
    invalid((q) => {
      const x = q.any()
      return { a: x, b: x }
    }, /one variable as both 'a' and 'b'/)
    invalid(
      () => ({ seed: 0 as unknown as Ref }),
      /returned column 'seed': expected a query variable/,
    )
    invalid((() => Promise.resolve({})) as never, /must be synchronous/)
    let leaked: Ref | undefined
    storage.query((q) => {
      leaked = q.any()
      return { leaked }
    })
    assert.throws(() => unwrap(leaked), /stands for stored values and has none itself/)
  })
})
