import { type SliceCreator } from './app-store'

/** The app's top-level views, in activity-bar order. */
export type ViewName = 'workspace' | 'runs' | 'graph' | 'query' | 'versions'
export const VIEW_NAMES: readonly ViewName[] = ['workspace', 'runs', 'graph', 'query', 'versions']

export type ThemeName = 'light' | 'dark'

/**
 * A request for the query view to load a pattern, made by another view ("Find similar", a saved
 * query from the palette). `nonce` makes repeating the same request load it again.
 */
export type QueryRequest =
  | { readonly kind: 'similar'; readonly hid: string; readonly nonce: number }
  | { readonly kind: 'code'; readonly code: string; readonly nonce: number }

/** Ops the graph should mark, and why (a pending change's blast radius, a palette pick). */
export interface GraphHighlight {
  readonly ops: readonly string[]
  /** Shown in the graph's banner: "Would recompute if `scale` is breaking". */
  readonly label: string
}

/** What the graph shows: a run's calls, optionally narrowed to some ops to start from. */
export interface GraphFocus {
  readonly runId: number
  /** Ops to start from (then expand back and forward); null shows every op of the run. */
  readonly ops: readonly string[] | null
  readonly nonce: number
}

export interface NavigationSlice {
  readonly view: ViewName
  /** The run the runs and graph views show; null before the user or a run picked one. */
  readonly selectedRunId: number | null
  /** The second run of a comparison; null when not comparing. */
  readonly compareRunId: number | null
  /** The call whose details are open. */
  readonly selectedCallId: string | null
  readonly graphFocus: GraphFocus | null
  readonly graphHighlight: GraphHighlight | null
  readonly queryRequest: QueryRequest | null
  readonly theme: ThemeName
  readonly paletteOpen: boolean
  readonly shortcutsOpen: boolean
  readonly viewChanged: (view: ViewName) => void
  readonly runSelected: (runId: number | null) => void
  readonly compareSelected: (runId: number | null) => void
  readonly callSelected: (callId: string | null) => void
  /** Opens the graph on a run, optionally starting from some ops only. */
  readonly graphOpened: (runId: number, ops?: readonly string[]) => void
  readonly graphHighlighted: (highlight: GraphHighlight | null) => void
  /** "Find similar" on a value anywhere: the query view opens with its pattern. */
  readonly similarRequested: (hid: string) => void
  readonly queryCodeRequested: (code: string) => void
  readonly themeChanged: (theme: ThemeName) => void
  readonly paletteToggled: (open: boolean) => void
  readonly shortcutsToggled: (open: boolean) => void
}

const THEME_KEY = 'memograph.theme'

function initialTheme(): ThemeName {
  if (typeof window === 'undefined') return 'light'
  const saved = window.localStorage.getItem(THEME_KEY)
  if (saved === 'light' || saved === 'dark') return saved
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

export const createNavigationSlice: SliceCreator<NavigationSlice> = () => (set, get) => {
  let nonce = 0
  return {
    view: 'workspace',
    selectedRunId: null,
    compareRunId: null,
    selectedCallId: null,
    graphFocus: null,
    graphHighlight: null,
    queryRequest: null,
    theme: initialTheme(),
    paletteOpen: false,
    shortcutsOpen: false,
    viewChanged(view) {
      set({ view })
    },
    runSelected(runId) {
      if (runId === get().selectedRunId) return
      set({ selectedRunId: runId, selectedCallId: null })
    },
    compareSelected(runId) {
      set({ compareRunId: runId })
    },
    callSelected(callId) {
      set({ selectedCallId: callId })
    },
    graphOpened(runId, ops) {
      set({
        view: 'graph',
        selectedRunId: runId,
        graphFocus: { runId, ops: ops ?? null, nonce: ++nonce },
      })
    },
    graphHighlighted(graphHighlight) {
      set({ graphHighlight })
    },
    similarRequested(hid) {
      set({ view: 'query', queryRequest: { kind: 'similar', hid, nonce: ++nonce } })
    },
    queryCodeRequested(code) {
      set({ view: 'query', queryRequest: { kind: 'code', code, nonce: ++nonce } })
    },
    themeChanged(theme) {
      window.localStorage.setItem(THEME_KEY, theme)
      set({ theme })
    },
    paletteToggled(paletteOpen) {
      set({ paletteOpen, shortcutsOpen: false })
    },
    shortcutsToggled(shortcutsOpen) {
      set({ shortcutsOpen, paletteOpen: false })
    },
  }
}
