import { ErrorMessage } from '../../app/ErrorMessage'
import { useQueryStore } from './query-store'
import { rowCountText, sortRows, toCsv, toJson } from './result-table'
import { ResultsTable } from './ResultsTable'

function download(text: string, type: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** The results: run controls, distinct toggle, row count, export and the table. */
export function ResultsPanel() {
  const result = useQueryStore((state) => state.result)
  const running = useQueryStore((state) => state.running)
  const runError = useQueryStore((state) => state.runError)
  const distinct = useQueryStore((state) => state.distinct)
  const sort = useQueryStore((state) => state.sort)
  const problems = useQueryStore((state) => state.patternProblems)
  const empty = useQueryStore(
    (state) => state.draft.pattern.calls.length + state.draft.pattern.variables.length === 0,
  )
  const noColumns = useQueryStore((state) => state.draft.pattern.select.length === 0)
  const runRequested = useQueryStore((state) => state.runRequested)
  const distinctToggled = useQueryStore((state) => state.distinctToggled)

  const exportAs = (kind: 'csv' | 'json') => {
    if (result === null) return
    const rows = sortRows(result.rows, sort)
    if (kind === 'csv') download(toCsv(result.columns, rows), 'text/csv', 'query-results.csv')
    else download(toJson(result.columns, rows), 'application/json', 'query-results.json')
  }

  return (
    <section className="query-results-panel" aria-label="Results">
      <header className="query-pane-header">
        <h2 className="query-pane-title">Results</h2>
        <button
          type="button"
          className="query-run"
          onClick={() => void runRequested()}
          disabled={problems.length > 0 || empty || running}
          data-testid="query-run"
        >
          {running ? 'Running…' : '▶ Run'}
        </button>
        <label className="query-check">
          <input
            type="checkbox"
            checked={distinct}
            onChange={(event) => distinctToggled(event.target.checked)}
            data-testid="query-distinct"
          />
          Distinct only
        </label>
        {result !== null && (
          <span className="query-row-count" data-testid="query-row-count" aria-live="polite">
            {rowCountText(result.rows.length, result.total)}
            <span className="query-pane-note"> · {Math.round(result.elapsedMs)} ms</span>
          </span>
        )}
        <span className="query-header-spacer" />
        <button type="button" onClick={() => exportAs('csv')} disabled={result === null}>
          Export CSV
        </button>
        <button type="button" onClick={() => exportAs('json')} disabled={result === null}>
          Export JSON
        </button>
      </header>
      {runError !== null && <ErrorMessage error={runError} context="Query failed" />}
      {result === null ? (
        <p className="query-pane-note query-results-empty">
          {empty
            ? 'Draw a pattern or write query code to see matching stored values here.'
            : problems.length > 0
              ? 'Results appear once the pattern is complete.'
              : noColumns
                ? 'Tick “column” on a variable to see it in the results.'
                : 'Running…'}
        </p>
      ) : (
        <ResultsTable result={result} />
      )}
    </section>
  )
}
