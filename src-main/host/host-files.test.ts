import assert from 'node:assert/strict'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ERROR_CODES } from '../../src-shared/errors'
import { MAX_EDITABLE_FILE_BYTES, type WorkspaceFile } from '../../src-shared/host/contract'
import { type SavedQuery } from '../../src-shared/query/results'
import { createHost, type Host } from './host'
import { MAX_RECENT_WORKSPACES } from './recent-workspaces'
import { errorOf, valueOf } from './testing/host-events'
import { recordRuns } from './testing/record-run'

describe('host: project files, recent workspaces and saved queries', () => {
  let root: string
  let projectDir: string
  let storageDir: string
  let outsideDir: string
  let configDir: string

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'memograph-host-files-'))
    projectDir = join(root, 'project')
    storageDir = join(root, 'bare-storage')
    outsideDir = join(root, 'outside')
    configDir = join(root, 'config')
    mkdirSync(join(projectDir, 'lib', 'deep'), { recursive: true })
    mkdirSync(join(projectDir, 'node_modules', 'dep'), { recursive: true })
    mkdirSync(join(projectDir, '.git'), { recursive: true })
    mkdirSync(outsideDir)
    writeFileSync(join(projectDir, 'main.ts'), 'export {}\n')
    writeFileSync(join(projectDir, 'README.md'), '# notes\n')
    writeFileSync(join(projectDir, 'lib', 'util.mjs'), 'export const a = 1\n')
    writeFileSync(join(projectDir, 'lib', 'deep', 'data.json'), '{}\n')
    writeFileSync(join(projectDir, 'lib', 'image.png'), 'not listed')
    writeFileSync(join(projectDir, 'node_modules', 'dep', 'index.js'), 'skipped\n')
    writeFileSync(join(projectDir, '.git', 'config.json'), 'skipped\n')
    writeFileSync(join(outsideDir, 'secret.ts'), 'export const secret = 1\n')
    symlinkSync(outsideDir, join(projectDir, 'escape'))
    symlinkSync(join(outsideDir, 'secret.ts'), join(projectDir, 'secret-link.ts'))
    await recordRuns(join(projectDir, '.memograph'), [{ label: 'run', inputs: [1] }])
    await recordRuns(storageDir, [{ label: 'run', inputs: [1] }])
  })

  after(() => rmSync(root, { recursive: true, force: true }))

  async function openProject(): Promise<Host> {
    const host = createHost({ mode: 'browser', configDir })
    valueOf(await host.dispatch('workspace.open', { path: projectDir }))
    return host
  }

  it('lists source files sorted, skipping storage, dependencies and dot-folders', async () => {
    const host = await openProject()
    const files = valueOf<WorkspaceFile[]>(await host.dispatch('files.list', {}))
    assert.deepEqual(
      files.map((file) => file.path),
      // Symlinks are not followed: the linked file is not listed, the linked folder neither.
      ['README.md', 'lib/deep/data.json', 'lib/util.mjs', 'main.ts'],
    )
    assert.equal(files.find((file) => file.path === 'main.ts')?.size, 10)
    await host.close()
  })

  it('reads and writes files atomically, creating folders', async () => {
    const host = await openProject()
    assert.deepEqual(valueOf(await host.dispatch('files.read', { path: 'lib/util.mjs' })), {
      path: 'lib/util.mjs',
      text: 'export const a = 1\n',
    })
    const written = valueOf(
      await host.dispatch('files.write', { path: 'src/new/step.ts', text: 'export const é = 2\n' }),
    )
    assert.deepEqual(written, { path: 'src/new/step.ts', size: 20 })
    assert.equal(readFileSync(join(projectDir, 'src/new/step.ts'), 'utf8'), 'export const é = 2\n')
    valueOf(await host.dispatch('files.write', { path: 'main.ts', text: 'export const b = 3\n' }))
    assert.equal(readFileSync(join(projectDir, 'main.ts'), 'utf8'), 'export const b = 3\n')
    // No temporary files are left behind.
    assert.deepEqual(
      readdirSync(projectDir).filter((name) => name.includes('tmp')),
      [],
    )
    await host.close()
  })

  it('refuses paths outside the project folder, folders, missing and huge files', async () => {
    const host = await openProject()
    const cases: [string, unknown, string][] = [
      ['files.read', { path: '../outside/secret.ts' }, ERROR_CODES.hostBadRequest],
      ['files.read', { path: '/etc/passwd' }, ERROR_CODES.hostBadRequest],
      ['files.read', { path: 'lib/../../outside/secret.ts' }, ERROR_CODES.hostBadRequest],
      ['files.read', { path: 'escape/secret.ts' }, ERROR_CODES.fileInvalidPath],
      ['files.read', { path: 'secret-link.ts' }, ERROR_CODES.fileInvalidPath],
      ['files.write', { path: 'escape/new.ts', text: 'x' }, ERROR_CODES.fileInvalidPath],
      ['files.write', { path: 'escape/sub/new.ts', text: 'x' }, ERROR_CODES.fileInvalidPath],
      ['files.read', { path: 'lib' }, ERROR_CODES.fileInvalidPath],
      ['files.write', { path: 'lib', text: 'x' }, ERROR_CODES.fileInvalidPath],
      ['files.read', { path: 'missing.ts' }, ERROR_CODES.fileNotFound],
      // The storage is not code: saving into it would corrupt the stored calls.
      ['files.write', { path: '.memograph/FORMAT', text: 'x' }, ERROR_CODES.fileInvalidPath],
      ['files.read', { path: '.memograph/FORMAT' }, ERROR_CODES.fileInvalidPath],
    ]
    for (const [method, args, code] of cases) {
      const error = errorOf(await host.dispatch(method, args))
      assert.equal(error.code, code, `${method} ${JSON.stringify(args)}: ${error.message}`)
    }
    const escape = errorOf(await host.dispatch('files.read', { path: 'escape/secret.ts' }))
    assert.match(escape.message, /escape\/secret\.ts.*outside the project folder/)
    // Nothing was written through the symlinked folder.
    assert.deepEqual(readdirSync(outsideDir), ['secret.ts'])

    writeFileSync(join(projectDir, 'big.json'), Buffer.alloc(MAX_EDITABLE_FILE_BYTES + 1, 32))
    assert.equal(
      errorOf(await host.dispatch('files.read', { path: 'big.json' })).code,
      ERROR_CODES.fileTooLarge,
    )
    const tooLong = 'é'.repeat(MAX_EDITABLE_FILE_BYTES / 2 + 1)
    assert.equal(
      errorOf(await host.dispatch('files.write', { path: 'big.md', text: tooLong })).code,
      ERROR_CODES.fileTooLarge,
    )
    rmSync(join(projectDir, 'big.json'))
    await host.close()
  })

  it('has no files in a bare storage directory', async () => {
    const host = createHost({ mode: 'browser', configDir })
    valueOf(await host.dispatch('workspace.open', { path: storageDir }))
    const error = errorOf(await host.dispatch('files.list', {}))
    assert.equal(error.code, ERROR_CODES.hostBadRequest)
    assert.match(error.message, /storage directory without its code/)
    await host.close()
  })

  it('remembers opened workspaces per user, newest first, at most ten', async () => {
    const recentConfig = join(root, 'recent-config')
    const host = createHost({ mode: 'browser', configDir: recentConfig })
    assert.deepEqual(valueOf(await host.dispatch('workspace.recent', {})), [])
    valueOf(await host.dispatch('workspace.open', { path: storageDir }))
    valueOf(await host.dispatch('workspace.open', { path: projectDir }))
    valueOf(await host.dispatch('workspace.open', { path: storageDir }))
    assert.deepEqual(valueOf(await host.dispatch('workspace.recent', {})), [storageDir, projectDir])
    // A failed open is not remembered.
    errorOf(await host.dispatch('workspace.open', { path: join(root, 'missing') }))
    await host.close()

    const another = createHost({ mode: 'browser', configDir: recentConfig })
    assert.deepEqual(valueOf(await another.dispatch('workspace.recent', {})), [
      storageDir,
      projectDir,
    ])
    await another.close()

    const many = Array.from({ length: 12 }, (_, index) => join(root, `ws-${index}`))
    for (const path of many) await recordRuns(path, [{ label: 'run', inputs: [1] }])
    const third = createHost({ mode: 'browser', configDir: recentConfig })
    for (const path of many) valueOf(await third.dispatch('workspace.open', { path }))
    const recent = valueOf<string[]>(await third.dispatch('workspace.recent', {}))
    assert.equal(recent.length, MAX_RECENT_WORKSPACES)
    assert.deepEqual(recent.slice(0, 2), [many[11], many[10]])
    await third.close()
  })

  it('saves, replaces, lists and deletes named queries per workspace', async () => {
    const host = await openProject()
    assert.deepEqual(valueOf(await host.dispatch('queries.list', {})), [])
    const code = '(q) => {\n  const x = q.any()\n  return { x }\n}'
    const saved = valueOf<SavedQuery>(await host.dispatch('queries.save', { name: 'b', code }))
    assert.equal(saved.name, 'b')
    assert.equal(typeof saved.savedAt, 'number')
    valueOf(await host.dispatch('queries.save', { name: 'a', code: 'first' }))
    valueOf(await host.dispatch('queries.save', { name: 'a', code: 'second' }))
    const listed = valueOf<SavedQuery[]>(await host.dispatch('queries.list', {}))
    assert.deepEqual(
      listed.map((query) => [query.name, query.code]),
      [
        ['a', 'second'],
        ['b', code],
      ],
    )
    const file = join(projectDir, '.memograph', 'app', 'saved-queries.json')
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { version: number }).version, 1)
    assert.deepEqual(valueOf(await host.dispatch('queries.delete', { name: 'a' })), {
      deleted: true,
    })
    assert.deepEqual(valueOf(await host.dispatch('queries.delete', { name: 'a' })), {
      deleted: false,
    })
    for (const name of ['', '   ', 'x'.repeat(101)]) {
      assert.equal(
        errorOf(await host.dispatch('queries.save', { name, code })).code,
        ERROR_CODES.hostBadRequest,
      )
    }
    await host.close()
  })

  it('reports a damaged saved-queries file and keeps a backup before replacing it', async () => {
    const problems: string[] = []
    const host = createHost({
      mode: 'browser',
      configDir,
      logProblem: (message) => problems.push(message),
    })
    valueOf(await host.dispatch('workspace.open', { path: storageDir }))
    const folder = join(storageDir, 'app')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'saved-queries.json'), '{ not json')
    const error = errorOf(await host.dispatch('queries.list', {}))
    assert.equal(error.code, ERROR_CODES.workspaceCorrupted)
    assert.match(error.message, /saved-queries\.json cannot be read/)
    valueOf(await host.dispatch('queries.save', { name: 'kept', code: 'c' }))
    const backups = readdirSync(folder).filter((name) => name.includes('.damaged-'))
    assert.equal(backups.length, 1)
    assert.equal(readFileSync(join(folder, backups[0] ?? ''), 'utf8'), '{ not json')
    assert.match(problems.join('\n'), /kept it as/)
    const listed = valueOf<SavedQuery[]>(await host.dispatch('queries.list', {}))
    assert.deepEqual(
      listed.map((query) => query.name),
      ['kept'],
    )
    await host.close()
  })
})
