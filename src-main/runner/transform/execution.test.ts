import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { tempDir } from '../../engine/testing/temp-dirs'
import { type WorkspaceBundle } from './types'
import { runBundle, writeWorkspace } from './test-loader'
import { transformWorkspace } from './transform-workspace'

async function transform(files: Record<string, string>): Promise<WorkspaceBundle> {
  const root = tempDir('memograph-run-')
  writeWorkspace(root, files)
  return transformWorkspace(root, 'main.ts')
}

function indexOf(bundle: WorkspaceBundle, id: string): number {
  const component = bundle.components.find((candidate) => candidate.id === id)
  assert.ok(component, `no component ${id}`)
  return component.index
}

/** A stand-in for `op` from memograph: calls the function as it is. */
const fakeMemograph = {
  op: (fn: (...args: unknown[]) => unknown) => fn,
}

describe('running transformed modules', () => {
  it('computes the same results and reports entered components', async () => {
    const bundle = await transform({
      'main.ts': [
        "import { op } from 'memograph'",
        "import { Scaler, SCALE } from './scaler'",
        'const offset = (x: number): number => x + 1',
        'const wrap = (x: number) => ({ value: x })',
        'function unused() { return 0 }',
        'export const compute = op(function compute(xs: number[]) {',
        '  const scaler = new Scaler(SCALE)',
        '  return xs.map((x) => scaler.apply(offset(x)))',
        '})',
        'export const result = compute([1, 2])',
        'export const wrapped = wrap(5)',
      ].join('\n'),
      'scaler.ts': [
        'export const SCALE: number = 10',
        'export class Scaler {',
        '  constructor(private_factor: number) { this.factor = private_factor }',
        '  factor: number',
        '  apply(x: number): number { return x * this.factor }',
        '}',
      ].join('\n'),
    })
    const { exports, tracker } = await runBundle(bundle, { memograph: fakeMemograph })
    assert.deepEqual(exports.result, [20, 30])
    assert.deepEqual(exports.wrapped, { value: 5 })

    const entered = (id: string) =>
      tracker.entered.filter((index) => index === indexOf(bundle, id)).length
    assert.equal(entered('main.ts#compute'), 1)
    assert.equal(entered('main.ts#offset'), 2)
    assert.equal(entered('main.ts#wrap'), 1)
    assert.equal(entered('main.ts#unused'), 0)
    assert.equal(entered('scaler.ts#Scaler.constructor'), 1)
    // Making an instance enters the class shell (field initializers run).
    assert.equal(entered('scaler.ts#Scaler'), 1)
    assert.equal(entered('scaler.ts#Scaler.apply'), 2)
    assert.deepEqual(tracker.entered.slice(0, 4), [
      indexOf(bundle, 'main.ts#compute'),
      // Field initializers run before the constructor body of a base class.
      indexOf(bundle, 'scaler.ts#Scaler'),
      indexOf(bundle, 'scaler.ts#Scaler.constructor'),
      indexOf(bundle, 'main.ts#offset'),
    ])

    // Value getters read the live module-level bindings.
    assert.equal(tracker.getters.get(indexOf(bundle, 'scaler.ts#SCALE'))?.(), 10)
    assert.deepEqual(tracker.getters.get(indexOf(bundle, 'main.ts#result'))?.(), [20, 30])
  })

  it('supports every import and export form', async () => {
    const bundle = await transform({
      'main.ts': [
        "import greet, { counter, increment, renamed as alias, 'odd name' as odd } from './lib'",
        "import * as lib from './lib'",
        "import Anonymous from './anonymous'",
        "import value from './value'",
        "import path, { join } from 'node:path'",
        "import './side-effect'",
        'increment()',
        'export const results = {',
        '  greeting: greet("you"),',
        '  counter,',
        '  liveCounter: lib.counter,',
        '  alias,',
        '  odd,',
        '  star: lib.fromStar,',
        '  starNamespace: lib.nested.fromStar,',
        '  anonymous: new Anonymous().name,',
        '  anonymousName: Anonymous.name,',
        '  value,',
        '  join: join("a", "b"),',
        '  pathDefault: typeof path.join,',
        '  keys: Object.keys(lib).sort(),',
        '  sideEffect: (globalThis as Record<string, unknown>).sideEffectRan,',
        '}',
      ].join('\n'),
      'lib.ts': [
        'export default function greet(name: string) { return `hi ${name}` }',
        'export let counter = 0',
        'export function increment() { counter++ }',
        'const original = 1',
        "export { original as renamed, original as 'odd name' }",
        "export * from './star'",
        "export * as nested from './star'",
      ].join('\n'),
      'star.ts': 'export const fromStar = "star"\nexport default "not re-exported by *"',
      'anonymous.ts': 'export default class { name = "anonymous" }',
      'value.ts': 'export default (6 * 7)',
      'side-effect.ts': '(globalThis as Record<string, unknown>).sideEffectRan = true',
    })
    const { exports } = await runBundle(bundle)
    assert.deepEqual(exports.results, {
      greeting: 'hi you',
      counter: 0,
      liveCounter: 1,
      alias: 1,
      odd: 1,
      star: 'star',
      starNamespace: 'star',
      anonymous: 'anonymous',
      anonymousName: 'default',
      value: 42,
      join: 'a/b',
      pathDefault: 'function',
      keys: ['counter', 'default', 'fromStar', 'increment', 'nested', 'odd name', 'renamed'],
      sideEffect: true,
    })
    delete (globalThis as Record<string, unknown>).sideEffectRan
  })

  it('runs top-level await in the entry, and dynamic imports of workspace modules', async () => {
    const bundle = await transform({
      'main.ts': [
        'const wait = (ms: number) => new Promise((done) => setTimeout(done, ms))',
        'await wait(1)',
        "const { later } = await import('./later')",
        'for await (const x of [Promise.resolve(1)]) { console.assert(x === 1) }',
        'export const result = later()',
        'export const meta = import.meta.url.endsWith("/main.ts")',
      ].join('\n'),
      'later.ts': 'export function later() { return "later" }',
    })
    assert.equal(bundle.modules[0]?.imports['./later'], 'later.ts')
    const { exports, tracker } = await runBundle(bundle)
    assert.equal(exports.result, 'later')
    assert.equal(exports.meta, true)
    assert.ok(tracker.entered.includes(indexOf(bundle, 'later.ts#later')))
  })

  it('keeps imported names as plain identifiers and drops type-only imports', async () => {
    const bundle = await transform({
      'main.ts': [
        "import { SCALE, type Options } from './config'",
        "import { Shape } from './types'",
        'const options: Options = { scale: SCALE }',
        'export const area = (shape: Shape) => shape.size * options.scale',
      ].join('\n'),
      'config.ts': 'export const SCALE = 2\nexport interface Options { scale: number }',
      'types.ts': 'export interface Shape { size: number }',
    })
    const main = bundle.modules[0]
    assert.match(main?.code ?? '', /const \{ SCALE \} = require\("\.\/config"\);/)
    assert.deepEqual(main?.imports, { './config': 'config.ts' })
    assert.deepEqual(
      bundle.modules.map((module) => module.path),
      ['main.ts', 'config.ts'],
    )
  })

  it('exports nothing for exported names that are only types', async () => {
    const bundle = await transform({
      'main.ts': "import * as types from './types'\nexport const keys = Object.keys(types)",
      'types.ts': [
        "import type { Other } from './other'",
        "import { type Another } from './other'",
        'interface Shape { size: number }',
        'type Size = number',
        'export { Shape, type Size, Other, Another }',
        'export default Shape',
        'export const unit = 1',
      ].join('\n'),
    })
    assert.deepEqual(
      bundle.modules.map((module) => module.path),
      ['main.ts', 'types.ts'],
    )
    const { exports } = await runBundle(bundle)
    assert.deepEqual(exports.keys, ['unit'])
  })

  it('keeps line numbers: instrumentation stays on the lines it instruments', async () => {
    const source = [
      'import {',
      '  a,',
      '  b,',
      "} from './ab'",
      'export function f() {',
      '  return a + b',
      '}',
    ].join('\n')
    const bundle = await transform({
      'main.ts': source,
      'ab.ts': 'export const a = 1, b = 2',
    })
    const lines = bundle.modules[0]?.code.split('\n') ?? []
    assert.equal(lines.length, source.split('\n').length)
    assert.match(lines[4] ?? '', /^function f\(\) \{ __memograph_tracker\.enter\(\d+\);$/)
    assert.equal(lines[5], '  return a + b')
  })

  it('resolves index files, .js specifiers, JSON files and import cycles', async () => {
    const bundle = await transform({
      'main.ts': [
        '#!/usr/bin/env node',
        "import { fromIndex } from './lib'",
        "import { fromJs } from './lib/js-named.js'",
        "import data from './data.json'",
        "import { ping } from './cycle-a'",
        'export const results = [fromIndex, fromJs, data.answer, ping(3)]',
      ].join('\n'),
      'lib/index.ts': 'export const fromIndex = "index"',
      'lib/js-named.ts': 'export const fromJs = "js"',
      'data.json': '{ "answer": 42 }',
      'cycle-a.ts': [
        "import { pong } from './cycle-b'",
        'export function ping(n: number): number { return n === 0 ? 0 : pong(n - 1) }',
      ].join('\n'),
      'cycle-b.ts': [
        "import { ping } from './cycle-a'",
        'export function pong(n: number): number { return n === 0 ? 1 : ping(n - 1) }',
      ].join('\n'),
    })
    assert.deepEqual(bundle.modules[0]?.imports, {
      './lib': 'lib/index.ts',
      './lib/js-named.js': 'lib/js-named.ts',
      './data.json': null,
      './cycle-a': 'cycle-a.ts',
    })
    const { exports } = await runBundle(bundle)
    assert.deepEqual(exports.results, ['index', 'js', 42, 1])
  })

  it('instruments derived constructors, generators, async functions and default values', async () => {
    const bundle = await transform({
      'main.ts': [
        'class Base { constructor(readonly_: number) {} }',
        'class Derived extends Base {',
        '  size: number',
        '  constructor(size: number) { super(size); this.size = size }',
        '}',
        'function* count(n: number) { for (let i = 0; i < n; i++) yield i }',
        'const later = async (x: number) => await Promise.resolve(x)',
        'export default { answer: 42 } satisfies Record<string, number>',
        'export const results = [new Derived(3).size, [...count(3)], await later(4)]',
      ].join('\n'),
    })
    const { exports, tracker } = await runBundle(bundle)
    assert.deepEqual(exports.results, [3, [0, 1, 2], 4])
    assert.deepEqual(exports.default, { answer: 42 })
    for (const id of [
      'main.ts#Base.constructor',
      'main.ts#Derived.constructor',
      'main.ts#count',
      'main.ts#later',
    ]) {
      assert.ok(tracker.entered.includes(indexOf(bundle, id)), id)
    }
    const defaultValue = indexOf(bundle, 'main.ts#default')
    assert.equal(bundle.components[defaultValue]?.kind, 'value')
    assert.deepEqual(tracker.getters.get(defaultValue)?.(), { answer: 42 })
  })

  it('avoids names the module already uses', async () => {
    const bundle = await transform({
      'main.ts':
        'const __memograph_tracker = 1\nexport function f() { return __memograph_tracker }',
    })
    assert.match(bundle.modules[0]?.code ?? '', /__memograph1_tracker\.enter/)
    const { exports } = await runBundle(bundle)
    assert.equal((exports.f as () => number)(), 1)
  })
})
