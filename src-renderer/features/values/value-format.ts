/** Pure formatting for value previews: numbers, sizes, table cells, plot geometry, tree labels. */
import { type PreviewScalar, type PreviewTree } from '../../../src-shared/model/values'

/** Short, exact-enough numbers: integers as they are, others to 4 significant digits. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞'
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value)
  const magnitude = Math.abs(value)
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) return value.toExponential(3)
  return String(Number(value.toPrecision(4)))
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`
}

export function formatCell(cell: PreviewScalar): string {
  if (cell === null) return 'null'
  if (typeof cell === 'number') return formatNumber(cell)
  return String(cell)
}

/** A column reads as numeric (right-aligned) when every non-null cell in it is a number. */
export function isNumericColumn(rows: readonly (readonly PreviewScalar[])[], column: number) {
  let numbers = 0
  for (const row of rows) {
    const cell = row[column]
    if (cell === null || cell === undefined) continue
    if (typeof cell !== 'number') return false
    numbers++
  }
  return numbers > 0
}

export interface PlotBar {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** Few enough values to draw one bar each; more read better as a line. */
export const MAX_BARS = 48

function scaleY(value: number, min: number, max: number, height: number): number {
  if (max === min) return height / 2
  return height - ((value - min) / (max - min)) * height
}

/**
 * Polyline points for a line plot of `values` in a width × height box (y grows downwards).
 * More values than pixels are reduced to each pixel column's min and max, so spikes survive.
 */
export function linePoints(values: readonly number[], width: number, height: number): string {
  const finite = values.filter((value) => Number.isFinite(value))
  if (finite.length === 0) return ''
  const min = Math.min(...finite)
  const max = Math.max(...finite)
  const round = (n: number) => Math.round(n * 10) / 10
  if (finite.length === 1) {
    const y = round(scaleY(finite[0] ?? 0, min, max, height))
    return `0,${y} ${width},${y}`
  }
  const columns = Math.max(1, Math.floor(width))
  if (finite.length <= columns * 2) {
    const step = width / (finite.length - 1)
    return finite
      .map((value, index) => `${round(index * step)},${round(scaleY(value, min, max, height))}`)
      .join(' ')
  }
  const points: string[] = []
  const perColumn = finite.length / columns
  for (let column = 0; column < columns; column++) {
    const bucket = finite.slice(
      Math.floor(column * perColumn),
      Math.floor((column + 1) * perColumn),
    )
    if (bucket.length === 0) continue
    const x = round((column / (columns - 1 || 1)) * width)
    points.push(`${x},${round(scaleY(Math.max(...bucket), min, max, height))}`)
    points.push(`${x},${round(scaleY(Math.min(...bucket), min, max, height))}`)
  }
  return points.join(' ')
}

/** One bar per value, rising from zero (or from the minimum when every value is positive). */
export function barRects(values: readonly number[], width: number, height: number): PlotBar[] {
  const finite = values.map((value) => (Number.isFinite(value) ? value : 0))
  if (finite.length === 0) return []
  const min = Math.min(0, ...finite)
  const max = Math.max(0, ...finite)
  const slot = width / finite.length
  const gap = slot > 4 ? 1 : 0
  const zero = scaleY(0, min, max, height)
  return finite.map((value, index) => {
    const top = max === min ? height / 2 : scaleY(value, min, max, height)
    return {
      x: index * slot + gap / 2,
      y: Math.min(top, zero),
      width: Math.max(slot - gap, 0.5),
      height: Math.max(Math.abs(zero - top), value === 0 ? 0 : 1),
    }
  })
}

/** The one-line label of a collapsed tree node: `Array(3)`, `Map(2)`, `{ a, b, … }`. */
export function treeLabel(tree: PreviewTree): string {
  switch (tree.kind) {
    case 'leaf':
      return tree.value === null ? 'null' : formatLeaf(tree.value, tree.type)
    case 'array':
      return `Array(${tree.length})`
    case 'object': {
      if (tree.type !== 'Object') return `${tree.type}(${tree.size})`
      const keys = tree.entries.slice(0, 3).map(([key]) => key)
      if (tree.size > keys.length) keys.push('…')
      return keys.length === 0 ? '{}' : `{ ${keys.join(', ')} }`
    }
  }
}

export function formatLeaf(value: PreviewScalar, type: string): string {
  if (typeof value === 'string' && type === 'string') return JSON.stringify(value)
  return formatCell(value)
}

/** How many entries a cut tree node does not show. */
export function hiddenEntries(tree: PreviewTree): number {
  if (tree.kind === 'array') return Math.max(0, tree.length - tree.items.length)
  if (tree.kind === 'object') return Math.max(0, tree.size - tree.entries.length)
  return 0
}
