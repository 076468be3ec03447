import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import {
  type Binding,
  type OpCatalog,
  type Pattern,
  type PinValue,
  type VersionConstraint,
} from '../../../src-shared/query/pattern'
import { PatternBuilder } from '../../../src-shared/query/pattern-builder'
import { validatePattern } from '../../../src-shared/query/validate'
import { isRef, op, Storage, type QueryTable, type Ref } from '../index'
import { WorkspaceStore } from '../store'
import { naiveMatch, readStoredGraph, type StoredGraph } from '../testing/naive-query-matcher'
import { newWorkspacePath } from '../testing/temp-dirs'
import { encodeValue } from '../values'

// mandala's "sql == naive": random small workspaces, random patterns over their ops, and the
// compiled SQL's rows compared with a backtracking matcher (testing/naive-query-matcher.ts).

const inc = op(function inc(x: number) {
  return x + 1
})
const incBy2 = op(function inc(x: number) {
  return x + 2
})
const add = op(function add(x: number, y: number) {
  return x + y
})
const pair = op(
  function pair(x: number) {
    return [x, x + 1]
  },
  { outputs: ['lo', 'hi'] },
)
const total = op(function total(xs: number[]) {
  return xs.reduce((sum, x) => sum + x, 0)
})
const pick = op(function pick(entries: Record<string, number>) {
  return Object.values(entries).reduce((sum, x) => sum + x, 0)
})
let executions = 0
/** Its result changes each time it runs: recomputing it supersedes the stored call (B2). */
const noisy = op(function noisy(x: number) {
  return x + executions++ * 100
})
const spread = op(
  function spread(x: number) {
    return [x, x % 3]
  },
  { elementwise: true },
)

// The pool is typed as numbers, but programs are random: a list may reach `inc` (JavaScript
// makes a string of it), which is just more stored data to match.
type Slot = number | Ref<number>
// Collections are drawn twice as often: they make the element and key constraints.
const OPS = [
  ...['inc', 'incBy2', 'add', 'pair', 'noisy'],
  ...['total', 'pick', 'spread', 'total', 'pick', 'spread'],
] as const

/**
 * Runs a random program: each step calls an op on earlier results and small integers. Returns
 * its noisy calls, to be recomputed in a second run.
 */
function runProgram(storage: Storage, steps: readonly (readonly number[])[]): (() => void)[] {
  const noisyCalls: (() => void)[] = []
  const pool: Slot[] = [0, 1, 2]
  const at = (index: number | undefined): Slot => pool[(index ?? 0) % pool.length] ?? 0
  for (const [choice = 0, ...args] of steps) {
    const [a, b, c] = [at(args[0]), at(args[1]), at(args[2])]
    switch (OPS[choice % OPS.length]) {
      case 'inc':
        pool.push(inc(a))
        break
      case 'incBy2':
        pool.push(incBy2(a))
        break
      case 'add':
        pool.push(add(a, b))
        break
      case 'pair':
        pool.push(...pair(a))
        break
      case 'noisy':
        pool.push(noisy(a))
        noisyCalls.push(() => noisy(a))
        break
      case 'total':
        pool.push(total((args[3] ?? 0) % 2 === 0 ? [a, b] : [c]))
        break
      case 'pick':
        pool.push(pick({ a, b }))
        break
      case 'spread': {
        const list = spread(a)
        pool.push(list as Ref as Slot, ...(storage.elements(list) as Ref<number>[]))
        break
      }
    }
  }
  return noisyCalls
}

/**
 * A random pattern grown from the stored graph, so that it usually matches: a stored call,
 * then calls, elements and collections around refs it reached, some bindings left out, some
 * variables pinned (to their own value or a random one), random version constraints.
 */
