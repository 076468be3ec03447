import { create } from 'zustand'

export type VersionsTab = 'inbox' | 'history' | 'decisions'

/** The versions view's own state: which tab, which op's history, which versions compared. */
export interface VersionsState {
  readonly tab: VersionsTab
  readonly historyOp: string | null
  /** OpVersionInfo ids picked for the diff, at most two, in the order picked. */
  readonly comparedVersions: readonly number[]
  /** A decision is on its way to the host; keys and buttons wait for it. */
  readonly deciding: boolean
}

export const useVersionsStore = create<VersionsState>()(() => ({
  tab: 'inbox',
  historyOp: null,
  comparedVersions: [],
  deciding: false,
}))

/** Toggles a version in the pair to diff; a third pick replaces the older pick. */
export function toggledComparison(current: readonly number[], id: number): readonly number[] {
  if (current.includes(id)) return current.filter((picked) => picked !== id)
  return [...current, id].slice(-2)
}
