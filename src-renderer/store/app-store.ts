import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla'
import { type HostClient } from '../api/client'
import { createRunsSlice, type RunsSlice } from './runs-slice'
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice'

/** The root store is the sum of the feature slices; each slice may read the whole state. */
export type AppState = WorkspaceSlice & RunsSlice
export type AppStore = StoreApi<AppState>

/** A slice gets the host client injected, so stores can be built over any transport. */
export type SliceCreator<Slice> = (host: HostClient) => StateCreator<AppState, [], [], Slice>

export function createAppStore(host: HostClient): AppStore {
  return createStore<AppState>()((...parts) => ({
    ...createWorkspaceSlice(host)(...parts),
    ...createRunsSlice(host)(...parts),
  }))
}
