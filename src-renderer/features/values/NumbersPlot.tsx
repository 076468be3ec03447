import { useId } from 'react'
import { MAX_BARS, barRects, formatCount, formatNumber, linePoints } from './value-format'

const WIDTH = 240
const HEIGHT = 56

/** A small line (or bar) plot of a numeric array, with its length, min and max in words. */
export function NumbersPlot({
  values,
  length,
  min,
  max,
}: {
  values: readonly number[]
  length: number
  min: number
  max: number
}) {
  const titleId = useId()
  const description = `Plot of ${formatCount(length, 'number')}, from ${formatNumber(min)} to ${formatNumber(max)}`
  const asBars = values.length <= MAX_BARS
  return (
    <figure className="value-numbers">
      <svg
        className="value-numbers-plot"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-labelledby={titleId}
        preserveAspectRatio="none"
      >
        <title id={titleId}>{description}</title>
        {asBars ? (
          barRects(values, WIDTH, HEIGHT).map((bar, index) => (
            <rect key={index} x={bar.x} y={bar.y} width={bar.width} height={bar.height} />
          ))
        ) : (
          <polyline points={linePoints(values, WIDTH, HEIGHT)} />
        )}
      </svg>
      <figcaption className="value-meta">
        <span>length {length.toLocaleString('en-US')}</span>
        <span>min {formatNumber(min)}</span>
        <span>max {formatNumber(max)}</span>
        {values.length < length && <span>plot shows the first {values.length}</span>}
      </figcaption>
    </figure>
  )
}
