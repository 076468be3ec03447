import { type RunStatus, type RunSummary } from '../../../src-shared/model/runs'

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

/** Share of the run's calls answered from storage, or null for a run with no calls. */
export function hitRate(run: RunSummary): number | null {
  const calls = run.hits + run.executed + run.failed
  return calls === 0 ? null : run.hits / calls
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
