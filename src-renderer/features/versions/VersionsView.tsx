import { useEffect, useRef } from 'react'
import { useAppStore } from '../../app/store-context'
import { ChangeInbox } from './ChangeInbox'
import { DecisionLog } from './DecisionLog'
import { VersionHistory } from './VersionHistory'
import { useVersionsStore, type VersionsTab } from './versions-store'
import './versions.css'
import './versions-history.css'

const TABS: readonly { readonly tab: VersionsTab; readonly label: string }[] = [
  { tab: 'inbox', label: 'Change inbox' },
  { tab: 'history', label: 'Version history' },
  { tab: 'decisions', label: 'Decision log' },
]

/** Versions: pending changes to decide, each op's version history, and the decision log. */
export function VersionsView() {
  const tab = useVersionsStore((state) => state.tab)
  const pending = useAppStore((state) => state.proposals.length)
  const proposalsRequested = useAppStore((state) => state.proposalsRequested)
  const pendingOnOpen = useRef(pending)

  useEffect(() => {
    void proposalsRequested()
    // Pending changes come first: a run may be waiting on them.
    if (pendingOnOpen.current > 0) useVersionsStore.setState({ tab: 'inbox' })
  }, [proposalsRequested])

  function choose(next: VersionsTab): void {
    useVersionsStore.setState({ tab: next })
    document.getElementById(`versions-tab-${next}`)?.focus()
  }

  return (
    <div className="versions-view">
      <div
        role="tablist"
        aria-label="Versions"
        className="versions-tabs"
        onKeyDown={(event) => {
          const index = TABS.findIndex((entry) => entry.tab === tab)
          const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
          if (step === 0) return
          event.preventDefault()
          const next = TABS[(index + step + TABS.length) % TABS.length]
          if (next !== undefined) choose(next.tab)
        }}
      >
        {TABS.map((entry) => (
          <button
            key={entry.tab}
            type="button"
            role="tab"
            id={`versions-tab-${entry.tab}`}
            aria-selected={tab === entry.tab}
            aria-controls="versions-panel"
            tabIndex={tab === entry.tab ? 0 : -1}
            className="versions-tab"
            data-testid={`versions-tab-${entry.tab}`}
            onClick={() => choose(entry.tab)}
          >
            {entry.label}
            {entry.tab === 'inbox' && pending > 0 && (
              <span className="versions-tab-badge">
                {pending}
                <span className="visually-hidden"> pending</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id="versions-panel"
        aria-labelledby={`versions-tab-${tab}`}
        className="versions-panel"
      >
        {tab === 'inbox' && <ChangeInbox />}
        {tab === 'history' && <VersionHistory />}
        {tab === 'decisions' && <DecisionLog />}
      </div>
    </div>
  )
}
