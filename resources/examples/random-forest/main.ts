import { unwrap } from 'memograph'
import { evalForest, generateData, trainForest } from './forest'

// Run with: npx memograph run resources/examples/random-forest/main.ts --workspace W
// Every call is memoized into W: a second run is all hits.
const [X, y] = generateData(0)
for (const nTrees of [5, 10]) {
  const trees = trainForest(X, y, nTrees)
  const forestAcc = evalForest(trees, X, y)
  console.log(`n_trees=${nTrees} forest accuracy=${unwrap(forestAcc).toFixed(3)}`)
}
