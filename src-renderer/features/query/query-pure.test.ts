import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { EMPTY_PATTERN } from '../../../src-shared/query/pattern'
import { type QueryResultCell } from '../../../src-shared/query/results'
import {
  forestPattern,
  SAMPLE_CATALOG as catalog,
} from '../../../src-shared/query/testing/sample-patterns'
import { flowEdges, portOf, removalOf } from './flow-elements'
import { addOp, emptyDraft } from './pattern-edit'
import { callKey, layoutPattern, mergePositions, variableKey } from './pattern-layout'
import { adoptCallIds } from './pattern-sync'
import { pickerOptions, searchOptions } from './picker-options'
import { parsePinText, pinText } from './pin-text'
import { niceScale, tickLabel } from './plot-scale'
import {
  nextSort,
  numericColumns,
  rowCountText,
  sortRows,
  toCsv,
  toJson,
  type ResultRow,
} from './result-table'

const value = (summary: string, number: number | null): QueryResultCell => ({
  kind: 'value',
  hid: `h-${summary}`,
  cid: `c-${summary}`,
  summary,
  number,
})

describe('layout', () => {
  test('layers run left to right along the data flow', () => {
    const positions = layoutPattern(forestPattern(), catalog)
    const x = (key: string) => positions[key]?.x ?? Number.NaN
    assert.ok(x(variableKey('seed')) < x(callKey('call0')))
    assert.ok(x(callKey('call0')) < x(variableKey('X')))
    assert.ok(x(variableKey('X')) < x(callKey('call1')))
    assert.ok(x(callKey('call1')) < x(callKey('call2')))
    assert.ok(x(callKey('call2')) < x(variableKey('forestAcc')))
  })

  test('kept positions stay; a new node goes right of what feeds it', () => {
    const pattern = forestPattern()
    const previous = { [variableKey('nTrees')]: { x: 500, y: 700 } }
    const merged = mergePositions(pattern, catalog, previous)
    assert.deepEqual(merged[variableKey('nTrees')], { x: 500, y: 700 })
    assert.equal(Object.keys(merged).length, Object.keys(layoutPattern(pattern, catalog)).length)
    const trainAt = merged[callKey('call1')]
    assert.ok(trainAt !== undefined && trainAt.x > 500)
  })
})

describe('results', () => {
  const rows: ResultRow[] = [
    [value('b', 2), value("'x'", null)],
    [value('a', 10), value("'y'", null)],
    [value('c', 1), { kind: 'key', key: 'z' }],
  ]

  test('sorts numbers by value and text naturally, both ways, then off', () => {
    const byNumber = sortRows(rows, { column: 0, direction: 'asc' })
    assert.deepEqual(
      byNumber.map((row) => (row[0]?.kind === 'value' ? row[0].number : null)),
      [1, 2, 10],
    )
    const byText = sortRows(rows, { column: 1, direction: 'desc' })
    assert.deepEqual(
      byText.map((row) => (row[1]?.kind === 'value' ? row[1].summary : 'key')),
      ['key', "'y'", "'x'"],
    )
    assert.deepEqual(nextSort(null, 1), { column: 1, direction: 'asc' })
    assert.deepEqual(nextSort({ column: 1, direction: 'asc' }, 1), { column: 1, direction: 'desc' })
    assert.equal(nextSort({ column: 1, direction: 'desc' }, 1), null)
    assert.equal(sortRows(rows, null), rows)
  })

  test('CSV and JSON keep numbers as numbers and quote text', () => {
    const table: ResultRow[] = [[value('0.5', 0.5), value('a, "b"', null)]]
    assert.equal(toCsv(['acc', 'name'], table), 'acc,name\n0.5,"a, ""b"""')
    assert.deepEqual(JSON.parse(toJson(['acc', 'name'], table)), [{ acc: 0.5, name: 'a, "b"' }])
  })

  test('plottable columns and the row count text', () => {
    assert.deepEqual(numericColumns(['n', 's'], rows), [0])
    assert.deepEqual(numericColumns(['n'], []), [])
    assert.equal(rowCountText(4, 4), '4 rows')
    assert.equal(rowCountText(1, 1), '1 row')
    assert.equal(rowCountText(10000, 12000), '10,000 of 12,000 rows')
  })
})

