import { useEffect, useState } from 'react'
import { type ErrorData } from '../../../src-shared/errors'
import { type DecisionRecord } from '../../../src-shared/model/versions'
import { errorDataOf } from '../../api/client'
import { ErrorMessage } from '../../app/ErrorMessage'
import { useAppStore } from '../../app/store-context'
import { DECISION_ICONS, formatTime, shortHash } from './version-format'

/** Every breaking / non-breaking decision, newest first, and how it was reached. */
export function DecisionLog() {
  const listDecisions = useAppStore((state) => state.listDecisions)
  const storageKey = useAppStore((state) => state.workspace?.storageDir ?? null)
  const lastDecision = useAppStore((state) => state.lastDecision)
  const runCount = useAppStore((state) => state.runs.length)
  const [decisions, setDecisions] = useState<readonly DecisionRecord[] | null>(null)
  const [error, setError] = useState<ErrorData | null>(null)

  useEffect(() => {
    if (storageKey === null) return
    let current = true
    listDecisions().then(
      (records) => {
        if (!current) return
        setDecisions(records)
        setError(null)
      },
      (failure: unknown) => current && setError(errorDataOf(failure)),
    )
    return () => {
      current = false
    }
  }, [listDecisions, storageKey, lastDecision, runCount])

  return (
    <section className="versions-log" aria-label="Decision log">
      {error !== null && <ErrorMessage error={error} context="Could not list the decisions" />}
      {decisions !== null && decisions.length === 0 && (
        <p className="panel-note">No decisions yet.</p>
      )}
      {decisions !== null && decisions.length > 0 && (
        <table className="versions-table" data-testid="decision-log">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Component</th>
              <th scope="col">Decision</th>
              <th scope="col">Origin</th>
              <th scope="col">Revision</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((decision) => (
              <tr key={decision.id}>
                <td>{formatTime(decision.decidedAt)}</td>
                <td>
                  <code>{decision.componentId}</code>
                </td>
                <td className={`versions-decision-${decision.kind}`}>
                  <span aria-hidden="true">{DECISION_ICONS[decision.kind]} </span>
                  {decision.kind === 'breaking' ? 'Breaking' : 'Non-breaking'}
                </td>
                <td>{decision.decidedBy}</td>
                <td>
                  <code>{shortHash(decision.fromHash)}</code> →{' '}
                  <code>{shortHash(decision.toHash)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
