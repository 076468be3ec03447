import { useEffect } from 'react'
import { type CallDetails, type RunGraph } from '../../../src-shared/model/run-graph'
import { type ValueDetails } from '../../../src-shared/model/values'
import { ErrorMessage } from '../../app/ErrorMessage'
import { useAppStore } from '../../app/store-context'
import { callDetailsKey } from '../../store/runs-slice'
import { FindSimilarButton, ValueChip, ValuePreviewView, formatBytes } from '../values'
import { describeChange, explanationHeading, noChangesSentence } from './call-explanation'
import {
  OUTCOME_ICONS,
  OUTCOME_LABELS,
  formatDuration,
  formatStartedAt,
  shortId,
} from './run-format'
import './call-details.css'

function ValueSection({
  title,
  values,
}: {
  title: string
  values: readonly (ValueDetails & { readonly name: string })[]
}) {
  return (
    <section className="call-section">
      <h4>{title}</h4>
      {values.length === 0 ? (
        <p className="call-muted">None stored.</p>
      ) : (
        <ul className="call-values">
          {values.map((value) => (
            <li key={value.name}>
              <div className="call-value-head">
                <span className="call-value-name">{value.name}</span>
                <span className="value-type">
                  {value.type} · {formatBytes(value.size)}
                </span>
                <FindSimilarButton hid={value.hid} label={`${value.name} = ${value.summary}`} />
              </div>
              <ValuePreviewView preview={value.preview} label={value.name} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function Explanation({ details }: { details: CallDetails }) {
  const runSelected = useAppStore((state) => state.runSelected)
  const callSelected = useAppStore((state) => state.callSelected)
  const { explanation } = details
  const { previous } = explanation
  const lines = explanation.changes.map(describeChange)
  const noChanges = noChangesSentence(explanation)
  return (
    <section className="call-section call-explanation">
      <h4>{explanationHeading(explanation)}</h4>
      <p className="call-explanation-summary">{explanation.summary}</p>
      {previous !== null && (
        <p className="call-muted">
          Compared with call{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (previous.runId !== null) runSelected(previous.runId)
              callSelected(previous.callId)
            }}
          >
            {shortId(previous.callId)}
          </button>
          {previous.runId !== null && <> of run #{previous.runId}</>}, stored{' '}
          {formatStartedAt(previous.createdAt)}.
        </p>
      )}
      {lines.length === 0 ? (
        noChanges !== null && <p className="call-muted">{noChanges}</p>
      ) : (
        <ul className="call-changes" aria-label="Changes">
          {lines.map((line) => (
            <li key={line.key}>
              <span className="call-change-title">{line.title}</span>
              {(line.from !== null || line.to !== null) && (
                <span className="call-change-values">
                  {line.from !== null && <ValueChip value={line.from} />}
                  {line.from !== null && line.to !== null && (
                    <span aria-label="changed to" className="call-change-arrow">
                      →
                    </span>
                  )}
                  {line.to !== null && <ValueChip value={line.to} />}
                </span>
              )}
              {line.details.length > 0 && (
                <ul className="call-change-details">
                  {line.details.map((detail, index) => (
                    <li key={index}>{detail}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function Children({ ids, graph }: { ids: readonly string[]; graph: RunGraph | null }) {
  const callSelected = useAppStore((state) => state.callSelected)
  if (ids.length === 0) return null
  const opOf = new Map(graph?.calls.map((call) => [call.callId, call.op]))
  return (
    <section className="call-section">
      <h4>Calls made inside ({ids.length})</h4>
      <ul className="call-children">
        {ids.map((id, index) => (
          <li key={`${index}:${id}`}>
            <button type="button" className="link-button" onClick={() => callSelected(id)}>
              {opOf.get(id) ?? 'call'} <span className="call-id">{shortId(id)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Everything about one call: facts, why it hit or executed, its values and nested calls. */
export function CallDetailsPanel({
  callId,
  graph,
  onClose,
}: {
  callId: string
  /** The run the call is seen in: its outcome there is what gets explained. */
  graph: RunGraph | null
  onClose: () => void
}) {
  const runId = graph?.runId ?? null
  const entry = useAppStore((state) => state.callDetails[callDetailsKey(callId, runId)])
  const callDetailsRequested = useAppStore((state) => state.callDetailsRequested)
  const runSelected = useAppStore((state) => state.runSelected)
  const callSelected = useAppStore((state) => state.callSelected)
  useEffect(() => {
    void callDetailsRequested(callId, runId)
  }, [callId, runId, callDetailsRequested])

  const inRun = graph?.calls.find((call) => call.callId === callId)
  const details = entry?.status === 'loaded' ? entry.details : null
  const op = details?.op ?? inRun?.op ?? 'Call'
  return (
    <aside
      className="call-details"
      data-testid="call-details"
      aria-label={`Call details: ${op}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose()
      }}
    >
      <header className="call-details-header">
        <h3 className="call-details-op">{op}</h3>
        {inRun !== undefined && (
          <span className={`call-outcome outcome-text-${inRun.outcome}`}>
            <span aria-hidden="true">{OUTCOME_ICONS[inRun.outcome]} </span>
            {OUTCOME_LABELS[inRun.outcome]}
            {runId !== null && ` in run #${runId}`}
          </span>
        )}
        <button type="button" className="call-details-close" onClick={onClose}>
          <span aria-hidden="true">✕</span>
          <span className="visually-hidden">Close call details</span>
        </button>
      </header>
      {inRun !== undefined && <p className="call-reason-line">{inRun.reason}</p>}
      {entry === undefined || entry.status === 'loading' ? (
        <p className="call-muted" role="status">
          Loading call details…
        </p>
      ) : entry.status === 'failed' ? (
        <ErrorMessage error={entry.error} context="Could not load this call" />
      ) : (
        <>
          <dl className="call-facts">
            <dt>Version</dt>
            <dd>{entry.details.versionId === null ? '—' : `#${entry.details.versionId}`}</dd>
            <dt>Duration</dt>
            <dd>{formatDuration(entry.details.durationMs)}</dd>
            <dt>Stored by</dt>
            <dd>
              {entry.details.runId === null ? (
                'no recorded run'
              ) : (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    if (entry.details.runId === null) return
                    runSelected(entry.details.runId)
                    callSelected(entry.details.callId)
                  }}
                >
                  run #{entry.details.runId}
                </button>
              )}
              , {formatStartedAt(entry.details.createdAt)}
            </dd>
            <dt>Call id</dt>
            <dd className="call-id" title={entry.details.callId}>
              {shortId(entry.details.callId)}
            </dd>
          </dl>
          <Explanation details={entry.details} />
          <ValueSection title="Inputs" values={entry.details.inputs} />
          <ValueSection title="Outputs" values={entry.details.outputs} />
          <Children ids={entry.details.children} graph={graph} />
        </>
      )}
    </aside>
  )
}
