/**
 * The result table's data work, kept pure: cell text, sorting, export text and the columns a
 * quick plot can use.
 */
import Papa from 'papaparse'
import { type QueryResultCell } from '../../../src-shared/query/results'

export type ResultRow = readonly QueryResultCell[]

export type SortDirection = 'asc' | 'desc'

export interface ResultSort {
  readonly column: number
  readonly direction: SortDirection
}

/** What a cell shows: a value's one-line summary, or a key as written. */
export function cellText(cell: QueryResultCell | undefined): string {
  if (cell === undefined) return ''
  if (cell.kind === 'value') return cell.summary
  const { key } = cell
  if (key === null) return 'null'
  return typeof key === 'string' ? key : String(key)
}

/** The cell as a number when it is one (numeric values and numeric keys), else null. */
export function cellNumber(cell: QueryResultCell | undefined): number | null {
  if (cell === undefined) return null
  if (cell.kind === 'value') return cell.number
  return typeof cell.key === 'number' && Number.isFinite(cell.key) ? cell.key : null
}

/** The value a cell exports as: its number when it has one, else its text. */
export function cellExport(cell: QueryResultCell | undefined): number | string {
  return cellNumber(cell) ?? cellText(cell)
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

function compareCells(a: QueryResultCell | undefined, b: QueryResultCell | undefined): number {
  const left = cellNumber(a)
  const right = cellNumber(b)
  if (left !== null && right !== null) return left - right
  // Numbers before text, so a column of numbers with a few odd cells still reads in order.
  if (left !== null) return -1
  if (right !== null) return 1
  return collator.compare(cellText(a), cellText(b))
}

/**
 * Rows ordered by one column (numbers by value, text naturally); ties keep the engine's order.
 * Without a sort, the rows as they came.
 */
export function sortRows(
  rows: readonly ResultRow[],
  sort: ResultSort | null,
): readonly ResultRow[] {
  if (sort === null) return rows
  const sign = sort.direction === 'asc' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index }))
    .sort(
      (a, b) => sign * compareCells(a.row[sort.column], b.row[sort.column]) || a.index - b.index,
    )
    .map(({ row }) => row)
}

/** The next sort after a click on a column header: ascending, descending, then off. */
export function nextSort(current: ResultSort | null, column: number): ResultSort | null {
  if (current === null || current.column !== column) return { column, direction: 'asc' }
  return current.direction === 'asc' ? { column, direction: 'desc' } : null
}

export function toCsv(columns: readonly string[], rows: readonly ResultRow[]): string {
  return Papa.unparse(
    {
      fields: [...columns],
      data: rows.map((row) => columns.map((_, index) => cellExport(row[index]))),
    },
    { newline: '\n' },
  )
}

/** One object per row, keyed by column; numbers stay numbers. */
export function toJson(columns: readonly string[], rows: readonly ResultRow[]): string {
  const records = rows.map((row) =>
    Object.fromEntries(columns.map((column, index) => [column, cellExport(row[index])])),
  )
  return `${JSON.stringify(records, null, 2)}\n`
}

/** Columns whose every cell is a number (and that have at least one row): plottable. */
export function numericColumns(columns: readonly string[], rows: readonly ResultRow[]): number[] {
  if (rows.length === 0) return []
  return columns.flatMap((_, index) =>
    rows.every((row) => cellNumber(row[index]) !== null) ? [index] : [],
  )
}

/** "4 rows", "1 row", or "4 of 12,000 rows" when the table holds fewer than matched. */
export function rowCountText(shown: number, total: number): string {
  const format = (count: number) => count.toLocaleString('en-US')
  const noun = total === 1 ? 'row' : 'rows'
  return shown >= total
    ? `${format(total)} ${noun}`
    : `${format(shown)} of ${format(total)} ${noun}`
}
