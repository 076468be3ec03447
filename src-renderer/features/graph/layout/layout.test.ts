import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import ELK from 'elkjs/lib/elk.bundled.js'
import { elkOptions, runLayout } from './elk-layout'
import { layoutKey } from './layout-key'
import { type LayoutInput } from './layout-types'
import { alignToPrevious, layoutHints } from './stable'

function chain(length: number, direction: LayoutInput['direction'] = 'RIGHT'): LayoutInput {
  const nodes = Array.from({ length }, (_, i) => ({ id: `n${i}`, width: 100, height: 40 }))
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: `n${i}`, target: node.id }))
  return { nodes, edges, direction }
}

describe('elk layout', () => {
  it('lays a chain out left to right, or top to bottom', async () => {
    const elk = new ELK()
    const right = await runLayout(elk, chain(3))
    const [a, b, c] = ['n0', 'n1', 'n2'].map((id) => right.positions[id])
    assert.ok(a && b && c)
    assert.ok(a.x < b.x && b.x < c.x)
    assert.equal(right.fast, false)
    const down = await runLayout(elk, chain(3, 'DOWN'))
    assert.ok((down.positions.n0?.y ?? 0) < (down.positions.n2?.y ?? 0))
  })

  it('takes the fast options above 300 nodes and never network simplex', () => {
    const small = elkOptions(chain(300))
    assert.equal(small['elk.layered.nodePlacement.strategy'], undefined)
    const large = elkOptions(chain(301))
    assert.equal(large['elk.layered.nodePlacement.strategy'], 'SIMPLE')
    assert.equal(large['elk.layered.thoroughness'], '1')
    assert.equal(large['elk.edgeRouting'], 'POLYLINE')
    assert.ok(!Object.values(large).includes('NETWORK_SIMPLEX'))
    assert.equal(large['elk.layered.considerModelOrder.strategy'], undefined)
    assert.equal(
      elkOptions(chain(100))['elk.layered.considerModelOrder.strategy'],
      'NODES_AND_EDGES',
    )
  })

  it('keys layouts by graph, sizes and direction, not by hints', () => {
    const input = chain(4)
    assert.equal(layoutKey(input), layoutKey(chain(4)))
    assert.notEqual(layoutKey(input), layoutKey(chain(4, 'DOWN')))
    assert.notEqual(layoutKey(input), layoutKey(chain(5)))
    const hinted = { ...input, nodes: input.nodes.map((n) => ({ ...n, hint: { x: 1, y: 2 } })) }
    assert.equal(layoutKey(hinted), layoutKey(input))
  })
})

describe('stable positions', () => {
  it('puts an expanded op’s calls where the op was, in order', () => {
    const previous = {
      positions: { 'op:f': { x: 100, y: 50 }, 'var:f.x': { x: 300, y: 50 } },
      nodes: [
        { id: 'op:f', op: 'f' },
        { id: 'var:f.x', op: null },
      ],
    }
    const hints = layoutHints(
      [
        { id: 'call:1', op: 'f' },
        { id: 'call:2', op: 'f' },
        { id: 'var:f.x', op: null },
      ],
      previous,
    )
    assert.deepEqual(hints?.['call:1'], { x: 100, y: 50 })
    assert.ok((hints?.['call:2']?.y ?? 0) > 50)
    assert.deepEqual(hints?.['var:f.x'], { x: 300, y: 50 })
    const collapsedBack = layoutHints(
      [
        { id: 'op:f', op: 'f' },
        { id: 'var:f.x', op: null },
      ],
      {
        positions: {
          'call:1': { x: 0, y: 0 },
          'call:2': { x: 0, y: 100 },
          'var:f.x': { x: 9, y: 9 },
        },
        nodes: [
          { id: 'call:1', op: 'f' },
          { id: 'call:2', op: 'f' },
          { id: 'var:f.x', op: null },
        ],
      },
    )
    assert.deepEqual(collapsedBack?.['op:f'], { x: 0, y: 50 })
    assert.equal(layoutHints([{ id: 'op:g', op: 'g' }], { positions: {}, nodes: [] }), null)
    assert.equal(layoutHints([{ id: 'op:f', op: 'f' }], null), null)
  })

  it('shifts a new layout so shared nodes stay in place on average', () => {
    const next = { a: { x: 0, y: 0 }, b: { x: 100, y: 0 }, c: { x: 200, y: 0 } }
    const aligned = alignToPrevious(next, { a: { x: 50, y: 10 }, b: { x: 150, y: 10 } })
    assert.deepEqual(aligned.c, { x: 250, y: 10 })
    assert.equal(alignToPrevious(next, null), next)
  })
})
