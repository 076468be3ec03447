import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type WorkspaceComponent } from '../../engine/versioning/code-state'
import { tempDir } from '../../engine/testing/temp-dirs'
import { writeWorkspace } from './test-loader'
import { transformWorkspaceSync } from './transform-workspace'

function transform(files: Record<string, string>, entry = 'main.ts') {
  const root = tempDir('memograph-transform-')
  writeWorkspace(root, files)
  return transformWorkspaceSync(root, entry)
}

function byId(components: readonly WorkspaceComponent[], id: string): WorkspaceComponent {
  const found = components.find((component) => component.id === id)
  assert.ok(found, `no component ${id} in ${components.map((c) => c.id).join(', ')}`)
  return found
}

function idsOf(components: readonly WorkspaceComponent[], indexes: readonly number[]): string[] {
  return indexes.map((index) => components[index]?.id ?? `?${index}`)
}

describe('components', () => {
  it('finds functions, function-valued consts, op(...) consts and values', () => {
    const { components } = transform({
      'main.ts': [
        "import { op } from 'memograph'",
        'export const SCALE: number = 10',
        'let cache = new Map<string, number>()',
        'const { low, high: [top] } = { low: 1, high: [2] }',
        'function helper(x: number): number {',
        '  return x * SCALE',
        '}',
        'export async function* stream() { yield cache.size }',
        'const double = (x: number) => helper(x) * 2',
        'const named = function inner() { return low + top }',
        'export const trainTree = op(',
        '  function trainTree(x: number) { return double(x) },',
        '  { outputs: ["tree"] },',
        ')',
        'export default function () { return 1 }',
      ].join('\n'),
    })
    assert.deepEqual(
      components.map(({ id, kind, line }) => [id, kind, line]),
      [
        ['main.ts#SCALE', 'value', 2],
        ['main.ts#cache', 'value', 3],
        ['main.ts#low', 'value', 4],
        ['main.ts#top', 'value', 4],
        ['main.ts#helper', 'function', 5],
        ['main.ts#stream', 'function', 8],
        ['main.ts#double', 'function', 9],
        ['main.ts#named', 'function', 10],
        ['main.ts#trainTree', 'function', 11],
        ['main.ts#default', 'function', 15],
      ],
    )
    components.forEach((component, index) => assert.equal(component.index, index))
    for (const component of components) {
      assert.equal(component.contentHash === null, component.kind === 'value', component.id)
    }

    const helper = byId(components, 'main.ts#helper')
    assert.deepEqual(idsOf(components, helper.staticDeps), ['main.ts#SCALE'])
    assert.deepEqual(helper.references, ['main.ts#SCALE'])
    assert.equal(helper.source, 'function helper(x: number): number {\n  return x * SCALE\n}')

    // Functions are not static dependencies: they are recorded when entered.
    const double = byId(components, 'main.ts#double')
    assert.deepEqual(double.staticDeps, [])
    assert.deepEqual(double.references, ['main.ts#helper'])

    assert.deepEqual(idsOf(components, byId(components, 'main.ts#named').staticDeps), [
      'main.ts#low',
      'main.ts#top',
    ])
    assert.deepEqual(idsOf(components, byId(components, 'main.ts#stream').staticDeps), [
      'main.ts#cache',
    ])

    const trainTree = byId(components, 'main.ts#trainTree')
    assert.equal(
      trainTree.source,
      [
        'export const trainTree = op(',
        '  function trainTree(x: number) { return double(x) },',
        '  { outputs: ["tree"] },',
        ')',
      ].join('\n'),
    )
    assert.deepEqual(trainTree.references, ['main.ts#double'])
    assert.equal(byId(components, 'main.ts#SCALE').source, 'export const SCALE: number = 10')
  })

  it('does not count shadowed names, property names or nested functions', () => {
    const { components } = transform({
      'main.ts': [
        'const rate = 2',
        'const size = 3',
        'function outer(rate: number) {',
        '  const inner = () => rate + config.size',
        '  try { return inner() } catch (size) { return size }',
        '}',
        'const config = { size: 1 }',
      ].join('\n'),
    })
    assert.deepEqual(
      components.map((component) => component.id),
      ['main.ts#rate', 'main.ts#size', 'main.ts#outer', 'main.ts#config'],
    )
    const outer = byId(components, 'main.ts#outer')
    assert.deepEqual(idsOf(components, outer.staticDeps), ['main.ts#config'])
    assert.deepEqual(outer.references, ['main.ts#config'])
  })

  it('makes one component per class member and a shell they all depend on', () => {
    const { components } = transform({
      'main.ts': [
        'const OFFSET = 1',
        'const LIMIT = 9',
        'class Base {}',
        'export class Scaler extends Base {',
        '  factor: number = OFFSET',
        '  #seen = 0',
        '  constructor(readonly_: number) { super() }',
        '  fit(x: number) { return x * LIMIT }',
        '  get seen() { return this.#seen }',
        '  set seen(value: number) { this.#seen = value }',
        '  static create() { return new Scaler(1) }',
        '  #reset() { this.#seen = 0 }',
        '  onEvent = (event: string) => event.length',
        '  static { Scaler.registry = [] }',
        '  static registry: unknown[]',
        '}',
      ].join('\n'),
    })
    assert.deepEqual(
      components.slice(2).map(({ id, kind, line }) => [id, kind, line]),
      [
        ['main.ts#Base', 'function', 3],
        ['main.ts#Scaler', 'function', 4],
        ['main.ts#Scaler.constructor', 'function', 7],
        ['main.ts#Scaler.fit', 'function', 8],
        ['main.ts#Scaler.get seen', 'function', 9],
        ['main.ts#Scaler.set seen', 'function', 10],
        ['main.ts#Scaler.create', 'function', 11],
        ['main.ts#Scaler.#reset', 'function', 12],
        ['main.ts#Scaler.onEvent', 'function', 13],
      ],
    )
    const shell = byId(components, 'main.ts#Scaler')
    assert.deepEqual(idsOf(components, shell.staticDeps), ['main.ts#OFFSET'])
    assert.deepEqual(shell.references, ['main.ts#OFFSET', 'main.ts#Base'])
    assert.equal(
      shell.source,
      [
        'export class Scaler extends Base {',
        '  factor: number = OFFSET',
        '  #seen = 0',
        '  static { Scaler.registry = [] }',
        '  static registry: unknown[]',
        '}',
      ].join('\n'),
    )
    const fit = byId(components, 'main.ts#Scaler.fit')
    assert.deepEqual(idsOf(components, fit.staticDeps), [
      'main.ts#OFFSET',
      'main.ts#LIMIT',
      'main.ts#Scaler',
    ])
    assert.equal(fit.source, 'fit(x: number) { return x * LIMIT }')
    const create = byId(components, 'main.ts#Scaler.create')
    assert.deepEqual(idsOf(components, create.staticDeps), ['main.ts#OFFSET', 'main.ts#Scaler'])
  })

  it('resolves imported values to the exporting module, through re-exports', () => {
    const { components, modules } = transform({
      'main.ts': [
        "import { SCALE, scaled as scaledBy, Settings } from './lib'",
        "import * as config from './lib/config'",
        "import threshold from './lib/threshold'",
        'export const run = (x: number) => scaledBy(x) + SCALE + config.OFFSET + threshold',
        'const settings: Settings = { verbose: true }',
      ].join('\n'),
      'lib/index.ts': [
        "export { SCALE } from './config'",
        "export * from './scale'",
        "export type { Settings } from './config'",
      ].join('\n'),
      'lib/config.ts': [
        'export const SCALE = 10',
        'export const OFFSET = 1',
        'export interface Settings { verbose: boolean }',
      ].join('\n'),
      'lib/scale.ts': [
        "import { SCALE } from './config'",
        'export function scaled(x: number) { return x * SCALE }',
      ].join('\n'),
      'lib/threshold.ts': 'const threshold = 0.5\nexport default threshold',
    })
    assert.deepEqual(
      modules.map((module) => [module.path, module.imports]),
      [
        [
          'main.ts',
          {
            './lib': 'lib/index.ts',
            './lib/config': 'lib/config.ts',
            './lib/threshold': 'lib/threshold.ts',
          },
        ],
        ['lib/index.ts', { './config': 'lib/config.ts', './scale': 'lib/scale.ts' }],
        ['lib/config.ts', {}],
        ['lib/threshold.ts', {}],
        ['lib/scale.ts', { './config': 'lib/config.ts' }],
      ],
    )
    const run = byId(components, 'main.ts#run')
    assert.deepEqual(idsOf(components, run.staticDeps), [
      'lib/config.ts#SCALE',
      'lib/config.ts#OFFSET',
      'lib/threshold.ts#threshold',
    ])
    assert.deepEqual(run.references, [
      'lib/config.ts#SCALE',
      'lib/config.ts#OFFSET',
      'lib/threshold.ts#threshold',
      'lib/scale.ts#scaled',
    ])
    const scaled = byId(components, 'lib/scale.ts#scaled')
    assert.deepEqual(idsOf(components, scaled.staticDeps), ['lib/config.ts#SCALE'])
  })

  it('leaves out values declared under // @memograph-ignore', () => {
    const { components, modules } = transform({
      'main.ts': [
        '// @memograph-ignore: a cache, not an input',
        'const cache = new Map<number, number>()',
        'const RATE = 3',
        '// @memograph-ignore',
        'export let calls = 0, total = 0',
        'export function f(x: number) { calls++; return cache.get(x) ?? x * RATE }',
      ].join('\n'),
    })
    assert.deepEqual(
      components.map((component) => component.id),
      ['main.ts#RATE', 'main.ts#f'],
    )
    assert.deepEqual(idsOf(components, byId(components, 'main.ts#f').staticDeps), ['main.ts#RATE'])
    assert.match(modules[0]?.code ?? '', /values\(\{ 0: \(\) => RATE \}\)/)
  })

  it('finds the components of the example workspaces', () => {
    const forest = transformWorkspaceSync('resources/examples/random-forest', 'main.ts')
    assert.deepEqual(
      forest.components.map((component) => component.id),
      // main.ts binds X and y inside its loop, so it has no module-level values.
      [
        'forest.ts#random',
        'forest.ts#generateData',
        'forest.ts#predict',
        'forest.ts#accuracy',
        'forest.ts#trainTree',
        'forest.ts#majorityVote',
        'forest.ts#evalForest',
        'forest.ts#trainForest',
      ],
    )
    // The helper only evalForest uses: a change to it concerns evalForest alone.
    assert.deepEqual(byId(forest.components, 'forest.ts#evalForest').references, [
      'forest.ts#predict',
      'forest.ts#accuracy',
      'forest.ts#majorityVote',
    ])
    assert.deepEqual(byId(forest.components, 'forest.ts#trainTree').references, [
      'forest.ts#random',
      'forest.ts#predict',
      'forest.ts#accuracy',
    ])

    const transactions = transformWorkspaceSync('resources/examples/transactions', 'main.ts')
    const rawData = byId(transactions.components, 'pipeline.ts#rawData')
    assert.deepEqual(idsOf(transactions.components, rawData.staticDeps), ['pipeline.ts#DATA'])
    // The parameter `rawData` of processedData shadows the op.
    assert.deepEqual(byId(transactions.components, 'pipeline.ts#processedData').references, [])
  })
})
