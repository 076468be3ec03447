/**
 * What code.run needs before anything runs (a project folder, an entry, trust) and how the new
 * methods check their arguments. Nothing here starts a worker.
 */
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ERROR_CODES } from '../../src-shared/errors'
import { type WorkspaceInfo } from '../../src-shared/host/contract'
import { createHost } from './host'
import { errorOf, valueOf } from './testing/host-events'

describe('host: code.run prerequisites and settings', () => {
  let root: string
  let configDir: string

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'memograph-host-settings-'))
    configDir = join(root, 'config')
  })
  after(() => rmSync(root, { recursive: true, force: true }))

  function project(name: string, files: Record<string, string>): string {
    const dir = join(root, name)
    mkdirSync(join(dir, '.memograph'), { recursive: true })
    for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text)
    return dir
  }

  it('takes the entry from memograph.json, and reports a broken one', async () => {
    const problems: string[] = []
    const host = createHost({ mode: 'browser', configDir, logProblem: (m) => problems.push(m) })
    const configured = project('configured', {
      'memograph.json': '{ "entry": "src/pipeline.ts" }',
      'main.ts': '',
    })
    const info = valueOf<WorkspaceInfo>(await host.dispatch('workspace.open', { path: configured }))
    assert.equal(info.entry, 'src/pipeline.ts')

    const broken = project('broken', { 'memograph.json': '{ "entry": "../outside.ts" }' })
    const brokenInfo = valueOf<WorkspaceInfo>(
      await host.dispatch('workspace.open', { path: broken }),
    )
    assert.equal(brokenInfo.entry, null)
    assert.match(problems.join('\n'), /"entry" must be a file path inside the project folder/)
    valueOf(await host.dispatch('workspace.trust', { trusted: true }))
    const noEntry = errorOf(await host.dispatch('code.run', {}))
    assert.equal(noEntry.code, ERROR_CODES.hostBadRequest)
    assert.match(noEntry.message, /has no entry file/)

    const bare = project('bare', {})
    assert.equal(
      valueOf<WorkspaceInfo>(await host.dispatch('workspace.open', { path: bare })).entry,
      null,
    )
    await host.close()
  })

  it('cannot run or trust a bare storage directory: there is no code', async () => {
    const host = createHost({ mode: 'browser', configDir })
    const storageDir = join(project('with-storage', {}), '.memograph')
    // Opened directly, a storage directory stands alone: no project folder around it.
    const info = valueOf<WorkspaceInfo>(await host.dispatch('workspace.open', { path: storageDir }))
    assert.deepEqual([info.codeDir, info.entry, info.trusted], [null, null, false])
    const run = errorOf(await host.dispatch('code.run', {}))
    assert.equal(run.code, ERROR_CODES.hostBadRequest)
    assert.match(run.message, /storage directory without its code/)
    assert.equal(
      errorOf(await host.dispatch('workspace.trust', { trusted: true })).code,
      ERROR_CODES.hostBadRequest,
    )
    assert.deepEqual(valueOf(await host.dispatch('changes.list', {})), [])
    await host.close()
  })

  it('pre-trusts HostOptions.trustedPaths for the session; withdrawing trust wins', async () => {
    const example = project('example', { 'main.ts': '' })
    const host = createHost({ mode: 'browser', configDir, trustedPaths: [example] })
    assert.equal(
      valueOf<WorkspaceInfo>(await host.dispatch('workspace.open', { path: example })).trusted,
      true,
    )
    const withdrawn = valueOf<WorkspaceInfo>(
      await host.dispatch('workspace.trust', { trusted: false }),
    )
    assert.equal(withdrawn.trusted, false)
    assert.equal(errorOf(await host.dispatch('code.run', {})).code, ERROR_CODES.runnerUntrusted)
    await host.close()
  })

  it('refuses bad arguments of every new method with host.badRequest naming the argument', async () => {
    const host = createHost({ mode: 'browser', configDir })
    const cases: [string, unknown, RegExp][] = [
      ['workspace.trust', {}, /boolean `trusted`/],
      ['workspace.trust', { trusted: 'yes' }, /boolean `trusted`/],
      ['code.run', { entry: '/etc/passwd.ts' }, /`entry` must be a file path relative/],
      ['code.run', { entry: '../elsewhere.ts' }, /`entry` must be a file path relative/],
      ['code.run', { entry: 7 }, /`entry`/],
      [
        'code.run',
        { policy: 'sometimes' },
        /`policy` must be one of ask, breaking, nonBreaking, fail/,
      ],
      ['code.run', { label: '' }, /`label` must be a non-empty string/],
      ['code.run', { args: [] }, /unknown argument\(s\): args/],
      ['code.cancel', { now: true }, /unknown argument\(s\): now/],
      ['code.status', [], /expects an arguments object/],
      ['changes.list', { all: true }, /unknown argument/],
      ['changes.decide', { answer: 'breaking' }, /`proposalId`/],
      [
        'changes.decide',
        { proposalId: 'p', answer: 'maybe' },
        /`answer` must be one of breaking, nonBreaking, defer/,
      ],
      ['versions.list', {}, /`op`/],
      ['versions.list', { op: 3 }, /`op`/],
      ['versions.diff', { op: 'double', a: 1 }, /`b` must be a version number/],
      ['versions.diff', { op: 'double', a: 0, b: 1 }, /`a` must be a version number/],
      ['versions.diff', { a: 1, b: 2 }, /`op`/],
      ['versions.sources', { name: '' }, /`name`/],
      ['decisions.list', null, /expects an arguments object/],
    ]
    for (const [method, args, message] of cases) {
      const error = errorOf(await host.dispatch(method, args))
      assert.equal(error.code, ERROR_CODES.hostBadRequest, `${method} ${JSON.stringify(args)}`)
      assert.match(error.message, message, `${method} ${JSON.stringify(args)}`)
    }
    // Well-formed requests without a workspace say so instead.
    for (const method of ['versions.list', 'changes.list', 'code.run', 'workspace.trust']) {
      const args =
        method === 'versions.list'
          ? { op: 'x' }
          : method === 'workspace.trust'
            ? { trusted: true }
            : {}
      assert.equal(errorOf(await host.dispatch(method, args)).code, ERROR_CODES.hostNoWorkspace)
    }
    await host.close()
  })
})
