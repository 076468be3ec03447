import { useAppStore } from '../../app/store-context'
import {
  CHANGE_ICONS,
  CHANGE_KINDS,
  CHANGE_LABELS,
  type CallDifference,
  type RunComparison,
} from './run-compare'
import { OUTCOME_LABELS, formatDuration, shortId } from './run-format'
import { useRunsViewStore } from './runs-view-store'

/** Long groups show their head; the calls table lists every call. */
const GROUP_LIMIT = 200

/** The comparison at a glance: which runs, how many calls changed how, "Differences only". */
export function ComparisonBar({ comparison }: { comparison: RunComparison | null }) {
  const compareSelected = useAppStore((state) => state.compareSelected)
  const differencesOnly = useRunsViewStore((state) => state.differencesOnly)
  const differencesOnlyToggled = useRunsViewStore((state) => state.differencesOnlyToggled)
  return (
    <div className="run-comparison-bar" role="group" aria-label="Run comparison">
      {comparison === null ? (
        <span className="call-muted" role="status">
          Loading both runs' calls…
        </span>
      ) : (
        <>
          <span className="run-comparison-runs">
            Changes from run #{comparison.baseRunId} <span aria-hidden="true">→</span>
            <span className="visually-hidden">to</span> run #{comparison.currentRunId}
          </span>
          <ul className="run-comparison-counts">
            {CHANGE_KINDS.filter(
              (kind) => kind !== 'newlyFailed' || comparison.counts.newlyFailed > 0,
            ).map((kind) => (
              <li key={kind} className={`call-change-${kind}`} data-testid={`compare-${kind}`}>
                <span aria-hidden="true">{CHANGE_ICONS[kind]} </span>
                {comparison.counts[kind]} {CHANGE_LABELS[kind].toLowerCase()}
              </li>
            ))}
            <li className="call-same">{comparison.unchanged} unchanged</li>
          </ul>
        </>
      )}
      <label className="run-differences-only">
        <input
          type="checkbox"
          data-testid="differences-only"
          checked={differencesOnly}
          onChange={(event) => differencesOnlyToggled(event.target.checked)}
        />
        Differences only
      </label>
      <button type="button" onClick={() => compareSelected(null)}>
        Stop comparing
      </button>
    </div>
  )
}

function DifferenceItem({ difference }: { difference: CallDifference }) {
  const callSelected = useAppStore((state) => state.callSelected)
  const { before, after } = difference
  return (
    <li>
      <button
        type="button"
        className="run-difference"
        onClick={() => callSelected(difference.callId)}
      >
        <span className="run-difference-op">{difference.op}</span>
        <span className="call-id">{shortId(difference.callId)}</span>
        <span className="run-difference-outcomes">
          {before === null ? 'not in the older run' : OUTCOME_LABELS[before.outcome]}
          <span aria-hidden="true"> → </span>
          <span className="visually-hidden"> then </span>
          {after === null ? 'not in the newer run' : OUTCOME_LABELS[after.outcome]}
        </span>
        <span className="run-difference-duration">
          {before !== null && formatDuration(before.durationMs)}
          {before !== null && after !== null && ' → '}
          {after !== null && formatDuration(after.durationMs)}
        </span>
      </button>
    </li>
  )
}

/** Every call that differs between the two runs, grouped by how. */
export function ComparisonList({ comparison }: { comparison: RunComparison }) {
  if (comparison.differences.length === 0) {
    return (
      <p className="panel-note">
        Runs #{comparison.baseRunId} and #{comparison.currentRunId} made the same calls with the
        same outcomes.
      </p>
    )
  }
  return (
    <div className="run-comparison-list">
      {CHANGE_KINDS.map((kind) => {
        const group = comparison.differences.filter((difference) => difference.kind === kind)
        if (group.length === 0) return null
        return (
          <section key={kind} className={`run-comparison-group call-change-${kind}`}>
            <h3>
              <span aria-hidden="true">{CHANGE_ICONS[kind]} </span>
              {CHANGE_LABELS[kind]} <span className="call-muted">({group.length})</span>
            </h3>
            <ul>
              {group.slice(0, GROUP_LIMIT).map((difference, index) => (
                <DifferenceItem key={`${index}:${difference.callId}`} difference={difference} />
              ))}
            </ul>
            {group.length > GROUP_LIMIT && (
              <p className="call-muted">
                and {group.length - GROUP_LIMIT} more: the Calls tab lists them all.
              </p>
            )}
          </section>
        )
      })}
    </div>
  )
}
