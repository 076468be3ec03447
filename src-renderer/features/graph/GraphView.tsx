/**
 * The Graph tab: one run's graph (the focused run, else the selected one, else the newest),
 * optionally compared with an earlier run, with a search box and a details panel.
 */
import { useCallback, useEffect, useState } from 'react'
import { type RunSummary } from '../../../src-shared/model/runs'
import { ErrorMessage } from '../../app/ErrorMessage'
import { useAppStore } from '../../app/store-context'
import { GraphDetails, type GraphSelection } from './GraphDetails'
import { RunGraphCanvas } from './RunGraphCanvas'
import { prewarmLayoutWorker } from './layout/layout-client'
import { type VariableNode } from './model/types'
import './graph-view.css'

function runLabel(run: RunSummary): string {
  const when = new Date(run.startedAt).toLocaleString()
  return `#${run.id} · ${when} · ⚡${run.hits} ▶${run.executed} ✕${run.failed}`
}

export function GraphView() {
  const runs = useAppStore((s) => s.runs)
  const focus = useAppStore((s) => s.graphFocus)
  const selectedRunId = useAppStore((s) => s.selectedRunId)
  const compareRunId = useAppStore((s) => s.compareRunId)
  const highlight = useAppStore((s) => s.graphHighlight)
  const selectedCallId = useAppStore((s) => s.selectedCallId)
  const runGraphs = useAppStore((s) => s.runGraphs)
  const runGraphRequested = useAppStore((s) => s.runGraphRequested)
  const graphOpened = useAppStore((s) => s.graphOpened)
  const compareSelected = useAppStore((s) => s.compareSelected)
  const callSelected = useAppStore((s) => s.callSelected)
  const graphHighlighted = useAppStore((s) => s.graphHighlighted)
  const [differencesOnly, setDifferencesOnly] = useState(false)
  const [search, setSearch] = useState('')
  const [selection, setSelection] = useState<GraphSelection | null>(null)

  const runId = focus?.runId ?? selectedRunId ?? runs[0]?.id ?? null
  const focusOps = focus !== null && focus.runId === runId ? focus.ops : null
  const shownRun = runs.find((run) => run.id === runId)
  const earlierRuns = runs.filter(
    (run) => shownRun !== undefined && run.startedAt < shownRun.startedAt,
  )
  const compareId = earlierRuns.some((run) => run.id === compareRunId) ? compareRunId : null

  useEffect(() => prewarmLayoutWorker(), [])
  useEffect(() => {
    if (runId !== null) void runGraphRequested(runId)
  }, [runId, runGraphRequested])
  useEffect(() => {
    if (compareId !== null) void runGraphRequested(compareId)
  }, [compareId, runGraphRequested])

  const entry = runId === null ? undefined : runGraphs[runId]
  const compareEntry = compareId === null ? undefined : runGraphs[compareId]
  const compareGraph = compareEntry?.status === 'loaded' ? compareEntry.graph : null

  const onSelectCall = useCallback(
    (callId: string | null) => {
      callSelected(callId)
      if (callId !== null) setSelection({ kind: 'call', callId })
      else setSelection(null)
    },
    [callSelected],
  )
  const onSelectOp = useCallback((op: string | null) => {
    if (op !== null) setSelection({ kind: 'op', op })
  }, [])
  const onSelectVariable = useCallback((variable: VariableNode | null) => {
    if (variable !== null) setSelection({ kind: 'variable', variable })
  }, [])
  const clearHighlight = useCallback(() => graphHighlighted(null), [graphHighlighted])

  if (runs.length === 0 && runId === null) {
    return (
      <p className="panel-note">
        No runs yet. Run a script from the Workspace tab to see its call graph here.
      </p>
    )
  }
  return (
    <div className="graph-view" data-testid="graph-view">
      <div className="graph-view-toolbar">
        <label>
          Run{' '}
          <select
            data-testid="graph-run-picker"
            value={runId ?? ''}
            onChange={(event) => {
              setSelection(null)
              graphOpened(Number(event.target.value))
            }}
          >
            {runId !== null && shownRun === undefined ? (
              <option value={runId}>#{runId}</option>
            ) : null}
            {runs.map((run) => (
              <option key={run.id} value={run.id}>
                {runLabel(run)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Compare with{' '}
          <select
            data-testid="graph-compare-picker"
            value={compareId ?? ''}
            onChange={(event) =>
              compareSelected(event.target.value === '' ? null : Number(event.target.value))
            }
            disabled={earlierRuns.length === 0}
          >
            <option value="">no comparison</option>
            {earlierRuns.map((run) => (
              <option key={run.id} value={run.id}>
                {runLabel(run)}
              </option>
            ))}
          </select>
        </label>
        {compareId !== null ? (
          <label className="graph-view-check">
            <input
              type="checkbox"
              data-testid="graph-differences-only"
              checked={differencesOnly}
              onChange={(event) => setDifferencesOnly(event.target.checked)}
            />
            Differences only
          </label>
        ) : null}
        <input
          type="search"
          className="graph-view-search"
          data-testid="graph-search"
          aria-label="Highlight nodes whose name contains"
          placeholder="Highlight nodes…"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      <div className="graph-view-body">
        <div className="graph-view-canvas">
          {entry === undefined || entry.status === 'loading' ? (
            <p className="panel-note" role="status">
              Loading run #{runId}…
            </p>
          ) : entry.status === 'failed' ? (
            <ErrorMessage error={entry.error} context={`Could not load run #${runId}`} />
          ) : (
            <RunGraphCanvas
              graph={entry.graph}
              compareTo={compareGraph}
              differencesOnly={differencesOnly}
              highlightOps={highlight?.ops ?? null}
              {...(highlight === null ? {} : { highlightLabel: highlight.label })}
              onClearHighlight={clearHighlight}
              focusOps={focusOps}
              selectedCallId={selectedCallId}
              onSelectCall={onSelectCall}
              onSelectOp={onSelectOp}
              onSelectVariable={onSelectVariable}
              searchText={search}
              ariaLabel={`Call graph of run ${entry.graph.runId}`}
            />
          )}
        </div>
        {entry?.status === 'loaded' ? (
          <GraphDetails graph={entry.graph} selection={selection} />
        ) : null}
      </div>
    </div>
  )
}
