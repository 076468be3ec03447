import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  barRects,
  formatBytes,
  formatCell,
  formatNumber,
  hiddenEntries,
  isNumericColumn,
  linePoints,
  treeLabel,
} from './value-format'

describe('formatNumber', () => {
  test('integers stay exact, others get 4 significant digits', () => {
    assert.equal(formatNumber(42), '42')
    assert.equal(formatNumber(0.946666), '0.9467')
    assert.equal(formatNumber(-12.345678), '-12.35')
    assert.equal(formatNumber(0.00001234), '1.234e-5')
    assert.equal(formatNumber(123456789.5), '1.235e+8')
    assert.equal(formatNumber(Number.NaN), 'NaN')
    assert.equal(formatNumber(-Infinity), '−∞')
  })
})

describe('cells and sizes', () => {
  test('cells show null and booleans as words', () => {
    assert.equal(formatCell(null), 'null')
    assert.equal(formatCell(true), 'true')
    assert.equal(formatCell('<b>x</b>'), '<b>x</b>')
  })
  test('a column is numeric when every non-null cell is a number', () => {
    const rows = [
      [1, 'a', null],
      [null, 'b', null],
      [2.5, 3, null],
    ]
    assert.equal(isNumericColumn(rows, 0), true)
    assert.equal(isNumericColumn(rows, 1), false)
    assert.equal(isNumericColumn(rows, 2), false)
  })
  test('bytes', () => {
    assert.equal(formatBytes(512), '512 B')
    assert.equal(formatBytes(2048), '2.0 kB')
    assert.equal(formatBytes(3 * 1024 * 1024), '3.0 MB')
  })
})

describe('plot geometry', () => {
  test('a line spans the box with the max at the top and the min at the bottom', () => {
    assert.equal(linePoints([0, 5, 10], 100, 50), '0,50 50,25 100,0')
  })
  test('a constant series is a flat line through the middle', () => {
    assert.equal(linePoints([3, 3], 10, 20), '0,10 10,10')
    assert.equal(linePoints([7], 10, 20), '0,10 10,10')
  })
  test('more values than pixels keep each column extremes', () => {
    const values = Array.from({ length: 1000 }, (_, index) => (index === 500 ? 100 : 0))
    const points = linePoints(values, 10, 10).split(' ')
    assert.equal(points.length, 20)
    assert.ok(
      points.some((point) => point.endsWith(',0')),
      'the spike reaches the top',
    )
  })
  test('non-finite values are skipped', () => {
    assert.equal(linePoints([Number.NaN, Infinity], 10, 10), '')
  })
  test('bars rise from zero, negative ones hang below it', () => {
    const [up, down] = barRects([2, -2], 20, 40)
    assert.deepEqual(up, { x: 0.5, y: 0, width: 9, height: 20 })
    assert.deepEqual(down, { x: 10.5, y: 20, width: 9, height: 20 })
  })
})

describe('tree labels', () => {
  test('collapsed nodes say what they hold', () => {
    assert.equal(treeLabel({ kind: 'array', items: [], length: 3 }), 'Array(3)')
    assert.equal(treeLabel({ kind: 'object', type: 'Map', entries: [], size: 2 }), 'Map(2)')
    const leaf = { kind: 'leaf', value: 1, type: 'number' } as const
    assert.equal(
      treeLabel({
        kind: 'object',
        type: 'Object',
        entries: [
          ['a', leaf],
          ['b', leaf],
          ['c', leaf],
        ],
        size: 5,
      }),
      '{ a, b, c, … }',
    )
    assert.equal(treeLabel({ kind: 'leaf', value: 'hi', type: 'string' }), '"hi"')
  })
  test('cut nodes count what they hide', () => {
    assert.equal(hiddenEntries({ kind: 'array', items: [], length: 4 }), 4)
    assert.equal(hiddenEntries({ kind: 'leaf', value: null, type: 'null' }), 0)
  })
})
