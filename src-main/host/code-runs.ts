import { ERROR_CODES } from '../../src-shared/errors'
import {
  type ChangeAnswer,
  type ChangeDecision,
  type CodeRunResult,
  type CodeStatus,
  type HostEvent,
  type RunCodeArguments,
} from '../../src-shared/host/contract'
import { type ChangeProposal } from '../../src-shared/model/versions'
import { type ProposalReply, type Storage } from '../engine'
import { WorkspaceRunner, type RunHandle, type RunResult } from '../runner'
import { transformWorkspace } from '../runner/transform/transform-workspace'
import { HostError } from './host-error'
import { RunFeed } from './run-feed'

/** The open workspace as far as running its code is concerned. */
export interface RunTarget {
  /** WorkspaceInfo.path. */
  readonly path: string
  readonly codeDir: string | null
  readonly entry: string | null
  readonly trusted: boolean
  readonly storageDir: string
  readonly storage: Storage
}

export interface CodeRunsContext {
  emit(event: HostEvent): void
  report(message: string): void
  /** Brings the host's storage up to date with what runs committed; announces new runs. */
  refreshStorage(options: { announce: 'ifChanged' | 'always' }): void
  /** The open workspace now, or null (it may have closed while a run was ending). */
  currentTarget(): Promise<RunTarget | null>
}

/** A proposal the live run is blocked on, and how to hand the run its answer. */
interface WaitingProposal {
  readonly proposal: ChangeProposal
  readonly reply: (reply: ProposalReply) => void
}

interface LiveRun {
  readonly label: string
  readonly handle: RunHandle
  readonly feed: RunFeed
  readonly waiting: Map<string, WaitingProposal>
  /** Settles once the end of the run has been announced. */
  ended: Promise<void>
}

const DEFAULT_POLICY = 'ask'
/** How the app's answers are recorded with the decisions they make. */
const DECIDED_BY_APP = 'app'

/**
 * Runs the open project's code (one run at a time, in the runner's worker) and owns what goes
 * with it: the live run's events, the proposals it waits on, and deciding changes outside a
 * run. The host's own Storage only reads while a run is live; the worker holds the write lock.
 */
export class CodeRuns {
  private readonly runner = new WorkspaceRunner({ transform: transformWorkspace })
  private live: LiveRun | null = null
  private last: { readonly feed: RunFeed; readonly result: CodeRunResult } | null = null
  private lastCompileProblem: string | null = null

  constructor(private readonly context: CodeRunsContext) {}

  get running(): boolean {
    return this.live !== null
  }

  /** Throws `runner.untrusted` or `runner.busy` (from the runner) when the run cannot start. */
  start(target: RunTarget, request: RunCodeArguments): { started: true } {
    if (target.codeDir === null) {
      throw new HostError(
        ERROR_CODES.hostBadRequest,
        `${target.path} is a storage directory without its code. Open the project folder ` +
          `(the folder holding .memograph and the scripts) to run code.`,
        { path: target.path },
      )
    }
    const entry = request.entry ?? target.entry
    if (entry === null) {
      throw new HostError(
        ERROR_CODES.hostBadRequest,
        `${target.codeDir} has no entry file: there is no main.ts and no memograph.json ` +
          `naming one. Pass \`entry\`, or add memograph.json with {"entry": "<file>.ts"}.`,
        { codeDir: target.codeDir },
      )
    }
    const label = request.label ?? entry
    const feed = new RunFeed((event) => this.context.emit(event))
    const waiting = new Map<string, WaitingProposal>()
    const handle = this.runner.startRun(
      {
        workspaceDir: target.codeDir,
        entry,
        storageDir: target.storageDir,
        label,
        policy: request.policy ?? DEFAULT_POLICY,
        allowNewCalls: true,
        args: [],
        trusted: target.trusted,
      },
      {
        onConsole: (stream, text) => feed.addOutput(stream, text),
        onProgress: (totals) => feed.addProgress(totals),
        onProposal: (proposal) =>
          new Promise<ProposalReply>((reply) => {
            waiting.set(proposal.id, { proposal, reply })
            this.announceWaiting(waiting)
          }),
      },
    )
    const run: LiveRun = { label, handle, feed, waiting, ended: Promise.resolve() }
    this.live = run
    run.ended = handle.result.then(
      (result) => this.finish(run, result),
      (error: unknown) => this.finish(run, runnerFailure(error)),
    )
    return { started: true }
  }

  /** Stops the live run and resolves once its end has been announced. */
  async cancel(): Promise<{ cancelled: boolean }> {
    const run = this.live
    if (run === null) return { cancelled: false }
    run.handle.cancel()
    await run.ended
    return { cancelled: true }
  }

  status(): CodeStatus {
    const run = this.live
    const feed = run?.feed ?? this.last?.feed
    return {
      running: run !== null,
      label: run?.label ?? null,
      progress: feed?.progress ?? null,
      lastResult: this.last?.result ?? null,
      output: [...(feed?.output ?? [])],
    }
  }

