import { type ErrorData } from '../../src-shared/errors'
import { type RunSummary } from '../../src-shared/model/runs'
import { errorDataOf } from '../api/client'
import { type SliceCreator } from './app-store'

export type RunsStatus = 'idle' | 'loading' | 'loaded' | 'failed'

export interface RunsSlice {
  /** Newest first, as the host returns them. */
  readonly runs: readonly RunSummary[]
  readonly runsStatus: RunsStatus
  readonly runsError: ErrorData | null
  /** A workspace was opened: load its runs, showing the loading state. */
  readonly runsRequested: () => Promise<void>
  /** The host said runs changed: reload quietly, keeping the current rows on screen. */
  readonly runsChanged: () => Promise<void>
  readonly runsLoaded: (runs: readonly RunSummary[]) => void
  readonly runsFailed: (error: ErrorData) => void
  /** The workspace closed or changed: forget the old rows. */
  readonly runsCleared: () => void
}

export const createRunsSlice: SliceCreator<RunsSlice> = (host) => (set, get) => {
  // Only the answer to the latest request may land; an older, slower one is dropped.
  let latestRequest = 0

  async function load(): Promise<void> {
    const request = ++latestRequest
    try {
      const runs = await host.call('runs.list', {})
      if (request === latestRequest) get().runsLoaded(runs)
    } catch (error) {
      if (request === latestRequest) get().runsFailed(errorDataOf(error))
    }
  }

  return {
    runs: [],
    runsStatus: 'idle',
    runsError: null,
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
    },
    runsFailed(error) {
      set({ runsStatus: 'failed', runsError: error })
    },
    runsCleared() {
      latestRequest++
      set({ runs: [], runsStatus: 'idle', runsError: null })
    },
  }
}
