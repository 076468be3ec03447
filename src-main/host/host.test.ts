import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { ERROR_CODES } from '../../src-shared/errors'
import { type HostEvent, type HostResult } from '../../src-shared/host/contract'
import { type RunRecord, type RunSummary } from '../../src-shared/model/runs'
import { createHost, type Host } from './host'
import { recordRuns } from './testing/record-run'

const RECORD_RUN_SCRIPT = fileURLToPath(new URL('./testing/record-run.ts', import.meta.url))

function valueOf<T>(result: HostResult<unknown>): T {
  if (!result.ok) assert.fail(`expected ok, got [${result.error.code}] ${result.error.message}`)
  return result.value as T
}

function errorCodeOf(result: HostResult<unknown>): string {
  if (result.ok) assert.fail(`expected an error, got ${JSON.stringify(result.value)}`)
  return result.error.code
}

function nextEvent(host: Host, name: HostEvent['name'], timeoutMs: number): Promise<HostEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`no ${name} within ${timeoutMs} ms`))
    }, timeoutMs)
    const stop = host.onEvent((event) => {
      if (event.name !== name) return
      clearTimeout(timer)
      stop()
      resolve(event)
    })
  })
}

describe('host over a real workspace', () => {
  let root: string
  let storageDir: string
  let projectDir: string
  let unrelatedDir: string

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'memograph-host-'))
    storageDir = join(root, 'storage')
    projectDir = join(root, 'project')
    unrelatedDir = join(root, 'unrelated')
    mkdirSync(storageDir)
    mkdirSync(join(projectDir, '.memograph'), { recursive: true })
    writeFileSync(join(projectDir, 'pipeline.ts'), 'export {}\n')
    mkdirSync(unrelatedDir)
    writeFileSync(join(unrelatedDir, 'notes.txt'), 'not a workspace\n')
    await recordRuns(storageDir, [
      { label: 'first run', inputs: [1, 2] },
      { label: 'second run', inputs: [1, 3] },
    ])
    await recordRuns(join(projectDir, '.memograph'), [{ label: 'project run', inputs: [5] }])
  })

  after(() => rmSync(root, { recursive: true, force: true }))

  it('answers host.noWorkspace until a workspace is open', async () => {
    const host = createHost({ mode: 'browser' })
    assert.equal(valueOf(await host.dispatch('workspace.current', {})), null)
    assert.equal(errorCodeOf(await host.dispatch('runs.list', {})), ERROR_CODES.hostNoWorkspace)
    assert.equal(
      errorCodeOf(await host.dispatch('runs.get', { id: 1 })),
      ERROR_CODES.hostNoWorkspace,
    )
    await host.close()
  })

  it('opens a storage directory and lists its runs newest first, without events', async () => {
    const host = createHost({ mode: 'browser' })
    const info = valueOf(await host.dispatch('workspace.open', { path: storageDir }))
    assert.deepEqual(info, {
      path: storageDir,
      storageDir,
      runCount: 2,
      codeDir: null,
      entry: null,
      trusted: false,
    })
    assert.deepEqual(valueOf(await host.dispatch('workspace.current', {})), info)

    const runs = valueOf<RunSummary[]>(await host.dispatch('runs.list', {}))
    assert.deepEqual(
      runs.map(({ id, label, hits, executed, failed, status }) => ({
        id,
        label,
        hits,
        executed,
        failed,
        status,
      })),
      [
        { id: 2, label: 'second run', hits: 1, executed: 1, failed: 0, status: 'succeeded' },
        { id: 1, label: 'first run', hits: 0, executed: 2, failed: 0, status: 'succeeded' },
      ],
    )
    assert.equal('events' in runs[0]!, false, 'summaries carry no events')
    assert.deepEqual(JSON.parse(JSON.stringify(runs)), runs, 'plain JSON')
    assert.equal(valueOf<RunSummary[]>(await host.dispatch('runs.list', { limit: 1 })).length, 1)

    const second = valueOf<RunRecord>(await host.dispatch('runs.get', { id: 2 }))
    assert.deepEqual(
      second.events.map((event) => [event.op, event.outcome]),
      [
        ['inc', 'hit'],
        ['inc', 'executed'],
      ],
    )
    assert.equal(
      errorCodeOf(await host.dispatch('runs.get', { id: 99 })),
      ERROR_CODES.hostBadRequest,
    )
    await host.close()
    assert.equal(errorCodeOf(await host.dispatch('runs.list', {})), ERROR_CODES.hostNoWorkspace)
  })

  it('opens a project folder through its .memograph folder and announces the change', async () => {
    const host = createHost({ mode: 'browser' })
    const announced = nextEvent(host, 'onDidChangeWorkspace', 5000)
    const info = valueOf(await host.dispatch('workspace.open', { path: projectDir }))
    assert.deepEqual(info, {
      path: projectDir,
      storageDir: join(projectDir, '.memograph'),
      runCount: 1,
      codeDir: projectDir,
      entry: null,
      trusted: false,
    })
    assert.deepEqual((await announced).payload, info)
    await host.close()
  })

  it('explains folders that are not workspaces and keeps the open one', async () => {
    const host = createHost({ mode: 'browser' })
    valueOf(await host.dispatch('workspace.open', { path: storageDir }))

    const unrelated = await host.dispatch('workspace.open', { path: unrelatedDir })
    assert.equal(errorCodeOf(unrelated), ERROR_CODES.workspaceNotMemograph)
    assert.match(unrelated.ok ? '' : unrelated.error.message, /no \.memograph folder/)

    const missing = await host.dispatch('workspace.open', { path: join(root, 'missing') })
    assert.equal(errorCodeOf(missing), ERROR_CODES.hostBadRequest)
    assert.match(missing.ok ? '' : missing.error.message, /No folder at/)

    const file = await host.dispatch('workspace.open', { path: join(projectDir, 'pipeline.ts') })
    assert.equal(errorCodeOf(file), ERROR_CODES.hostBadRequest)

    const current = valueOf<{ storageDir: string }>(await host.dispatch('workspace.current', {}))
    assert.equal(current.storageDir, storageDir)
    await host.close()
  })

  it('offers workspace.pick only when the binding can show a dialog', async () => {
    const browser = createHost({ mode: 'browser' })
    assert.deepEqual(valueOf(await browser.dispatch('host.describe', {})), {
      mode: 'browser',
      canPickWorkspace: false,
    })
    const refused = await browser.dispatch('workspace.pick', {})
    assert.equal(errorCodeOf(refused), ERROR_CODES.hostBadRequest)
    assert.match(refused.ok ? '' : refused.error.message, /not available in browser mode/)
    await browser.close()

    const answers = [projectDir, null]
    const desktop = createHost({
      mode: 'electron',
      pickDirectory: () => Promise.resolve(answers.shift() ?? null),
    })
    assert.deepEqual(valueOf(await desktop.dispatch('host.describe', {})), {
      mode: 'electron',
      canPickWorkspace: true,
    })
    const picked = valueOf<{ path: string }>(await desktop.dispatch('workspace.pick', {}))
    assert.equal(picked.path, projectDir)
    assert.equal(valueOf(await desktop.dispatch('workspace.pick', {})), null, 'cancelled dialog')
    await desktop.close()
  })

  it('notices runs committed by another process and emits onDidChangeRuns', async () => {
    const host = createHost({ mode: 'browser', pollIntervalMs: 50 })
    valueOf(await host.dispatch('workspace.open', { path: storageDir }))
    const changed = nextEvent(host, 'onDidChangeRuns', 20_000)
    await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      RECORD_RUN_SCRIPT,
      storageDir,
      'from another process',
      '1',
      '7',
    ])
    const event = await changed
    assert.deepEqual(event.payload, { path: storageDir, runCount: 3 })
    const [newest] = valueOf<RunSummary[]>(await host.dispatch('runs.list', {}))
    assert.deepEqual(
      [newest?.label, newest?.hits, newest?.executed],
      ['from another process', 1, 1],
    )
    await host.close()
  })
})
