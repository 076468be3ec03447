import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { tempDir } from '../../engine/testing/temp-dirs'
import { RunnerError } from '../runner-error'
import { writeWorkspace } from './test-loader'
import { transformWorkspace, transformWorkspaceSync } from './transform-workspace'

function workspace(files: Record<string, string>): string {
  const root = tempDir('memograph-compile-')
  writeWorkspace(root, files)
  return root
}

/** Asserts the transform fails with a runner.compile error at file:line:column. */
async function assertCompileError(
  files: Record<string, string>,
  location: { file: string; line: number; column: number },
  what: RegExp,
): Promise<void> {
  const root = workspace(files)
  await assert.rejects(transformWorkspace(root, 'main.ts'), (error: unknown) => {
    assert.ok(error instanceof RunnerError, String(error))
    assert.equal(error.code, 'runner.compile')
    assert.deepEqual(error.details, location)
    const prefix = `${location.file}:${location.line}:${location.column}: `
    assert.ok(error.message.startsWith(prefix), error.message)
    assert.match(error.message.slice(prefix.length), what)
    return true
  })
}

describe('compile errors', () => {
  it('report a TypeScript syntax error at its file, line and column', async () => {
    await assertCompileError(
      { 'main.ts': "import './lib'", 'lib.ts': 'const ok = 1\nconst broken: = 2\n' },
      { file: 'lib.ts', line: 2, column: 15 },
      /Type expected/,
    )
  })

  it('report a JavaScript syntax error found after stripping types', async () => {
    await assertCompileError(
      { 'main.ts': 'let twice = 1\nfunction f(x: number) { return x }\nlet twice = 2' },
      { file: 'main.ts', line: 3, column: 5 },
      /Identifier 'twice' has already been declared/,
    )
  })

  it('report a missing relative import with its specifier', async () => {
    await assertCompileError(
      {
        'main.ts': "import { op } from 'memograph'\nimport { helper } from './missing'\nhelper(op)",
      },
      { file: 'main.ts', line: 2, column: 24 },
      /cannot find module '\.\/missing'/,
    )
  })

  it('report an import from outside the workspace folder', async () => {
    await assertCompileError(
      { 'main.ts': "import { x } from '../elsewhere'\nconsole.log(x)" },
      { file: 'main.ts', line: 1, column: 19 },
      /outside the workspace/,
    )
  })

  it('allow top-level await in the entry only', async () => {
    const root = workspace({ 'main.ts': "import './lib'\nawait Promise.resolve()", 'lib.ts': '' })
    await transformWorkspace(root, 'main.ts')
    await assertCompileError(
      { 'main.ts': "import './lib'", 'lib.ts': 'export const x = 1\n  await Promise.resolve(x)' },
      { file: 'lib.ts', line: 2, column: 3 },
      /top-level await is only allowed in the entry module/,
    )
  })

  it('report TypeScript syntax that needs compiling, not just stripping', async () => {
    await assertCompileError(
      { 'main.ts': 'const a = 1\nenum Color { Red, Green }' },
      { file: 'main.ts', line: 2, column: 1 },
      /enum .* is not supported/,
    )
    await assertCompileError(
      { 'main.ts': 'class P {\n  constructor(private x: number) {}\n}' },
      { file: 'main.ts', line: 2, column: 15 },
      /parameter property/,
    )
  })

  it('report module-level names the CommonJS wrapper needs', async () => {
    await assertCompileError(
      {
        'main.ts':
          "import { createRequire } from 'node:module'\nconst require = createRequire('/')",
      },
      { file: 'main.ts', line: 2, column: 7 },
      /module-level 'require' clashes/,
    )
  })

  it('report a missing entry', () => {
    const root = workspace({ 'other.ts': '' })
    assert.throws(
      () => transformWorkspaceSync(root, 'main.ts'),
      (error: unknown) =>
        error instanceof RunnerError &&
        error.code === 'runner.compile' &&
        /entry module main\.ts not found/.test(error.message),
    )
    assert.throws(() => transformWorkspaceSync(root, '../main.ts'), RunnerError)
  })
})
