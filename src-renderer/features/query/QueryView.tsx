import { useEffect } from 'react'
import { ErrorMessage } from '../../app/ErrorMessage'
import { useAppStore } from '../../app/store-context'
import { PatternCanvas } from './PatternCanvas'
import { QueryCodePane } from './QueryCodePane'
import { useQueryStore } from './query-store'
import { QuickPlot } from './QuickPlot'
import { ResultsPanel } from './ResultsPanel'
import { SavedQueries } from './SavedQueries'
import './query.css'
import './query-canvas.css'

/**
 * Query by pattern: draw it on the canvas or write it as code (the two stay in sync), see the
 * matching stored values in a table, plot two numeric columns, and keep named queries.
 */
export function QueryView() {
  const workspacePath = useAppStore((state) => state.workspace?.path ?? null)
  const latestRun = useAppStore((state) => state.runs[0]?.id ?? null)
  const request = useAppStore((state) => state.queryRequest)
  const started = useQueryStore((state) => state.started)
  const requestReceived = useQueryStore((state) => state.requestReceived)
  const catalogError = useQueryStore((state) => state.catalogError)
  const result = useQueryStore((state) => state.result)

  useEffect(() => {
    // A new run may store new ops: the catalog (and the results) follow it.
    void started(workspacePath === null ? null : `${workspacePath}#${latestRun ?? ''}`)
  }, [started, workspacePath, latestRun])

  useEffect(() => {
    if (request !== null) void requestReceived(request)
  }, [request, requestReceived])

  if (workspacePath === null) {
    return <p className="panel-note">Open a workspace to query its stored calls.</p>
  }
  return (
    <div className="query-view">
      {catalogError !== null && <ErrorMessage error={catalogError} context="Ops" />}
      <div className="query-top">
        <section className="query-canvas-pane" aria-label="Pattern">
          <PatternCanvas />
        </section>
        <QueryCodePane />
      </div>
      <div className="query-bottom">
        <ResultsPanel />
        <aside className="query-side" aria-label="Plot and saved queries">
          {result !== null && <QuickPlot result={result} />}
          <SavedQueries />
        </aside>
      </div>
    </div>
  )
}
