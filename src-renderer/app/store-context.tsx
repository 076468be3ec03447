import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import { type AppState, type AppStore } from '../store/app-store'

const StoreContext = createContext<AppStore | null>(null)

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

/** Reads one piece of state; components re-render only when that piece changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext)
  if (store === null) throw new Error('useAppStore needs a <StoreProvider> above it')
  return useStore(store, selector)
}
