import { useVirtualizer } from '@tanstack/react-virtual'
import {
  useEffect,
  useId,
  useRef,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react'

export interface GridRow {
  readonly key: string
  readonly testId?: string
  readonly className?: string
  readonly label?: string
  readonly cells: ReactNode
}

interface VirtualGridProps {
  readonly ariaLabel: string
  readonly rowCount: number
  readonly rowHeight: number
  /** CSS grid-template-columns shared by the header and every row. */
  readonly columns: string
  readonly header: ReactNode
  /** The selected row; the arrow keys move it and it is kept scrolled into view. */
  readonly activeIndex: number | null
  readonly onActivate: (index: number) => void
  readonly renderRow: (index: number) => GridRow
  readonly className?: string
}

const PAGE_ROWS = 10

/**
 * A grid that renders only the rows in view, so 10,000 rows cost what 30 do. The grid itself
 * takes focus and points at the selected row with aria-activedescendant; Up, Down, Page Up,
 * Page Down, Home and End move the selection.
 */
export function VirtualGrid({
  ariaLabel,
  rowCount,
  rowHeight,
  columns,
  header,
  activeIndex,
  onActivate,
  renderRow,
  className,
}: VirtualGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const idPrefix = useId()
  // The header is sticky inside the scroller: rows start below it and scroll under it.
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh each render on purpose
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollMargin: rowHeight,
    scrollPaddingStart: rowHeight,
    useFlushSync: false,
  })

  useEffect(() => {
    if (activeIndex !== null && activeIndex < rowCount) {
      virtualizer.scrollToIndex(activeIndex, { align: 'auto' })
    }
  }, [activeIndex, rowCount, virtualizer])

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (rowCount === 0 || event.target !== event.currentTarget) return
    const current = activeIndex ?? -1
    let next: number | null = null
    if (event.key === 'ArrowDown') next = current + 1
    else if (event.key === 'ArrowUp') next = current - 1
    else if (event.key === 'PageDown') next = current + PAGE_ROWS
    else if (event.key === 'PageUp') next = current - PAGE_ROWS
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = rowCount - 1
    else if (event.key === 'Enter' || event.key === ' ') next = Math.max(current, 0)
    if (next === null) return
    event.preventDefault()
    onActivate(Math.min(rowCount - 1, Math.max(0, next)))
  }

  const rowId = (index: number) => `${idPrefix}-row-${index}`
  const style = {
    '--vgrid-columns': columns,
    '--vgrid-row-height': `${rowHeight}px`,
    // Lets a grid with few rows shrink to them (border included).
    '--vgrid-content-height': `${(rowCount + 1) * rowHeight + 2}px`,
  }
  return (
    <div
      ref={scrollRef}
      className={`vgrid ${className ?? ''}`}
      role="grid"
      aria-label={ariaLabel}
      aria-rowcount={rowCount + 1}
      aria-activedescendant={activeIndex === null ? undefined : rowId(activeIndex)}
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={style as CSSProperties}
    >
      <div role="rowgroup" className="vgrid-head">
        <div role="row" aria-rowindex={1} className="vgrid-row vgrid-header-row">
          {header}
        </div>
      </div>
      <div role="rowgroup" className="vgrid-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = renderRow(item.index)
          const selected = item.index === activeIndex
          return (
            <div
              key={row.key}
              id={rowId(item.index)}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={selected}
              aria-label={row.label}
              data-testid={row.testId}
              className={`vgrid-row ${selected ? 'vgrid-row-selected' : ''} ${row.className ?? ''}`}
              style={{ transform: `translateY(${item.start - rowHeight}px)` }}
              onClick={() => onActivate(item.index)}
            >
              {row.cells}
            </div>
          )
        })}
      </div>
    </div>
  )
}
