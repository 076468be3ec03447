import { type ErrorData } from '../../src-shared/errors'
import { type CallDetails } from '../../src-shared/model/run-graph'
import { type RunSummary } from '../../src-shared/model/runs'
import { errorDataOf } from '../api/client'
import { type SliceCreator } from './app-store'

export type RunsStatus = 'idle' | 'loading' | 'loaded' | 'failed'

/** How many runs the list loads: the list is virtualized, so this is about the wire, not the DOM. */
export const RUNS_LIST_LIMIT = 10_000

export type CallDetailsEntry =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly details: CallDetails }
  | { readonly status: 'failed'; readonly error: ErrorData }

/** Call details are explained relative to a run, so the cache key names both. */
export function callDetailsKey(callId: string, runId: number | null): string {
  return `${runId ?? '-'}:${callId}`
}

export interface RunsSlice {
  /** Newest first, as the host returns them. */
  readonly runs: readonly RunSummary[]
  readonly runsStatus: RunsStatus
  readonly runsError: ErrorData | null
  /** Call details by callDetailsKey, loaded once each. */
  readonly callDetails: Readonly<Record<string, CallDetailsEntry>>
  /** A workspace was opened: load its runs, showing the loading state. */
  readonly runsRequested: () => Promise<void>
  /** The host said runs changed: reload quietly, keeping the current rows on screen. */
  readonly runsChanged: () => Promise<void>
  readonly runsLoaded: (runs: readonly RunSummary[]) => void
  readonly runsFailed: (error: ErrorData) => void
  /** The workspace closed or changed: forget the old rows. */
  readonly runsCleared: () => void
  /** Loads one call's details, explained against the run it is seen in (if any). */
  readonly callDetailsRequested: (callId: string, runId: number | null) => Promise<void>
}

export const createRunsSlice: SliceCreator<RunsSlice> = (host) => (set, get) => {
  // Only the answer to the latest request may land; an older, slower one is dropped.
  let latestRequest = 0

  async function load(): Promise<void> {
    const request = ++latestRequest
    try {
      const runs = await host.call('runs.list', { limit: RUNS_LIST_LIMIT })
      if (request === latestRequest) get().runsLoaded(runs)
    } catch (error) {
      if (request === latestRequest) get().runsFailed(errorDataOf(error))
    }
  }

  return {
    runs: [],
    runsStatus: 'idle',
    runsError: null,
    callDetails: {},
    async runsRequested() {
      set({ runsStatus: 'loading', runsError: null })
      await load()
    },
    async runsChanged() {
      if (get().runsStatus === 'idle') return
      await load()
    },
    runsLoaded(runs) {
      // Graphs of runs that were still going are stale now.
      const graphs = get().runGraphs
      for (const run of runs) {
        const entry = graphs[run.id]
        if (
          entry?.status === 'loaded' &&
          entry.graph.calls.length !== run.hits + run.executed + run.failed
        ) {
          void get().runGraphRequested(run.id, true)
        }
      }
      set({ runs, runsStatus: 'loaded', runsError: null })
      // Every view that shows "the run" has one to show as soon as there is any.
      const newest = runs[0]
      if (get().selectedRunId === null && newest !== undefined) get().runSelected(newest.id)
    },
    runsFailed(error) {
      set({ runsStatus: 'failed', runsError: error })
    },
    runsCleared() {
      latestRequest++
      set({ runs: [], runsStatus: 'idle', runsError: null, callDetails: {} })
      get().compareSelected(null)
    },
    async callDetailsRequested(callId, runId) {
      const key = callDetailsKey(callId, runId)
      const entry = get().callDetails[key]
      if (entry !== undefined && entry.status !== 'failed') return
      set({ callDetails: { ...get().callDetails, [key]: { status: 'loading' } } })
      let next: CallDetailsEntry
      try {
        const details = await host.call(
          'calls.get',
          runId === null ? { callId } : { callId, runId },
        )
        next = { status: 'loaded', details }
      } catch (error) {
        next = { status: 'failed', error: errorDataOf(error) }
      }
      set({ callDetails: { ...get().callDetails, [key]: next } })
    },
  }
}
