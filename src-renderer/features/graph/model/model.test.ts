import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildFrame } from './build-frame'
import { GraphBuilder, randomForest } from './fixtures'
import { expandFocus, initialFocus } from './focus'
import { nodeAriaLabel } from './labels'
import { lineageOf, lineageRole } from './lineage'
import { measureGraph, preflight } from './preflight'
import { indexRun } from './run-index'
import { ALL_CALLS, type GraphModel, type GraphNode, type ViewState } from './types'

const collapsed: ViewState = { expanded: new Map(), visibleOps: null, differencesOnly: false }

function node(model: GraphModel, id: string): GraphNode {
  const found = model.nodes.find((n) => n.id === id)
  assert.ok(found, `no node ${id} in ${model.nodes.map((n) => n.id).join(' ')}`)
  return found
}

function edgeCount(model: GraphModel, source: string, target: string): number | undefined {
  return model.edges.find((e) => e.source === source && e.target === target)?.count
}

describe('computation frame', () => {
  it('has one node per op with outcome counts, and one per output and plain input', () => {
    const model = buildFrame(indexRun(randomForest()), collapsed)
    const ops = model.nodes.filter((n) => n.kind === 'op').map((n) => n.id)
    assert.deepEqual(ops, ['op:generateData', 'op:trainForest', 'op:trainTree', 'op:evalForest'])
    const train = node(model, 'op:trainForest')
    assert.equal(train.kind, 'op')
    if (train.kind !== 'op') return
    assert.deepEqual(train.counts, { calls: 4, hit: 0, executed: 4, failed: 0 })
    assert.equal(train.outcome, 'executed')
    assert.equal(train.meanDurationMs, 10)
    const variables = model.nodes.filter((n) => n.kind === 'variable').map((n) => n.label)
    assert.deepEqual(variables.sort(), [
      'X',
      'acc',
      'evalForest.output_0',
      'generateData.seed',
      'nTrees',
      'trainForest.output_0',
      'trainTree.seed',
      'tree',
      'y',
    ])
  })

  it('wires values through variables and counts bindings', () => {
    const model = buildFrame(indexRun(randomForest()), collapsed)
    assert.equal(edgeCount(model, 'op:generateData', 'var:generateData.X'), 2)
    assert.equal(edgeCount(model, 'var:generateData.X', 'op:trainForest'), 4)
    assert.equal(edgeCount(model, 'var:generateData.X', 'op:trainTree'), 8)
    assert.equal(edgeCount(model, 'src:trainForest.nTrees', 'op:trainForest'), 4)
    assert.equal(edgeCount(model, 'var:trainForest.output_0', 'op:evalForest'), 4)
    const nTrees = node(model, 'src:trainForest.nTrees')
    assert.ok(nTrees.kind === 'variable' && nTrees.values === 2 && nTrees.role === 'input')
    assert.ok(model.edges.every((e) => e.intoExecuted === e.target.startsWith('op:')))
  })

  it('expands an op into its calls wired to the same variables', () => {
    const model = buildFrame(indexRun(randomForest()), {
      ...collapsed,
      expanded: new Map([['trainForest', ALL_CALLS]]),
    })
    assert.equal(
      model.nodes.some((n) => n.id === 'op:trainForest'),
      false,
    )
    const call = node(model, 'call:tf1-5')
    assert.ok(call.kind === 'call')
    assert.equal(call.label, 'trainForest #3')
    assert.equal(call.inputSummary, 'X=X1, y=y1, nTrees=5')
    assert.equal(edgeCount(model, 'src:trainForest.nTrees', 'call:tf1-5'), 1)
    assert.equal(edgeCount(model, 'call:tf1-5', 'var:trainForest.output_0'), 1)
    assert.equal(nodeAriaLabel(call), 'call trainForest #3: executed (new inputs)')
  })

  it('filters an expanded op by outcome or count and says how many calls it left out', () => {
    const graph = new GraphBuilder()
    for (let i = 0; i < 10; i++) {
      graph.call(`c${i}`, 'f', { x: `v${i}` }, { output_0: `o${i}` }, i < 3 ? 'executed' : 'hit')
    }
    const index = indexRun(graph.build())
    const executedOnly = buildFrame(index, {
      ...collapsed,
      expanded: new Map([['f', { outcome: 'executed', limit: null }]]),
    })
    assert.equal(executedOnly.nodes.filter((n) => n.kind === 'call').length, 3)
    assert.equal(node(executedOnly, 'more:f').label, '7 more f calls not shown')
    const firstFour = buildFrame(index, {
      ...collapsed,
      expanded: new Map([['f', { outcome: null, limit: 4 }]]),
    })
    assert.deepEqual(
      firstFour.nodes.filter((n) => n.kind === 'call').map((n) => n.id),
      ['call:c0', 'call:c1', 'call:c2', 'call:c3'],
    )
  })

  it('labels ops with their outcome in words', () => {
    const model = buildFrame(indexRun(randomForest('hit')), collapsed)
    assert.equal(
      nodeAriaLabel(node(model, 'op:trainForest')),
      'op trainForest, 4 calls: 4 cache hits, 0 executed, 0 failed',
    )
    const x = node(model, 'var:generateData.X')
    assert.ok(x.kind === 'variable' && x.outcome === 'hit')
  })
})

