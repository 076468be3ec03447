import { op } from 'memograph'

/**
 * A do-it-yourself random forest (mandala's blog example): decision stumps trained on
 * bootstrap samples, combined by majority vote. Small real computations, no libraries.
 */
export interface Stump {
  readonly feature: number
  readonly threshold: number
  readonly below: 0 | 1
  readonly above: 0 | 1
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Two noisy features; the label depends on both, so no single stump is perfect. */
export const generateData = op(
  function generateData(seed: number = 0, samples: number = 300): [number[][], number[]] {
    const next = random(seed)
    const X: number[][] = []
    const y: number[] = []
    for (let i = 0; i < samples; i++) {
      const a = next() * 10
      const b = next() * 10
      X.push([a, b])
      y.push(a + b + (next() - 0.5) * 4 > 10 ? 1 : 0)
    }
    return [X, y]
  },
  { outputs: ['X', 'y'] },
)

function predict(stump: Stump, row: readonly number[]): 0 | 1 {
  return (row[stump.feature] ?? 0) <= stump.threshold ? stump.below : stump.above
}

function accuracy(predictions: readonly number[], y: readonly number[]): number {
  let correct = 0
  predictions.forEach((prediction, i) => {
    if (prediction === y[i]) correct++
  })
  return correct / y.length
}

/** The best stump on one random feature of a bootstrap sample, and its accuracy on all data. */
export const trainTree = op(
  function trainTree(X: number[][], y: number[], seed: number): [Stump, number] {
    const next = random(seed + 1)
    const sample = Array.from({ length: X.length }, () => Math.floor(next() * X.length))
    const feature = next() < 0.5 ? 0 : 1
    let best: Stump = { feature, threshold: 0, below: 0, above: 1 }
    let bestCorrect = -1
    for (const candidate of sample) {
      const threshold = X[candidate]?.[feature] ?? 0
      for (const below of [0, 1] as const) {
        const stump: Stump = { feature, threshold, below, above: below === 0 ? 1 : 0 }
        let correct = 0
        for (const i of sample) if (predict(stump, X[i] ?? []) === y[i]) correct++
        if (correct > bestCorrect) {
          bestCorrect = correct
          best = stump
        }
      }
    }
    return [
      best,
      accuracy(
        X.map((row) => predict(best, row)),
        y,
      ),
    ]
  },
  { outputs: ['tree', 'acc'] },
)

/** The forest's answer for one row: 1 when at least half of the trees say 1. */
function majorityVote(votesForOne: number, trees: number): 0 | 1 {
  return votesForOne * 2 >= trees ? 1 : 0
}

/** Accuracy of the forest's majority vote. */
export const evalForest = op(function evalForest(
  trees: Stump[],
  X: number[][],
  y: number[],
): number {
  const votes = X.map((row) => trees.reduce((sum, tree) => sum + predict(tree, row), 0))
  return accuracy(
    votes.map((sum) => majorityVote(sum, trees.length)),
    y,
  )
})

/** Trains n trees; memoized end to end, and each tree is memoized inside it too. */
export const trainForest = op(function trainForest(X: number[][], y: number[], nTrees: number) {
  const trees = []
  for (let seed = 0; seed < nTrees; seed++) {
    const [tree] = trainTree(X, y, seed)
    trees.push(tree)
  }
  return trees
})
