import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { CodedError } from '../../../src-shared/errors'
import { normalizePattern, patternsEquivalent } from '../../../src-shared/query/normalize'
import type { Pattern } from '../../../src-shared/query/pattern'
import { PatternBuilder } from '../../../src-shared/query/pattern-builder'
import {
  bind,
  FOREST_CODE as FOREST,
  forestPattern as forest,
  opShape as shape,
  SAMPLE_CATALOG as catalog,
  SAMPLE_CID as CID,
  SAMPLE_VERSION_KEY as KEY_A,
} from '../../../src-shared/query/testing/sample-patterns'
import { parseQuery } from './parse-query'

function assertEquivalent(actual: Pattern, expected: Pattern): void {
  assert.ok(
    patternsEquivalent(actual, expected),
    `${JSON.stringify(normalizePattern(actual))}\n!=\n${JSON.stringify(normalizePattern(expected))}`,
  )
}

/** Asserts a located rejection: code, `line:column: ` prefix, details, and the message. */
function rejects(
  code: string,
  expected: { code?: string; line: number; column: number; message: RegExp },
): void {
  assert.throws(
    () => parseQuery(code, catalog),
    (error: unknown) => {
      assert.ok(error instanceof CodedError, String(error))
      assert.equal(error.code, expected.code ?? 'query.syntax', error.message)
      assert.equal(error.details?.line, expected.line, error.message)
      assert.equal(error.details?.column, expected.column, error.message)
      assert.equal(typeof error.details?.endLine, 'number')
      assert.equal(typeof error.details?.endColumn, 'number')
      if (error.code === 'query.syntax') {
        assert.ok(error.message.startsWith(`${expected.line}:${expected.column}: `), error.message)
      }
      assert.match(error.message, expected.message)
      return true
    },
  )
}

const query = (...body: string[]) => `(q) => {\n${body.map((line) => `  ${line}`).join('\n')}\n}`

