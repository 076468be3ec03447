import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { collect } from '../engine/testing/child-scripts'
import { newWorkspacePath, tempDir } from '../engine/testing/temp-dirs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const bin = join(root, 'src-main', 'cli', 'bin.mjs')
const example = join(root, 'resources', 'examples', 'random-forest', 'main.ts')

function memograph(args: readonly string[], stdin?: string) {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    env: process.env,
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  })
  child.stdin?.end(stdin)
  return collect(child)
}

const FOREST_QUERY = `(q) => {
  const nTrees = q.any()
  const seed = q.value(0)
  const [X, y] = generateData(seed)
  const trees = trainForest(X, y, nTrees)
  const forestAcc = evalForest(trees, X, y)
  return { nTrees, forestAcc }
}
`

describe('memograph query', () => {
  const workspace = newWorkspacePath()
  const folder = tempDir()
  const file = (name: string, text: string): string => {
    const path = join(folder, name)
    writeFileSync(path, text)
    return path
  }
  before(async () => {
    const run = await memograph(['run', example, '--workspace', workspace])
    assert.equal(run.code, 0, run.stderr)
  })

  test('Q5: prints the matches of query code as a table, CSV or JSON records', async () => {
    const query = file('forest.ts', FOREST_QUERY)
    const text = await memograph(['query', query, '--workspace', workspace])
    assert.equal(text.code, 0, text.stderr)
    assert.match(text.stdout, /^nTrees {2}forestAcc\n {5}5 {2}0\.\d+\n {4}10 {2}0\.\d+\n2 rows\n$/)

    const csv = await memograph(['query', query, '--workspace', workspace, '--csv'])
    assert.match(csv.stdout, /^nTrees,forestAcc\n5,0\.\d+\n10,0\.\d+\n$/)

    const json = await memograph(['query', '-', '--workspace', workspace, '--json'], FOREST_QUERY)
    assert.equal(json.code, 0, json.stderr)
    const records = JSON.parse(json.stdout) as { nTrees: number; forestAcc: number }[]
    assert.deepEqual(
      records.map(({ nTrees }) => nTrees),
      [5, 10],
    )
    assert.ok(records.every(({ forestAcc }) => forestAcc > 0.5 && forestAcc <= 1))
  })

  test('Q3: --all prints one row per match', async () => {
    // Both forests were trained on the same data: one distinct X, two matches.
    const query = file(
      'data.ts',
      `(q) => {
  const seed = q.value(0)
  const [X, y] = generateData(seed)
  const nTrees = q.any()
  const trees = trainForest(X, y, nTrees)
  return { X }
}`,
    )
    const distinct = await memograph(['query', query, '--workspace', workspace, '--json'])
    const all = await memograph(['query', query, '--workspace', workspace, '--json', '--all'])
    assert.deepEqual(
      [distinct, all].map(({ stdout }) => (JSON.parse(stdout) as unknown[]).length),
      [1, 2],
    )
  })

  test('errors go to stderr with the file, line and column, and exit 1', async () => {
    const broken = file('broken.ts', '(q) => {\n  const x = q.any(\n  return { x }\n}\n')
    const syntax = await memograph(['query', broken, '--workspace', workspace])
    assert.equal(syntax.code, 1)
    assert.equal(syntax.stdout, '')
    assert.match(syntax.stderr, /^memograph: .*broken\.ts:3:\d+: .*\[query\.syntax\]\n$/)

    const unknown = file(
      'unknown.ts',
      '(q) => {\n  const x = q.any()\n  const y = trainForrest(x)\n  return { y }\n}\n',
    )
    const invalid = await memograph(['query', unknown, '--workspace', workspace])
    assert.equal(invalid.code, 1)
    assert.match(invalid.stderr, /unknown\.ts:3:\d+: .*trainForrest.*did you mean 'trainForest'/)
    assert.match(invalid.stderr, /\[query\.invalid\]/)

    const missing = await memograph(['query', join(folder, 'nowhere.ts'), '--workspace', workspace])
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /query file not found: .*nowhere\.ts/)
  })
})
