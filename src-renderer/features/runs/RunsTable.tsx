import { type RunSummary } from '../../../src-shared/model/runs'
import { HitRateBar } from './HitRateBar'
import { STATUS_ICONS, STATUS_LABELS, formatDuration, formatStartedAt, hitRate } from './run-format'

function RunRow({ run }: { run: RunSummary }) {
  return (
    <tr data-run-id={run.id}>
      <th scope="row" className="run-name">
        <span className="run-id">#{run.id}</span>
        <span className="run-label" title={run.label}>
          {run.label === '' ? 'unlabelled run' : run.label}
        </span>
      </th>
      <td className="run-started">
        <time dateTime={new Date(run.startedAt).toISOString()}>
          {formatStartedAt(run.startedAt)}
        </time>
      </td>
      <td className="number">
        {run.status === 'running' ? 'running…' : formatDuration(run.durationMs)}
      </td>
      <td className="number">{run.hits}</td>
      <td className="number">{run.executed}</td>
      <td className={run.failed > 0 ? 'number has-failures' : 'number'}>{run.failed}</td>
      <td>
        <span className={`run-status run-status-${run.status}`} title={run.error ?? undefined}>
          <span aria-hidden="true">{STATUS_ICONS[run.status]}</span> {STATUS_LABELS[run.status]}
        </span>
      </td>
      <td>
        <HitRateBar rate={hitRate(run)} />
      </td>
    </tr>
  )
}

export function RunsTable({ runs }: { runs: readonly RunSummary[] }) {
  return (
    <table className="runs-table">
      <caption>
        Runs{' '}
        <span className="runs-table-count">
          {runs.length} {runs.length === 1 ? 'run' : 'runs'}, newest first
        </span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Started</th>
          <th scope="col" className="number">
            Duration
          </th>
          <th scope="col" className="number">
            Hits
          </th>
          <th scope="col" className="number">
            Executed
          </th>
          <th scope="col" className="number">
            Failed
          </th>
          <th scope="col">Status</th>
          <th scope="col">Hit rate</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <RunRow key={run.id} run={run} />
        ))}
      </tbody>
    </table>
  )
}