describe('comparison', () => {
  it('marks newly hit, newly executed, added and removed calls and aggregates them', () => {
    const earlier = new GraphBuilder(1)
      .call('a', 'load', {}, { output_0: 'A' }, 'executed')
      .call('b', 'fit', { data: 'A' }, { output_0: 'B' }, 'hit')
      .call('old', 'fit', { data: 'A', k: 'v2' }, { output_0: 'C' }, 'executed')
      .build()
    const later = new GraphBuilder(2)
      .call('a', 'load', {}, { output_0: 'A' }, 'hit')
      .call('b', 'fit', { data: 'A' }, { output_0: 'B' }, 'executed')
      .call('new', 'fit', { data: 'A', k: 'v3' }, { output_0: 'D' }, 'executed')
      .build()
    const index = indexRun(later, earlier)
    assert.equal(index.callById.get('a')?.mark, 'newlyHit')
    assert.equal(index.callById.get('b')?.mark, 'newlyExecuted')
    assert.equal(index.callById.get('new')?.mark, 'added')
    assert.equal(index.callById.get('old')?.mark, 'removed')
    const fit = node(buildFrame(index, collapsed), 'op:fit')
    assert.ok(fit.kind === 'op')
    assert.deepEqual(fit.marks, {
      added: 1,
      removed: 1,
      newlyHit: 0,
      newlyExecuted: 1,
      newlyFailed: 0,
    })
    assert.deepEqual(fit.counts, { calls: 2, hit: 0, executed: 2, failed: 0 })
  })

  it('hides unchanged ops and calls with differences only', () => {
    const earlier = randomForest('executed', 1)
    const later = new GraphBuilder(2)
    for (const call of earlier.calls) {
      const value = (i: number) => earlier.values[i]?.hid ?? ''
      const changed = call.op === 'evalForest'
      later.call(
        call.callId,
        call.op,
        Object.fromEntries(call.inputs.map(([n, v]) => [n, value(v)])),
        Object.fromEntries(call.outputs.map(([n, v]) => [n, value(v)])),
        changed ? 'executed' : 'hit',
        call.parentCallId,
      )
    }
    const index = indexRun(later.build(), earlier)
    const all = buildFrame(index, { ...collapsed, differencesOnly: true })
    assert.deepEqual(
      all.nodes.filter((n) => n.kind === 'op').map((n) => n.id),
      ['op:generateData', 'op:trainForest', 'op:trainTree'],
    )
    const noneChanged = indexRun(earlier, earlier)
    const empty = buildFrame(noneChanged, { ...collapsed, differencesOnly: true })
    assert.equal(empty.nodes.length, 0)
    const ignored = buildFrame(indexRun(earlier), { ...collapsed, differencesOnly: true })
    assert.equal(ignored.nodes.filter((n) => n.kind === 'op').length, 4)
  })
})

