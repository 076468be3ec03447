import { type RunSummary } from '../../src-shared/model/runs'

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—'
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`
}

export function formatTime(epochMs: number): string {
  const date = new Date(epochMs)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

/** "3 hits, 5 executed, 0 failed" */
export function formatCounts(counts: { hits: number; executed: number; failed: number }): string {
  return `${counts.hits} hit${counts.hits === 1 ? '' : 's'}, ${counts.executed} executed, ${counts.failed} failed`
}

/** A plain text table: right-aligned numeric columns, the last column left as is. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: ReadonlySet<number>,
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        if (column === cells.length - 1) return cell
        const width = widths[column] ?? cell.length
        return numeric.has(column) ? cell.padStart(width) : cell.padEnd(width)
      })
      .join('  ')
      .trimEnd()
  return [line(headers), ...rows.map(line)].join('\n')
}

export function runRow(run: RunSummary): string[] {
  return [
    `#${run.id}`,
    formatTime(run.startedAt),
    formatDuration(run.durationMs),
    String(run.hits),
    String(run.executed),
    String(run.failed),
    run.status,
    run.label,
  ]
}

export const RUN_HEADERS = [
  'RUN',
  'STARTED',
  'DURATION',
  'HITS',
  'EXECUTED',
  'FAILED',
  'STATUS',
  'LABEL',
]
export const RUN_NUMERIC = new Set([0, 2, 3, 4, 5])
