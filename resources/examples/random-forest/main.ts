import { unwrap } from 'memograph'
import { evalForest, generateData, trainForest } from './forest'

// Run with: npx memograph run resources/examples/random-forest/main.ts --workspace W
// Every call is memoized into W: a second run is all hits.
// Two datasets × two forest sizes: four forests, and their accuracies.
for (const seed of [0, 1]) {
  const [X, y] = generateData(seed)
  for (const nTrees of [5, 10]) {
    const trees = trainForest(X, y, nTrees)
    const forestAcc = evalForest(trees, X, y)
    console.log(`seed=${seed} n_trees=${nTrees} forest accuracy=${unwrap(forestAcc).toFixed(3)}`)
  }
}