describe('parseQuery', () => {
  test('Q5: reads the forest example into its pattern', () => {
    const pattern = parseQuery(FOREST, catalog)
    assertEquivalent(pattern, forest())
    assert.deepEqual(pattern.select, ['nTrees', 'forestAcc'])
  })

  test('Q5: tuple holes, destructured ops, rest arguments, versions, q.op and q.call', () => {
    const pattern = parseQuery(
      query(
        'const data = q.any()',
        'const [, , c] = split(data)',
        'const r = q.any()',
        'const [a] = split(data, r)',
        'split(c)',
        'const X = q.any()',
        'const labels = q.any()',
        'const m = fit({ X, y: labels })',
        'fit()',
        'const z = stack(undefined, c, undefined, a)',
        "const u = q.op('load-data', { version: 'all' })(z)",
        `const w = q.op('trainForest', { version: '${KEY_A}' })(u)`,
        "const { out, output_1: o1 } = q.call('mystery', { 'in put': w })",
        "q.call(trainForest, {}, { version: 'all' })",
        'return { m, out }',
      ),
      new Map([...catalog, ['mystery', shape('mystery', ['in put'], ['out', 'output_1'])]]),
    )
    const b = new PatternBuilder()
    for (const id of ['data', 'c', 'r', 'a', 'X', 'labels', 'm', 'z', 'u', 'w', 'out', 'o1']) {
      b.variable(id)
    }
    b.call('split', [bind('data', 'data')], [bind('valid', 'c')])
    b.call('split', [bind('data', 'data'), bind('ratio', 'r')], [bind('train', 'a')])
    b.call('split', [bind('data', 'c')], [])
    b.call('fit', [bind('X', 'X'), bind('y', 'labels')], [bind('output_0', 'm')])
    b.call('fit', [], [])
    b.call('stack', [bind('arrays_0', 'c'), bind('arrays_2', 'a')], [bind('output_0', 'z')])
    b.call('load-data', [bind('path', 'z')], [bind('output_0', 'u')], { kind: 'all' })
    b.call('trainForest', [bind('X', 'u')], [bind('output_0', 'w')], {
      kind: 'exact',
      versionKey: KEY_A,
    })
    b.call('mystery', [bind('in put', 'w')], [bind('out', 'out'), bind('output_1', 'o1')])
    b.call('trainForest', [], [], { kind: 'all' })
    b.select(['m', 'out'])
    assertEquivalent(pattern, b.build())
  })

  test('Q5: pins: literals of every kind, oneOf with content ids, q.cid', () => {
    const pattern = parseQuery(
      query(
        "const config = q.value({ 'n trees': [5, -1.5, -0, 1e21, 0x10], ok: true, no: false, none: null })",
        `const choice = q.oneOf('it\\'s \\u00e9\\n', q.cid('${CID}'), "double")`,
        `const stored = q.cid('${CID}')`,
        "const record = q.collectionOf('object', [config, choice, stored])",
        'return { record }',
      ),
      catalog,
    )
    const variable = (id: string) => pattern.variables.find((v) => v.id === id)
    const config = { 'n trees': [5, -1.5, -0, 1e21, 16], ok: true, no: false, none: null }
    assert.deepEqual(variable('config')?.pin, [{ kind: 'literal', value: config }])
    // deepStrictEqual compares numbers with Object.is: the -0 is kept.
    assert.deepEqual(variable('choice')?.pin, [
      { kind: 'literal', value: "it's é\n" },
      { kind: 'cid', cid: CID },
      { kind: 'literal', value: 'double' },
    ])
    assert.deepEqual(variable('stored')?.pin, [{ kind: 'cid', cid: CID }])
    assert.deepEqual(
      pattern.collectionsOf[0]?.elements.map((e) => e.key),
      [null, null, null],
    )
  })

  test('Q5: equivalent spellings: function (q), a type on q, let, array arguments, q.op(op), comments', () => {
    const spelled = `// the forest, spelled differently
function (q: Query) {
  let nTrees = q.any() /* free */
  const seed = q.value(0);
  const [X, y] = q.op(generateData)(seed)
  let trees = trainForest(X, y, nTrees)

  const idx = q.any()
  const tree = q.elementOf(trees, idx)
  const half = q.collectionOf('list', [tree], [idx])
  const forestAcc = evalForest(half, X, y)
  return { nTrees, forestAcc, };
}`
    assertEquivalent(parseQuery(spelled, catalog), forest())

    const listed = parseQuery(
      query(
        'const a = q.any()',
        'const b = q.any()',
        'const acc = evalForest([a, b], undefined, a)',
        'return { acc }',
      ),
      catalog,
    )
    const b = new PatternBuilder()
    for (const id of ['a', 'b', 'v0', 'acc']) b.variable(id)
    b.collectionOf('v0', 'list', [
      { element: 'a', key: null },
      { element: 'b', key: null },
    ])
    b.call('evalForest', [bind('trees', 'v0'), bind('y', 'a')], [bind('output_0', 'acc')])
    b.select(['acc'])
    assertEquivalent(listed, b.build())
  })

  test('Q5: fresh ids for array arguments avoid every name in the code', () => {
    const pattern = parseQuery(
      query('const v0 = q.any()', 'const v1 = evalForest([v0])', 'return { v1 }'),
      catalog,
    )
    const ids = pattern.variables.map((v) => v.id)
    assert.equal(new Set(ids).size, 3)
    assert.ok(ids.includes('v0') && ids.includes('v1'))
  })

  test('Q5: located syntax errors: callee, q methods, literals where variables go, declarations', () => {
    rejects(query('const X = q.any()', 'const t = ops.trainForest(X)', 'return {}'), {
      line: 3,
      column: 13,
      message: /expected an op name or q.op\('<op name>'\) as the callee, found `ops.trainForest`/,
    })
    rejects(query('const X = q.anything()', 'return {}'), {
      line: 2,
      column: 15,
      message: /unknown query method q.anything; expected one of q.any, q.value/,
    })
    rejects(query('const X = q.any()', 'const t = trainForest(X, X, 5)', 'return { t }'), {
      line: 3,
      column: 31,
      message: /expected a variable, found `5` \(declare values with const v = q.value\(…\)\)/,
    })
    rejects(query('const t = trainForest(X)', 'const X = q.any()', 'return { t }'), {
      line: 2,
      column: 25,
      message: /'X' is used before its declaration at 3:9/,
    })
    rejects(query('const t = trainForest(Z)', 'return { t }'), {
      line: 2,
      column: 25,
      message: /found 'Z', which is not declared/,
    })
    rejects(query('const X = q.any()', 'const X = q.any()', 'return { X }'), {
      line: 3,
      column: 9,
      message: /'X' is already declared at 2:9/,
    })
    rejects(query('const X = q.value(1)'), {
      line: 3,
      column: 1,
      message: /expected return \{ … \} as the last statement/,
    })
    rejects(query('const X = q.value(Math.PI)', 'return { X }'), {
      line: 2,
      column: 21,
      message: /expected a literal .*, found `Math.PI`/,
    })
    rejects(query('const X = q.value(1 + 2)', 'return { X }'), {
      line: 2,
      column: 21,
      message: /expected a literal/,
    })
    rejects(query('const someVar = q.any()', 'const X = q.value(someVar)', 'return { X }'), {
      line: 3,
      column: 21,
      message: /expected a literal .*, found `someVar`/,
    })
  })

  test('Q5: located syntax errors: the function, statements and the return', () => {
    rejects('const f = 1', {
      line: 1,
      column: 1,
      message: /expected one arrow function .*, found `const`/,
    })
    rejects('f(1)', {
      line: 1,
      column: 1,
      message: /expected one arrow function .*, found `f\(1\)`/,
    })
    rejects('(q) => { return {} }\n(q) => { return {} }', {
      line: 2,
      column: 1,
      message: /found more after it/,
    })
    rejects('(a) => { return {} }', { line: 1, column: 2, message: /the single parameter q/ })
    rejects('(q, r) => { return {} }', { line: 1, column: 5, message: /found `r`/ })
    rejects('async (q) => { return {} }', { line: 1, column: 1, message: /found `async`/ })
    rejects('(q) => ({})', { line: 1, column: 8, message: /expected a block body/ })
    rejects(query('var X = q.any()', 'return { X }'), { line: 2, column: 3, message: /const/ })
    rejects(query('const X: number = q.any()', 'return { X }'), {
      line: 2,
      column: 12,
      message: /no type annotation/,
    })
    rejects(query('const X = q.any(), Y = q.any()', 'return { X }'), {
      line: 2,
      column: 22,
      message: /one variable per declaration/,
    })
    rejects(query('q.any()', 'return {}'), {
      line: 2,
      column: 3,
      message: /expected const <name> = q.any\(…\)/,
    })
    rejects(query('const X = q.oneOf(1)', 'return { X }'), {
      line: 2,
      column: 13,
      message: /two or more/,
    })
    rejects(query('const t = trainForest', 'return { t }'), {
      line: 2,
      column: 13,
      message: /found `trainForest`/,
    })
    rejects(query('const [a, b] = trainForest()', 'return { a }'), {
      line: 2,
      column: 9,
      message: /trainForest has one output; expected const x = trainForest\(…\)/,
    })
    rejects(query('const d = generateData()', 'return { d }'), {
      line: 2,
      column: 9,
      message: /generateData has outputs \(X, y\); expected const \[X, y\] = generateData\(…\)/,
    })
    rejects(query('const X = q.any()', 'return { X, X }'), {
      line: 3,
      column: 15,
      message: /selected twice/,
    })
    rejects(query('const X = q.any()', 'return { X: X }'), {
      line: 3,
      column: 12,
      message: /by name/,
    })
    rejects(query('const X = q.any()', 'return { X }', 'const Y = q.any()'), {
      line: 4,
      column: 3,
      message: /nothing after the return statement/,
    })
    rejects(query('const X = q.any()', 'const t = X(X)', 'return { t }'), {
      line: 3,
      column: 13,
      message: /expected an op, found variable 'X'/,
    })
  })

  test('Q5: TypeScript syntax errors are query.syntax errors located the same way', () => {
    rejects(query('const X = ', 'return { X }'), {
      line: 3,
      column: 3,
      message: /expression expected/i,
    })
    rejects('(q) => {\n  const X = q.any()\n  return { X }\n', {
      line: 4,
      column: 1,
      message: /'}' expected/,
    })
    rejects(query("const X = q.value('open)", 'return { X }'), {
      line: 2,
      column: 27,
      message: /Unterminated string literal/,
    })
    rejects('', {
      line: 1,
      column: 1,
      message: /expected one arrow function \(q\) => \{ … \}, found nothing/,
    })
  })

  test('Q1: validation errors stay query.invalid, located at the statement that made the node', () => {
    rejects(query('const X = q.any()', 'const t = trainForst(X, X, X)', 'return { t }'), {
      code: 'query.invalid',
      line: 3,
      column: 13,
      message: /^unknown op 'trainForst'; stored ops: .*; did you mean 'trainForest'\?$/,
    })
    rejects(query('const X = q.any()', 'const t = trainForest(X, X, X, X)', 'return { t }'), {
      code: 'query.invalid',
      line: 3,
      column: 34,
      message: /trainForest takes 3 arguments \(X, y, nTrees\), found 4/,
    })
    rejects(query('const X = q.any()', 'const m = fit({ Z: X })', 'return { m }'), {
      code: 'query.invalid',
      line: 3,
      column: 3,
      message: /'Z' is not a parameter of fit/,
    })
    rejects(query('const X = q.any()', 'const stray = q.any()', 'return { X }'), {
      code: 'query.invalid',
      line: 2,
      column: 3,
      message: /'X' is not connected to anything/,
    })
    rejects(query('const undefined = q.value(1)', 'return {}'), {
      code: 'query.invalid',
      line: 2,
      column: 3,
      message: /variable 'undefined' is not a valid name/,
    })
    rejects(query(`const X = q.cid('short')`, 'return { X }'), {
      code: 'query.invalid',
      line: 2,
      column: 3,
      message: /'short' is not a content id/,
    })
    rejects(query("const t = q.op('trainForest', { version: 'nope' })()", 'return { t }'), {
      code: 'query.invalid',
      line: 2,
      column: 3,
      message: /'nope' is not a version of trainForest/,
    })
  })
})
