import { useEffect, useMemo } from 'react'
import { type RunGraph } from '../../../src-shared/model/run-graph'
import { type RunSummary } from '../../../src-shared/model/runs'
import { ErrorMessage } from '../../app/ErrorMessage'
import { useAppStore } from '../../app/store-context'
import { type RunGraphEntry } from '../../store/run-graphs-slice'
import { RunGraphCanvas } from '../graph/RunGraphCanvas'
import { CallDetailsPanel } from './CallDetailsPanel'
import { CallsTable, type CallRow } from './CallsTable'
import { ComparisonBar, ComparisonList } from './ComparisonPanel'
import { RunHeader } from './RunHeader'
import { compareRunGraphs, orderRuns, type CallChangeKind, type RunComparison } from './run-compare'
import { useRunsViewStore, type RunTab } from './runs-view-store'
import './run-panel.css'

const GRAPH_REQUEST_DELAY_MS = 120

const TABS: readonly { readonly tab: RunTab; readonly label: string }[] = [
  { tab: 'graph', label: 'Call graph' },
  { tab: 'calls', label: 'Calls table' },
  { tab: 'compare', label: 'Comparison' },
]

function GraphState({ entry, runId }: { entry: RunGraphEntry | undefined; runId: number }) {
  const runGraphRequested = useAppStore((state) => state.runGraphRequested)
  if (entry?.status === 'failed') {
    return (
      <div className="run-graph-state">
        <ErrorMessage error={entry.error} context={`Could not load the calls of run #${runId}`} />
        <button type="button" onClick={() => void runGraphRequested(runId, true)}>
          Try again
        </button>
      </div>
    )
  }
  return (
    <p className="panel-note run-graph-state" role="status">
      Loading the calls of run #{runId}…
    </p>
  )
}

function callRows(
  graph: RunGraph,
  comparison: RunComparison | null,
  differencesOnly: boolean,
): CallRow[] {
  if (comparison === null) return graph.calls.map((call) => ({ call, change: null }))
  if (differencesOnly) {
    return comparison.differences.map((difference) => ({
      call: difference.call,
      change: difference.kind,
    }))
  }
  const changes = new Map<object, CallChangeKind>()
  for (const difference of comparison.differences) {
    if (difference.after !== null) changes.set(difference.after, difference.kind)
  }
  const rows: CallRow[] = graph.calls.map((call) => ({ call, change: changes.get(call) ?? null }))
  for (const difference of comparison.differences) {
    if (difference.before !== null && difference.after === null) {
      rows.push({ call: difference.before, change: 'removed' })
    }
  }
  return rows
}

