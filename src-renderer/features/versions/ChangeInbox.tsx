import { useEffect, useRef } from 'react'
import { type ChangeAnswer } from '../../../src-shared/host/contract'
import { ErrorMessage } from '../../app/ErrorMessage'
import { useAppStore } from '../../app/store-context'
import { ProposalDetail } from './ProposalDetail'
import { inboxKeyAction, movedIndex } from './inbox-keys'
import { isTextEntry } from './text-entry'
import { decisionAnnouncement, plural } from './version-format'
import { useVersionsStore } from './versions-store'

/**
 * Pending dependency changes, one at a time: the list on the left (a listbox: j/k or arrows
 * move), the selected change on the right, and b / n / d to answer it from anywhere inside.
 */
export function ChangeInbox() {
  const proposals = useAppStore((state) => state.proposals)
  const selectedId = useAppStore((state) => state.selectedProposalId)
  const error = useAppStore((state) => state.proposalsError)
  const lastDecision = useAppStore((state) => state.lastDecision)
  const running = useAppStore((state) => state.codeRunning)
  const proposalSelected = useAppStore((state) => state.proposalSelected)
  const proposalDecided = useAppStore((state) => state.proposalDecided)
  const viewChanged = useAppStore((state) => state.viewChanged)
  const deciding = useVersionsStore((state) => state.deciding)
  const inboxRef = useRef<HTMLElement | null>(null)
  const optionRefs = useRef(new Map<string, HTMLLIElement>())
  // Set when the user acted in the inbox: focus follows the selection (to the next proposal).
  const focusFollows = useRef(false)
  const selectedIndex = proposals.findIndex((proposal) => proposal.id === selectedId)
  const selected = proposals[selectedIndex] ?? null

  useEffect(() => {
    if (!focusFollows.current) return
    const option = selectedId === null ? undefined : optionRefs.current.get(selectedId)
    if (option !== undefined) {
      option.focus()
      focusFollows.current = false
    } else if (document.activeElement === document.body || document.activeElement === null) {
      inboxRef.current?.focus()
    }
  }, [selectedId, proposals])

  async function decide(answer: ChangeAnswer): Promise<void> {
    if (selected === null || useVersionsStore.getState().deciding) return
    focusFollows.current = true
    useVersionsStore.setState({ deciding: true })
    try {
      await proposalDecided(selected.id, answer)
    } finally {
      useVersionsStore.setState({ deciding: false })
    }
  }

  function select(index: number): void {
    const proposal = proposals[index]
    if (proposal === undefined) return
    if (proposal.id === selectedId) {
      optionRefs.current.get(proposal.id)?.focus()
      return
    }
    focusFollows.current = true
    proposalSelected(proposal.id)
  }

  return (
    <section
      ref={inboxRef}
      className="versions-inbox"
      data-testid="change-inbox"
      aria-label="Change inbox"
      tabIndex={-1}
      onKeyDown={(event) => {
        if (isTextEntry(event.target)) return
        const action = inboxKeyAction(event)
        if (action === null) return
        event.preventDefault()
        if (action.kind === 'decide') void decide(action.answer)
        else select(movedIndex(selectedIndex, action.to, proposals.length))
      }}
    >
      <div className="versions-inbox-list">
        <h2 className="versions-section-title">
          Pending changes <span className="versions-count">{proposals.length}</span>
        </h2>
        {proposals.length === 0 ? (
          <p className="panel-note" data-testid="inbox-empty">
            No changes wait for a decision.
          </p>
        ) : (
          <ul role="listbox" aria-label="Pending changes" className="versions-proposals">
            {proposals.map((proposal, index) => {
              const isSelected = proposal.id === selectedId
              return (
                <li
                  key={proposal.id}
                  ref={(element) => {
                    if (element === null) optionRefs.current.delete(proposal.id)
                    else optionRefs.current.set(proposal.id, element)
                  }}
                  role="option"
                  aria-selected={isSelected}
                  tabIndex={isSelected || (selectedIndex < 0 && index === 0) ? 0 : -1}
                  className="versions-proposal"
                  data-testid={`proposal-${index}`}
                  onClick={() => select(index)}
                >
                  <code className="versions-proposal-id">{proposal.component.id}</code>
                  <span className="versions-proposal-meta">
                    {plural(proposal.dependentOps.length, 'op')} ·{' '}
                    {plural(proposal.affectedCalls, 'call')}
                    {proposal.warning !== null && (
                      <span className="versions-proposal-warning">
                        {' '}
                        · <span aria-hidden="true">⚠</span> new dependency
                      </span>
                    )}
                  </span>
                </li>
              )
            })}
          </ul>
        )}
        <ul className="versions-keys-hint" aria-label="Keys">
          <li>
            <kbd>j</kbd> <kbd>k</kbd> move
          </li>
          <li>
            <kbd>b</kbd> breaking
          </li>
          <li>
            <kbd>n</kbd> non-breaking
          </li>
          <li>
            <kbd>d</kbd> defer
          </li>
        </ul>
        <p className="versions-announcement" role="status" data-testid="inbox-announcement">
          {lastDecision !== null &&
            decisionAnnouncement(
              lastDecision.componentId,
              lastDecision.answer,
              lastDecision.answeredTo,
            )}
        </p>
        {error !== null && <ErrorMessage error={error} context="The decision did not go through" />}
      </div>
      {selected !== null ? (
        <ProposalDetail
          proposal={selected}
          running={running}
          deciding={deciding}
          onDecide={(answer) => void decide(answer)}
        />
      ) : (
        <div className="versions-detail versions-inbox-done">
          <p className="versions-inbox-done-title">
            <span aria-hidden="true">✓ </span>Nothing to decide.
          </p>
          <p className="panel-note">
            When code that stored calls depend on changes, the next run stops here and asks whether
            the change is breaking (recompute) or not (keep the results).
          </p>
          {running && (
            <button type="button" onClick={() => viewChanged('workspace')}>
              Follow the run in the workspace
            </button>
          )}
        </div>
      )}
    </section>
  )
}
