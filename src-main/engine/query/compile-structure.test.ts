import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type Binding, type Pattern } from '../../../src-shared/query/pattern'
import { PatternBuilder } from '../../../src-shared/query/pattern-builder'
import { EngineError, op, Storage, type MaybeRef, type Ref } from '../index'

const inc = op(function inc(x: number) {
  return x + 1
})
const add = op(function add(x: number, y: number) {
  return x + y
})
const spread = op(
  function spread(x: number) {
    return [x, x * 10]
  },
  { elementwise: true },
)
const total = op(function total(xs: number[]) {
  return xs.reduce((sum, x) => sum + x, 0)
})
const lookup = op(function lookup(entries: Record<string, number> | Map<unknown, number>) {
  return entries instanceof Map ? entries.size : Object.keys(entries).length
})

const bind = (name: string, variable: string): Binding => ({ name, variable })
const out = (variable: string): Binding[] => [bind('output_0', variable)]

function pattern(build: (p: PatternBuilder) => void): Pattern {
  const builder = new PatternBuilder()
  build(builder)
  return builder.build()
}

describe('compiling structure: collections, distinct rows, omitted inputs', () => {
  test('Q2: elementOf with a key binds list positions; without one, any element', async () => {
    const storage = await Storage.open()
    await storage.run(() => [spread(1), spread(2)])
    const keyed = storage.query(
      pattern((p) => {
        for (const id of ['x', 'list', 'i', 'item']) p.variable(id)
        p.call('spread', [bind('x', 'x')], out('list'), undefined, 'spread')
        p.elementOf('list', 'item', 'i')
        p.select(['x', 'i', 'item'])
      }),
    )
    assert.equal(
      keyed.sql,
      `SELECT DISTINCT "x".hid || "x".cid || "x".kind AS "x", COALESCE("list[item]".key_cid, "list[item]".position) AS "i", "item".hid || "item".cid || "item".kind AS "item"
FROM calls AS "spread"
JOIN call_io AS "spread.in.x" ON "spread.in.x".call_id = "spread".id AND "spread.in.x".is_output = 0 AND "spread.in.x".name = ?
JOIN call_io AS "spread.out.output_0" ON "spread.out.output_0".call_id = "spread".id AND "spread.out.output_0".is_output = 1 AND "spread.out.output_0".name = ?
JOIN collection_items AS "list[item]" ON "list[item]".collection_id = "spread.out.output_0".ref_id
JOIN refs AS "x" ON "x".id = "spread.in.x".ref_id
JOIN refs AS "item" ON "item".id = "list[item]".item_id
WHERE "spread".op_version_id IN (?) AND "spread".superseded_by IS NULL
ORDER BY "spread.in.x".ref_id, COALESCE("list[item]".key_cid, "list[item]".position), "list[item]".item_id`,
    )
    assert.deepEqual(keyed.values(), [
      [1, 0, 1],
      [1, 1, 10],
      [2, 0, 2],
      [2, 1, 20],
    ])

    const anyElement = storage.query(
      pattern((p) => {
        for (const id of ['list', 'item']) p.variable(id)
        p.call('spread', [], out('list'), undefined, 'spread')
        p.elementOf('list', 'item')
        p.select(['item'])
      }),
    )
    assert.deepEqual(anyElement.values().flat(), [1, 10, 2, 20])
  })

  test('Q2: collectionOf matches collections of that kind holding the elements', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      const [a, b] = [inc(1), inc(2)]
      total([a, b])
      total([b])
      lookup({ first: a, second: b })
    })
    const listPattern = pattern((p) => {
      for (const id of ['list', 'item', 'sum']) p.variable(id)
      p.collectionOf('list', 'list', [{ element: 'item', key: null }])
      p.call('total', [bind('xs', 'list')], out('sum'), undefined, 'total')
      p.select(['item', 'sum'])
    })
    const lists = storage.query(listPattern)
    assert.equal(
      lists.sql,
      `SELECT DISTINCT "item".hid || "item".cid || "item".kind AS "item", "sum".hid || "sum".cid || "sum".kind AS "sum"
FROM calls AS "total"
JOIN call_io AS "total.in.xs" ON "total.in.xs".call_id = "total".id AND "total.in.xs".is_output = 0 AND "total.in.xs".name = ?
JOIN call_io AS "total.out.output_0" ON "total.out.output_0".call_id = "total".id AND "total.out.output_0".is_output = 1 AND "total.out.output_0".name = ?
JOIN collection_items AS "list[item]" ON "list[item]".collection_id = "total.in.xs".ref_id
JOIN refs AS "list" ON "list".id = "total.in.xs".ref_id AND "list".kind = ?
JOIN refs AS "item" ON "item".id = "list[item]".item_id
JOIN refs AS "sum" ON "sum".id = "total.out.output_0".ref_id
WHERE "total".op_version_id IN (?) AND "total".superseded_by IS NULL
ORDER BY "list[item]".item_id, "total.out.output_0".ref_id`,
    )
    assert.deepEqual(lists.params, ['xs', 'output_0', 1, 2])
    assert.deepEqual(lists.values(), [
      [2, 5],
      [3, 5],
      [3, 3],
    ])

    const objects = storage.query(
      pattern((p) => {
        for (const id of ['entries', 'key', 'value']) p.variable(id)
        p.collectionOf('entries', 'object', [{ element: 'value', key: 'key' }])
        p.call('lookup', [bind('entries', 'entries')], [], undefined, 'lookup')
        p.select(['key', 'value'])
      }),
    )
    assert.match(objects.sql, /"entries\[value\]"\.key_cid AS "key"/)
    // Object keys come back as plain values (rows ordered by the keys' content ids).
    assert.deepEqual(objects.values().sort(), [
      ['first', 2],
      ['second', 3],
    ])

    const wrongKind = storage.query(
      pattern((p) => {
        for (const id of ['entries', 'value']) p.variable(id)
        p.collectionOf('entries', 'list', [{ element: 'value', key: null }])
        p.call('lookup', [bind('entries', 'entries')], [], undefined, 'lookup')
        p.select(['value'])
      }),
    )
    assert.equal(wrongKind.length, 0)
  })

  test('Q2: key variables: shared by two edges, pinned, and Map keys loaded as values', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      const [a, b] = [inc(1), inc(2)]
      total([a, b])
      total([b, a])
      lookup(new Map<unknown, MaybeRef<number>>([[7n, a]]))
    })
    const samePosition = storage.query(
      pattern((p) => {
        for (const id of ['one', 'other', 'i', 'item']) p.variable(id)
        p.call('total', [bind('xs', 'one')], [], undefined, 'total')
        p.call('total', [bind('xs', 'other')], [], undefined, 'total_2')
        p.elementOf('one', 'item', 'i')
        p.collectionOf('other', 'list', [{ element: 'item', key: 'i' }])
        p.select(['one', 'other', 'i', 'item'])
      }),
    )
    // [a, b] and [b, a] hold no element at the same position: only a list with itself matches.
    assert.deepEqual(
      samePosition
        .records()
        .map(({ one, other, i }) => [(one as Ref).hid === (other as Ref).hid, i]),
      [
        [true, 0],
        [true, 1],
        [true, 0],
        [true, 1],
      ],
    )
    const pinnedPosition = storage.query(
      pattern((p) => {
        p.variable('list')
        p.variable('item')
        p.variable('i', [{ kind: 'literal', value: 1 }])
        p.call('total', [bind('xs', 'list')], [], undefined, 'total')
        p.elementOf('list', 'item', 'i')
        p.select(['item'])
      }),
    )
    // Position 1 holds b in [a, b] and a in [b, a]; rows follow the refs' storage order.
    assert.deepEqual(pinnedPosition.values(), [[2], [3]])
    const mapKeys = storage.query(
      pattern((p) => {
        for (const id of ['entries', 'key', 'value']) p.variable(id)
        p.call('lookup', [bind('entries', 'entries')], [], undefined, 'lookup')
        p.elementOf('entries', 'value', 'key')
        p.select(['key', 'value'])
      }),
    )
    assert.deepEqual(mapKeys.values(), [[7n, 2]])
  })

  test('Q3: distinct rows by default, one row per match with distinct: false', async () => {
    // mandala test_filter_duplicates: z = inc(x) is one call per x, reused by 5 add calls.
    const storage = await Storage.open()
    await storage.run(() => {
      for (let x = 0; x < 5; x++) for (let y = 0; y < 5; y++) add(inc(x), y)
    })
    const filter = pattern((p) => {
      for (const id of ['x', 'y', 'z', 'w']) p.variable(id)
      p.call('inc', [bind('x', 'x')], out('z'), undefined, 'inc')
      p.call('add', [bind('x', 'z'), bind('y', 'y')], out('w'), undefined, 'add')
      p.select(['x', 'z'])
    })
    const distinct = storage.query(filter)
    const all = storage.query(filter, { distinct: false })
    assert.equal(distinct.length, 5)
    assert.equal(all.length, 25)
    assert.match(distinct.sql, /^SELECT DISTINCT /)
    assert.match(all.sql, /^SELECT "x"/)
    assert.deepEqual(
      distinct.values(),
      [0, 1, 2, 3, 4].map((x) => [x, x + 1]),
    )
  })

  test('Q2: an input left unbound matches calls with and without it', async () => {
    const storage = await Storage.open()
    const scale = op(function scale(x: number, factor?: number) {
      return x * (factor ?? 1)
    })
    await storage.run(() => {
      for (const x of [1, 2, 3]) for (const y of [4, 5, 6]) add(x, y)
      scale(5)
      scale(5, 2)
    })
    // mandala test_required_args: add(x=x) leaves y free.
    const sums = storage.query(
      pattern((p) => {
        p.variable('x')
        p.variable('result')
        p.call('add', [bind('x', 'x')], out('result'), undefined, 'add')
        p.select(['x', 'result'])
      }),
    )
    assert.equal(sums.length, 9)
    const scaled = storage.query(
      pattern((p) => {
        p.variable('x', [{ kind: 'literal', value: 5 }])
        p.variable('result')
        p.call('scale', [bind('x', 'x')], out('result'), undefined, 'scale')
        p.select(['result'])
      }),
    )
    assert.deepEqual(scaled.values(), [[5], [10]])
  })

  test('Q3: the empty pattern gives an empty table with no columns', async () => {
    const storage = await Storage.open()
    await storage.run(() => inc(1))
    const table = storage.query(pattern(() => {}))
    assert.deepEqual([table.columns, table.rows, table.sql], [[], [], 'SELECT 1 WHERE 0'])
  })

  test('Q3: a disconnected pattern gives the product of its parts', async () => {
    const storage = await Storage.open()
    await storage.run(() => [inc(1), inc(2), add(1, 2), add(3, 4), add(5, 6)])
    const table = storage.query(
      pattern((p) => {
        p.variable('y')
        p.variable('sum')
        p.call('inc', [], out('y'), undefined, 'inc')
        p.call('add', [], out('sum'), undefined, 'add')
        p.select(['y', 'sum'])
      }),
    )
    assert.equal(
      table.sql,
      `SELECT DISTINCT "y".hid || "y".cid || "y".kind AS "y", "sum".hid || "sum".cid || "sum".kind AS "sum"
FROM calls AS "inc"
JOIN call_io AS "inc.out.output_0" ON "inc.out.output_0".call_id = "inc".id AND "inc.out.output_0".is_output = 1 AND "inc.out.output_0".name = ?
JOIN calls AS "add" ON "add".op_version_id IN (?) AND "add".superseded_by IS NULL
JOIN call_io AS "add.out.output_0" ON "add.out.output_0".call_id = "add".id AND "add.out.output_0".is_output = 1 AND "add.out.output_0".name = ?
JOIN refs AS "y" ON "y".id = "inc.out.output_0".ref_id
JOIN refs AS "sum" ON "sum".id = "add.out.output_0".ref_id
WHERE "inc".op_version_id IN (?) AND "inc".superseded_by IS NULL
ORDER BY "inc.out.output_0".ref_id, "add.out.output_0".ref_id`,
    )
    assert.equal(table.length, 6)
    assert.deepEqual(
      table.values().map(([y]) => y),
      [2, 2, 2, 3, 3, 3],
    )
  })
})

test('Q2: a pattern joining more tables than SQLite allows is a clear query.invalid error', async () => {
  const storage = await Storage.open()
  const step = op(function step(x: number) {
    return x + 1
  })
  await storage.run(() => {
    let value = step(0)
    for (let i = 0; i < 24; i++) value = step(value)
  })
  assert.throws(
    () =>
      storage.query((q) => {
        let value = step(q.any())
        for (let i = 0; i < 24; i++) value = step(value)
        return { value }
      }),
    (error: unknown) =>
      error instanceof EngineError &&
      error.code === 'query.invalid' &&
      /too large to match in one query: it joins \d+ tables and SQLite allows 64/.test(
        error.message,
      ),
  )
  storage.close()
})
