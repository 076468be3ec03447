import { type RunSummary } from '../../../src-shared/model/runs'
import { useAppStore } from '../../app/store-context'
import { HitRateBar } from './HitRateBar'
import {
  OUTCOME_ICONS,
  STATUS_ICONS,
  STATUS_LABELS,
  callCount,
  formatDuration,
  formatStartedAt,
  hitRate,
  runTitle,
} from './run-format'

/** How many other runs the "Compare with" menu offers (the list's checkboxes reach all). */
const COMPARE_CHOICES = 200

function CompareChooser({ run }: { run: RunSummary }) {
  const runs = useAppStore((state) => state.runs)
  const compareRunId = useAppStore((state) => state.compareRunId)
  const compareSelected = useAppStore((state) => state.compareSelected)
  const choices = runs.filter((other) => other.id !== run.id).slice(0, COMPARE_CHOICES)
  const compared = runs.find((other) => other.id === compareRunId)
  if (compared !== undefined && !choices.includes(compared)) choices.push(compared)
  return (
    <label className="run-compare-chooser">
      <span>Compare with</span>
      <select
        value={compareRunId ?? ''}
        onChange={(event) =>
          compareSelected(event.target.value === '' ? null : Number(event.target.value))
        }
      >
        <option value="">no other run</option>
        {choices.map((other) => (
          <option key={other.id} value={other.id}>
            {runTitle(other)} · {formatStartedAt(other.startedAt)}
          </option>
        ))}
      </select>
    </label>
  )
}

/** The selected run's identity, figures and status, with the actions that start from it. */
export function RunHeader({ run }: { run: RunSummary }) {
  const graphOpened = useAppStore((state) => state.graphOpened)
  return (
    <header className="run-header">
      <div className="run-header-top">
        <h2 className="run-header-title">
          Run #{run.id}{' '}
          <span className="run-header-label" title={run.label}>
            {run.label === '' ? 'unlabelled run' : run.label}
          </span>
        </h2>
        <span className={`runs-status runs-status-${run.status} runs-status-badge`}>
          <span aria-hidden="true" className="runs-status-icon">
            {STATUS_ICONS[run.status]}
          </span>{' '}
          {STATUS_LABELS[run.status]}
        </span>
        <div className="run-header-actions">
          <CompareChooser run={run} />
          <button type="button" onClick={() => graphOpened(run.id)}>
            <span aria-hidden="true">⎇ </span>Open in Graph
          </button>
        </div>
      </div>
      <dl className="run-figures">
        <div>
          <dt>Started</dt>
          <dd>{formatStartedAt(run.startedAt)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{run.status === 'running' ? 'running…' : formatDuration(run.durationMs)}</dd>
        </div>
        <div>
          <dt>Calls</dt>
          <dd>{callCount(run)}</dd>
        </div>
        <div className="run-figure-hit">
          <dt>
            <span aria-hidden="true">{OUTCOME_ICONS.hit} </span>Hits
          </dt>
          <dd>{run.hits}</dd>
        </div>
        <div className="run-figure-executed">
          <dt>
            <span aria-hidden="true">{OUTCOME_ICONS.executed} </span>Executed
          </dt>
          <dd>{run.executed}</dd>
        </div>
        <div
          className={run.failed > 0 ? 'run-figure-failed runs-has-failures' : 'run-figure-failed'}
        >
          <dt>
            <span aria-hidden="true">{OUTCOME_ICONS.failed} </span>Failed
          </dt>
          <dd>{run.failed}</dd>
        </div>
        <div>
          <dt>Hit rate</dt>
          <dd>
            <HitRateBar rate={hitRate(run)} />
          </dd>
        </div>
      </dl>
      {run.error !== null && (
        <div className="run-error" role="note">
          <span className="error-message-icon" aria-hidden="true">
            !
          </span>
          <div>
            <strong>The run failed: </strong>
            <pre className="run-error-text">{run.error}</pre>
          </div>
        </div>
      )}
    </header>
  )
}