describe('focus, lineage and pre-flight', () => {
  it('starts from some ops and grows back and forward', () => {
    const index = indexRun(randomForest())
    const start = initialFocus(index, ['trainForest', 'nope'])
    assert.deepEqual([...(start ?? [])], ['trainForest'])
    const model = buildFrame(index, { ...collapsed, visibleOps: start })
    const train = node(model, 'op:trainForest')
    assert.ok(train.kind === 'op')
    assert.equal(train.hiddenProducers, 1)
    assert.equal(train.hiddenConsumers, 1)
    const x = node(model, 'var:generateData.X')
    assert.ok(x.kind === 'variable' && x.hiddenProducers === 1)
    const back = expandFocus(index, start, 'var:generateData.X', 'back')
    assert.deepEqual([...(back ?? [])].sort(), ['generateData', 'trainForest'])
    const forward = expandFocus(index, start, 'op:trainForest', 'forward')
    assert.deepEqual([...(forward ?? [])].sort(), ['evalForest', 'trainForest'])
    assert.equal(initialFocus(index, ['nope']), null)
  })

  it('finds upstream and downstream of a node', () => {
    const model = buildFrame(indexRun(randomForest()), collapsed)
    const lineage = lineageOf('op:trainForest', model.edges)
    assert.equal(lineageRole(lineage, 'op:generateData'), 'upstream')
    assert.equal(lineageRole(lineage, 'var:evalForest.output_0'), 'downstream')
    assert.equal(lineageRole(lineage, 'op:trainTree'), 'outside')
    assert.equal(lineageRole(lineage, 'op:trainForest'), 'selected')
    assert.equal(lineageRole(null, 'op:trainForest'), null)
  })

  it('measures depth and refuses to expand a 5,000-call op', () => {
    const graph = new GraphBuilder()
    graph.call('load', 'load', {}, { output_0: 'data' })
    for (let i = 0; i < 5000; i++) {
      graph.call(`s${i}`, 'step', { data: 'data', i: `i${i}` }, { output_0: `r${i}` }, 'hit')
    }
    graph.call('sum', 'total', { first: 'r0', last: 'r4999' }, { output_0: 'sum' })
    const index = indexRun(graph.build())
    const frame = buildFrame(index, collapsed)
    assert.deepEqual(measureGraph(frame), { nodes: 7, edges: 6, depth: 6 })
    assert.equal(preflight(frame).ok, true)
    const expanded = buildFrame(index, {
      ...collapsed,
      expanded: new Map([['step', ALL_CALLS]]),
    })
    const verdict = preflight(expanded)
    assert.equal(verdict.ok, false)
    assert.ok(!verdict.ok && verdict.message.startsWith('Too large to draw: 5,006 nodes'))
    const firstFew = buildFrame(index, {
      ...collapsed,
      expanded: new Map([['step', { outcome: null, limit: 200 }]]),
    })
    assert.equal(preflight(firstFew).ok, true)
  })

  it('cuts cycles when measuring depth', () => {
    const model = buildFrame(
      indexRun(
        new GraphBuilder()
          .call('a', 'step', { x: 'v0' }, { output_0: 'x1' })
          .call('b', 'step', { x: 'x1' }, { output_0: 'x2' })
          .build(),
      ),
      collapsed,
    )
    assert.equal(edgeCount(model, 'var:step.output_0', 'op:step'), 1)
    assert.equal(measureGraph(model).nodes, 3)
  })
})

describe('guarded expansion', () => {
  it('refuses a huge op and offers filters that fit', async () => {
    const { expandOp, expandAll } = await import('./expansion')
    const graph = new GraphBuilder()
    for (let i = 0; i < 3000; i++) {
      graph.call(`s${i}`, 'step', { i: `i${i}` }, { output_0: `r${i}` }, i < 5 ? 'executed' : 'hit')
    }
    graph.call('small', 'other', { x: 'r0' }, { output_0: 'o' })
    const index = indexRun(graph.build())
    const refused = expandOp(index, collapsed, 'step')
    assert.equal(refused.ok, false)
    if (refused.ok) return
    assert.match(refused.refusal.message, /^step has 3,000 calls\. Too large to draw/)
    assert.deepEqual(
      refused.refusal.choices.map((c) => c.label),
      ['Only executed calls (5)', 'First 200 calls'],
    )
    assert.deepEqual(refused.refusal.choices[0]?.expanded.get('step'), {
      outcome: 'executed',
      limit: null,
    })
    const small = expandOp(index, collapsed, 'other')
    assert.ok(small.ok && small.expanded.has('other'))
    const all = expandAll(index, collapsed)
    assert.ok(!all.ok && all.refusal.choices[0]?.label === 'First 200 calls of each op')
  })
})

describe('repeated calls', () => {
  it('gives a call hit twice in one run two nodes', () => {
    const graph = new GraphBuilder()
      .call('same', 'f', { x: 'v1' }, { output_0: 'o1' }, 'executed')
      .call('same', 'f', { x: 'v1' }, { output_0: 'o1' }, 'hit')
      .build()
    const index = indexRun(graph)
    const model = buildFrame(index, { ...collapsed, expanded: new Map([['f', ALL_CALLS]]) })
    const calls = model.nodes.filter((n) => n.kind === 'call').map((n) => n.id)
    assert.deepEqual(calls, ['call:same', 'call:same@2'])
    assert.equal(index.callById.get('same')?.outcome, 'executed')
    const collapsedModel = buildFrame(index, collapsed)
    assert.equal(edgeCount(collapsedModel, 'op:f', 'var:f.output_0'), 2)
  })
})
