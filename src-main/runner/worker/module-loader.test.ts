import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { tempDir } from '../../engine/testing/temp-dirs'
import { type TransformedModule, type WorkspaceBundle } from '../transform/types'
import { WorkspaceModuleLoader } from './module-loader'

/** Plain CommonJS bodies; the loader does not look at source maps. */
function bundle(root: string, modules: Omit<TransformedModule, 'map'>[]): WorkspaceBundle {
  return {
    root,
    entry: 'main.ts',
    modules: modules.map((m) => ({ ...m, map: '' })),
    components: [],
  }
}

type Seen = { value?: unknown }
const seenKey = Symbol.for('memograph.test.moduleLoader')
const seen = ((globalThis as { [seenKey]?: Seen })[seenKey] ??= {})

describe('WorkspaceModuleLoader', () => {
  test('imports resolve like CommonJS: workspace modules once, cycles see partial exports', async () => {
    const root = tempDir()
    const loader = new WorkspaceModuleLoader(
      bundle(root, [
        {
          path: 'main.ts',
          imports: { './a': 'lib/a.ts', './b': 'lib/b.ts' },
          code: `const a = require('./a'); const b = require('./b')
globalThis[Symbol.for('memograph.test.moduleLoader')].value = [a.name, a.fromB, b.name, b.sawA, a === require('./a')]`,
        },
        {
          path: 'lib/a.ts',
          imports: { './b': 'lib/b.ts' },
          code: `exports.name = 'a'; exports.fromB = require('./b').name`,
        },
        {
          path: 'lib/b.ts',
          imports: { './a': 'lib/a.ts' },
          code: `const a = require('./a'); exports.name = 'b'; exports.sawA = a.name`,
        },
      ]),
      {},
    )
    await loader.runEntry()
    assert.deepEqual(seen.value, ['a', 'b', 'b', 'a', true])
  })

  test('memograph is the engine given; other specifiers load from the module folder', async () => {
    const root = tempDir()
    writeFileSync(join(root, 'settings.json'), '{ "depth": 3 }')
    const engine = { op: () => 'the engine' }
    const loader = new WorkspaceModuleLoader(
      bundle(root, [
        {
          path: 'main.ts',
          imports: { memograph: null, 'node:path': null, './settings.json': null },
          code: `const { op } = require('memograph')
const { basename } = require('node:path')
globalThis[Symbol.for('memograph.test.moduleLoader')].value = [op(), basename(__filename), require('./settings.json').depth, __dirname === ${JSON.stringify(root)}]`,
        },
      ]),
      engine,
    )
    await loader.runEntry()
    assert.deepEqual(seen.value, ['the engine', 'main.ts', 3, true])
  })

  test('the entry may await at top level, and runEntry waits for it', async () => {
    const loader = new WorkspaceModuleLoader(
      bundle(tempDir(), [
        {
          path: 'main.ts',
          imports: {},
          code: `await new Promise((resolve) => setTimeout(resolve, 20))
globalThis[Symbol.for('memograph.test.moduleLoader')].value = 'after the await'`,
        },
      ]),
      {},
    )
    seen.value = undefined
    await loader.runEntry()
    assert.equal(seen.value, 'after the await')
  })
})
