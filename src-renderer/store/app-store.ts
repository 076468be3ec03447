import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla'
import { type HostClient } from '../api/client'
import { createCodeRunSlice, type CodeRunSlice } from './code-run-slice'
import { createNavigationSlice, type NavigationSlice } from './navigation-slice'
import { createProposalsSlice, type ProposalsSlice } from './proposals-slice'
import { createRunGraphsSlice, type RunGraphsSlice } from './run-graphs-slice'
import { createRunsSlice, type RunsSlice } from './runs-slice'
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice'

/**
 * The root store is the sum of the app-wide slices; each slice may read the whole state.
 * State only one feature needs (the query canvas, the graph's expansion) lives in that
 * feature's own store.
 */
export type AppState = WorkspaceSlice &
  RunsSlice &
  RunGraphsSlice &
  NavigationSlice &
  CodeRunSlice &
  ProposalsSlice
export type AppStore = StoreApi<AppState>

/** A slice gets the host client injected, so stores can be built over any transport. */
export type SliceCreator<Slice> = (host: HostClient) => StateCreator<AppState, [], [], Slice>

export function createAppStore(host: HostClient): AppStore {
  return createStore<AppState>()((...parts) => ({
    ...createWorkspaceSlice(host)(...parts),
    ...createRunsSlice(host)(...parts),
    ...createRunGraphsSlice(host)(...parts),
    ...createNavigationSlice(host)(...parts),
    ...createCodeRunSlice(host)(...parts),
    ...createProposalsSlice(host)(...parts),
  }))
}
