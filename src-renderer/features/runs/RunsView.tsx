import { useDeferredValue } from 'react'
import { ErrorMessage } from '../../app/ErrorMessage'
import { useAppStore } from '../../app/store-context'
import { RUNS_LIST_LIMIT } from '../../store/runs-slice'
import { RunPanel } from './RunPanel'
import { RunsList } from './RunsList'
import './runs.css'

/** The runs tab: every run of the workspace above the selected run's calls and details. */
export function RunsView() {
  const hasWorkspace = useAppStore((state) => state.workspace !== null)
  const starting = useAppStore((state) => state.workspaceStatus === 'starting')
  const runs = useAppStore((state) => state.runs)
  const runsStatus = useAppStore((state) => state.runsStatus)
  const runsError = useAppStore((state) => state.runsError)
  const selectedRunId = useAppStore((state) => state.selectedRunId)
  // The list answers each arrow key at once; the heavier run panel follows when it can.
  const shownRunId = useDeferredValue(selectedRunId)

  if (starting || runsStatus === 'loading') {
    return (
      <p className="panel-note" role="status">
        Loading runs…
      </p>
    )
  }
  if (!hasWorkspace) {
    return <p className="panel-note">Open a workspace folder to see its runs.</p>
  }
  const error = runsError && <ErrorMessage error={runsError} context="Could not load the runs" />
  if (error !== null && runs.length === 0) return error
  if (runs.length === 0) {
    return (
      <p className="panel-note empty-state">
        No runs yet. Run a script from the Workspace tab, or with{' '}
        <code>memograph run &lt;file.ts&gt; --workspace &lt;dir&gt;</code>.
      </p>
    )
  }
  const selected = runs.find((run) => run.id === shownRunId)
  return (
    <div className="runs-view">
      {/* A failed live refresh keeps the last rows on screen, under the message. */}
      {error}
      <section className="runs-list-pane" aria-labelledby="runs-list-title">
        <h2 className="runs-list-title" id="runs-list-title">
          Runs{' '}
          <span className="runs-list-count">
            {runs.length.toLocaleString('en-US')} {runs.length === 1 ? 'run' : 'runs'}, newest first
            {runs.length >= RUNS_LIST_LIMIT &&
              ` (the newest ${RUNS_LIST_LIMIT.toLocaleString('en-US')})`}
          </span>
        </h2>
        <RunsList runs={runs} />
      </section>
      {selected === undefined ? (
        <p className="panel-note">Select a run to see its calls.</p>
      ) : (
        <RunPanel run={selected} />
      )}
    </div>
  )
}
