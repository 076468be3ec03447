import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { evalForest } from '../../resources/examples/random-forest/forest'
import { Storage, type Ref } from '../engine'
import { collect } from '../engine/testing/child-scripts'
import { newWorkspacePath } from '../engine/testing/temp-dirs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const bin = join(root, 'src-main', 'cli', 'bin.mjs')
const example = join(root, 'resources', 'examples', 'random-forest', 'main.ts')

function memograph(args: readonly string[]) {
  return collect(
    spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }),
  )
}

/**
 * The example's workspace (seeds 0 and 1 × n_trees 5 and 10) and its four forest accuracies,
 * oldest first.
 */
async function exampleWorkspace(): Promise<{ workspace: string; accuracies: Ref[] }> {
  const workspace = newWorkspacePath()
  const run = await memograph(['run', example, '--workspace', workspace])
  assert.equal(run.code, 0, run.stderr)
  const storage = await Storage.open(workspace)
  const accuracies = storage
    .query((q) => ({ acc: evalForest(q.any(), q.any(), q.any()) }))
    .column('acc') as Ref[]
  for (const ref of accuracies) storage.unwrap(ref)
  storage.close()
  return { workspace, accuracies }
}

describe('memograph similar', () => {
  test('Q6: prints the pattern code, then the table with values; --context adds the history', async () => {
    const { workspace, accuracies } = await exampleWorkspace()
    const target = accuracies[1] as Ref
    const plain = await memograph(['similar', target.hid, '--workspace', workspace])
    assert.equal(plain.code, 0, plain.stderr)
    assert.match(plain.stdout, /^\(q\) => \{\n {2}const seed = q\.any\(\)\n/)
    assert.match(plain.stdout, /return \{ evalForestResult \}\n\}\n\nevalForestResult\n/)
    // Same shape as seed 0's 10-tree forest: every dataset and forest size, four forests.
    assert.match(plain.stdout, /\(4 rows\)\n$/)

    const context = await memograph(['similar', target.hid, '--workspace', workspace, '--context'])
    assert.equal(context.code, 0, context.stderr)
    assert.match(context.stdout, /^nTrees\s+seed\s+X\s+y\s+trees\s+evalForestResult$/m)
    assert.match(context.stdout, /^\s+5\s+0\s+\[ \[ /m)
    assert.match(context.stdout, /^\s+10\s+0\s+/m)
    assert.match(context.stdout, /^\s+5\s+1\s+\[ \[ /m)
    assert.match(context.stdout, /^\s+10\s+1\s+/m)

    // A content id works too: the newest computed ref with that value.
    const byContent = await memograph(['similar', target.cid, '--workspace', workspace, '--json'])
    assert.equal(byContent.code, 0, byContent.stderr)
    const document = JSON.parse(byContent.stdout) as {
      code: string
      columns: string[]
      rows: unknown[][]
    }
    assert.deepEqual(document.columns, ['evalForestResult'])
    assert.equal(document.rows.length, 4)
    assert.match(document.code, /evalForest\(trees, X, y\)/)
  })

  test('Q6: --csv writes only the table to stdout (the code to stderr)', async () => {
    const { workspace, accuracies } = await exampleWorkspace()
    const target = accuracies[0] as Ref
    const csv = await memograph([
      'similar',
      target.hid,
      '--workspace',
      workspace,
      '--context',
      '--csv',
    ])
    assert.equal(csv.code, 0, csv.stderr)
    const [header, ...lines] = csv.stdout.trim().split('\n')
    assert.equal(header, 'nTrees,seed,X,y,trees,evalForestResult')
    assert.equal(lines.length, 4)
    assert.match(lines[0] ?? '', /^5,0,"\[\[/)
    assert.equal(lines.filter((line) => /^\d+,1,/.test(line)).length, 2, 'seed 1 rows')
    assert.match(csv.stderr, /const trees = trainForest\(X, y, nTrees\)/)
  })

  test('Q6: an unknown or malformed id is an error on stderr with exit code 1', async () => {
    const { workspace } = await exampleWorkspace()
    const unknown = await memograph(['similar', 'A'.repeat(22), '--workspace', workspace])
    assert.equal(unknown.code, 1)
    assert.equal(unknown.stdout, '')
    assert.match(unknown.stderr, /no ref in .* has history id or content id AAAA+ \[ref\.unknown\]/)
    const malformed = await memograph(['similar', 'nope', '--workspace', workspace])
    assert.equal(malformed.code, 1)
    assert.match(malformed.stderr, /'nope' is not a history id or content id/)
  })
})
