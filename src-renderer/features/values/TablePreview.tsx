import { type PreviewScalar } from '../../../src-shared/model/values'
import { formatCell, formatCount, isNumericColumn } from './value-format'

/** Rows of records or Arrow-like columns as a grid: sticky header, numbers right-aligned. */
export function TablePreview({
  columns,
  rows,
  rowCount,
}: {
  columns: readonly string[]
  rows: readonly (readonly PreviewScalar[])[]
  rowCount: number
}) {
  const numeric = columns.map((_, index) => isNumericColumn(rows, index))
  return (
    <div className="value-table">
      <p className="value-meta">
        {formatCount(rowCount, 'row')} × {formatCount(columns.length, 'column')}
        {rows.length < rowCount && <span> (first {rows.length} shown)</span>}
      </p>
      <div className="value-table-scroll" tabIndex={0} role="region" aria-label="Table preview">
        <table>
          <thead>
            <tr>
              <th scope="col" className="value-table-index">
                <span className="visually-hidden">Row</span>
              </th>
              {columns.map((column, index) => (
                <th key={index} scope="col" className={numeric[index] ? 'number' : undefined}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                <th scope="row" className="value-table-index">
                  {rowIndex}
                </th>
                {columns.map((_, column) => {
                  const cell = row[column] ?? null
                  return (
                    <td
                      key={column}
                      className={
                        numeric[column] ? 'number' : cell === null ? 'value-null' : undefined
                      }
                    >
                      {formatCell(cell)}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
