import { useCallback } from 'react'
import { type RunSummary } from '../../../src-shared/model/runs'
import { useAppStore } from '../../app/store-context'
import { HitRateBar } from './HitRateBar'
import {
  STATUS_ICONS,
  STATUS_LABELS,
  callCount,
  formatDuration,
  formatStartedAt,
  hitRate,
  shortLabel,
} from './run-format'
import { VirtualGrid } from './VirtualGrid'

const COLUMNS =
  '2.2rem minmax(8rem, 1fr) minmax(13.5rem, 15rem) 6.4rem 4.6rem 4.4rem 6.6rem 5rem 9.6rem 9rem'
const ROW_HEIGHT = 34

function Header() {
  return (
    <>
      <span role="columnheader" className="runs-compare-cell">
        <span className="visually-hidden">Compare</span>
        <span aria-hidden="true" title="Compare with the selected run">
          ⇄
        </span>
      </span>
      <span role="columnheader">Run</span>
      <span role="columnheader">Started</span>
      <span role="columnheader" className="number">
        Duration
      </span>
      <span role="columnheader" className="number">
        Calls
      </span>
      <span role="columnheader" className="number">
        Hits
      </span>
      <span role="columnheader" className="number">
        Executed
      </span>
      <span role="columnheader" className="number">
        Failed
      </span>
      <span role="columnheader">Hit rate</span>
      <span role="columnheader">Status</span>
    </>
  )
}

function RunCells({
  run,
  selected,
  compared,
  onCompare,
}: {
  run: RunSummary
  selected: boolean
  compared: boolean
  onCompare: (runId: number | null) => void
}) {
  return (
    <>
      <span role="gridcell" className="runs-compare-cell">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={compared}
          disabled={selected}
          aria-label={`Compare run #${run.id} with the selected run`}
          title={selected ? 'This is the selected run' : 'Compare with the selected run'}
          onClick={(event) => event.stopPropagation()}
          onChange={(event) => onCompare(event.target.checked ? run.id : null)}
        />
      </span>
      <span role="gridcell" className="runs-name" title={run.label}>
        <span className="runs-id">#{run.id}</span>
        <span className="runs-label">{shortLabel(run.label)}</span>
        {compared && <span className="run-compare-badge">compared</span>}
      </span>
      <span role="gridcell" className="run-started">
        <time dateTime={new Date(run.startedAt).toISOString()}>
          {formatStartedAt(run.startedAt)}
        </time>
      </span>
      <span role="gridcell" className="number">
        {run.status === 'running' ? '…' : formatDuration(run.durationMs)}
      </span>
      <span role="gridcell" className="number" data-testid="run-calls">
        {callCount(run)}
      </span>
      <span role="gridcell" className="number run-hits" data-testid="run-hits">
        {run.hits}
      </span>
      <span role="gridcell" className="number" data-testid="run-executed">
        {run.executed}
      </span>
      <span
        role="gridcell"
        className={run.failed > 0 ? 'number runs-has-failures' : 'number'}
        data-testid="run-failed"
      >
        {run.failed}
      </span>
      <span role="gridcell">
        <HitRateBar rate={hitRate(run)} />
      </span>
      <span role="gridcell">
        <span className={`runs-status runs-status-${run.status}`} title={run.error ?? undefined}>
          <span aria-hidden="true" className="runs-status-icon">
            {STATUS_ICONS[run.status]}
          </span>{' '}
          {STATUS_LABELS[run.status]}
        </span>
      </span>
    </>
  )
}

/** Every run, newest first, in a virtualized grid: select with click or the arrow keys. */
export function RunsList({ runs }: { runs: readonly RunSummary[] }) {
  const selectedRunId = useAppStore((state) => state.selectedRunId)
  const compareRunId = useAppStore((state) => state.compareRunId)
  const runSelected = useAppStore((state) => state.runSelected)
  const compareSelected = useAppStore((state) => state.compareSelected)
  const selectedIndex = runs.findIndex((run) => run.id === selectedRunId)

  const onActivate = useCallback(
    (index: number) => {
      const run = runs[index]
      if (run === undefined) return
      if (run.id === compareRunId) compareSelected(null)
      runSelected(run.id)
    },
    [runs, compareRunId, compareSelected, runSelected],
  )

  const renderRow = (index: number) => {
    const run = runs[index]
    if (run === undefined) return { key: `missing-${index}`, cells: null }
    return {
      key: String(run.id),
      testId: `run-row-${run.id}`,
      className: `run-row run-row-${run.status} ${run.id === compareRunId ? 'run-row-compared' : ''}`,
      cells: (
        <RunCells
          run={run}
          selected={run.id === selectedRunId}
          compared={run.id === compareRunId}
          onCompare={compareSelected}
        />
      ),
    }
  }

  return (
    <VirtualGrid
      className="runs-list"
      ariaLabel={`Runs, newest first: ${runs.length}`}
      rowCount={runs.length}
      rowHeight={ROW_HEIGHT}
      columns={COLUMNS}
      header={<Header />}
      activeIndex={selectedIndex === -1 ? null : selectedIndex}
      onActivate={onActivate}
      renderRow={renderRow}
    />
  )
}
