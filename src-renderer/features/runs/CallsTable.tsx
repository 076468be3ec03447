import { type RunGraphCall } from '../../../src-shared/model/run-graph'
import { CHANGE_ICONS, CHANGE_LABELS, type CallChangeKind } from './run-compare'
import { OUTCOME_ICONS, OUTCOME_LABELS, formatDuration, shortId } from './run-format'
import { VirtualGrid } from './VirtualGrid'

export interface CallRow {
  readonly call: RunGraphCall
  /** How the call differs from the compared run; null when equal or not comparing. */
  readonly change: CallChangeKind | null
}

const ROW_HEIGHT = 32

function Header({ comparing }: { comparing: boolean }) {
  return (
    <>
      <span role="columnheader" className="number">
        #
      </span>
      <span role="columnheader">Op</span>
      <span role="columnheader">Outcome</span>
      {comparing && <span role="columnheader">Change</span>}
      <span role="columnheader">Reason</span>
      <span role="columnheader" className="number">
        Duration
      </span>
      <span role="columnheader">Call</span>
    </>
  )
}

/** The run's calls as a table: the graph's accessible twin, one row per call in run order. */
export function CallsTable({
  rows,
  comparing,
  selectedCallId,
  onSelectCall,
  ariaLabel,
}: {
  rows: readonly CallRow[]
  comparing: boolean
  selectedCallId: string | null
  onSelectCall: (callId: string) => void
  ariaLabel: string
}) {
  const selectedIndex = rows.findIndex((row) => row.call.callId === selectedCallId)
  const columns = comparing
    ? '3.2rem minmax(8rem, 1.2fr) 7.5rem 9.5rem minmax(8rem, 1.6fr) 6.2rem 7.6rem'
    : '3.2rem minmax(8rem, 1.2fr) 7.5rem minmax(8rem, 1.6fr) 6.2rem 7.6rem'
  const renderRow = (index: number) => {
    const row = rows[index]
    if (row === undefined) return { key: `missing-${index}`, cells: null }
    const { call, change } = row
    return {
      key: `${index}:${call.callId}`,
      testId: `call-row-${call.callId}`,
      className: `call-row call-row-${call.outcome}`,
      cells: (
        <>
          <span role="gridcell" className="number call-index">
            {index + 1}
          </span>
          <span role="gridcell" className="call-op" title={call.op}>
            {call.op}
          </span>
          <span role="gridcell" className={`call-outcome outcome-text-${call.outcome}`}>
            <span aria-hidden="true" className="call-outcome-icon">
              {OUTCOME_ICONS[call.outcome]}
            </span>{' '}
            {OUTCOME_LABELS[call.outcome]}
          </span>
          {comparing && (
            <span
              role="gridcell"
              className={change === null ? 'call-same' : `call-change-${change}`}
            >
              {change === null ? (
                'same'
              ) : (
                <>
                  <span aria-hidden="true">{CHANGE_ICONS[change]} </span>
                  {CHANGE_LABELS[change]}
                </>
              )}
            </span>
          )}
          <span role="gridcell" className="call-reason" title={call.reason}>
            {call.reason}
          </span>
          <span role="gridcell" className="number">
            {formatDuration(call.durationMs)}
          </span>
          <span role="gridcell" className="call-id" title={call.callId}>
            {shortId(call.callId)}
          </span>
        </>
      ),
    }
  }
  return (
    <VirtualGrid
      className="calls-table"
      ariaLabel={ariaLabel}
      rowCount={rows.length}
      rowHeight={ROW_HEIGHT}
      columns={columns}
      header={<Header comparing={comparing} />}
      activeIndex={selectedIndex === -1 ? null : selectedIndex}
      onActivate={(index) => {
        const row = rows[index]
        if (row !== undefined) onSelectCall(row.call.callId)
      }}
      renderRow={renderRow}
    />
  )
}
