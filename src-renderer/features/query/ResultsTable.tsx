import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { type QueryResult, type QueryResultCell } from '../../../src-shared/query/results'
import { useAppStore } from '../../app/store-context'
import { useQueryStore } from './query-store'
import { cellNumber, cellText, nextSort, sortRows } from './result-table'

const ROW_HEIGHT = 30
const HEADER_HEIGHT = 34

interface CellMenu {
  readonly hid: string
  readonly text: string
  readonly left: number
  readonly top: number
}

/** The result rows, virtualized; header clicks sort, a value cell's menu offers Find similar. */
export function ResultsTable({ result }: { result: QueryResult }) {
  const sort = useQueryStore((state) => state.sort)
  const sortChanged = useQueryStore((state) => state.sortChanged)
  const similarRequested = useAppStore((state) => state.similarRequested)
  const scroller = useRef<HTMLDivElement>(null)
  const [menu, setMenu] = useState<CellMenu | null>(null)
  const rows = useMemo(() => sortRows(result.rows, sort), [result.rows, sort])
  const numeric = useMemo(
    () => result.columns.map((_, index) => rows.some((row) => cellNumber(row[index]) !== null)),
    [result.columns, rows],
  )
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
  })
  const template = `repeat(${Math.max(result.columns.length, 1)}, minmax(9rem, 1fr))`

  const openMenu = (cell: QueryResultCell | undefined, target: HTMLElement, at?: MouseEvent) => {
    if (cell?.kind !== 'value') return
    const box = scroller.current?.getBoundingClientRect()
    const own = target.getBoundingClientRect()
    if (box === undefined) return
    setMenu({
      hid: cell.hid,
      text: cell.summary,
      left: (at?.clientX ?? own.left + 12) - box.left + (scroller.current?.scrollLeft ?? 0),
      top: (at?.clientY ?? own.bottom) - box.top + (scroller.current?.scrollTop ?? 0),
    })
  }

  const onCellKey = (event: KeyboardEvent<HTMLElement>, cell: QueryResultCell | undefined) => {
    if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      event.preventDefault()
      openMenu(cell, event.currentTarget)
    }
  }

  return (
    <div className="query-table-scroll" ref={scroller} onScroll={() => setMenu(null)}>
      <div
        className="query-table"
        role="table"
        aria-label="Query results"
        data-testid="query-results"
        aria-rowcount={rows.length + 1}
      >
        <div className="query-table-head" role="rowgroup">
          <div className="query-table-row" role="row" style={{ gridTemplateColumns: template }}>
            {result.columns.map((column, index) => {
              const direction = sort?.column === index ? sort.direction : null
              return (
                <div
                  key={column}
                  role="columnheader"
                  className="query-table-header"
                  aria-sort={
                    direction === null ? 'none' : direction === 'asc' ? 'ascending' : 'descending'
                  }
                >
                  <button
                    type="button"
                    className={numeric[index] === true ? 'is-numeric' : undefined}
                    onClick={() => sortChanged(nextSort(sort, index))}
                    title="Sort (click again to reverse, a third time to clear)"
                  >
                    {column}
                    <span className="query-sort-mark" aria-hidden="true">
                      {direction === 'asc' ? ' ▲' : direction === 'desc' ? ' ▼' : ''}
                    </span>
                  </button>
                </div>
              )
            })}
          </div>
        </div>
        <div
          className="query-table-body"
          role="rowgroup"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index] ?? []
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className="query-table-row"
                style={{
                  gridTemplateColumns: template,
                  transform: `translateY(${item.start - HEADER_HEIGHT}px)`,
                }}
              >
                {result.columns.map((column, index) => {
                  const cell = row[index]
                  const isValue = cell?.kind === 'value'
                  return (
                    <div
                      key={column}
                      role="cell"
                      className={`query-table-cell${numeric[index] === true ? ' is-numeric' : ''}${isValue ? ' is-value' : ''}`}
                      tabIndex={isValue ? 0 : undefined}
                      title={
                        isValue
                          ? `${cellText(cell)} — right-click for Find similar`
                          : cellText(cell)
                      }
                      onContextMenu={(event) => {
                        if (!isValue) return
                        event.preventDefault()
                        openMenu(cell, event.currentTarget, event)
                      }}
                      onKeyDown={(event) => onCellKey(event, cell)}
                    >
                      {cellText(cell)}
                    </div>
                  )
                })}
              </div>
            )
          })}
        </div>
      </div>
      {menu !== null && (
        <div
          className="query-cell-menu"
          role="menu"
          aria-label={`Actions for ${menu.text}`}
          style={{ left: menu.left, top: menu.top }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setMenu(null)
          }}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget)) setMenu(null)
          }}
        >
          <button
            type="button"
            role="menuitem"
            autoFocus
            data-testid="find-similar"
            onClick={() => {
              setMenu(null)
              similarRequested(menu.hid)
            }}
          >
            Find similar
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setMenu(null)
              void navigator.clipboard?.writeText(menu.text)
            }}
          >
            Copy value
          </button>
        </div>
      )}
    </div>
  )
}
