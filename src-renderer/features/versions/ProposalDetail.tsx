import { type ChangeAnswer } from '../../../src-shared/host/contract'
import { type ChangeProposal } from '../../../src-shared/model/versions'
import { BlastRadius } from './BlastRadius'
import { DiffPane, diffHeight } from './DiffPane'
import { blastRadiusText, shortHash } from './version-format'

const ANSWER_BUTTONS: readonly {
  readonly answer: ChangeAnswer
  readonly label: string
  readonly key: string
  readonly explains: string
}[] = [
  {
    answer: 'breaking',
    label: 'Breaking',
    key: 'b',
    explains: 'Results change: dependent calls recompute',
  },
  {
    answer: 'nonBreaking',
    label: 'Non-breaking',
    key: 'n',
    explains: 'Results stay the same: stored calls are kept',
  },
  { answer: 'defer', label: 'Defer', key: 'd', explains: 'Decide later' },
]

/** One pending change: what changed, what depends on it, and the three answers. */
export function ProposalDetail({
  proposal,
  running,
  deciding,
  onDecide,
}: {
  proposal: ChangeProposal
  running: boolean
  deciding: boolean
  onDecide: (answer: ChangeAnswer) => void
}) {
  const language = proposal.component.kind === 'function' ? 'typescript' : 'plaintext'
  return (
    <article className="versions-detail" aria-label={`Change to ${proposal.component.id}`}>
      <header className="versions-detail-header">
        <h2 className="versions-detail-title">
          <span className="versions-kind">{proposal.component.kind}</span>{' '}
          <code>{proposal.component.id}</code> changed
        </h2>
        <span className="versions-hashes">
          <code>{shortHash(proposal.fromHash)}</code> → <code>{shortHash(proposal.toHash)}</code>
        </span>
      </header>
      {proposal.warning !== null && (
        <div className="versions-warning" role="alert" data-testid="proposal-warning">
          <span className="versions-warning-icon" aria-hidden="true">
            ⚠
          </span>
          <div>
            <strong>New dependency: </strong>
            {proposal.newDependencies.map((dependency, index) => (
              <span key={dependency}>
                {index > 0 && ', '}
                <code>{dependency}</code>
              </span>
            ))}
            <div>{proposal.warning}</div>
          </div>
        </div>
      )}
      <div className="versions-impact">
        <p className="versions-impact-text" data-testid="proposal-impact">
          {blastRadiusText(proposal.affectedCalls)}
        </p>
        <div className="versions-dependents">
          <span className="versions-dependents-label">Dependent ops:</span>
          {proposal.dependentOps.length === 0 ? (
            <span className="versions-dependents-none">none</span>
          ) : (
            <ul className="versions-op-chips">
              {proposal.dependentOps.map((op) => (
                <li key={op}>
                  <code>{op}</code>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="versions-answers" role="group" aria-label="Decision">
        {ANSWER_BUTTONS.map((button) => (
          <button
            key={button.answer}
            type="button"
            className={`versions-answer versions-answer-${button.answer}`}
            data-testid={`decide-${button.answer}`}
            disabled={deciding}
            aria-keyshortcuts={button.key}
            title={
              button.answer === 'defer' && running
                ? 'Decide later; the waiting run stops'
                : button.explains
            }
            onClick={() => onDecide(button.answer)}
          >
            {button.label} <kbd aria-hidden="true">{button.key}</kbd>
          </button>
        ))}
        {running && <span className="versions-answers-note">The run waits for this answer.</span>}
      </div>
      <div
        className="versions-diff"
        data-testid="proposal-diff"
        style={{ height: diffHeight(proposal.fromSource, proposal.toSource) }}
      >
        <DiffPane original={proposal.fromSource} modified={proposal.toSource} language={language} />
      </div>
      <BlastRadius proposal={proposal} />
    </article>
  )
}