function randomPattern(
  graph: StoredGraph,
  catalog: OpCatalog,
  choices: readonly number[],
): Pattern {
  let next = 0
  const choose = (n: number): number => (n <= 0 ? 0 : (choices[next++ % choices.length] ?? 0) % n)
  const pick = <T>(items: readonly T[]): T | undefined => items[choose(items.length)]
  const opOf = new Map(graph.versions.map((version) => [version.id, version.op]))
  const p = new PatternBuilder()
  const variables = new Map<number, string>()
  const keys = new Map<number | string, string>()
  const defined = new Set<string>()
  const variableOf = (refId: number): string => {
    let id = variables.get(refId)
    if (id !== undefined) return id
    const ref = graph.refs.get(refId)
    const pins: (readonly PinValue[] | null)[] = [
      null,
      null,
      null,
      [{ kind: 'cid', cid: ref?.cid ?? '' }],
      [{ kind: 'literal', value: choose(5) }],
    ]
    id = p.variable(`v${variables.size}`, pick(pins) ?? null)
    variables.set(refId, id)
    return id
  }
  /** A variable a definition (output, element, collection) may bind: not defined yet, not pinned. */
  const definable = (refId: number): string | null => {
    const known = variables.get(refId)
    if (known !== undefined && (defined.has(known) || choose(6) === 0)) return null
    const id = known ?? p.variable(`v${variables.size}`)
    variables.set(refId, id)
    const pinned = p.build().variables.find((variable) => variable.id === id)?.pin ?? null
    if (pinned !== null) return null
    defined.add(id)
    return id
  }
  const keyOf = (value: number | string): string | null => {
    if (choose(3) === 0) return null
    // The key variable of an equal key (the same position or key) usually, any one sometimes.
    const known = choose(4) === 0 ? pick([...keys.values()]) : keys.get(value)
    if (known !== undefined && choose(3) > 0) return known
    const pin: PinValue[] | null = choose(4) === 0 ? [{ kind: 'literal', value: choose(2) }] : null
    const id = p.variable(`k${keys.size}`, pin)
    keys.set(value, id)
    return id
  }
  let calls = 0
  const addCall = (callId: number): void => {
    const call = graph.calls.find((stored) => stored.id === callId)
    const op = opOf.get(call?.opVersionId ?? -1)
    const shape = catalog.get(op ?? '')
    if (call === undefined || shape === undefined) return
    const inputs: Binding[] = [...call.inputs]
      .filter(() => choose(10) < 8)
      .map(([name, refId]) => ({ name, variable: variableOf(refId) }))
    const outputs: Binding[] = []
    for (const [name, refId] of call.outputs) {
      const variable = choose(10) < 8 ? definable(refId) : null
      if (variable !== null) outputs.push({ name, variable })
    }
    const versions: VersionConstraint[] = [
      { kind: 'current' },
      { kind: 'all' },
      { kind: 'all' },
      { kind: 'exact', versionKey: pick(shape.versions) ?? '' },
    ]
    p.call(shape.op, inputs, outputs, pick(versions), `call${calls++}`)
  }
  const live = graph.calls.filter((call) => !call.superseded)
  const structuredRefs = new Set(graph.items.flatMap((item) => [item.collectionId, item.itemId]))
  const nearCollections = live.filter((call) =>
    [...call.inputs.values(), ...call.outputs.values()].some((id) => structuredRefs.has(id)),
  )
  addCall(pick(nearCollections.length > 0 && choose(3) > 0 ? nearCollections : live)?.id ?? -1)
  for (let steps = 1 + choose(6); steps > 0; steps--) {
    // Half the time grow around collections: they are where keys and kinds get exercised.
    const reached = [...variables.keys()]
    const structured = reached.filter((id) => structuredRefs.has(id))
    const refId = pick(structured.length > 0 && choose(2) === 0 ? structured : reached)
    if (refId === undefined) break
    const touching = graph.calls.filter((call) =>
      [...call.inputs.values(), ...call.outputs.values()].includes(refId),
    )
    const items = graph.items.filter((item) => item.collectionId === refId)
    const holders = graph.items.filter((item) => item.itemId === refId)
    const moves = [
      ...(touching.length > 0 ? ['call'] : []),
      ...(items.length > 0 ? ['element', 'element'] : []),
      ...(holders.length > 0 ? ['collection', 'collection'] : []),
    ]
    const move = pick(moves)
    if (move === 'call') addCall(pick(touching)?.id ?? -1)
    else if (move === 'element') {
      const item = pick(items)
      const element = item === undefined ? null : definable(item.itemId)
      if (item !== undefined && element !== null)
        p.elementOf(variableOf(refId), element, keyOf(item.keyCid ?? item.position))
    } else if (move === 'collection') {
      const item = pick(holders)
      const collection = item === undefined ? null : definable(item.collectionId)
      const kind = graph.refs.get(item?.collectionId ?? -1)?.kind ?? 1
      const kinds = ['list', 'object', 'map', 'set'] as const
      const named = choose(8) === 0 ? pick(kinds) : kinds[kind - 1]
      if (item !== undefined && collection !== null && named !== undefined) {
        const key = named === 'set' ? null : keyOf(item.keyCid ?? item.position)
        p.collectionOf(collection, named, [{ element: variableOf(refId), key }])
      }
    }
  }
  p.select([...variables.values(), ...keys.values()].filter(() => choose(3) > 0))
  return p.build()
}

/** A table's rows in the naive matcher's notation. */
function cellsOf(table: QueryTable): string[][] {
  return table.rows.map((row) =>
    row.map((cell) => {
      if (isRef(cell)) return `r:${cell.hid}`
      return `k:${typeof cell === 'number' ? cell : encodeValue(cell).cid}`
    }),
  )
}

const sortedRows = (rows: string[][]) => rows.map((row) => JSON.stringify(row)).sort()

describe('compiled queries agree with a naive matcher', () => {
  test('Q2–Q4: SQL rows equal naive matches on random workspaces and patterns', async () => {
    let checked = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.nat(50), { minLength: 4, maxLength: 4 }), {
          minLength: 3,
          maxLength: 12,
        }),
        fc.array(fc.nat(1000), { minLength: 40, maxLength: 40 }),
        async (steps, choices) => {
          const dir = newWorkspacePath()
          const storage = await Storage.open(dir)
          try {
            const noisyCalls = await storage.run(() => runProgram(storage, steps))
            await storage.run(() => noisyCalls.forEach((call) => call()), {
              behavior: { noisy: 'recompute' },
            })
            const store = await WorkspaceStore.open(dir)
            const graph = readStoredGraph(store)
            store.close()
            const pattern = randomPattern(graph, storage.opCatalog(), choices)
            if (validatePattern(pattern, storage.opCatalog()).length > 0) return
            const pinCid = (pin: PinValue) =>
              pin.kind === 'cid' ? pin.cid : encodeValue(pin.value).cid
            for (const distinct of [true, false]) {
              const table = storage.query(pattern, { distinct })
              const expected = naiveMatch(graph, pattern, { distinct, pinCid })
              assert.deepEqual(sortedRows(cellsOf(table)), sortedRows(expected), table.sql)
            }
            checked++
          } finally {
            storage.close()
          }
        },
      ),
      { numRuns: 100, seed: 20260601 },
    )
    assert.ok(checked >= 60, `only ${checked} of 100 random patterns were valid`)
  })
})
