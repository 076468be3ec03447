import { create } from 'zustand'

interface RecentWorkspacesState {
  /** Absolute paths, newest first (host `workspace.recent`); empty until loaded. */
  readonly paths: readonly string[]
  /** Refreshes the list; keeps the old one when the host cannot answer. */
  readonly recentRequested: (list: () => Promise<readonly string[]>) => Promise<void>
}

export const useRecentWorkspaces = create<RecentWorkspacesState>()((set) => ({
  paths: [],
  async recentRequested(list) {
    try {
      set({ paths: await list() })
    } catch {
      // Recent workspaces are a convenience: without them the field still opens any path.
    }
  },
}))
