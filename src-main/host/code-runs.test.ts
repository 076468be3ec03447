/**
 * Running a project's code through the host, end to end: a real project folder of .ts files
 * importing 'memograph', the real runner and transform, requests through host.dispatch.
 * The steps build on each other (one project, its storage growing run by run).
 */
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ERROR_CODES } from '../../src-shared/errors'
import {
  type ChangeDecision,
  type CodeStatus,
  type WorkspaceInfo,
} from '../../src-shared/host/contract'
import { type RunRecord, type RunSummary } from '../../src-shared/model/runs'
import {
  type ChangeProposal,
  type DecisionRecord,
  type OpVersionInfo,
  type SourceRevision,
  type VersionDiff,
} from '../../src-shared/model/versions'
import { createHost, type Host } from './host'
import { EventLog, errorOf, valueOf } from './testing/host-events'
import { TRUST_FILE_NAME } from './trust-store'

const MAIN = `import { op } from 'memograph'
import { scale } from './helpers'

const double = op(function double(x: number) {
  return scale(x, 2)
})
const increment = op(function increment(x: number) {
  return x + 1
})

console.log('starting')
for (let i = 0; i < 3; i++) {
  double(i)
  increment(i)
}
console.error('done')
`

const HELPERS = `export function scale(x: number, factor: number): number {
  return x * factor
}
`

