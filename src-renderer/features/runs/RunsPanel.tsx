import { ErrorMessage } from '../../app/ErrorMessage'
import { useAppStore } from '../../app/store-context'
import { RunsTable } from './RunsTable'

/** The runs of the open workspace, with its loading, empty and error states. */
export function RunsPanel() {
  const hasWorkspace = useAppStore((state) => state.workspace !== null)
  const starting = useAppStore((state) => state.workspaceStatus === 'starting')
  const runs = useAppStore((state) => state.runs)
  const runsStatus = useAppStore((state) => state.runsStatus)
  const runsError = useAppStore((state) => state.runsError)

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
        No runs yet. Run a script with{' '}
        <code>memograph run &lt;file.ts&gt; --workspace &lt;dir&gt;</code>.
      </p>
    )
  }
  // A failed live refresh keeps the last rows on screen, under the message.
  return (
    <>
      {error}
      <div className="runs-table-scroll">
        <RunsTable runs={runs} />
      </div>
    </>
  )
}
