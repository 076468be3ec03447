import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { tempDir } from '../../engine/testing/temp-dirs'
import { writeWorkspace } from './test-loader'
import { transformWorkspaceSync } from './transform-workspace'

/** Content hashes by component id of a one-module workspace. */
function hashes(source: string): Map<string, string | null> {
  const root = tempDir('memograph-hash-')
  writeWorkspace(root, { 'main.ts': source })
  const { components } = transformWorkspaceSync(root, 'main.ts')
  return new Map(components.map((component) => [component.id, component.contentHash]))
}

const ORIGINAL = `
import { op } from 'memograph'
const LIMIT = 3
function clamp(x: number): number {
  return Math.min(x + 1, LIMIT)
}
export const train = op(function train(xs: number[], label: string = 'a') {
  return xs.map((x) => clamp(x)).concat([LIMIT, 0x10])
}, { outputs: ['ys'] })
class Model {
  weights: number[] = []
  predict(x: number): number { return x * 2 }
}
`

describe('content hashes', () => {
  const original = hashes(ORIGINAL)

  it('hashes functions and leaves values to the engine', () => {
    assert.equal(original.get('main.ts#LIMIT'), null)
    for (const id of ['main.ts#clamp', 'main.ts#train', 'main.ts#Model', 'main.ts#Model.predict']) {
      assert.match(original.get(id) ?? '', /^[A-Za-z0-9_-]{22}$/, id)
    }
  })

  it('ignores comments, formatting, quotes, parentheses and trailing commas', () => {
    const reformatted = hashes(`
import { op } from "memograph";
const LIMIT = 3;
/** Clamps. */
function clamp(x: number): number { return Math.min((x + 1), LIMIT); } // why not
export const train = op(
  function train(
    xs: number[],
    label: string = "a", // default label
  ) {
    return xs
      .map((x) => clamp(x))
      .concat([LIMIT, 16]);
  },
  { outputs: ["ys"] },
);
class Model {
  // learned
  weights: number[] = [];
  predict(x: number): number {
    return x * 2;
  }
}
`)
    assert.deepEqual(reformatted, original)
  })

  it('ignores type annotations and assertions', () => {
    const retyped = hashes(`
import { op } from 'memograph'
const LIMIT = 3
function clamp<T extends number>(x: T): number {
  return Math.min(x + 1, LIMIT as number)
}
export const train = op(function train(xs: readonly number[], label = 'a' satisfies string) {
  return xs.map((x: number): number => clamp(x)!).concat([LIMIT, 0x10])
}, { outputs: ['ys'] as const })
class Model {
  private weights: Array<number> = []
  public predict(x: number) { return x * 2 }
}
`)
    assert.deepEqual(retyped, original)
  })

  it('changes when the code does', () => {
    const edited = hashes(ORIGINAL.replace('x + 1', 'x + 2').replace('x * 2', 'x * 3'))
    assert.notEqual(edited.get('main.ts#clamp'), original.get('main.ts#clamp'))
    assert.notEqual(edited.get('main.ts#Model.predict'), original.get('main.ts#Model.predict'))
    assert.equal(edited.get('main.ts#train'), original.get('main.ts#train'))
    assert.equal(edited.get('main.ts#Model'), original.get('main.ts#Model'))

    const options = hashes(ORIGINAL.replace("outputs: ['ys']", "outputs: ['zs']"))
    assert.notEqual(options.get('main.ts#train'), original.get('main.ts#train'))
    const field = hashes(ORIGINAL.replace('weights: number[] = []', 'weights: number[] = [1]'))
    assert.notEqual(field.get('main.ts#Model'), original.get('main.ts#Model'))
    assert.equal(field.get('main.ts#Model.predict'), original.get('main.ts#Model.predict'))
  })

  it('does not depend on the function name, only the id does', () => {
    const renamed = hashes(ORIGINAL.replaceAll('clamp', 'limit'))
    assert.equal(renamed.get('main.ts#limit'), original.get('main.ts#clamp'))
    assert.equal(renamed.has('main.ts#clamp'), false)
  })
})
