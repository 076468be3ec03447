import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MAX_PREVIEW_NUMBERS, MAX_PREVIEW_ROWS } from '../../src-shared/model/values'
import { type ValueSketch } from '../engine'
import { previewValue } from './value-previews'
import { summarizeSketch, summarizeValue } from './value-summaries'

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

function sketch(overrides: Partial<ValueSketch>): ValueSketch {
  return {
    hid: 'h' as ValueSketch['hid'],
    cid: 'c' as ValueSketch['cid'],
    kind: 'atom',
    typeName: 'number',
    size: 9,
    loaded: false,
    value: undefined,
    items: null,
    ...overrides,
  }
}

describe('value summaries', () => {
  it('write scalars, short arrays and records out, and describe bigger ones by type', () => {
    const cases: [unknown, string][] = [
      [0.946666, '0.9467'],
      [5, '5'],
      [123456.789, '123456.79'],
      [1e-9, '1.000e-9'],
      ['abc', "'abc'"],
      ['x'.repeat(60), `'${'x'.repeat(39)}…'`],
      ["it's", "'it\\'s'"],
      [null, 'null'],
      [undefined, 'undefined'],
      [12n, '12n'],
      [[1, 2, 3], '[1, 2, 3]'],
      [Array.from({ length: 300 }, () => 1), 'number[300]'],
      [Array.from({ length: 300 }, () => [1, 2]), 'number[][300]'],
      [[[[1, 2]], [0, 1]], '[number[][], number[]]'],
      [
        { feature: 0, threshold: 4.2, below: 0, above: 1 },
        '{ feature: 0, threshold: 4.2, below: 0, above: 1 }',
      ],
      [
        { feature: [1, 2], threshold: 4.2, a: 1, b: 2, c: 3, d: 4, e: 5 },
        '{ feature, threshold, a, b, c, d, e }',
      ],
      [new Float64Array(1000), 'Float64Array[1000]'],
      [new Map([[1, 2]]), 'Map(1)'],
      [new Set([1, 2]), 'Set(2)'],
      [new Date(0), '1970-01-01T00:00:00.000Z'],
    ]
    for (const [value, summary] of cases) assert.equal(summarizeValue(value), summary)
    const long = Object.fromEntries(
      Array.from({ length: 40 }, (_, index) => [`key${index}`, index]),
    )
    const written = summarizeValue(long)
    assert.ok(written.length <= 80 && written.endsWith('… }'), written)
  })

  it('describe values too big to decode from their encoded type, collections from elements', () => {
    assert.equal(
      summarizeSketch(sketch({ typeName: 'Array(5000)', size: 90_000 })),
      'unknown[5000]',
    )
    assert.equal(summarizeSketch(sketch({ typeName: 'Float32Array(9)' })), 'Float32Array[9]')
    assert.equal(
      summarizeSketch(sketch({ typeName: 'string', size: 70_000 })),
      'string (70000 bytes)',
    )
    const tree = sketch({ loaded: true, value: { feature: 1, threshold: 2 } })
    assert.equal(
      summarizeSketch(
        sketch({ kind: 'list', typeName: 'list', size: 10, items: [{ key: null, sketch: tree }] }),
      ),
      '({ feature, threshold })[10]',
    )
    const numbers = [1, 2].map((value) => ({ key: null, sketch: sketch({ loaded: true, value }) }))
    assert.equal(
      summarizeSketch(sketch({ kind: 'list', typeName: 'list', size: 2, items: numbers })),
      '[1, 2]',
    )
    const mixed = [
      { key: null, sketch: sketch({ loaded: true, value: [[1]] }) },
      { key: null, sketch: sketch({ loaded: true, value: [1] }) },
    ]
    assert.equal(
      summarizeSketch(sketch({ kind: 'list', typeName: 'list', size: 2, items: mixed })),
      '[number[][], number[]]',
    )
    const keyed = ['a', 'b'].map((key) => ({ key, sketch: sketch({ loaded: true, value: 1 }) }))
    assert.equal(
      summarizeSketch(sketch({ kind: 'object', typeName: 'object', size: 3, items: keyed })),
      '{ a, b, … }',
    )
  })
})

