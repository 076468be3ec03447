import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import {
  assertRunnerStillWorks,
  runRequest,
  runToEnd,
  writeWorkspace,
} from './testing/runner-fixtures'
import { WorkspaceRunner } from './workspace-runner'

describe('WorkspaceRunner: errors point at the TypeScript', () => {
  test('a syntax error is reported with file:line:column and nothing runs', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({
      'main.ts': "import { broken } from './lib/broken'\nconsole.log(broken)\n",
      'lib/broken.ts': 'export const fine = 1\n\nexport const broken = { a: 1 b: 2 }\n',
    })
    const result = await runToEnd(runner, runRequest(workspace))
    assert.equal(result.status, 'failed')
    assert.equal(result.runId, null)
    assert.equal(result.error?.code, 'runner.compile')
    assert.deepEqual(result.error?.location, { file: 'lib/broken.ts', line: 3, column: 30 })
    assert.match(result.error?.message ?? '', /^lib\/broken\.ts:3:30: /)
    assert.deepEqual(result.output, [])
    await assertRunnerStillWorks(runner, workspace.storageDir)
  })

  test('an error thrown in a helper points at the throw in the helper, not the JavaScript', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({
      'main.ts': `import { check } from './lib/check'

type Settings = { limit: number }
const settings: Settings = { limit: 10 }
check(3, settings)
check(30, settings)
`,
      // The interface and the type annotations vanish in the JavaScript, shifting every line.
      'lib/check.ts': `interface Options {
  limit: number
}

export function check(value: number, options: Options): number {
  if (value > options.limit) {
    throw new Error(\`value \${value} is over \${options.limit}\`)
  }
  return value
}
`,
    })
    const result = await runToEnd(runner, runRequest(workspace))
    assert.equal(result.status, 'failed')
    assert.equal(result.error?.code, 'runner.script')
    assert.equal(result.error?.message, 'value 30 is over 10')
    assert.deepEqual(result.error?.location, { file: 'lib/check.ts', line: 7, column: 11 })
    assert.deepEqual(result.error?.details, { file: 'lib/check.ts', line: 7, column: 11 })
    const stack = result.error?.stack ?? ''
    const frames = stack.split('\n').filter((line) => line.includes(workspace.workspaceDir))
    const positions = frames.map((line) =>
      line.slice(line.indexOf(workspace.workspaceDir)).replace(/\)$/, ''),
    )
    assert.equal(positions.length, 2)
    assert.equal(positions[0], `${join(workspace.workspaceDir, 'lib/check.ts')}:7:11`)
    // The caller's column depends on how the call was compiled; its line does not.
    assert.match(positions[1] ?? '', /\/main\.ts:6:\d+$/)
    // Frames outside the workspace are kept as they were.
    assert.match(stack, /module-loader\.ts:\d+:\d+/)
    await assertRunnerStillWorks(runner, workspace.storageDir)
  })

  test('a throw on the first line of the entry gets the column the user wrote', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({ 'main.ts': "throw new TypeError('first line')\n" })
    const result = await runToEnd(runner, runRequest(workspace))
    assert.equal(result.error?.message, 'TypeError: first line')
    assert.deepEqual(result.error?.location, { file: 'main.ts', line: 1, column: 7 })
  })

  test('an engine error keeps its code and gets the workspace location', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({
      'main.ts': `import { op } from 'memograph'

const inc = op(function inc(x: number) {
  return x + 1
})
inc(1)
`,
    })
    const result = await runToEnd(runner, runRequest(workspace, { allowNewCalls: false }))
    assert.equal(result.status, 'failed')
    assert.equal(result.error?.code, 'run.newCallsForbidden')
    assert.equal(result.error?.location?.file, 'main.ts')
    assert.equal(result.error?.location?.line, 6)
    assert.notEqual(result.runId, null)
    await assertRunnerStillWorks(runner, workspace.storageDir)
  })

  test('a thrown non-error value is still reported', async () => {
    const runner = new WorkspaceRunner()
    const workspace = writeWorkspace({ 'main.ts': "throw { reason: 'plain object' }\n" })
    const result = await runToEnd(runner, runRequest(workspace))
    assert.equal(result.error?.code, 'runner.script')
    assert.equal(result.error?.message, "the script threw { reason: 'plain object' }")
  })
})
