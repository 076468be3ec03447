import { create } from 'zustand'

/** The run view's tabs: the call graph, its accessible table twin, and a comparison. */
export type RunTab = 'graph' | 'calls' | 'compare'

/** View state only the runs view needs; which run and call are shown lives in navigation. */
interface RunsViewState {
  readonly tab: RunTab
  /** While comparing: show only the calls that differ, in the graph and the tables. */
  readonly differencesOnly: boolean
  readonly tabChosen: (tab: RunTab) => void
  readonly differencesOnlyToggled: (differencesOnly: boolean) => void
}

export const useRunsViewStore = create<RunsViewState>()((set) => ({
  tab: 'graph',
  differencesOnly: false,
  tabChosen: (tab) => set({ tab }),
  differencesOnlyToggled: (differencesOnly) => set({ differencesOnly }),
}))
