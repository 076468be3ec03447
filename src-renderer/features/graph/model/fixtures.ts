/** Small run graphs for the model's tests (the random-forest example's shape). */
import { type RunGraph, type RunGraphCall } from '../../../../src-shared/model/run-graph'
import { type CallOutcome } from '../../../../src-shared/model/runs'
import { type ValueRef } from '../../../../src-shared/model/values'

export class GraphBuilder {
  private readonly values: ValueRef[] = []
  private readonly calls: RunGraphCall[] = []
  private readonly indexOf = new Map<string, number>()

  constructor(private readonly runId = 1) {}

  /** `hid~other` is a new ref with the content of `other` (a value passed on to a nested call). */
  value(spec: string, summary = spec): number {
    const [hid = spec, sameAs] = spec.split('~')
    const known = this.indexOf.get(hid)
    if (known !== undefined) return known
    this.values.push({
      hid,
      cid: `c-${sameAs ?? hid}`,
      summary,
      number: Number.isFinite(+summary) ? +summary : null,
    })
    this.indexOf.set(hid, this.values.length - 1)
    return this.values.length - 1
  }

  call(
    callId: string,
    op: string,
    inputs: Record<string, string>,
    outputs: Record<string, string>,
    outcome: CallOutcome = 'executed',
    parentCallId: string | null = null,
  ): this {
    this.calls.push({
      callId,
      op,
      outcome,
      reasonCode: outcome === 'hit' ? 'hitByHistory' : outcome === 'failed' ? 'error' : 'newInputs',
      reason: outcome === 'hit' ? 'hit by history' : outcome === 'failed' ? 'error' : 'new inputs',
      durationMs: outcome === 'hit' ? 0 : 10,
      parentCallId,
      versionId: outcome === 'failed' ? null : 1,
      inputs: Object.entries(inputs).map(([name, hid]) => [
        name,
        this.value(hid, hid.replace(/^v/, '')),
      ]),
      outputs: Object.entries(outputs).map(([name, hid]) => [name, this.value(hid)]),
    })
    return this
  }

  build(): RunGraph {
    return { runId: this.runId, calls: [...this.calls], values: [...this.values] }
  }
}

/** generateData(seed) → X, y; trainForest(X, y, nTrees) (nesting trainTree); evalForest. */
export function randomForest(outcome: CallOutcome = 'executed', runId = 1): RunGraph {
  const graph = new GraphBuilder(runId)
  for (const seed of [0, 1]) {
    graph.call(
      `gd${seed}`,
      'generateData',
      { seed: `v${seed}` },
      { X: `X${seed}`, y: `y${seed}` },
      outcome,
    )
    for (const nTrees of [5, 10]) {
      const forest = `tf${seed}-${nTrees}`
      graph.call(
        forest,
        'trainForest',
        { X: `X${seed}`, y: `y${seed}`, nTrees: `v${nTrees}` },
        { output_0: `trees${seed}-${nTrees}` },
        outcome,
      )
      for (let tree = 0; tree < 2; tree++) {
        graph.call(
          `tt${seed}-${nTrees}-${tree}`,
          'trainTree',
          // Inside trainForest, X and y are new refs with the same content.
          { X: `X${seed}-${nTrees}~X${seed}`, y: `y${seed}-${nTrees}~y${seed}`, seed: `v${tree}` },
          { tree: `tree${seed}-${nTrees}-${tree}`, acc: `acc${seed}-${nTrees}-${tree}` },
          outcome,
          forest,
        )
      }
      graph.call(
        `ef${seed}-${nTrees}`,
        'evalForest',
        { trees: `trees${seed}-${nTrees}`, X: `X${seed}`, y: `y${seed}` },
        { output_0: `facc${seed}-${nTrees}` },
        outcome,
      )
    }
  }
  return graph.build()
}
