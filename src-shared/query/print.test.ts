import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { PatternBuilder } from './pattern-builder'
import { printLiteral, printPattern } from './print'
import {
  bind,
  forestPattern as forest,
  SAMPLE_CATALOG as catalog,
  SAMPLE_CID as CID,
  SAMPLE_VERSION_KEY as KEY_A,
} from './testing/sample-patterns'

function lines(...body: string[]): string {
  return ['(q) => {', ...body.map((line) => `  ${line}`), '}'].join('\n')
}

describe('printPattern', () => {
  test('Q5: a chain of calls with an element and a keyed collection', () => {
    assert.equal(
      printPattern(forest(), catalog),
      lines(
        'const seed = q.value(0)',
        'const [X, y] = generateData(seed)',
        'const nTrees = q.any()',
        'const trees = trainForest(X, y, nTrees)',
        'const idx = q.any()',
        'const tree = q.elementOf(trees, idx)',
        "const half = q.collectionOf('list', [tree], [idx])",
        'const forestAcc = evalForest(half, X, y)',
        'return { nTrees, forestAcc }',
      ),
    )
  })

  test('Q5: tuple outputs with holes, destructured ops, rest arguments, versions and unknown ops', () => {
    const b = new PatternBuilder()
    for (const id of [
      'data',
      'a',
      'c',
      'r',
      'm',
      'labels',
      'X',
      'z',
      'u',
      'w',
      'out',
      'output_1',
    ]) {
      b.variable(id)
    }
    b.call('split', [bind('data', 'data')], [bind('valid', 'c')])
    b.call('split', [bind('ratio', 'r'), bind('data', 'data')], [bind('train', 'a')])
    b.call('split', [bind('data', 'c')], [])
    b.call('fit', [bind('y', 'labels'), bind('X', 'X')], [bind('output_0', 'm')])
    b.call('fit', [], [])
    b.call('stack', [bind('arrays_2', 'a'), bind('arrays_0', 'c')], [bind('output_0', 'z')])
    b.call('load-data', [bind('path', 'z')], [bind('output_0', 'u')], { kind: 'all' })
    b.call('delete', [bind('path', 'u')], [bind('output_0', 'w')], {
      kind: 'exact',
      versionKey: KEY_A,
    })
    b.call('mystery', [bind('in put', 'w')], [bind('out', 'out'), bind('output_1', 'output_1')])
    b.call('trainForest', [bind('X', 'X')], [bind('output_1', 'r')], { kind: 'all' })
    b.select(['m', 'out'])
    assert.equal(
      printPattern(b.build(), catalog),
      lines(
        'const data = q.any()',
        'const [, , c] = split(data)',
        'split(c)',
        'const X = q.any()',
        'const labels = q.any()',
        'const m = fit({ X, y: labels })',
        'fit()',
        // trainForest has no output_1: the catalog cannot place it, so it is named.
        "const { output_1: r } = q.call('trainForest', { X }, { version: 'all' })",
        'const [a] = split(data, r)',
        'const z = stack(undefined, c, undefined, a)',
        "const u = q.op('load-data', { version: 'all' })(z)",
        `const w = q.op('delete', { version: '${KEY_A}' })(u)`,
        "const { out, output_1 } = q.call('mystery', { 'in put': w })",
        'return { m, out }',
      ),
    )
  })

  test('Q5: pins (literal, oneOf, cid), selected-only variables first, unkeyed edges', () => {
    const b = new PatternBuilder()
    b.variable('answer', [{ kind: 'literal', value: 42 }])
    b.variable('bag')
    b.variable('item')
    b.variable('config', [{ kind: 'literal', value: { 'n trees': [5, -1.5, null], ok: true } }])
    b.variable('choice', [
      { kind: 'literal', value: "it's" },
      { kind: 'cid', cid: CID },
    ])
    b.variable('stored', [{ kind: 'cid', cid: CID }])
    b.variable('record')
    b.variable('name')
    b.collectionOf('record', 'object', [
      { element: 'config', key: 'name' },
      { element: 'choice', key: null },
    ])
    b.call('evalForest', [bind('trees', 'bag'), bind('X', 'record')], [])
    b.elementOf('bag', 'item')
    b.collectionOf('bag', 'set', [{ element: 'stored', key: null }])
    b.select(['answer', 'item'])
    assert.equal(
      printPattern(b.build(), catalog),
      lines(
        'const answer = q.value(42)',
        "const config = q.value({ 'n trees': [5, -1.5, null], ok: true })",
        `const choice = q.oneOf('it\\'s', q.cid('${CID}'))`,
        'const name = q.any()',
        "const record = q.collectionOf('object', [config, choice], [name, null])",
        `const stored = q.cid('${CID}')`,
        "const bag = q.collectionOf('set', [stored])",
        'evalForest(bag, record)',
        'const item = q.elementOf(bag)',
        'return { answer, item }',
      ),
    )
  })

  test('Q5: nothing selected prints return {}; the same pattern always prints the same text', () => {
    const b = new PatternBuilder()
    b.variable('x', [{ kind: 'literal', value: 1 }])
    assert.equal(printPattern(b.build(), catalog), lines('const x = q.value(1)', 'return {}'))
    assert.equal(printPattern(forest(), catalog), printPattern(forest(), catalog))
  })

  test('Q5: literals are JSON-like: single quotes, escapes, -0, exponents, quoted keys', () => {
    assert.equal(printLiteral("a'b\\c\nd\t\u0001\u2028"), "'a\\'b\\\\c\\nd\\t\\u0001\\u2028'")
    assert.equal(printLiteral('\ud83d\ude00 \ud800 x'), "'\ud83d\ude00 \\ud800 x'")
    assert.equal(printLiteral(-0), '-0')
    assert.equal(printLiteral(1e21), '1e+21')
    assert.equal(printLiteral(-5e-324), '-5e-324')
    assert.equal(printLiteral([]), '[]')
    assert.equal(printLiteral({}), '{}')
    assert.equal(
      printLiteral({ if: 1, '': 2, 'a-b': 3, 7: 4 }),
      "{ '7': 4, if: 1, '': 2, 'a-b': 3 }",
    )
  })

  test('Q5: a pattern invalid even without a catalog is not printed', () => {
    const b = new PatternBuilder()
    b.variable('a')
    b.variable('b')
    b.call('evalForest', [bind('trees', 'a')], [bind('output_0', 'b')])
    b.call('evalForest', [bind('trees', 'b')], [bind('output_0', 'a')])
    assert.throws(() => printPattern(b.build(), catalog), { code: 'query.invalid' })
  })
})
