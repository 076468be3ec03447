import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { CodedError } from '../errors'
import type { OpCatalog, OpShape, Pattern, PatternCall, PinValue } from './pattern'
import { PatternBuilder } from './pattern-builder'
import { assertValidPattern, validatePattern } from './validate'

const KEY_A = 'AAAAAAAAAAAAAAAAAAAAAA'
const KEY_B = 'BBBBBBBBBBBBBBBBBBBBBB'

function shape(op: string, inputs: string[], outputs: string[], extra: Partial<OpShape> = {}) {
  return { op, inputs, outputs, rest: null, destructured: false, versions: [KEY_A], ...extra }
}

const catalog: OpCatalog = new Map(
  [
    shape('generateData', ['seed'], ['X', 'y']),
    shape('trainForest', ['X', 'y', 'nTrees'], ['output_0'], { versions: [KEY_A, KEY_B] }),
    shape('evalForest', ['trees', 'X', 'y'], ['output_0']),
    shape('stack', ['axis'], ['output_0'], { rest: 'arrays' }),
    shape('fit', ['X', 'y'], ['output_0'], { destructured: true }),
    shape('configure', ['name'], ['output_0'], { destructured: true, rest: 'options' }),
  ].map((entry): [string, OpShape] => [entry.op, entry]),
)

/** The forest example of SPEC Q5: valid against the catalog. */
function forest(): PatternBuilder {
  const b = new PatternBuilder()
  for (const id of ['seed', 'X', 'y', 'nTrees', 'trees', 'forestAcc']) b.variable(id)
  b.pin('seed', [{ kind: 'literal', value: 0 }])
  const output = (name: string, variable: string) => ({ name, variable })
  b.call('generateData', [output('seed', 'seed')], [output('X', 'X'), output('y', 'y')])
  b.call(
    'trainForest',
    [output('X', 'X'), output('y', 'y'), output('nTrees', 'nTrees')],
    [output('output_0', 'trees')],
    { kind: 'current' },
    'call1',
  )
  b.call(
    'evalForest',
    [output('trees', 'trees'), output('X', 'X'), output('y', 'y')],
    [output('output_0', 'forestAcc')],
  )
  b.select(['nTrees', 'forestAcc'])
  return b
}

function withCall(pattern: Pattern, index: number, change: Partial<PatternCall>): Pattern {
  const calls = pattern.calls.map((call, at) => (at === index ? { ...call, ...change } : call))
  return { ...pattern, calls }
}

function messages(pattern: Pattern, against: OpCatalog | null = catalog): string[] {
  return validatePattern(pattern, against ?? undefined).map((problem) => problem.message)
}

/** `[1, <hole>, 2]` */
function holey(): unknown[] {
  const array: unknown[] = [1]
  array[2] = 2
  return array
}

function onlyProblem(pattern: Pattern, against: OpCatalog | null = catalog) {
  const problems = validatePattern(pattern, against ?? undefined)
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 2))
  return problems[0] as NonNullable<(typeof problems)[0]>
}

