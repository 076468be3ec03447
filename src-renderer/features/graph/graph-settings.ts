/** The graph's own persisted settings (feature-local store). */
import { create } from 'zustand'
import { type LayoutDirection } from './layout/layout-types'

const DIRECTION_KEY = 'memograph.graph.direction'

function savedDirection(): LayoutDirection {
  if (typeof window === 'undefined') return 'RIGHT'
  return window.localStorage.getItem(DIRECTION_KEY) === 'DOWN' ? 'DOWN' : 'RIGHT'
}

interface GraphSettings {
  readonly direction: LayoutDirection
  readonly legendOpen: boolean
  readonly directionToggled: () => void
  readonly legendToggled: () => void
}

export const useGraphSettings = create<GraphSettings>()((set, get) => ({
  direction: savedDirection(),
  legendOpen: true,
  directionToggled() {
    const direction = get().direction === 'RIGHT' ? 'DOWN' : 'RIGHT'
    window.localStorage.setItem(DIRECTION_KEY, direction)
    set({ direction })
  },
  legendToggled() {
    set({ legendOpen: !get().legendOpen })
  },
}))