  /** The live run's waiting proposals; without a live run, those the code would raise. */
  async listChanges(target: RunTarget): Promise<ChangeProposal[]> {
    if (this.live !== null) return waitingProposals(this.live.waiting)
    try {
      return await this.pendingChanges(target)
    } catch (error) {
      // The inbox must keep working while the code does not compile; the problem shows in
      // the run that compiles it.
      const message = error instanceof Error ? error.message : String(error)
      if (message !== this.lastCompileProblem) {
        this.lastCompileProblem = message
        this.context.report(
          `Could not check ${target.codeDir ?? target.path} for changes: ${message}`,
        )
      }
      return []
    }
  }

  async decide(
    target: RunTarget,
    proposalId: string,
    answer: ChangeAnswer,
  ): Promise<ChangeDecision> {
    const run = this.live
    if (run !== null) return this.answerLiveRun(run, proposalId, answer)
    // Unlike listChanges, a compile error is the answer here: it is why nothing can be decided.
    const proposal = (await this.pendingChanges(target)).find(({ id }) => id === proposalId)
    if (proposal === undefined) {
      throw new HostError(
        ERROR_CODES.versionUnknown,
        `No pending change has id ${proposalId}: the code or the decisions changed since the ` +
          `list was made. List the changes again.`,
        { proposalId },
      )
    }
    // A run may have started while the code was being read; its worker holds the lock now.
    if (this.live !== null) throw runInProgress()
    if (answer !== 'defer') await target.storage.decide(proposal, answer, DECIDED_BY_APP)
    await this.announceProposals()
    return { proposalId, answer, answeredTo: 'storage' }
  }

  /** For closing the host: a run must not outlive the storage it reports to. */
  async stop(): Promise<void> {
    await this.cancel()
  }

  private answerLiveRun(run: LiveRun, proposalId: string, answer: ChangeAnswer): ChangeDecision {
    const waiting = run.waiting.get(proposalId)
    if (waiting === undefined) {
      const asked = [...run.waiting.keys()]
      throw new HostError(
        ERROR_CODES.runnerBusy,
        `A run is in progress, so only the change it asks about can be decided now ` +
          `(${asked.length === 0 ? 'it asks about none' : asked.join(', ')}). Decide ` +
          `${proposalId} once the run has finished.`,
        { proposalId, waitingOn: asked },
      )
    }
    run.waiting.delete(proposalId)
    // `defer` on a live proposal stops the run (version.undecided) and decides nothing.
    waiting.reply({ answer: answer === 'defer' ? 'abort' : answer, decidedBy: DECIDED_BY_APP })
    this.announceWaiting(run.waiting)
    return { proposalId, answer, answeredTo: 'run' }
  }

  private async pendingChanges(target: RunTarget): Promise<ChangeProposal[]> {
    if (target.codeDir === null || target.entry === null) return []
    const bundle = await transformWorkspace(target.codeDir, target.entry)
    this.lastCompileProblem = null
    // Decisions made elsewhere (the CLI, another window) change what is pending.
    this.context.refreshStorage({ announce: 'ifChanged' })
    return target.storage.pendingChanges({ components: bundle.components })
  }

  private async finish(run: LiveRun, result: RunResult): Promise<void> {
    run.feed.flush()
    // The worker is gone: nothing waits for these answers any more.
    for (const { reply } of run.waiting.values()) {
      reply({ answer: 'abort', decidedBy: DECIDED_BY_APP })
    }
    run.waiting.clear()
    if (this.live === run) this.live = null
    const ended: CodeRunResult = {
      runId: result.runId,
      status: result.status,
      error: result.error,
      durationMs: result.durationMs,
    }
    this.last = { feed: run.feed, result: ended }
    this.context.emit({ name: 'onRunFinished', payload: ended })
    try {
      this.context.refreshStorage({ announce: 'always' })
    } catch (error) {
      this.context.report(`Could not refresh the storage after the run: ${String(error)}`)
    }
    await this.announceProposals()
  }

  private announceWaiting(waiting: ReadonlyMap<string, WaitingProposal>): void {
    const proposals = waitingProposals(waiting)
    this.context.emit({ name: 'onDidChangeProposals', payload: { proposals } })
  }

  /** Announces what `changes.list` now returns. */
  private async announceProposals(): Promise<void> {
    const liveBefore = this.live
    try {
      const target = await this.context.currentTarget()
      if (target === null) return
      const proposals = await this.listChanges(target)
      // A run that started meanwhile announces its own proposals; a list computed before it
      // started would be stale, and would arrive after the run's.
      if (this.live !== liveBefore) return
      this.context.emit({ name: 'onDidChangeProposals', payload: { proposals } })
    } catch (error) {
      this.context.report(`Could not list the pending changes: ${String(error)}`)
    }
  }
}

function waitingProposals(waiting: ReadonlyMap<string, WaitingProposal>): ChangeProposal[] {
  return [...waiting.values()].map(({ proposal }) => proposal)
}

function runInProgress(): HostError {
  return new HostError(
    ERROR_CODES.runnerBusy,
    'A run is in progress; decide this change once it has finished.',
  )
}

function runnerFailure(error: unknown): RunResult {
  const message = error instanceof Error ? error.message : String(error)
  return {
    runId: null,
    status: 'failed',
    error: { code: ERROR_CODES.internal, message: `the runner failed: ${message}` },
    durationMs: 0,
  }
}
