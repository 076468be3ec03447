/**
 * Test support: a sample op catalog and the random-forest pattern, shared by the printer's,
 * the parser's and the builder's tests so they describe the same code form.
 */
import type { Binding, OpCatalog, OpShape, Pattern } from '../pattern'
import { PatternBuilder } from '../pattern-builder'

export const SAMPLE_VERSION_KEY = 'AAAAAAAAAAAAAAAAAAAAAA'
export const SAMPLE_CID = 'abcdefghijklmnopqrstu_'

export function opShape(
  op: string,
  inputs: string[],
  outputs: string[],
  extra: Partial<OpShape> = {},
): OpShape {
  return {
    op,
    inputs,
    outputs,
    rest: null,
    destructured: false,
    versions: [SAMPLE_VERSION_KEY],
    ...extra,
  }
}

export const SAMPLE_CATALOG: OpCatalog = new Map(
  [
    opShape('generateData', ['seed'], ['X', 'y']),
    opShape('trainForest', ['X', 'y', 'nTrees'], ['output_0']),
    opShape('evalForest', ['trees', 'X', 'y'], ['output_0']),
    opShape('split', ['data', 'ratio'], ['train', 'test', 'valid']),
    opShape('stack', ['axis'], ['output_0'], { rest: 'arrays' }),
    opShape('fit', ['X', 'y'], ['output_0'], { destructured: true }),
    opShape('load-data', ['path'], ['output_0']),
    opShape('delete', ['path'], ['output_0']),
  ].map((entry): [string, OpShape] => [entry.op, entry]),
)

export function bind(name: string, variable: string): Binding {
  return { name, variable }
}

/** The code form of forestPattern(). */
export const FOREST_CODE = `(q) => {
  const nTrees = q.any()
  const seed = q.value(0)
  const [X, y] = generateData(seed)
  const trees = trainForest(X, y, nTrees)
  const idx = q.any()
  const tree = q.elementOf(trees, idx)
  const half = q.collectionOf('list', [tree], [idx])
  const forestAcc = evalForest(half, X, y)
  return { nTrees, forestAcc }
}`

/** The blog's sliced forest: trees, one element of them, a list built from it, evaluated. */
export function forestPattern(): Pattern {
  const b = new PatternBuilder()
  for (const id of ['nTrees', 'seed', 'X', 'y', 'trees', 'idx', 'tree', 'half', 'forestAcc']) {
    b.variable(id)
  }
  b.pin('seed', [{ kind: 'literal', value: 0 }])
  b.call('generateData', [bind('seed', 'seed')], [bind('X', 'X'), bind('y', 'y')])
  b.call(
    'trainForest',
    [bind('X', 'X'), bind('y', 'y'), bind('nTrees', 'nTrees')],
    [bind('output_0', 'trees')],
  )
  b.call(
    'evalForest',
    [bind('trees', 'half'), bind('X', 'X'), bind('y', 'y')],
    [bind('output_0', 'forestAcc')],
  )
  b.elementOf('trees', 'tree', 'idx')
  b.collectionOf('half', 'list', [{ element: 'tree', key: 'idx' }])
  b.select(['nTrees', 'forestAcc'])
  return b.build()
}
