/**
 * Test support: a copy of the random-forest example run through the real CLI (runner,
 * versioning): run #1 computes, run #2 is all hits, run #3 follows a breaking change of the
 * helper `majorityVote`, which only evalForest uses.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { collect } from '../../engine/testing/child-scripts'
import { tempDir } from '../../engine/testing/temp-dirs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const bin = join(root, 'src-main', 'cli', 'bin.mjs')
const example = join(root, 'resources', 'examples', 'random-forest')

export const MAJORITY_VOTE_BEFORE = 'return votesForOne * 2 >= trees ? 1 : 0'
export const MAJORITY_VOTE_AFTER = 'return votesForOne * 2 > trees ? 1 : 0'

async function runExample(projectDir: string, extra: readonly string[] = []): Promise<void> {
  const result = await collect(
    spawn(
      process.execPath,
      [
        bin,
        'run',
        join(projectDir, 'main.ts'),
        '--workspace',
        join(projectDir, '.memograph'),
        ...extra,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  )
  assert.equal(result.code, 0, result.stderr)
}

/** The project folder, with runs #1 (computed), #2 (all hits) and, if asked, #3 (breaking). */
export async function exampleProject(options: { breakingChange: boolean }): Promise<string> {
  const projectDir = join(tempDir('memograph-host-example-'), 'random-forest')
  cpSync(example, projectDir, { recursive: true })
  await runExample(projectDir)
  await runExample(projectDir)
  if (options.breakingChange) {
    const forest = join(projectDir, 'forest.ts')
    const source = readFileSync(forest, 'utf8')
    assert.ok(source.includes(MAJORITY_VOTE_BEFORE), 'the example still has majorityVote')
    writeFileSync(forest, source.replace(MAJORITY_VOTE_BEFORE, MAJORITY_VOTE_AFTER))
    await runExample(projectDir, ['--on-change', 'breaking'])
  }
  return projectDir
}
