import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ERROR_CODES } from '../../src-shared/errors'
import { type SimilarQuery } from '../../src-shared/host/contract'
import { type CallDetails, type RunGraph } from '../../src-shared/model/run-graph'
import { type OpVersionInfo } from '../../src-shared/model/versions'
import { type OpShape, type Pattern } from '../../src-shared/query/pattern'
import { type QueryResult } from '../../src-shared/query/results'
import { createHost, type Host } from './host'
import { exampleProject } from './testing/example-runs'
import { errorOf, valueOf } from './testing/host-events'

const FOREST_QUERY = `(q) => {
  const seed = q.any()
  const [X, y] = generateData(seed)
  const nTrees = q.any()
  const trees = trainForest(X, y, nTrees)
  const forestAcc = evalForest(trees, X, y)
  return { nTrees, forestAcc }
}`

describe('host: run graphs, call details and queries over the random-forest example', () => {
  let host: Host
  let graphs: RunGraph[]

  before(async () => {
    const projectDir = await exampleProject({ breakingChange: true })
    host = createHost({ mode: 'browser', configDir: projectDir })
    valueOf(await host.dispatch('workspace.open', { path: projectDir }))
    graphs = []
    for (const id of [1, 2, 3]) graphs.push(valueOf(await host.dispatch('runs.graph', { id })))
  })

  after(() => host.close())

  function graph(id: number): RunGraph {
    return graphs[id - 1] as RunGraph
  }

  function callsOf(id: number, op: string) {
    return graph(id).calls.filter((call) => call.op === op)
  }

  function summaryOf(run: RunGraph, index: number | undefined): string | undefined {
    return index === undefined ? undefined : run.values[index]?.summary
  }

  async function details(callId: string, runId?: number): Promise<CallDetails> {
    return valueOf(
      await host.dispatch('calls.get', runId === undefined ? { callId } : { callId, runId }),
    )
  }

  it('runs.graph: every call in order with versions and bindings into one value table', async () => {
    const first = graph(1)
    assert.equal(first.calls.length, 40)
    assert.deepEqual(
      ['generateData', 'trainForest', 'trainTree', 'evalForest'].map((op) => callsOf(1, op).length),
      [2, 4, 30, 4],
    )
    const hids = first.values.map((value) => value.hid)
    assert.equal(new Set(hids).size, hids.length, 'each value once')

    const [generate] = callsOf(1, 'generateData')
    assert.ok(generate)
    const versions = valueOf<OpVersionInfo[]>(
      await host.dispatch('versions.list', { op: 'generateData' }),
    )
    assert.equal(generate.versionId, versions[0]?.id)
    assert.deepEqual(
      generate.inputs.map(([name, index]) => [name, summaryOf(first, index)]),
      [['seed', '0']],
    )
    assert.deepEqual(
      generate.outputs.map(([name, index]) => [name, summaryOf(first, index)]),
      [
        ['X', 'number[][300]'],
        ['y', 'number[300]'],
      ],
    )
    // trainForest's inputs are generateData's outputs: the same entries of the value table.
    const [forest] = callsOf(1, 'trainForest')
    assert.deepEqual(
      forest?.inputs.slice(0, 2).map(([, index]) => index),
      generate.outputs.map(([, index]) => index),
    )
    assert.equal(
      summaryOf(first, forest?.outputs[0]?.[1]),
      '({ feature, threshold, below, above })[5]',
    )
    const nested = first.calls.filter((call) => call.parentCallId === forest?.callId)
    assert.equal(nested.length, 5)
    assert.ok(nested.every((call) => call.op === 'trainTree'))

    const [evaluate] = callsOf(1, 'evalForest')
    const accuracy = first.values[evaluate?.outputs[0]?.[1] ?? -1]
    assert.equal(accuracy?.number, 0.79)
    assert.equal(accuracy?.summary, '0.79')
    assert.deepEqual(JSON.parse(JSON.stringify(first)), first, 'plain JSON')
  })

  it('runs.graph: a second run is all hits, bound to the stored values', () => {
    const second = graph(2)
    assert.equal(second.calls.length, 10)
    assert.ok(second.calls.every((call) => call.outcome === 'hit' && call.outputs.length > 0))
    assert.deepEqual(
      callsOf(2, 'evalForest').map((call) => second.values[call.outputs[0]?.[1] ?? -1]?.number),
      callsOf(1, 'evalForest').map((call) => graph(1).values[call.outputs[0]?.[1] ?? -1]?.number),
    )
    // After the breaking change of majorityVote, only evalForest executes.
    assert.deepEqual(
      graph(3)
        .calls.filter((call) => call.outcome === 'executed')
        .map((call) => call.op),
      ['evalForest', 'evalForest', 'evalForest', 'evalForest'],
    )
  })

  it('runs.graph: an unknown run is a bad request', async () => {
    assert.equal(
      errorOf(await host.dispatch('runs.graph', { id: 99 })).code,
      ERROR_CODES.hostBadRequest,
    )
  })

  it('calls.get: executed because an input changed, with previews', async () => {
    const [five, ten] = callsOf(1, 'trainForest')
    assert.ok(five && ten)
    const call = await details(ten.callId, 1)
    assert.equal(call.op, 'trainForest')
    assert.equal(call.runId, 1)
    assert.equal(call.explanation.outcome, 'executed')
    assert.equal(
      call.explanation.summary,
      'Executed: input `nTrees` is 10 where the previous call (run #1) had 5.',
    )
    assert.deepEqual(call.explanation.previous?.callId, five.callId)
    assert.deepEqual(
      call.explanation.changes.map((change) => change.kind),
      ['inputChanged'],
    )
    assert.deepEqual(
      call.children,
      graph(1)
        .calls.filter((item) => item.parentCallId === ten.callId)
        .map((item) => item.callId),
    )
    assert.equal(call.children.length, 10)
    const [X, y] = call.inputs
    assert.equal(X?.preview.kind, 'table')
    if (X?.preview.kind === 'table') {
      assert.deepEqual(X.preview.columns, ['0', '1'])
      assert.equal(X.preview.rowCount, 300)
    }
    assert.equal(y?.preview.kind, 'numbers')
    if (y?.preview.kind === 'numbers') {
      assert.deepEqual([y.preview.length, y.preview.min, y.preview.max], [300, 0, 1])
    }
    const nTrees = call.inputs[2]
    assert.deepEqual(nTrees?.preview, { kind: 'scalar', type: 'number', text: '10', number: 10 })
    const trees = call.outputs[0]
    assert.equal(trees?.preview.kind, 'table')
    if (trees?.preview.kind === 'table') {
      assert.deepEqual(trees.preview.columns, ['feature', 'threshold', 'below', 'above'])
      assert.equal(trees.preview.rowCount, 10)
    }
    assert.ok((trees?.size ?? 0) > 0)
  })

  it('calls.get: a hit says which run stored it', async () => {
    const [generate] = callsOf(2, 'generateData')
    const call = await details(generate?.callId ?? '', 2)
    assert.equal(call.explanation.outcome, 'hit')
    assert.equal(
      call.explanation.summary,
      'Hit: stored by run #1 with the same inputs and version; nothing was computed.',
    )
    assert.equal(call.runId, 1)
  })

  it('calls.get: executed after a breaking change names the component and the decision', async () => {
    for (const evaluate of callsOf(3, 'evalForest')) {
      const call = await details(evaluate.callId, 3)
      assert.match(
        call.explanation.summary,
        /^Executed: `forest\.ts#majorityVote` changed \(breaking, decided \d\d:\d\d\) since the previous call \(run #1\)\.$/,
      )
      const version = call.explanation.changes.find((change) => change.kind === 'versionChanged')
      assert.deepEqual(version?.kind === 'versionChanged' ? version.components : null, [
        'forest.ts#majorityVote',
      ])
      // Compared with the same inputs' result under the old version: only the version differs.
      assert.deepEqual(
        call.explanation.changes.map((change) => change.kind),
        ['versionChanged'],
      )
      assert.equal(call.explanation.previous?.runId, 1)
    }
  })

  it('calls.get: without a run it compares values only; unknown calls are call.unknown', async () => {
    const [first] = callsOf(1, 'generateData')
    const call = await details(first?.callId ?? '')
    assert.equal(call.explanation.outcome, null)
    assert.equal(
      call.explanation.summary,
      'Stored by run #1. It is the first stored call of `generateData`.',
    )
    const unknown = errorOf(await host.dispatch('calls.get', { callId: 'A'.repeat(22) }))
    assert.equal(unknown.code, ERROR_CODES.callUnknown)
    assert.match(unknown.message, /no stored call A{22}/)
  })

  it('query.catalog, query.parse and query.run: the forests by size', async () => {
    const catalog = valueOf<OpShape[]>(await host.dispatch('query.catalog', {}))
    assert.deepEqual(
      catalog.map((shape) => shape.op),
      ['evalForest', 'generateData', 'trainForest', 'trainTree'],
    )
    assert.deepEqual(catalog.find((shape) => shape.op === 'trainTree')?.outputs, ['tree', 'acc'])

    const pattern = valueOf<Pattern>(await host.dispatch('query.parse', { code: FOREST_QUERY }))
    assert.deepEqual(pattern.select, ['nTrees', 'forestAcc'])
    const result = valueOf<QueryResult>(await host.dispatch('query.run', { pattern }))
    assert.deepEqual(result.columns, ['nTrees', 'forestAcc'])
    assert.equal(result.total, 4)
    assert.match(result.sql, /SELECT/)
    assert.ok(result.elapsedMs >= 0)
    const rows = result.rows.map((row) =>
      row.map((cell) => (cell.kind === 'value' ? cell.number : null)),
    )
    // The current version of evalForest (after the breaking change) made these accuracies.
    const current = callsOf(3, 'evalForest').map(
      (call) => graph(3).values[call.outputs[0]?.[1] ?? -1]?.number,
    )
    assert.deepEqual(rows.map(([, acc]) => acc).sort(), [...current].sort())
    assert.deepEqual(rows.map(([nTrees]) => nTrees).sort(), [10, 10, 5, 5])

    const limited = valueOf<QueryResult>(await host.dispatch('query.run', { pattern, limit: 1 }))
    assert.deepEqual([limited.rows.length, limited.total], [1, 4])

    const pinned = valueOf<Pattern>(
      await host.dispatch('query.parse', {
        code: FOREST_QUERY.replace('const nTrees = q.any()', 'const nTrees = q.value(10)'),
      }),
    )
    const tens = valueOf<QueryResult>(await host.dispatch('query.run', { pattern: pinned }))
    assert.equal(tens.total, 2)
  })

  it('query.parse: syntax errors carry 1-based line and column; bad patterns are query.invalid', async () => {
    const syntax = await host.dispatch('query.parse', {
      code: '(q) => {\n  const x = q.any(\n  return { x }\n}',
    })
    assert.equal(errorOf(syntax).code, ERROR_CODES.querySyntax)
    assert.ok(!syntax.ok)
    assert.deepEqual(syntax.error.details, { line: 3, column: 3, endLine: 3, endColumn: 9 })
    assert.match(syntax.error.message, /^3:3: /)

    const unknownOp = await host.dispatch('query.parse', {
      code: '(q) => {\n  const x = q.any()\n  const y = nope(x)\n  return { y }\n}',
    })
    assert.equal(errorOf(unknownOp).code, ERROR_CODES.queryInvalid)
    assert.ok(!unknownOp.ok)
    assert.equal(unknownOp.error.details?.line, 3)

    const invalid = await host.dispatch('query.run', {
      pattern: {
        kind: 'pattern',
        variables: [],
        calls: [],
        elementsOf: [],
        collectionsOf: [],
        select: ['ghost'],
      },
    })
    assert.equal(errorOf(invalid).code, ERROR_CODES.queryInvalid)
  })

  it('query.similar: the pattern and code of a value history', async () => {
    const [evaluate] = callsOf(3, 'evalForest')
    const hid = graph(3).values[evaluate?.outputs[0]?.[1] ?? -1]?.hid ?? ''
    const similar = valueOf<SimilarQuery>(await host.dispatch('query.similar', { hid }))
    assert.match(similar.code, /= evalForest\(trees, X, y\)/)
    // A value made by an older version of evalForest is matched against that version only.
    const [old] = callsOf(1, 'evalForest')
    const oldHid = graph(1).values[old?.outputs[0]?.[1] ?? -1]?.hid ?? ''
    const oldSimilar = valueOf<SimilarQuery>(await host.dispatch('query.similar', { hid: oldHid }))
    assert.match(oldSimilar.code, /q\.op\('evalForest', \{ version: '[\w-]+' \}\)\(trees, X, y\)/)
    assert.equal(similar.pattern.kind, 'pattern')
    const parsed = valueOf<Pattern>(await host.dispatch('query.parse', { code: similar.code }))
    assert.deepEqual(parsed.select, similar.pattern.select)
    assert.equal(
      errorOf(await host.dispatch('query.similar', { hid: 'A'.repeat(22) })).code,
      ERROR_CODES.refUnknown,
    )
  })
})