describe('pins', () => {
  test('numbers, booleans, JSON, quoted and bare strings', () => {
    const literal = (text: string) => {
      const parsed = parsePinText(text)
      assert.ok(parsed.ok, text)
      const [only] = parsed.pin
      return only?.kind === 'literal' ? only.value : undefined
    }
    assert.equal(literal('10'), 10)
    assert.equal(literal('-2.5'), -2.5)
    assert.equal(literal('true'), true)
    assert.equal(literal('null'), null)
    assert.deepEqual(literal('[1, "a"]'), [1, 'a'])
    assert.equal(literal("'it\\'s'"), "it's")
    assert.equal(literal('"quoted"'), 'quoted')
    assert.equal(literal('plain text'), 'plain text')
    assert.equal(parsePinText('  ').ok, false)
    assert.equal(parsePinText('[1, ').ok, false)
    assert.equal(
      pinText([
        { kind: 'literal', value: 10 },
        { kind: 'literal', value: 'a' },
      ]),
      "10 | 'a'",
    )
  })
})

describe('picker', () => {
  test('from an output, ops taking that name come first; search is fuzzy', () => {
    const first = addOp(emptyDraft(EMPTY_PATTERN), 'generateData', catalog, null)
    const options = pickerOptions(first.draft.pattern, catalog, {
      kind: 'output',
      callId: first.callId,
      output: 'X',
    })
    const names = options.map((option) => (option.kind === 'op' ? option.op : option.kind))
    assert.deepEqual(names.slice(0, 3), ['evalForest', 'fit', 'trainForest'])
    const found = searchOptions(options, 'trnfor')
    assert.equal(found[0]?.kind === 'op' ? found[0].op : null, 'trainForest')
  })

  test('from an input: a new variable first, then ops producing that name', () => {
    const start = addOp(emptyDraft(EMPTY_PATTERN), 'evalForest', catalog, null)
    const options = pickerOptions(start.draft.pattern, catalog, {
      kind: 'input',
      callId: start.callId,
      input: 'X',
    })
    assert.deepEqual(options[0], { kind: 'newVariable', name: 'X' })
    assert.equal(options[1]?.kind === 'op' ? options[1].op : null, 'generateData')
  })
})

describe('sync and flow mapping', () => {
  test('parsed calls take over the ids of the drawn calls they match', () => {
    const drawn = forestPattern()
    const renumbered = {
      ...drawn,
      calls: drawn.calls.map((call, index) => ({ ...call, id: `c${9 - index}` })).reverse(),
    }
    const adopted = adoptCallIds(renumbered, drawn)
    for (const call of adopted.calls) {
      const original = drawn.calls.find((candidate) => candidate.op === call.op)
      assert.equal(call.id, original?.id)
    }
  })

  test('handles map to ports, deleted edges to bindings', () => {
    assert.deepEqual(portOf('call:call1', 'in:nTrees'), {
      kind: 'input',
      callId: 'call1',
      name: 'nTrees',
    })
    assert.deepEqual(portOf('var:X', 'out'), { kind: 'variable', variable: 'X' })
    assert.equal(portOf('elem:0', 'out'), null)
    const edges = flowEdges(forestPattern())
    assert.ok(edges.some((edge) => edge.id === 'in|call1|nTrees' && edge.source === 'var:nTrees'))
    assert.deepEqual(removalOf(['call:call2', 'var:X', 'elem:0'], ['out|call0|y']), {
      calls: ['call2'],
      variables: ['X'],
      elementsOf: [0],
      collectionsOf: [],
      bindings: [{ callId: 'call0', side: 'outputs', name: 'y' }],
    })
  })
})

describe('plot scale', () => {
  test('round ticks cover the values', () => {
    const scale = niceScale([0.79, 0.8833])
    assert.ok(scale.min <= 0.79 && scale.max >= 0.8833)
    assert.deepEqual(scale.ticks, [0.78, 0.8, 0.82, 0.84, 0.86, 0.88, 0.9])
    assert.deepEqual(niceScale([5, 5]).ticks.length > 1, true)
    assert.equal(tickLabel(0.30000000000000004), '0.3')
  })
})
