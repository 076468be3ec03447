import { useMemo } from 'react'
import { type QueryResult } from '../../../src-shared/query/results'
import { niceScale, project, tickLabel } from './plot-scale'
import { useQueryStore } from './query-store'
import { cellNumber, cellText, numericColumns } from './result-table'

const WIDTH = 340
const HEIGHT = 230
/** Points and ticks keep off the axis lines. */
const INSET = 8
const MARGIN = { left: 48, right: 14, top: 12, bottom: 38 }

/** A scatter plot of two numeric result columns. */
export function QuickPlot({ result }: { result: QueryResult }) {
  const [xName, yName] = useQueryStore((state) => state.plotColumns)
  const plotChosen = useQueryStore((state) => state.plotChosen)
  const numeric = useMemo(
    () => numericColumns(result.columns, result.rows).map((index) => result.columns[index] ?? ''),
    [result],
  )
  const x = xName ?? numeric[0] ?? null
  const y = yName ?? numeric.find((name) => name !== x) ?? null

  const points = useMemo(() => {
    const xi = x === null ? -1 : result.columns.indexOf(x)
    const yi = y === null ? -1 : result.columns.indexOf(y)
    if (xi === -1 || yi === -1) return []
    return result.rows.flatMap((row) => {
      const px = cellNumber(row[xi])
      const py = cellNumber(row[yi])
      return px === null || py === null
        ? []
        : [{ x: px, y: py, label: `${cellText(row[xi])}, ${cellText(row[yi])}` }]
    })
  }, [result, x, y])

  if (numeric.length < 2) {
    return (
      <section className="query-plot-panel" aria-label="Quick plot">
        <h3 className="query-side-title">Quick plot</h3>
        <p className="query-pane-note">
          A plot needs two numeric columns; the results have {numeric.length === 0 ? 'none' : 'one'}
          .
        </p>
      </section>
    )
  }
  const xScale = niceScale(points.map((point) => point.x))
  const yScale = niceScale(points.map((point) => point.y))
  const left = MARGIN.left
  const right = WIDTH - MARGIN.right
  const top = MARGIN.top
  const bottom = HEIGHT - MARGIN.bottom
  const axisSelect = (axis: 0 | 1, value: string | null, label: string) => (
    <label className="query-plot-axis">
      {label}
      <select
        value={value ?? ''}
        onChange={(event) => plotChosen(axis, event.target.value)}
        data-testid={`query-plot-${axis === 0 ? 'x' : 'y'}`}
      >
        {numeric.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  )
  return (
    <section className="query-plot-panel" aria-label="Quick plot">
      <h3 className="query-side-title">Quick plot</h3>
      <div className="query-plot-controls">
        {axisSelect(0, x, 'x')}
        {axisSelect(1, y, 'y')}
      </div>
      <svg
        className="query-plot"
        data-testid="query-plot"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Scatter plot of ${y ?? ''} against ${x ?? ''}, ${points.length} points`}
      >
        {xScale.ticks.map((tick) => {
          const px = project(xScale, tick, left + INSET, right - INSET)
          return (
            <g key={`x${tick}`} className="query-plot-tick">
              <line x1={px} x2={px} y1={top} y2={bottom} className="query-plot-grid" />
              <text x={px} y={bottom + 14} textAnchor="middle">
                {tickLabel(tick)}
              </text>
            </g>
          )
        })}
        {yScale.ticks.map((tick) => {
          const py = project(yScale, tick, bottom - INSET, top + INSET)
          return (
            <g key={`y${tick}`} className="query-plot-tick">
              <line x1={left} x2={right} y1={py} y2={py} className="query-plot-grid" />
              <text x={left - 6} y={py + 4} textAnchor="end">
                {tickLabel(tick)}
              </text>
            </g>
          )
        })}
        <line x1={left} x2={right} y1={bottom} y2={bottom} className="query-plot-axis-line" />
        <line x1={left} x2={left} y1={top} y2={bottom} className="query-plot-axis-line" />
        <text
          x={(left + right) / 2}
          y={HEIGHT - 4}
          textAnchor="middle"
          className="query-plot-label"
        >
          {x}
        </text>
        <text
          x={12}
          y={(top + bottom) / 2}
          textAnchor="middle"
          transform={`rotate(-90 12 ${(top + bottom) / 2})`}
          className="query-plot-label"
        >
          {y}
        </text>
        {points.map((point, index) => (
          <circle
            key={index}
            cx={project(xScale, point.x, left + INSET, right - INSET)}
            cy={project(yScale, point.y, bottom - INSET, top + INSET)}
            r={4}
            className="query-plot-point"
          >
            <title>{point.label}</title>
          </circle>
        ))}
      </svg>
    </section>
  )
}