describe('value previews', () => {
  it('shows scalars exactly and long strings as text', () => {
    assert.deepEqual(previewValue(0.1 + 0.2), {
      kind: 'scalar',
      type: 'number',
      text: '0.30000000000000004',
      number: 0.30000000000000004,
    })
    assert.deepEqual(previewValue('<b>hi</b>'), {
      kind: 'scalar',
      type: 'string',
      text: '<b>hi</b>',
      number: null,
    })
    const text = previewValue('line\n'.repeat(2000))
    assert.equal(text.kind, 'text')
    if (text.kind === 'text') assert.deepEqual([text.text.length, text.length], [4000, 10_000])
  })

  it('shows numeric arrays with their range, cut to the preview size', () => {
    const values = Array.from({ length: 5000 }, (_, index) => index - 10)
    const preview = previewValue(values)
    assert.equal(preview.kind, 'numbers')
    if (preview.kind === 'numbers') {
      assert.deepEqual(
        [preview.values.length, preview.length, preview.min, preview.max],
        [MAX_PREVIEW_NUMBERS, 5000, -10, 4989],
      )
    }
    assert.equal(previewValue(new Float32Array([1, 2])).kind, 'numbers')
  })

  it('shows records, matrices and Arrow-like columns as tables', () => {
    const records = Array.from({ length: 300 }, (_, index) => ({
      id: index,
      name: `n${index}`,
      tags: [1],
    }))
    const table = previewValue(records)
    assert.equal(table.kind, 'table')
    if (table.kind === 'table') {
      assert.deepEqual(table.columns, ['id', 'name', 'tags'])
      assert.deepEqual([table.rows.length, table.rowCount], [MAX_PREVIEW_ROWS, 300])
      assert.deepEqual(table.rows[1], [1, 'n1', '[1]'])
    }
    const columns = previewValue({
      x: [1, 2, 3],
      label: ['a', 'b', 'c'],
      flag: new Uint8Array([0, 1, 0]),
    })
    assert.deepEqual(columns, {
      kind: 'table',
      columns: ['x', 'label', 'flag'],
      rows: [
        [1, 'a', 0],
        [2, 'b', 1],
        [3, 'c', 0],
      ],
      rowCount: 3,
    })
    assert.equal(previewValue({ x: [1, 2], y: [1] }).kind, 'json', 'unequal columns are no table')
    const matrix = previewValue([
      [1, 2],
      [3, 4],
    ])
    assert.equal(matrix.kind, 'table')
  })

  it('recognizes PNG bytes by their signature', () => {
    const image = previewValue(PNG)
    assert.deepEqual(image, {
      kind: 'image',
      mime: 'image/png',
      base64: Buffer.from(PNG).toString('base64'),
      bytes: 12,
    })
    assert.equal(previewValue(PNG.slice(1)).kind, 'numbers', 'other bytes are numbers')
  })

  it('shows other values as bounded JSON trees', () => {
    let nested: unknown = 'bottom'
    for (let depth = 0; depth < 20; depth++) nested = { child: nested }
    const preview = previewValue({
      map: new Map([['k', 1]]),
      nested,
      list: Array.from({ length: 100 }, () => 'x'),
    })
    assert.equal(preview.kind, 'json')
    if (preview.kind !== 'json' || preview.tree.kind !== 'object') return
    const entries = new Map(preview.tree.entries)
    assert.deepEqual(entries.get('map'), {
      kind: 'object',
      type: 'Map',
      entries: [['k', { kind: 'leaf', value: 1, type: 'number' }]],
      size: 1,
    })
    const list = entries.get('list')
    assert.ok(list?.kind === 'array' && list.items.length === 50 && list.length === 100)
    let depth = 0
    let node = entries.get('nested')
    while (node?.kind === 'object' && node.entries.length > 0) {
      node = node.entries[0]?.[1]
      depth++
    }
    assert.ok(depth <= 6, `cut at depth ${depth}`)
  })
})
