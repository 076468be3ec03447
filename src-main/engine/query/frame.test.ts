import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { functionFromSource } from '../testing/function-from-source'
import { EngineError, op, Storage, type QueryTable, type Ref } from '../index'

// Ports of mandala's tests/test_cfs.py (reference/mandala.md §7.1), plus counts and collections.

const inc = op(
  function inc(x: number) {
    return x + 1
  },
  { outputs: ['y'] },
)
const add = op(
  function add(x: number, y: number) {
    return x + y
  },
  { outputs: ['z'] },
)
const double = op(function double(x: number) {
  return x * 2
})
const mul = op(function mul(x: number, y: number) {
  return x * y
})
const final = op(function final(value: number) {
  return value - 1
})
const total = op(function total(xs: number[]) {
  return xs.reduce((sum, x) => sum + x, 0)
})

/** Rows as objects of unwrapped values (null where not computed), sorted by `by`. */
function recordsOf(storage: Storage, table: QueryTable, by: string) {
  return table
    .records()
    .map((record) =>
      Object.fromEntries(
        Object.entries(record).map(([column, cell]) => [column, storage.unwrap(cell)]),
      ),
    )
    .sort((left, right) => Number(left[by]) - Number(right[by]))
}

describe('computation frames', () => {
  test('Q7: single func (test_cfs): frame(inc).toTable() has one row per call, x and y', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      for (let x = 0; x < 10; x++) inc(x)
    })
    const table = storage.frame(inc).toTable()
    assert.deepEqual(table.columns, ['x', 'y'])
    assert.equal(table.length, 10)
    for (const { x, y } of recordsOf(storage, table, 'x')) assert.equal(y, Number(x) + 1)
    // By name, the newest version: the same frame.
    assert.equal(storage.frame('inc').toTable().length, 10)
    storage.close()
  })

  test('Q7: composition (test_cfs): expandAll from add gives 3 rows; from inc 5 rows with z NULL where add was not called', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      for (let x = 0; x < 5; x++) {
        const y = inc(x)
        if (x % 2 === 0) add(x, y)
      }
    })
    const fromAdd = storage.frame(add).expandAll()
    const addTable = fromAdd.toTable()
    assert.equal(addTable.length, 3)
    for (const { x, y, z } of recordsOf(storage, addTable, 'x'))
      assert.equal(z, Number(x) + Number(y))
    assert.deepEqual(fromAdd.opNodes, ['add', 'inc'])

    const fromInc = storage.frame(inc).expandAll()
    const incTable = fromInc.toTable()
    assert.equal(incTable.length, 5)
    assert.deepEqual(
      recordsOf(storage, incTable, 'x').map(({ x, z }) => [x, z]),
      [
        [0, 1],
        [1, null],
        [2, 5],
        [3, null],
        [4, 9],
      ],
    )
    storage.close()
  })

  test('Q7: merge (test_cfs): inc → add or mul → final; expandAll from final gives 10 rows, either branch', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      for (let x = 0; x < 10; x++) {
        const y = inc(x)
        final(x < 5 ? add(y, x) : mul(y, x))
      }
    })
    const frame = storage.frame(final).expandAll()
    assert.deepEqual(frame.opNodes.sort(), ['add', 'final', 'inc', 'inc2', 'mul'])
    const table = frame.toTable()
    assert.equal(table.length, 10)
    const finals = table.column('finalResult').map((cell) => storage.unwrap(cell))
    assert.deepEqual(
      finals.sort((a, b) => Number(a) - Number(b)),
      Array.from({ length: 10 }, (_, x) => (x < 5 ? x + 1 + x : (x + 1) * x) - 1).sort(
        (a, b) => a - b,
      ),
    )
    // A variable made by two op nodes cannot be one pattern: the table holds either history.
    assert.throws(
      () => frame.toPattern(),
      (error: unknown) => error instanceof EngineError && error.code === 'query.invalid',
    )
    storage.close()
  })

  test('Q7: frame counts: calls, refs, distinct values, versions, sources and sinks', async () => {
    const storage = await Storage.open()
    const first = op(functionFromSource('function halve(x) { return Math.floor(x / 2) }'))
    await storage.run(() => {
      for (let x = 0; x < 6; x++) first(x)
    })
    const second = op(functionFromSource('function halve(x) { return Math.floor(x / 2) + 0 }'))
    await storage.run(() => {
      for (let x = 6; x < 8; x++) second(x)
    })
    const graph = storage.frame('halve', { version: { kind: 'all' } }).graph()
    assert.deepEqual(graph.ops, [{ kind: 'op', id: 'halve', op: 'halve', calls: 8, versions: 2 }])
    const [x, result] = graph.variables
    assert.deepEqual(x, { kind: 'variable', id: 'x', refs: 8, values: 8, sources: 8, sinks: 0 })
    // 8 outputs with 8 histories but only 4 values (0, 1, 2, 3); none used by the frame.
    assert.deepEqual(result, {
      kind: 'variable',
      id: 'halveResult',
      refs: 8,
      values: 4,
      sources: 0,
      sinks: 8,
    })
    assert.deepEqual(
      graph.edges.map((edge) => (edge.kind === 'element' ? edge.kind : [edge.kind, edge.calls])),
      [
        ['input', 8],
        ['output', 8],
      ],
    )
    // The current version (the op object's) only.
    assert.equal(storage.frame(second).graph().ops[0]?.calls, 2)
    storage.close()
  })

  test('Q7: a list the caller built is one element edge with element counts; its table has a row per element', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      total([0, 1, 2].map((x) => double(x)))
      total([3, 4].map((x) => double(x)))
    })
    const frame = storage.frame(total).expandBack(['xs'], { depth: 2 })
    assert.deepEqual(frame.variables, ['xs', 'totalResult', 'xsItem', 'x'])
    const graph = frame.graph()
    assert.deepEqual(
      graph.edges.filter((edge) => edge.kind === 'element'),
      [{ kind: 'element', collection: 'xs', element: 'xsItem', collections: 2, elements: 5 }],
    )
    assert.deepEqual(
      graph.ops.map(({ id, calls }) => [id, calls]),
      [
        ['total', 2],
        ['double', 5],
      ],
    )
    const rows = recordsOf(storage, frame.toTable(), 'x').map(({ x, xsItem, totalResult }) => [
      x,
      xsItem,
      totalResult,
    ])
    assert.deepEqual(rows, [
      [0, 0, 6],
      [1, 2, 6],
      [2, 4, 6],
      [3, 6, 14],
      [4, 8, 14],
    ])
    // Forward from the doubled values: the lists they ended up in.
    const forward = storage.frame(double).expandForward(['doubleResult'])
    assert.deepEqual(forward.variables, ['x', 'doubleResult', 'doubleResultCollection'])
    assert.deepEqual(
      forward
        .expandForward()
        .graph()
        .ops.map(({ op: name, calls }) => [name, calls]),
      [
        ['double', 5],
        ['total', 2],
      ],
    )
    storage.close()
  })

  test('Q7: frame(refs) and frame(pattern); expansions return new frames and stop at the depth', async () => {
    const storage = await Storage.open()
    const last = await storage.run(() => {
      let value: Ref<number> | number = 1
      for (let step = 0; step < 4; step++) value = double(value)
      return value as Ref<number>
    })
    const start = storage.frame(last)
    assert.deepEqual(start.variables, ['v'])
    assert.deepEqual(start.toTable().values(), [[16]])
    const twoBack = start.expandBack(undefined, { depth: 2 })
    assert.deepEqual(start.opNodes, [])
    assert.deepEqual(twoBack.opNodes, ['double', 'double2'])
    assert.equal(start.expandBack(undefined, { depth: 10 }).opNodes.length, 4)

    const fromPattern = storage.frame(
      storage.query((q) => {
        const x = q.any()
        const twice = double(x)
        return { x, twice }
      }).pattern,
    )
    const graph = fromPattern.graph()
    assert.deepEqual(
      graph.variables.map(({ id, refs }) => [id, refs]),
      [
        ['x', 4],
        ['twice', 4],
      ],
    )
    assert.equal(graph.ops[0]?.calls, 4)
    assert.deepEqual(
      recordsOf(storage, fromPattern.toTable(), 'x').map(({ x, twice }) => [x, twice]),
      [
        [1, 2],
        [2, 4],
        [4, 8],
        [8, 16],
      ],
    )
    storage.close()
  })

  test('Q7: toTable is one SQL statement of compiled patterns restricted to the frame sets', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      for (let x = 0; x < 5; x++) inc(x)
    })
    await storage.run(() => {
      for (let x = 100; x < 103; x++) inc(x)
    })
    const frame = storage.frame(storage.query((q) => ({ y: inc(q.value(2)) })).pattern)
    const table = frame.toTable()
    assert.match(table.sql, /json_each/)
    assert.deepEqual(
      table.records().map((record) => [storage.unwrap(record.y), table.columns.length]),
      [[3, 2]],
    )
    assert.deepEqual(frame.toPattern().select, table.columns)
    storage.close()
  })
})
