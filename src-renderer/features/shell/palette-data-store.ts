import { create } from 'zustand'
import { type OpVersionInfo } from '../../../src-shared/model/versions'
import { type SavedQuery } from '../../../src-shared/query/results'
import { type ShellHostCalls } from './shell-host'

/** Versions are listed for at most this many ops per opening (one request each). */
const MAX_OPS_WITH_VERSIONS = 200

interface PaletteDataState {
  readonly ops: readonly string[]
  readonly versions: Readonly<Record<string, readonly OpVersionInfo[]>>
  readonly savedQueries: readonly SavedQuery[]
  /** True while the palette's lists are (re)loading; the previous ones stay shown meanwhile. */
  readonly loading: boolean
  /** Which sources failed, said at the bottom of the palette ("Saved queries unavailable"). */
  readonly unavailable: readonly string[]
  /** The palette opened: refresh what it searches (ops, their versions, saved queries). */
  readonly paletteDataRequested: (calls: ShellHostCalls) => Promise<void>
}

let latestRequest = 0

export const usePaletteData = create<PaletteDataState>()((set) => ({
  ops: [],
  versions: {},
  savedQueries: [],
  loading: false,
  unavailable: [],
  async paletteDataRequested(calls) {
    const request = ++latestRequest
    set({ loading: true })
    const unavailable: string[] = []
    const [ops, savedQueries] = await Promise.all([
      calls.listOpNames().catch(() => {
        unavailable.push('ops')
        return null
      }),
      calls.listSavedQueries().catch(() => {
        unavailable.push('saved queries')
        return null
      }),
    ])
    if (request !== latestRequest) return
    set((state) => ({
      ops: ops ?? state.ops,
      savedQueries: savedQueries ?? state.savedQueries,
    }))
    const versionEntries = await Promise.all(
      (ops ?? []).slice(0, MAX_OPS_WITH_VERSIONS).map(async (op) => {
        try {
          return [op, await calls.listVersions(op)] as const
        } catch {
          return null
        }
      }),
    )
    if (request !== latestRequest) return
    const loaded = versionEntries.filter((entry) => entry !== null)
    if (ops !== null && ops.length > 0 && loaded.length === 0) unavailable.push('versions')
    set((state) => ({
      versions: loaded.length === 0 ? state.versions : Object.fromEntries(loaded),
      loading: false,
      unavailable,
    }))
  },
}))
