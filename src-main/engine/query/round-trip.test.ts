import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { patternsEquivalent } from '../../../src-shared/query/normalize'
import type {
  Binding,
  CollectionOf,
  ElementOf,
  OpCatalog,
  OpShape,
  Pattern,
  PatternCall,
  PatternVariable,
  PinLiteral,
  PinValue,
  VersionConstraint,
} from '../../../src-shared/query/pattern'
import { printPattern } from '../../../src-shared/query/print'
import { validatePattern } from '../../../src-shared/query/validate'
import { parseQuery } from './parse-query'

const RUNS = Number(process.env.MEMOGRAPH_ROUND_TRIP_RUNS ?? 600)

const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_']
const contentId = fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 22, maxLength: 22 })

// Op names include ones that cannot be written as a bare callee (reserved, not identifiers, q).
const OP_NAMES = ['trainForest', 'evalForest', 'load-data', 'delete', 'mergeAll', 'q', 'my op']
const INPUT_NAMES = ['X', 'y', 'nTrees', 'data', 'seed', 'arg1', 'in put']
const OUTPUT_NAMES = ['output_0', 'output_1', 'acc', 'model', 'out put']
/** Variable ids: never an op name, a call id (`call<n>`) or a name the code form reserves. */
const VARIABLE_BASES = ['a', 'X', 'y', 'tree', '$v', '_w', 'é', 'acc', 'output_']

const opShape = (op: string): fc.Arbitrary<OpShape> =>
  fc.record({
    op: fc.constant(op),
    inputs: fc.uniqueArray(fc.constantFrom(...INPUT_NAMES), { maxLength: 4 }),
    rest: fc.option(fc.constantFrom('rest', 'items'), { nil: null }),
    destructured: fc.boolean(),
    outputs: fc.uniqueArray(fc.constantFrom(...OUTPUT_NAMES), { minLength: 1, maxLength: 3 }),
    versions: fc.uniqueArray(contentId, { minLength: 1, maxLength: 3 }),
  })

const catalogArbitrary: fc.Arbitrary<OpCatalog> = fc
  .shuffledSubarray(OP_NAMES, { minLength: 1 })
  .chain((names) => fc.tuple(...names.map(opShape)))
  .map((shapes) => new Map(shapes.map((shape): [string, OpShape] => [shape.op, shape])))

const literal: fc.Arbitrary<PinLiteral> = fc.letrec<{ value: PinLiteral }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ unit: 'binary', maxLength: 6 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.string({ unit: 'binary', maxLength: 4 }).filter((key) => key !== '__proto__'),
      tie('value'),
      { maxKeys: 3 },
    ),
  ),
})).value

const pinValue: fc.Arbitrary<PinValue> = fc.oneof(
  literal.map((value): PinValue => ({ kind: 'literal', value })),
  contentId.map((cid): PinValue => ({ kind: 'cid', cid })),
)
const pin = fc.option(fc.array(pinValue, { minLength: 1, maxLength: 3 }), { nil: null, freq: 2 })

/**
 * A valid pattern over the catalog, built in program order so that every variable is defined
 * once and before it is read; then its arrays are shuffled (order carries no meaning).
 */