describe('host: running a project', () => {
  let root: string
  let projectDir: string
  let configDir: string
  let otherDir: string
  let host: Host
  let log: EventLog
  const problems: string[] = []

  const write = (path: string, text: string) => writeFileSync(join(projectDir, path), text)
  const call = (method: string, args: unknown = {}) => host.dispatch(method, args)

  /** The onRunFinished payload of the run started after `since`, once all is announced. */
  async function runEnd(since: number) {
    const finished = await log.next('onRunFinished', since)
    // After the end of the run, the host announces the run list and the pending changes.
    const ended = log.indexOf('onRunFinished', since)
    await log.next('onDidChangeRuns', ended)
    await log.next('onDidChangeProposals', ended)
    return finished
  }

  /** Starts a run and resolves with its onRunFinished payload. */
  async function runToEnd(args: object = {}) {
    const since = log.events.length
    assert.deepEqual(valueOf(await call('code.run', args)), { started: true })
    return { finished: await runEnd(since), since }
  }

  async function latestRun(): Promise<RunSummary> {
    const [latest] = valueOf<RunSummary[]>(await call('runs.list', { limit: 1 }))
    assert.ok(latest !== undefined)
    return latest
  }

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'memograph-host-runs-'))
    projectDir = join(root, 'project')
    configDir = join(root, 'config')
    otherDir = join(root, 'other')
    mkdirSync(join(projectDir, '.memograph'), { recursive: true })
    mkdirSync(join(otherDir, '.memograph'), { recursive: true })
    write('main.ts', MAIN)
    write('helpers.ts', HELPERS)
    write('loop.ts', "console.log('looping')\nfor (;;) {}\n")
    host = createHost({
      mode: 'browser',
      configDir,
      logProblem: (message) => problems.push(message),
    })
    log = new EventLog(host)
  })

  after(async () => {
    log.close()
    await host.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('describes the project: its code folder, entry and trust', async () => {
    const info = valueOf<WorkspaceInfo>(await call('workspace.open', { path: projectDir }))
    assert.equal(info.codeDir, projectDir)
    assert.equal(info.entry, 'main.ts')
    assert.equal(info.trusted, false)
  })

  it('refuses to run untrusted code, with the runner’s message, as data', async () => {
    const error = errorOf(await call('code.run', {}))
    assert.equal(error.code, ERROR_CODES.runnerUntrusted)
    assert.match(error.message, /main\.ts did not run/)
    assert.match(error.message, /none of its code was executed/)
    assert.equal(log.named('onRunFinished').length, 0)
    assert.equal(valueOf<CodeStatus>(await call('code.status')).running, false)
  })

  it('remembers trust for the project folder in the config dir', async () => {
    const since = log.events.length
    const info = valueOf<WorkspaceInfo>(await call('workspace.trust', { trusted: true }))
    assert.equal(info.trusted, true)
    assert.deepEqual(await log.next('onDidChangeWorkspace', since), info)
    assert.ok(existsSync(join(configDir, TRUST_FILE_NAME)))

    const another = createHost({ mode: 'browser', configDir })
    const seen = valueOf<WorkspaceInfo>(
      await another.dispatch('workspace.open', { path: projectDir }),
    )
    assert.equal(seen.trusted, true, 'a new host reads the trust back')
    await another.close()
  })

  it('runs the entry: output, progress and the end arrive as events; the run is listed', async () => {
    const { finished, since } = await runToEnd()
    assert.equal(finished.status, 'succeeded')
    assert.equal(finished.error, null)
    assert.ok(finished.runId !== null && finished.durationMs > 0)

    const output = log.named('onRunOutput', since)
    assert.equal(
      output
        .filter((o) => o.stream === 'stdout')
        .map((o) => o.text)
        .join(''),
      'starting\n',
    )
    assert.equal(
      output
        .filter((o) => o.stream === 'stderr')
        .map((o) => o.text)
        .join(''),
      'done\n',
    )
    const progress = log.named('onRunProgress', since)
    assert.deepEqual(progress.at(-1), { calls: 6, hits: 0, executed: 6, failed: 0 })

    const latest = await latestRun()
    assert.deepEqual(
      [latest.id, latest.label, latest.status, latest.executed],
      [finished.runId, 'main.ts', 'succeeded', 6],
    )
    const status = valueOf<CodeStatus>(await call('code.status'))
    assert.deepEqual(status, {
      running: false,
      label: null,
      progress: { calls: 6, hits: 0, executed: 6, failed: 0 },
      lastResult: finished,
      output: [
        { stream: 'stdout', text: 'starting\n' },
        { stream: 'stderr', text: 'done\n' },
      ],
    })
  })

  it('runs again: every call is a hit', async () => {
    const { finished } = await runToEnd({ label: 'second' })
    assert.equal(finished.status, 'succeeded')
    const latest = await latestRun()
    assert.deepEqual([latest.label, latest.hits, latest.executed], ['second', 6, 0])
    assert.deepEqual(valueOf(await call('changes.list')), [])
  })

  it('lists the change a helper edit makes, with its diff and what it affects', async () => {
    write('helpers.ts', HELPERS.replace('x * factor', 'factor * x'))
    const [proposal, ...others] = valueOf<ChangeProposal[]>(await call('changes.list'))
    assert.deepEqual(others, [])
    assert.ok(proposal !== undefined)
    assert.equal(proposal.component.id, 'helpers.ts#scale')
    assert.deepEqual(proposal.dependentOps, ['double'])
    assert.equal(proposal.affectedCalls, 3)
    assert.match(proposal.diff, /^- {2}return x \* factor$/m)
    assert.match(proposal.diff, /^\+ {2}return factor \* x$/m)
  })

  it('decides it as breaking: stored, and the next run re-executes only the dependent op', async () => {
    const [proposal] = valueOf<ChangeProposal[]>(await call('changes.list'))
    assert.ok(proposal !== undefined)
    const since = log.events.length
    const decision = valueOf<ChangeDecision>(
      await call('changes.decide', { proposalId: proposal.id, answer: 'breaking' }),
    )
    assert.deepEqual(decision, {
      proposalId: proposal.id,
      answer: 'breaking',
      answeredTo: 'storage',
    })
    assert.deepEqual(await log.next('onDidChangeProposals', since), { proposals: [] })
    const [stored] = valueOf<DecisionRecord[]>(await call('decisions.list'))
    assert.deepEqual(
      [stored?.componentId, stored?.kind, stored?.decidedBy, stored?.toHash],
      ['helpers.ts#scale', 'breaking', 'app', proposal.toHash],
    )
    assert.deepEqual(valueOf(await call('changes.list')), [])

    const { finished } = await runToEnd()
    assert.equal(finished.status, 'succeeded')
    const run = valueOf<RunRecord>(await call('runs.get', { id: finished.runId }))
    assert.deepEqual(run.events.map((event) => `${event.op}:${event.outcome}`).sort(), [
      'double:executed',
      'double:executed',
      'double:executed',
      'increment:hit',
      'increment:hit',
      'increment:hit',
    ])
  })

  it('shows the op’s versions, their diff and the helper’s revisions', async () => {
    const versions = valueOf<OpVersionInfo[]>(await call('versions.list', { op: 'double' }))
    assert.equal(versions.length, 2)
    assert.equal(versions[1]?.decisions[0]?.kind, 'breaking')
    const diff = valueOf<VersionDiff>(
      await call('versions.diff', { op: 'double', a: versions[0]?.id, b: versions[1]?.id }),
    )
    assert.deepEqual(
      diff.changes.map((change) => change.component.id),
      ['helpers.ts#scale'],
    )
    const byPrefix = valueOf<VersionDiff>(
      await call('versions.diff', {
        op: 'double',
        a: versions[0]?.contentVersion.slice(0, 12),
        b: versions[1]?.id,
      }),
    )
    assert.equal(byPrefix.text, diff.text)
    const sources = valueOf<SourceRevision[]>(
      await call('versions.sources', { name: 'helpers.ts#scale' }),
    )
    assert.deepEqual(
      sources.map((source) => source.isHead),
      [false, true],
    )
    const unknown = errorOf(await call('versions.diff', { op: 'double', a: 1, b: 99 }))
    assert.equal(unknown.code, ERROR_CODES.versionUnknown)
  })

  it('answers a live run’s proposal through changes.decide; the run goes on', async () => {
    write(
      'helpers.ts',
      HELPERS.replace('return x * factor', 'const product = x * factor\n  return product'),
    )
    const since = log.events.length
    valueOf(await call('code.run', { label: 'asks' }))
    const { proposals } = await log.next(
      'onDidChangeProposals',
      since,
      (p) => p.proposals.length > 0,
    )
    const [proposal] = proposals
    assert.ok(proposal !== undefined)
    assert.equal(proposal.component.id, 'helpers.ts#scale')

    const status = valueOf<CodeStatus>(await call('code.status'))
    assert.deepEqual([status.running, status.label], [true, 'asks'])
    assert.deepEqual(valueOf(await call('changes.list')), [proposal])
    const elsewhere = errorOf(
      await call('changes.decide', { proposalId: 'other', answer: 'breaking' }),
    )
    assert.equal(elsewhere.code, ERROR_CODES.runnerBusy)
    assert.match(elsewhere.message, /only the change it asks about/)
    const busy = errorOf(await call('code.run', {}))
    assert.equal(busy.code, ERROR_CODES.runnerBusy)
    const switching = errorOf(await call('workspace.open', { path: otherDir }))
    assert.equal(switching.code, ERROR_CODES.runnerBusy)

    const decision = valueOf<ChangeDecision>(
      await call('changes.decide', { proposalId: proposal.id, answer: 'nonBreaking' }),
    )
    assert.equal(decision.answeredTo, 'run')
    const finished = await runEnd(since)
    assert.equal(finished.status, 'succeeded')
    const latest = await latestRun()
    assert.deepEqual([latest.label, latest.hits, latest.executed], ['asks', 6, 0])
    const [stored] = valueOf<DecisionRecord[]>(await call('decisions.list'))
    assert.deepEqual([stored?.kind, stored?.decidedBy], ['nonBreaking', 'app'])
  })

  it('defer on a live proposal stops the run undecided; the change stays pending', async () => {
    write('helpers.ts', HELPERS.replace('x * factor', 'x * factor * 1'))
    const since = log.events.length
    valueOf(await call('code.run', {}))
    const { proposals } = await log.next(
      'onDidChangeProposals',
      since,
      (p) => p.proposals.length > 0,
    )
    const proposalId = proposals[0]?.id ?? ''
    valueOf(await call('changes.decide', { proposalId, answer: 'defer' }))
    const finished = await runEnd(since)
    assert.equal(finished.status, 'failed')
    assert.equal(finished.error?.code, ERROR_CODES.versionUndecided)
    // After the run, the change is announced again as a static proposal.
    const after = await log.next('onDidChangeProposals', log.indexOf('onRunFinished', since))
    assert.deepEqual(
      after.proposals.map((p) => p.id),
      [proposalId],
    )
    assert.deepEqual(
      valueOf<ChangeProposal[]>(await call('changes.list')).map((p) => p.id),
      [proposalId],
    )
    // Deferring a static proposal decides nothing.
    const decisions = valueOf<DecisionRecord[]>(await call('decisions.list')).length
    valueOf(await call('changes.decide', { proposalId, answer: 'defer' }))
    assert.equal(valueOf<DecisionRecord[]>(await call('decisions.list')).length, decisions)
  })

  it('keeps changes.list working while the code does not compile', async () => {
    write('helpers.ts', 'export function scale(x: number {\n')
    problems.length = 0
    assert.deepEqual(valueOf(await call('changes.list')), [])
    assert.equal(problems.length, 1)
    assert.match(problems[0] ?? '', /Could not check .* for changes/)
    // Deciding needs the code's components, so the compile error is the answer there.
    const decide = errorOf(await call('changes.decide', { proposalId: 'x', answer: 'breaking' }))
    assert.equal(decide.code, ERROR_CODES.runnerCompile)
    write('helpers.ts', HELPERS)
    const missing = errorOf(await call('changes.decide', { proposalId: 'x', answer: 'breaking' }))
    assert.equal(missing.code, ERROR_CODES.versionUnknown)
  })

  it('cancels an endless loop; the host keeps serving and can run again', async () => {
    const since = log.events.length
    valueOf(await call('code.run', { entry: 'loop.ts' }))
    await log.next('onRunOutput', since, (output) => output.text.includes('looping'))
    assert.deepEqual(valueOf(await call('code.cancel')), { cancelled: true })
    const finished = await runEnd(since)
    assert.equal(finished.status, 'cancelled')
    assert.equal(finished.error?.code, ERROR_CODES.runnerCancelled)
    assert.deepEqual(valueOf(await call('code.cancel')), { cancelled: false })
    assert.equal(valueOf<CodeStatus>(await call('code.status')).running, false)
    assert.equal((await latestRun()).label, 'loop.ts')
    // The lock the killed worker held is gone: a decision and a run both need it.
    write('helpers.ts', HELPERS.replace('x * factor', 'x * factor + 0'))
    const [proposal] = valueOf<ChangeProposal[]>(await call('changes.list'))
    assert.ok(proposal !== undefined)
    valueOf(await call('changes.decide', { proposalId: proposal.id, answer: 'nonBreaking' }))
    const { finished: again } = await runToEnd({ policy: 'fail' })
    assert.equal(again.status, 'succeeded')
    assert.equal((await latestRun()).hits, 6)
  })

  it('reports a compile error of the entry as the end of the run', async () => {
    const { finished } = await runToEnd({ entry: 'missing.ts' })
    assert.equal(finished.status, 'failed')
    assert.equal(finished.runId, null)
    assert.equal(finished.error?.code, ERROR_CODES.runnerCompile)
  })
})
