import { type CallOutcome, type RunStatus, type RunSummary } from '../../../src-shared/model/runs'

const startedAtFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
})

/** Local date and time, in the user's locale. */
export function formatStartedAt(epochMilliseconds: number): string {
  return startedAtFormat.format(epochMilliseconds)
}

export function formatDuration(milliseconds: number | null): string {
  if (milliseconds === null) return '—'
  if (milliseconds < 10) return `${milliseconds.toFixed(1)} ms`
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`
  const seconds = milliseconds / 1000
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

export function callCount(run: RunSummary): number {
  return run.hits + run.executed + run.failed
}

/** Share of the run's calls answered from storage, or null for a run with no calls. */
export function hitRate(run: RunSummary): number | null {
  const calls = callCount(run)
  return calls === 0 ? null : run.hits / calls
}

/** A whole percentage that never rounds a miss away: 999 hits of 1000 read 99%, not 100%. */
export function formatPercent(rate: number): string {
  const percent = rate * 100
  if (percent > 99 && percent < 100) return '99%'
  if (percent > 0 && percent < 1) return '<1%'
  return `${Math.round(percent)}%`
}

/** How a run is named in headings and lists: `#12 main.ts`. */
export function runTitle(run: Pick<RunSummary, 'id' | 'label'>): string {
  return run.label === '' ? `#${run.id}` : `#${run.id} ${run.label}`
}

/** The end of a script path, which is what tells runs apart in a narrow column. */
export function shortLabel(label: string): string {
  if (label === '') return 'unlabelled run'
  const parts = label.split(/[\\/]/)
  return parts.length <= 2 ? label : `…/${parts.slice(-2).join('/')}`
}

export const STATUS_LABELS: Readonly<Record<RunStatus, string>> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  interrupted: 'Interrupted',
}

/** Shape as well as colour, so status reads without colour vision. */
export const STATUS_ICONS: Readonly<Record<RunStatus, string>> = {
  running: '◔',
  succeeded: '✓',
  failed: '✕',
  interrupted: '‖',
}

export const OUTCOME_LABELS: Readonly<Record<CallOutcome, string>> = {
  hit: 'Hit',
  executed: 'Executed',
  failed: 'Failed',
}

/** The same glyphs the graph uses: ⚡ answered from storage, ▶ ran, ✕ threw. */
export const OUTCOME_ICONS: Readonly<Record<CallOutcome, string>> = {
  hit: '⚡',
  executed: '▶',
  failed: '✕',
}

/** A call id is a long hash; its head is enough to tell calls apart on screen. */
export function shortId(id: string): string {
  return id.length <= 10 ? id : `${id.slice(0, 8)}…`
}