function generatePattern(g: fc.GeneratorValue, catalog: OpCatalog): Pattern {
  const shapes = [...catalog.values()]
  const pick = <T>(items: readonly T[]): T => g(() => fc.constantFrom(...items))
  const variables: PatternVariable[] = []
  const values: string[] = []
  const keys: string[] = []
  const calls: PatternCall[] = []
  const elementsOf: ElementOf[] = []
  const collectionsOf: CollectionOf[] = []
  const declare = (pinned: readonly PinValue[] | null): string => {
    const id = `${pick(VARIABLE_BASES)}${variables.length}`
    variables.push({ kind: 'variable', id, pin: pinned })
    return id
  }
  const defineValue = (): string => {
    const id = declare(null)
    values.push(id)
    return id
  }
  const readValue = (): string => {
    if (values.length > 0 && g(fc.boolean)) return pick(values)
    const id = declare(g(() => pin))
    values.push(id)
    return id
  }
  const readKey = (): string => {
    if (keys.length > 0 && g(fc.boolean)) return pick(keys)
    const id = declare(g(() => fc.option(fc.array(pinValue, { minLength: 1, maxLength: 2 }))))
    keys.push(id)
    return id
  }

  if (g(fc.integer, { min: 0, max: 9 }) === 0) {
    const id = declare(g(() => pin))
    return { kind: 'pattern', variables, calls, elementsOf, collectionsOf, select: [id] }
  }
  const steps = g(fc.integer, { min: 1, max: 7 })
  for (let step = 0; step < steps; step++) {
    const kind = pick(['call', 'call', 'elementOf', 'collectionOf'])
    if (kind === 'call' || (kind === 'elementOf' && values.length === 0)) {
      const shape = pick(shapes)
      const restNames =
        shape.rest === null
          ? []
          : shape.destructured
            ? ['extra', 'more keys']
            : [0, 1, 2, 3].map((n) => `${shape.rest}_${n}`)
      const inputNames = g(fc.subarray, [...shape.inputs, ...restNames])
      const inputs: Binding[] = inputNames.map((name) => ({ name, variable: readValue() }))
      const outputNames = g(fc.subarray, [...shape.outputs])
      const outputs: Binding[] = outputNames.map((name) => ({ name, variable: defineValue() }))
      const version = g(() =>
        fc.oneof(
          fc.constant<VersionConstraint>({ kind: 'current' }),
          fc.constant<VersionConstraint>({ kind: 'all' }),
          fc
            .constantFrom(...shape.versions)
            .map((versionKey): VersionConstraint => ({ kind: 'exact', versionKey })),
        ),
      )
      const id = `call${calls.length}`
      calls.push({ kind: 'call', id, op: shape.op, version, inputs, outputs })
    } else if (kind === 'elementOf') {
      const collection = pick(values)
      const key = g(fc.boolean) ? readKey() : null
      elementsOf.push({ kind: 'elementOf', collection, element: defineValue(), key })
    } else {
      const collectionKind = pick(['list', 'object', 'map', 'set'] as const)
      const count = g(fc.integer, { min: 0, max: 3 })
      const elements = Array.from({ length: count }, () => ({
        element: readValue(),
        key: collectionKind !== 'set' && g(fc.boolean) ? readKey() : null,
      }))
      const collection = defineValue()
      collectionsOf.push({ kind: 'collectionOf', collection, collectionKind, elements })
    }
  }
  // A pinned variable nothing else mentions is valid too.
  if (g(fc.boolean)) declare(g(() => fc.array(pinValue, { minLength: 1, maxLength: 2 })))
  const ids = variables.map((variable) => variable.id)
  const shuffle = <T>(items: T[]): T[] => g(fc.shuffledSubarray, items, { minLength: items.length })
  return {
    kind: 'pattern',
    variables: shuffle(variables),
    calls: shuffle(calls),
    elementsOf: shuffle(elementsOf),
    collectionsOf: shuffle(collectionsOf),
    select: g(fc.shuffledSubarray, ids),
  }
}

test('Q5: parseQuery(printPattern(p)) is equivalent to p, and prints the same text', () => {
  let cases = 0
  fc.assert(
    fc.property(catalogArbitrary, fc.gen(), (catalog, g) => {
      const pattern = generatePattern(g, catalog)
      assert.deepEqual(validatePattern(pattern, catalog), [], 'the generator makes valid patterns')
      const text = printPattern(pattern, catalog)
      const parsed = parseQuery(text, catalog)
      assert.ok(patternsEquivalent(parsed, pattern), `not equivalent after reading:\n${text}`)
      assert.equal(printPattern(parsed, catalog), text)
      cases++
    }),
    { numRuns: RUNS },
  )
  assert.equal(cases, RUNS)
})

test('Q5: equivalence ignores order and call ids, not content', () => {
  fc.assert(
    fc.property(catalogArbitrary, fc.gen(), (catalog, g) => {
      const pattern = generatePattern(g, catalog)
      const reordered: Pattern = {
        ...pattern,
        variables: [...pattern.variables].reverse(),
        calls: pattern.calls.map((call, index) => ({ ...call, id: `other${index}` })).reverse(),
        elementsOf: [...pattern.elementsOf].reverse(),
        collectionsOf: pattern.collectionsOf.map((edge) => ({
          ...edge,
          elements: [...edge.elements].reverse(),
        })),
      }
      assert.ok(patternsEquivalent(reordered, pattern))
      const [first] = pattern.variables
      const changes: Pattern[] = []
      if (pattern.select.length > 0)
        changes.push({ ...pattern, select: [...pattern.select].reverse().concat(pattern.select) })
      if (first !== undefined) {
        const pinned: PatternVariable = { ...first, pin: [{ kind: 'literal', value: 'changed' }] }
        changes.push({ ...pattern, variables: [pinned, ...pattern.variables.slice(1)] })
        changes.push({ ...pattern, variables: pattern.variables.slice(1) })
      }
      const [call] = pattern.calls
      if (call !== undefined) {
        changes.push({ ...pattern, calls: pattern.calls.slice(1) })
        const version: VersionConstraint =
          call.version.kind === 'all' ? { kind: 'current' } : { kind: 'all' }
        changes.push({ ...pattern, calls: [{ ...call, version }, ...pattern.calls.slice(1)] })
      }
      for (const changed of changes) {
        assert.ok(!patternsEquivalent(changed, pattern), JSON.stringify(changed))
      }
    }),
    { numRuns: 200 },
  )
})
