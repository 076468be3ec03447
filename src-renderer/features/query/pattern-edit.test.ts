import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { EMPTY_PATTERN } from '../../../src-shared/query/pattern'
import { printPattern } from '../../../src-shared/query/print'
import { SAMPLE_CATALOG as catalog } from '../../../src-shared/query/testing/sample-patterns'
import { validatePattern } from '../../../src-shared/query/validate'
import { addOp, bindNewVariable, emptyDraft, type PatternDraft } from './pattern-edit'
import {
  connect,
  connectionProblem,
  pinVariable,
  removeParts,
  renameProblem,
  renameVariable,
  toggleSelected,
} from './pattern-ops'

/** The must-show drawing: generateData, then trainForest from X, then evalForest from its output. */
function drawForest(): { draft: PatternDraft; ids: string[] } {
  const first = addOp(emptyDraft(EMPTY_PATTERN), 'generateData', catalog, null)
  const second = addOp(first.draft, 'trainForest', catalog, {
    kind: 'output',
    callId: first.callId,
    output: 'X',
  })
  const third = addOp(second.draft, 'evalForest', catalog, {
    kind: 'output',
    callId: second.callId,
    output: 'output_0',
  })
  return { draft: third.draft, ids: [first.callId, second.callId, third.callId] }
}

describe('addOp', () => {
  test('a free-standing op gets variables for its outputs and leaves its inputs open', () => {
    const { draft, callId, createdVariables } = addOp(
      emptyDraft(EMPTY_PATTERN),
      'generateData',
      catalog,
      null,
    )
    assert.deepEqual(createdVariables, ['X', 'y'])
    const call = draft.pattern.calls.find((candidate) => candidate.id === callId)
    assert.deepEqual(call?.inputs, [])
    assert.deepEqual(call?.outputs, [
      { name: 'X', variable: 'X' },
      { name: 'y', variable: 'y' },
    ])
    assert.deepEqual(draft.pattern.select, ['X', 'y'])
  })

  test('chaining wires by name, renames generated names, frees the rest, prints the forest', () => {
    const { draft } = drawForest()
    assert.deepEqual(validatePattern(draft.pattern, catalog), [])
    assert.equal(
      printPattern(draft.pattern, catalog),
      [
        '(q) => {',
        '  const [X, y] = generateData()',
        '  const nTrees = q.any()',
        '  const trees = trainForest(X, y, nTrees)',
        '  const evalForestOut = evalForest(trees, X, y)',
        '  return { nTrees, evalForestOut }',
        '}',
      ].join('\n'),
    )
    // Consumed intermediates left the columns; the generated output name gave way to `trees`.
    assert.deepEqual(draft.autoNamed, ['evalForestOut'])
  })

  test('dragging back from an input: the new op computes it, reusing a free variable there', () => {
    const start = addOp(emptyDraft(EMPTY_PATTERN), 'evalForest', catalog, null)
    const bound = bindNewVariable(start.draft, start.callId, 'trees', catalog)
    assert.ok(bound !== null)
    const { draft, callId } = addOp(bound.draft, 'trainForest', catalog, {
      kind: 'input',
      callId: start.callId,
      input: 'trees',
    })
    const train = draft.pattern.calls.find((call) => call.id === callId)
    assert.deepEqual(train?.outputs, [{ name: 'output_0', variable: 'trees' }])
    assert.deepEqual(
      train?.inputs.map((binding) => binding.name),
      ['X', 'y', 'nTrees'],
    )
    assert.deepEqual(validatePattern(draft.pattern, catalog), [])
  })

  test('new names avoid variables, call ids and op names', () => {
    const first = addOp(emptyDraft(EMPTY_PATTERN), 'generateData', catalog, null)
    const second = addOp(first.draft, 'generateData', catalog, null)
    assert.deepEqual(second.createdVariables, ['X2', 'y2'])
    assert.notEqual(first.callId, second.callId)
  })
})

