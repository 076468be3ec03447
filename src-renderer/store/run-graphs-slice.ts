import { type ErrorData } from '../../src-shared/errors'
import { type RunGraph } from '../../src-shared/model/run-graph'
import { errorDataOf } from '../api/client'
import { type SliceCreator } from './app-store'

export type RunGraphEntry =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly graph: RunGraph }
  | { readonly status: 'failed'; readonly error: ErrorData }

/** Run graphs by run id, loaded once each: the runs, graph and versions views share them. */
export interface RunGraphsSlice {
  readonly runGraphs: Readonly<Record<number, RunGraphEntry>>
  /** Loads a run's graph unless it is loaded or loading (`force` reloads a finished run). */
  readonly runGraphRequested: (runId: number, force?: boolean) => Promise<void>
}

/** A run that was still going when its graph loaded gets reloaded when runs change. */
export const createRunGraphsSlice: SliceCreator<RunGraphsSlice> = (host) => (set, get) => ({
  runGraphs: {},
  async runGraphRequested(runId, force = false) {
    const entry = get().runGraphs[runId]
    if (entry !== undefined && !force && entry.status !== 'failed') return
    if (entry === undefined || entry.status !== 'loaded') {
      set({ runGraphs: { ...get().runGraphs, [runId]: { status: 'loading' } } })
    }
    let next: RunGraphEntry
    try {
      next = { status: 'loaded', graph: await host.call('runs.graph', { id: runId }) }
    } catch (error) {
      next = { status: 'failed', error: errorDataOf(error) }
    }
    set({ runGraphs: { ...get().runGraphs, [runId]: next } })
  },
})
