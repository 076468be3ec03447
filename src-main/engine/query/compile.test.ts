import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type Binding, type Pattern, type PinValue } from '../../../src-shared/query/pattern'
import { PatternBuilder } from '../../../src-shared/query/pattern-builder'
import { op, Storage, type Ref } from '../index'
import { WorkspaceStore } from '../store'
import { newWorkspacePath } from '../testing/temp-dirs'
import { encodeValue } from '../values'

// The compiler's SQL is asserted as text (Kysely style): it is the contract with the indexes
// (see the plan in compile.ts), and a change to it should be a visible diff.

const inc = op(function inc(x: number) {
  return x + 1
})
const add = op(function add(x: number, y: number) {
  return x + y
})

const bind = (name: string, variable: string): Binding => ({ name, variable })
const out = (variable: string): Binding[] => [bind('output_0', variable)]

function pattern(build: (p: PatternBuilder) => void): Pattern {
  const builder = new PatternBuilder()
  build(builder)
  return builder.build()
}

const cidOf = (value: unknown): string => encodeValue(value).cid

describe('compiling patterns to SQL', () => {
  test('Q2: a single call matches every stored call of the op, inputs and outputs as refs', async () => {
    const storage = await Storage.open()
    await storage.run(() => [3, 1, 2].map((x) => inc(x)))
    const table = storage.query(
      pattern((p) => {
        p.variable('x')
        p.variable('y')
        p.call('inc', [bind('x', 'x')], out('y'), undefined, 'inc')
        p.select(['x', 'y'])
      }),
    )
    assert.equal(
      table.sql,
      `SELECT DISTINCT "x".hid || "x".cid || "x".kind AS "x", "y".hid || "y".cid || "y".kind AS "y"
FROM calls AS "inc"
JOIN call_io AS "inc.in.x" ON "inc.in.x".call_id = "inc".id AND "inc.in.x".is_output = 0 AND "inc.in.x".name = ?
JOIN call_io AS "inc.out.output_0" ON "inc.out.output_0".call_id = "inc".id AND "inc.out.output_0".is_output = 1 AND "inc.out.output_0".name = ?
JOIN refs AS "x" ON "x".id = "inc.in.x".ref_id
JOIN refs AS "y" ON "y".id = "inc.out.output_0".ref_id
WHERE "inc".op_version_id IN (?) AND "inc".superseded_by IS NULL
ORDER BY "inc.in.x".ref_id, "inc.out.output_0".ref_id`,
    )
    assert.deepEqual(table.params, ['x', 'output_0', 1])
    const [x] = table.rows[0] as Ref[]
    assert.equal(x?.inMemory, false, 'cells are lazy refs')
    // Rows come in the order the refs were stored.
    assert.deepEqual(table.values(), [
      [3, 4],
      [1, 2],
      [2, 3],
    ])
    assert.deepEqual(table.columns, ['x', 'y'])
  })

  test('Q2: a chain (composition) equates an output with the next input', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      inc(inc(10))
      inc(20)
    })
    const table = storage.query(
      pattern((p) => {
        for (const id of ['x', 'y', 'z']) p.variable(id)
        p.call('inc', [bind('x', 'x')], out('y'), undefined, 'first')
        p.call('inc', [bind('x', 'y')], out('z'), undefined, 'second')
        p.select(['x', 'z'])
      }),
    )
    assert.equal(
      table.sql,
      `SELECT DISTINCT "x".hid || "x".cid || "x".kind AS "x", "z".hid || "z".cid || "z".kind AS "z"
FROM calls AS "first"
JOIN call_io AS "first.in.x" ON "first.in.x".call_id = "first".id AND "first.in.x".is_output = 0 AND "first.in.x".name = ?
JOIN call_io AS "first.out.output_0" ON "first.out.output_0".call_id = "first".id AND "first.out.output_0".is_output = 1 AND "first.out.output_0".name = ?
JOIN calls AS "second" ON +"second".op_version_id IN (?) AND "second".superseded_by IS NULL
JOIN call_io AS "second.in.x" ON "second.in.x".call_id = "second".id AND "second.in.x".is_output = 0 AND "second.in.x".name = ? AND "second.in.x".ref_id = "first.out.output_0".ref_id
JOIN call_io AS "second.out.output_0" ON "second.out.output_0".call_id = "second".id AND "second.out.output_0".is_output = 1 AND "second.out.output_0".name = ?
JOIN refs AS "x" ON "x".id = "first.in.x".ref_id
JOIN refs AS "z" ON "z".id = "second.out.output_0".ref_id
WHERE "first".op_version_id IN (?) AND "first".superseded_by IS NULL
ORDER BY "first.in.x".ref_id, "second.out.output_0".ref_id`,
    )
    assert.deepEqual(table.params, ['x', 'output_0', 1, 'x', 'output_0', 1])
    // Only the first call is scanned by op version (`+` turns the index off for the second):
    // the second is reached from the first's output through call_io_ref.
    assert.deepEqual(table.values(), [[10, 12]])
  })

  test('Q2: a variable shared by two inputs matches only calls given the same ref twice', async () => {
    const storage = await Storage.open()
    await storage.run(() => {
      add(1, 1)
      add(1, 2)
      const two = inc(1)
      add(two, 2) // equal contents, different refs: not a match
      add(two, two)
    })
    const table = storage.query(
      pattern((p) => {
        p.variable('x')
        p.variable('sum')
        p.call('add', [bind('x', 'x'), bind('y', 'x')], out('sum'), undefined, 'add')
        p.select(['x', 'sum'])
      }),
    )
    assert.equal(
      table.sql,
      `SELECT DISTINCT "x".hid || "x".cid || "x".kind AS "x", "sum".hid || "sum".cid || "sum".kind AS "sum"
FROM calls AS "add"
JOIN call_io AS "add.in.x" ON "add.in.x".call_id = "add".id AND "add.in.x".is_output = 0 AND "add.in.x".name = ?
JOIN call_io AS "add.in.y" ON "add.in.y".call_id = "add".id AND "add.in.y".is_output = 0 AND "add.in.y".name = ? AND "add.in.y".ref_id = "add.in.x".ref_id
JOIN call_io AS "add.out.output_0" ON "add.out.output_0".call_id = "add".id AND "add.out.output_0".is_output = 1 AND "add.out.output_0".name = ?
JOIN refs AS "x" ON "x".id = "add.in.x".ref_id
JOIN refs AS "sum" ON "sum".id = "add.out.output_0".ref_id
WHERE "add".op_version_id IN (?) AND "add".superseded_by IS NULL
ORDER BY "add.in.x".ref_id, "add.out.output_0".ref_id`,
    )
    assert.deepEqual(table.values(), [
      [1, 2],
      [2, 4],
    ])
  })

  test('Q2: pins match by content id: a literal, one of several, a stored value', async () => {
    const storage = await Storage.open()
    const [, three] = await storage.run(() => [inc(1), inc(inc(1)), inc(3)])
    const pinned = (pin: readonly PinValue[]) =>
      pattern((p) => {
        p.variable('x', pin)
        p.variable('y')
        p.call('inc', [bind('x', 'x')], out('y'), undefined, 'inc')
        p.select(['y'])
      })
    const literal = storage.query(pinned([{ kind: 'literal', value: 2 }]))
    assert.equal(
      literal.sql,
      `SELECT DISTINCT "y".hid || "y".cid || "y".kind AS "y"
FROM calls AS "inc"
JOIN call_io AS "inc.in.x" ON "inc.in.x".call_id = "inc".id AND "inc.in.x".is_output = 0 AND "inc.in.x".name = ?
JOIN call_io AS "inc.out.output_0" ON "inc.out.output_0".call_id = "inc".id AND "inc.out.output_0".is_output = 1 AND "inc.out.output_0".name = ?
JOIN refs AS "x" ON "x".id = "inc.in.x".ref_id AND "x".cid IN (?)
JOIN refs AS "y" ON "y".id = "inc.out.output_0".ref_id
WHERE "inc".op_version_id IN (?) AND "inc".superseded_by IS NULL
ORDER BY "inc.out.output_0".ref_id`,
    )
    assert.deepEqual(literal.params, ['x', 'output_0', cidOf(2), 1])
    // The pinned 2 is an output of inc(1): pins match values whatever their history.
    assert.deepEqual(literal.values(), [[3]])

    const oneOf = storage.query(
      pinned([
        { kind: 'literal', value: 1 },
        { kind: 'literal', value: 3 },
      ]),
    )
    assert.match(oneOf.sql, /"x"\.cid IN \(\?, \?\)/)
    assert.deepEqual(oneOf.values(), [[2], [4]])

    const byCid = storage.query(pinned([{ kind: 'cid', cid: (three as Ref).cid }]))
    assert.deepEqual(byCid.values(), [[4]])
  })

  test('Q4: version constraints: current (newest stored), all, or one version key', async () => {
    const storage = await Storage.open()
    const incV1 = op(function inc(x: number) { return x + 1 }, { version: '1' }) // prettier-ignore
    const incV2 = op(function inc(x: number) { return x + 10 }, { version: '2' }) // prettier-ignore
    await storage.run(() => {
      incV1(1)
      incV1(2)
      incV2(3)
    })
    const [v1, v2] = storage.opCatalog().get('inc')?.versions ?? []
    assert.ok(v1 !== undefined && v2 !== undefined)
    const versioned = (version: Pattern['calls'][number]['version']) =>
      storage.query(
        pattern((p) => {
          p.variable('x')
          p.call('inc', [bind('x', 'x')], [], version, 'inc')
          p.select(['x'])
        }),
      )
    const current = versioned({ kind: 'current' })
    assert.equal(
      current.sql,
      `SELECT DISTINCT "x".hid || "x".cid || "x".kind AS "x"
FROM calls AS "inc"
JOIN call_io AS "inc.in.x" ON "inc.in.x".call_id = "inc".id AND "inc.in.x".is_output = 0 AND "inc.in.x".name = ?
JOIN refs AS "x" ON "x".id = "inc.in.x".ref_id
WHERE "inc".op_version_id IN (?) AND "inc".superseded_by IS NULL
ORDER BY "inc.in.x".ref_id`,
    )
    assert.deepEqual(current.params, ['x', 2])
    assert.deepEqual(current.values(), [[3]])

    const all = versioned({ kind: 'all' })
    assert.match(all.sql, /"inc"\.op_version_id IN \(\?, \?\)/)
    assert.deepEqual(all.params, ['x', 1, 2])
    assert.deepEqual(all.values(), [[1], [2], [3]])

    const exact = versioned({ kind: 'exact', versionKey: v1 })
    assert.deepEqual(exact.params, ['x', 1])
    assert.deepEqual(exact.values(), [[1], [2]])
  })

  test('Q2: the plan of a 3-op chain starts at the first op and only searches indexes', async () => {
    const dir = newWorkspacePath()
    const storage = await Storage.open(dir)
    await storage.run(() => {
      for (let x = 0; x < 30; x++) inc(add(inc(x), x))
    })
    const table = storage.query((q) => {
      const x = q.any()
      return { x, out: inc(add(inc(x), q.any())) }
    })
    assert.equal(table.length, 30)
    storage.close()
    const store = await WorkspaceStore.open(dir)
    const plan = store.all(`EXPLAIN QUERY PLAN ${table.sql}`, table.params).map((row) => row.detail)
    store.close()
    assert.deepEqual(plan, [
      'SEARCH inc USING INDEX calls_op_version (op_version_id=?)',
      'SEARCH inc.in.x USING PRIMARY KEY (call_id=? AND is_output=? AND name=?)',
      'SEARCH inc.out.output_0 USING PRIMARY KEY (call_id=? AND is_output=? AND name=?)',
      'SEARCH x USING INTEGER PRIMARY KEY (rowid=?)',
      'SEARCH add.in.x USING COVERING INDEX call_io_ref (ref_id=? AND is_output=?)',
      'SEARCH add USING INTEGER PRIMARY KEY (rowid=?)',
      'SEARCH add.in.y USING PRIMARY KEY (call_id=? AND is_output=? AND name=?)',
      'SEARCH add.out.output_0 USING PRIMARY KEY (call_id=? AND is_output=? AND name=?)',
      'SEARCH inc_2.in.x USING COVERING INDEX call_io_ref (ref_id=? AND is_output=?)',
      'SEARCH inc_2 USING INTEGER PRIMARY KEY (rowid=?)',
      'SEARCH inc_2.out.output_0 USING PRIMARY KEY (call_id=? AND is_output=? AND name=?)',
      'SEARCH out USING INTEGER PRIMARY KEY (rowid=?)',
      'USE TEMP B-TREE FOR DISTINCT',
      'USE TEMP B-TREE FOR ORDER BY',
    ])
  })

  test('Q2: calls superseded by a recomputation do not match', async () => {
    const storage = await Storage.open()
    let offset = 0
    const noisy = op(function noisy(x: number) {
      return x + offset
    })
    await storage.run(() => noisy(1))
    offset = 100
    await storage.run(() => noisy(1), { behavior: 'recompute' })
    const table = storage.query(
      pattern((p) => {
        p.variable('y')
        p.call('noisy', [], out('y'), undefined, 'noisy')
        p.select(['y'])
      }),
    )
    assert.deepEqual(table.values(), [[101]])
  })
})
