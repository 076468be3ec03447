/** The graph's own persisted settings (feature-local store). */
import { create } from 'zustand'
import { type LayoutDirection } from './layout/layout-types'

const DIRECTION_KEY = 'memograph.graph.direction'
const LEGEND_KEY = 'memograph.graph.legendOpen'

function savedDirection(): LayoutDirection {
  if (typeof window === 'undefined') return 'RIGHT'
  return window.localStorage.getItem(DIRECTION_KEY) === 'DOWN' ? 'DOWN' : 'RIGHT'
}

/** Open until the user closes it once; then it stays out of the way. */
function savedLegendOpen(): boolean {
  if (typeof window === 'undefined') return true
  return window.localStorage.getItem(LEGEND_KEY) !== 'false'
}

interface GraphSettings {
  readonly direction: LayoutDirection
  readonly legendOpen: boolean
  readonly directionToggled: () => void
  readonly legendToggled: () => void
}

export const useGraphSettings = create<GraphSettings>()((set, get) => ({
  direction: savedDirection(),
  legendOpen: savedLegendOpen(),
  directionToggled() {
    const direction = get().direction === 'RIGHT' ? 'DOWN' : 'RIGHT'
    window.localStorage.setItem(DIRECTION_KEY, direction)
    set({ direction })
  },
  legendToggled() {
    const legendOpen = !get().legendOpen
    window.localStorage.setItem(LEGEND_KEY, String(legendOpen))
    set({ legendOpen })
  },
}))
