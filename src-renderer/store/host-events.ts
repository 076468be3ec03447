import { type HostClient } from '../api/client'
import { type AppStore } from './app-store'

/** The single subscriber that feeds host events into the store. Returns the unsubscribe. */
export function connectHostEvents(store: AppStore, host: HostClient): () => void {
  return host.onEvent((event) => {
    const state = store.getState()
    switch (event.name) {
      case 'onDidChangeRuns':
        void state.runsChanged()
        return
      case 'onDidChangeWorkspace':
        state.workspaceChanged(event.payload)
        return
      case 'onRunOutput':
        state.codeOutputReceived(event.payload)
        return
      case 'onRunProgress':
        state.codeProgressReceived(event.payload)
        return
      case 'onRunFinished':
        state.codeRunFinished(event.payload)
        return
      case 'onDidChangeProposals':
        state.proposalsReceived(event.payload.proposals)
        return
    }
  })
}