describe('validatePattern', () => {
  test('Q1: the forest pattern, with elements and collections, is valid', () => {
    const b = forest()
    b.variable('idx')
    b.variable('tree')
    b.variable('half')
    b.elementOf('trees', 'tree', 'idx')
    b.collectionOf('half', 'list', [{ element: 'tree', key: 'idx' }])
    assert.deepEqual(validatePattern(b.build(), catalog), [])
    assert.doesNotThrow(() => assertValidPattern(b.build(), catalog))
  })

  test('Q1: ids must be identifiers, not reserved words, q, undefined or an op called in the pattern', () => {
    for (const id of ['1a', 'a-b', '', 'if', 'let', 'await', 'q', 'undefined', 'trainForest']) {
      const pattern = forest().build()
      const renamed: Pattern = {
        ...pattern,
        variables: pattern.variables.map((v) => (v.id === 'nTrees' ? { ...v, id } : v)),
        calls: pattern.calls.map((call) => ({
          ...call,
          inputs: call.inputs.map((bind) =>
            bind.variable === 'nTrees' ? { ...bind, variable: id } : bind,
          ),
        })),
        select: [id, 'forestAcc'],
      }
      const problems = validatePattern(renamed, catalog)
      assert.ok(problems.length >= 1, id)
      assert.equal(problems[0]?.node, id)
      assert.equal(problems[0]?.field, 'id')
      assert.match(problems[0]?.message ?? '', new RegExp(`variable '${id}' is not a valid name`))
    }
    const ok = forest()
    ok.variable('évaluation_$1', [{ kind: 'literal', value: 1 }])
    assert.deepEqual(validatePattern(ok.build(), catalog), [])
  })

  test('Q1: ids are unique across variables and calls', () => {
    const b = forest()
    b.call('generateData', [], [], { kind: 'current' }, 'seed')
    const problem = onlyProblem(b.build())
    assert.equal(problem.node, 'seed')
    assert.match(problem.message, /id 'seed' is declared twice/)
  })

  test('Q1: every binding, edge and selected id names a declared variable', () => {
    const b = forest()
    b.call('evalForest', [{ name: 'trees', variable: 'forest' }], [])
    b.elementOf('bag', 'trees')
    b.collectionOf('nTrees', 'list', [{ element: 'ghost', key: null }])
    b.select(['nTrees', 'nowhere'])
    const problems = validatePattern(b.build(), catalog)
    const dangling = problems.filter((problem) =>
      /not a declared variable|undeclared/.test(problem.message),
    )
    assert.deepEqual(
      dangling.map(({ node, field }) => [node, field]),
      [
        ['call3', 'inputs.trees'],
        ['trees', 'elementsOf[0].collection'],
        ['nTrees', 'collectionsOf[0].elements[0].element'],
        ['nowhere', 'select[1]'],
      ],
    )
    assert.match(
      dangling[0]?.message ?? '',
      /call 'call3' \(evalForest\): input 'trees' names undeclared variable 'forest'/,
    )
  })

  test('Q1: an op missing from the catalog is named with the stored ops and a did-you-mean', () => {
    const problem = onlyProblem(withCall(forest().build(), 1, { op: 'trainForst' }))
    assert.equal(problem.node, 'call1')
    assert.equal(problem.field, 'op')
    assert.equal(
      problem.message,
      "call 'call1': unknown op 'trainForst'; stored ops: configure, evalForest, fit, generateData, stack, trainForest; did you mean 'trainForest'?",
    )
    const far = onlyProblem(withCall(forest().build(), 1, { op: 'somethingElse' }))
    assert.doesNotMatch(far.message, /did you mean/)
    assert.deepEqual(validatePattern(withCall(forest().build(), 1, { op: 'trainForst' })), [])
  })

  test('Q1: inputs are parameters of the op, rest inputs are <rest>_<n>', () => {
    const pattern = forest().build()
    const renamed = withCall(pattern, 1, {
      inputs: pattern.calls[1]?.inputs.map((bind) =>
        bind.name === 'nTrees' ? { ...bind, name: 'nTree' } : bind,
      ),
    })
    const problem = onlyProblem(renamed)
    assert.equal(problem.node, 'call1')
    assert.equal(problem.field, 'inputs.nTree')
    assert.equal(
      problem.message,
      "call 'call1' (trainForest): 'nTree' is not a parameter of trainForest (parameters: X, y, nTrees); did you mean 'nTrees'?",
    )

    const rest = (names: string[]) => {
      const b = new PatternBuilder()
      names.forEach((name, index) => b.variable(`v${index}`))
      b.call(
        'stack',
        names.map((name, index) => ({ name, variable: `v${index}` })),
        [],
      )
      return b.build()
    }
    assert.deepEqual(messages(rest(['axis', 'arrays_0', 'arrays_7'])), [])
    for (const name of ['arrays_', 'arrays_01', 'arrays_x', 'arrays']) {
      assert.match(
        onlyProblem(rest([name])).message,
        /is not a parameter of stack .*parameters: axis, \.\.\.arrays/,
      )
    }
  })

  test('Q1: destructured ops take their keys, or any key with ...rest', () => {
    const call = (op: string, name: string) => {
      const b = new PatternBuilder()
      b.variable('v')
      b.call(op, [{ name, variable: 'v' }], [])
      return b.build()
    }
    assert.deepEqual(messages(call('fit', 'X')), [])
    assert.match(onlyProblem(call('fit', 'Z')).message, /'Z' is not a parameter of fit/)
    assert.deepEqual(messages(call('configure', 'any key at all')), [])
  })

  test('Q1: outputs are outputs of the op', () => {
    const pattern = withCall(forest().build(), 1, {
      outputs: [{ name: 'output_1', variable: 'trees' }],
    })
    const problem = onlyProblem(pattern)
    assert.equal(problem.field, 'outputs.output_1')
    assert.match(
      problem.message,
      /'output_1' is not an output of trainForest \(outputs: output_0\); did you mean 'output_0'\?$/,
    )
  })

  test('Q1: an exact version key is one of the op versions', () => {
    const exact = (versionKey: string) =>
      withCall(forest().build(), 1, { version: { kind: 'exact', versionKey } })
    assert.deepEqual(messages(exact(KEY_B)), [])
    const problem = onlyProblem(exact('CCCCCCCCCCCCCCCCCCCCCC'))
    assert.equal(problem.field, 'version')
    assert.match(problem.message, /is not a version of trainForest \(AAAA.*, BBBB.*\)/)
    assert.deepEqual(messages(exact('CCCCCCCCCCCCCCCCCCCCCC'), null), [])
    // 'all' would read back as every version.
    assert.match(onlyProblem(exact('all'), null).message, /'all' cannot be a version key/)
  })

  test('Q1: a key variable is not also a value (call binding, collection or element)', () => {
    const b = forest()
    b.variable('tree')
    b.elementOf('trees', 'tree', 'nTrees')
    const problem = onlyProblem(b.build())
    assert.equal(problem.node, 'nTrees')
    assert.match(
      problem.message,
      /'nTrees' is the key of elementOf elementsOf\[0\], so it cannot also be input 'nTrees' of call 'call1'/,
    )

    const c = forest()
    c.variable('idx')
    c.variable('tree')
    c.elementOf('trees', 'tree', 'idx')
    c.elementOf('idx', 'seed')
    assert.ok(
      messages(c.build()).some((m) =>
        /'idx' is the key of .* cannot also be the collection/.test(m),
      ),
    )
  })

  test('Q1: a variable is defined once: one call output, element, collection or pin', () => {
    const b = forest()
    b.call('trainForest', [], [{ name: 'output_0', variable: 'trees' }], { kind: 'all' })
    const twice = onlyProblem(b.build())
    assert.equal(twice.node, 'call3')
    assert.equal(twice.field, 'outputs.output_0')
    assert.match(
      twice.message,
      /variable 'trees' is defined twice: as output 'output_0' of call 'call1' \(trainForest\) and as output 'output_0' of call 'call3'/,
    )

    const e = forest()
    e.elementOf('trees', 'forestAcc')
    assert.match(
      onlyProblem(e.build()).message,
      /'forestAcc' is defined twice: .* and as the element of elementOf elementsOf\[0\]/,
    )

    const pinned = forest()
    pinned.pin('trees', [{ kind: 'literal', value: 3 }])
    const problem = onlyProblem(pinned.build())
    assert.equal(problem.field, 'pin')
    assert.match(problem.message, /'trees' is pinned, so it cannot also be output 'output_0'/)
  })

  test('Q1: definitions may not depend on themselves', () => {
    const b = new PatternBuilder()
    b.variable('a')
    b.variable('b')
    b.call('evalForest', [{ name: 'trees', variable: 'a' }], [{ name: 'output_0', variable: 'b' }])
    b.call('evalForest', [{ name: 'trees', variable: 'b' }], [{ name: 'output_0', variable: 'a' }])
    assert.match(
      onlyProblem(b.build()).message,
      /variables '([ab])' → '[ab]' → '\1' are computed from each other in a cycle/,
    )
    const c = new PatternBuilder()
    c.variable('list')
    c.variable('item')
    c.elementOf('list', 'item')
    c.collectionOf('list', 'list', [{ element: 'item', key: null }])
    assert.match(onlyProblem(c.build()).message, /cycle/)
  })

  test('Q1: no unpinned variable is isolated, unless it is the whole pattern', () => {
    const b = forest()
    b.variable('stray')
    const problem = onlyProblem(b.build())
    assert.equal(problem.node, 'stray')
    assert.match(problem.message, /'stray' is not connected to anything/)

    const pinned = forest()
    pinned.variable('constant', [{ kind: 'literal', value: 'x' }])
    assert.deepEqual(messages(pinned.build()), [])

    const alone = new PatternBuilder()
    alone.variable('everything')
    alone.select(['everything'])
    assert.deepEqual(messages(alone.build()), [])
    alone.select([])
    assert.equal(messages(alone.build()).length, 1)
  })

  test('Q1: pins are non-empty and plain data; cid pins are content ids', () => {
    const pinned = (pin: PinValue[]) => {
      const b = forest()
      b.pin('seed', pin)
      return b.build()
    }
    const literal = (value: unknown): PinValue => ({ kind: 'literal', value }) as PinValue
    const cid = (id: string): PinValue => ({ kind: 'cid', cid: id })
    assert.deepEqual(
      messages(
        pinned([
          literal({ a: [1, -0, 'é', null, true, { b: [] }] }),
          cid('abcdefghijklmnopqrstu_'),
        ]),
      ),
      [],
    )
    assert.match(onlyProblem(pinned([])).message, /a pin lists one or more values/)
    const bad: [unknown, RegExp][] = [
      [Number.NaN, /NaN is not a finite number/],
      [{ a: [1, Infinity] }, /Infinity at \.a\[1\] is not a finite number/],
      [undefined, /a undefined/],
      [holey(), /a hole at \[1\]/],
      [new Date(0), /a class instance/],
      [10n, /a bigint/],
      [Object.fromEntries([['__proto__', 1]]), /the key '__proto__'/],
    ]
    for (const [value, expected] of bad) {
      const problem = onlyProblem(pinned([literal(value)]))
      assert.equal(problem.node, 'seed')
      assert.equal(problem.field, 'pin')
      assert.match(problem.message, expected)
    }
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    assert.match(onlyProblem(pinned([literal(cyclic)])).message, /a cycle at \.self/)
    const short = onlyProblem(pinned([literal(1), cid('tooShort')]))
    assert.equal(short.field, 'pin[1]')
    assert.match(short.message, /'tooShort' is not a content id/)
    assert.match(onlyProblem(pinned([cid('abcdefghijklmnopqrstu+')])).message, /not a content id/)
  })

  test('Q1: collections have a known kind and sets have no keys; selections are unique', () => {
    const b = forest()
    b.variable('bag')
    b.variable('at')
    b.collectionOf('bag', 'set', [{ element: 'trees', key: 'at' }])
    b.select(['nTrees', 'nTrees'])
    assert.deepEqual(messages(b.build()), [
      'collectionOf collectionsOf[0]: a set has no keys, but element 0 has one',
      "variable 'nTrees' is selected twice",
    ])
  })

  test('Q1: assertValidPattern throws query.invalid for the first problem, with all in details', () => {
    const b = forest()
    b.variable('stray')
    b.variable('lost')
    assert.throws(
      () => assertValidPattern(b.build(), catalog),
      (error: unknown) => {
        assert.ok(error instanceof CodedError)
        assert.equal(error.code, 'query.invalid')
        assert.match(error.message, /^variable 'stray' is not connected .* \(and 1 more problem\)$/)
        assert.equal(error.details?.node, 'stray')
        assert.equal(error.details?.field, null)
        assert.equal((error.details?.problems as unknown[]).length, 2)
        return true
      },
    )
  })
})