/** One run: its figures, its calls as a graph or a table, a comparison, and call details. */
export function RunPanel({ run }: { run: RunSummary }) {
  const compareRunId = useAppStore((state) => state.compareRunId)
  const selectedCallId = useAppStore((state) => state.selectedCallId)
  const callSelected = useAppStore((state) => state.callSelected)
  const runGraphRequested = useAppStore((state) => state.runGraphRequested)
  const entry = useAppStore((state) => state.runGraphs[run.id])
  const compareEntry = useAppStore((state) =>
    compareRunId === null ? undefined : state.runGraphs[compareRunId],
  )
  const tab = useRunsViewStore((state) => state.tab)
  const tabChosen = useRunsViewStore((state) => state.tabChosen)
  const differencesOnly = useRunsViewStore((state) => state.differencesOnly)
  const comparing = compareRunId !== null && compareRunId !== run.id

  useEffect(() => {
    // Holding an arrow key in the list passes over runs: load only the one it stops on.
    const timer = setTimeout(() => void runGraphRequested(run.id), GRAPH_REQUEST_DELAY_MS)
    return () => clearTimeout(timer)
  }, [run.id, runGraphRequested])
  useEffect(() => {
    if (compareRunId !== null) void runGraphRequested(compareRunId)
  }, [compareRunId, runGraphRequested])

  const graph = entry?.status === 'loaded' ? entry.graph : null
  const compareGraph = comparing && compareEntry?.status === 'loaded' ? compareEntry.graph : null
  // The newer run is drawn, marked against the older one.
  const ordered = useMemo(
    () => (graph !== null && compareGraph !== null ? orderRuns(graph, compareGraph) : null),
    [graph, compareGraph],
  )
  const comparison = useMemo(
    () => (ordered === null ? null : compareRunGraphs(ordered.base, ordered.current)),
    [ordered],
  )
  const shownGraph = ordered?.current ?? graph
  const rows = useMemo(
    () => (shownGraph === null ? [] : callRows(shownGraph, comparison, differencesOnly)),
    [shownGraph, comparison, differencesOnly],
  )
  const visibleTabs = comparing ? TABS : TABS.filter((choice) => choice.tab !== 'compare')
  const activeTab = !comparing && tab === 'compare' ? 'graph' : tab
  const waiting = shownGraph === null || (comparing && comparison === null)

  function body() {
    if (shownGraph === null) return <GraphState entry={entry} runId={run.id} />
    if (comparing && compareGraph === null) {
      return <GraphState entry={compareEntry} runId={compareRunId ?? run.id} />
    }
    const runName = `run #${shownGraph.runId}`
    if (activeTab === 'calls') {
      return (
        <CallsTable
          rows={rows}
          comparing={comparison !== null}
          selectedCallId={selectedCallId}
          onSelectCall={callSelected}
          ariaLabel={`Calls of ${runName}, in the order they were made`}
        />
      )
    }
    if (activeTab === 'compare' && comparison !== null) {
      return <ComparisonList comparison={comparison} />
    }
    return (
      <div className="run-graph-frame">
        <RunGraphCanvas
          graph={shownGraph}
          compareTo={ordered?.base ?? null}
          differencesOnly={comparison !== null && differencesOnly}
          selectedCallId={selectedCallId}
          onSelectCall={callSelected}
          ariaLabel={`Call graph of ${runName}`}
        />
      </div>
    )
  }

  return (
    <section className="run-panel" aria-label={`Run #${run.id}`} data-testid="run-panel">
      <RunHeader run={run} />
      {comparing && <ComparisonBar comparison={comparison} />}
      <div
        className="run-tabs"
        role="tablist"
        aria-label="Run views"
        onKeyDown={(event) => {
          const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
          if (step === 0) return
          const index = visibleTabs.findIndex((choice) => choice.tab === activeTab)
          const next = visibleTabs[(index + step + visibleTabs.length) % visibleTabs.length]
          if (next === undefined) return
          event.preventDefault()
          tabChosen(next.tab)
          document.getElementById(`run-tab-${next.tab}`)?.focus()
        }}
      >
        {visibleTabs.map((choice) => (
          <button
            key={choice.tab}
            type="button"
            role="tab"
            id={`run-tab-${choice.tab}`}
            aria-selected={activeTab === choice.tab}
            tabIndex={activeTab === choice.tab ? 0 : -1}
            aria-controls="run-tab-panel"
            className="run-tab"
            onClick={() => tabChosen(choice.tab)}
          >
            {choice.label}
            {choice.tab === 'compare' && comparison !== null && (
              <span className="run-tab-count">{comparison.differences.length}</span>
            )}
          </button>
        ))}
      </div>
      <div className="run-body">
        <div
          className="run-tab-panel"
          id="run-tab-panel"
          role="tabpanel"
          aria-labelledby={`run-tab-${activeTab}`}
          aria-busy={waiting}
        >
          {body()}
        </div>
        {selectedCallId !== null && (
          <CallDetailsPanel
            key={selectedCallId}
            callId={selectedCallId}
            graph={shownGraph}
            onClose={() => callSelected(null)}
          />
        )}
      </div>
    </section>
  )
}