describe('pattern edits', () => {
  test('connectionProblem refuses cycles, self-feeding and second definitions', () => {
    const { draft, ids } = drawForest()
    const [generate, train] = ids as [string, string, string]
    assert.match(
      connectionProblem(
        draft.pattern,
        { kind: 'variable', variable: 'trees' },
        { kind: 'input', callId: generate, name: 'seed' },
      ) ?? '',
      /cycle/,
    )
    assert.match(
      connectionProblem(
        draft.pattern,
        { kind: 'output', callId: train, name: 'output_0' },
        { kind: 'input', callId: train, name: 'nTrees' },
      ) ?? '',
      /cannot feed itself/,
    )
    assert.match(
      connectionProblem(
        draft.pattern,
        { kind: 'output', callId: generate, name: 'X' },
        { kind: 'variable', variable: 'trees' },
      ) ?? '',
      /trees is already defined by output output_0 of trainForest/,
    )
    assert.equal(
      connectionProblem(
        draft.pattern,
        { kind: 'variable', variable: 'nTrees' },
        { kind: 'input', callId: generate, name: 'seed' },
      ),
      null,
    )
  })

  test('connect binds an input, and the variable it replaced goes when nothing uses it', () => {
    const { draft, ids } = drawForest()
    const generate = ids[0] ?? ''
    const train = ids[1] ?? ''
    const seeded = bindNewVariable(draft, generate, 'seed', catalog)
    assert.ok(seeded !== null)
    const next = connect(
      seeded.draft,
      { kind: 'variable', variable: 'seed' },
      { kind: 'input', callId: train, name: 'nTrees' },
      catalog,
    )
    assert.ok(!next.pattern.variables.some((variable) => variable.id === 'nTrees'))
    assert.ok(!next.pattern.select.includes('nTrees'))
  })

  test('removing an op takes its now-unused variables with it', () => {
    const { draft, ids } = drawForest()
    const next = removeParts(draft, { calls: [ids[2] ?? ''] })
    assert.deepEqual(
      next.pattern.variables.map((variable) => variable.id),
      ['X', 'y', 'trees', 'nTrees'],
    )
    assert.deepEqual(validatePattern(next.pattern, catalog), [])
  })

  test('removing a wire unbinds just that port', () => {
    const { draft, ids } = drawForest()
    const train = ids[1] ?? ''
    const next = removeParts(draft, {
      bindings: [{ callId: train, side: 'inputs', name: 'nTrees' }],
    })
    const call = next.pattern.calls.find((candidate) => candidate.id === train)
    assert.deepEqual(
      call?.inputs.map((binding) => binding.name),
      ['X', 'y'],
    )
    assert.ok(!next.pattern.variables.some((variable) => variable.id === 'nTrees'))
  })

  test('rename checks identifiers, clashes and op names, then renames everywhere', () => {
    const { draft } = drawForest()
    assert.match(renameProblem(draft.pattern, 'evalForestOut', '2x') ?? '', /not a JavaScript/)
    assert.match(renameProblem(draft.pattern, 'evalForestOut', 'X') ?? '', /already exists/)
    assert.match(renameProblem(draft.pattern, 'evalForestOut', 'evalForest') ?? '', /op/)
    const next = renameVariable(draft, 'evalForestOut', 'forestAcc')
    assert.match(printPattern(next.pattern, catalog), /const forestAcc = evalForest\(trees, X, y\)/)
    assert.match(printPattern(next.pattern, catalog), /return \{ nTrees, forestAcc \}/)
    assert.deepEqual(next.autoNamed, [])
  })

  test('pins apply to free variables only; select toggles the column', () => {
    const { draft } = drawForest()
    const pinned = pinVariable(draft, 'nTrees', [{ kind: 'literal', value: 10 }])
    assert.match(printPattern(pinned.pattern, catalog), /const nTrees = q\.value\(10\)/)
    assert.equal(pinVariable(draft, 'trees', [{ kind: 'literal', value: 1 }]), draft)
    const unselected = toggleSelected(draft, 'nTrees')
    assert.deepEqual(unselected.pattern.select, ['evalForestOut'])
    assert.deepEqual(toggleSelected(unselected, 'nTrees').pattern.select, [
      'evalForestOut',
      'nTrees',
    ])
  })
})
