/** Axis scales for the quick plot: a padded domain and "nice" round ticks. */

export interface Scale {
  readonly min: number
  readonly max: number
  readonly ticks: readonly number[]
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(count, 1)
  const power = 10 ** Math.floor(Math.log10(raw))
  const fraction = raw / power
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
  return nice * power
}

/** A domain covering the values on round ticks (about `count` of them). */
export function niceScale(values: readonly number[], count = 5): Scale {
  const finite = values.filter((value) => Number.isFinite(value))
  if (finite.length === 0) return { min: 0, max: 1, ticks: [0, 0.5, 1] }
  let low = Math.min(...finite)
  let high = Math.max(...finite)
  if (low === high) {
    // One distinct value: centre it in a unit-sized window.
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1
    low -= pad
    high += pad
  }
  const step = niceStep(high - low, count)
  const min = Math.floor(low / step) * step
  const max = Math.ceil(high / step) * step
  const ticks: number[] = []
  for (let tick = min; tick <= max + step / 2; tick += step) {
    // Rounding keeps 0.30000000000000004 from reaching a label.
    ticks.push(Number(tick.toPrecision(12)))
  }
  return { min, max, ticks }
}

/** Maps a value to a pixel between `from` and `to` (to < from for a y axis). */
export function project(scale: Scale, value: number, from: number, to: number): number {
  const span = scale.max - scale.min
  return from + ((value - scale.min) / (span === 0 ? 1 : span)) * (to - from)
}

/** A tick label: short, no float noise. */
export function tickLabel(value: number): string {
  if (value === 0) return '0'
  const magnitude = Math.abs(value)
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(1)
  return String(Number(value.toPrecision(4)))
}
