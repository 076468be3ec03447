import { type CodeRunResult, type RunProgress } from '../../../src-shared/host/contract'

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

/** "42 calls · 40 hits · 2 executed · 0 failed" */
export function progressText(progress: RunProgress | null): string {
  const { calls, hits, executed, failed } = progress ?? {
    calls: 0,
    hits: 0,
    executed: 0,
    failed: 0,
  }
  return `${plural(calls, 'call')} · ${plural(hits, 'hit')} · ${executed} executed · ${failed} failed`
}

export function formatRunDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`
  const seconds = milliseconds / 1000
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
}

export const RESULT_ICONS: Readonly<Record<CodeRunResult['status'], string>> = {
  succeeded: '✓',
  failed: '✕',
  cancelled: '‖',
}

/** "Succeeded in 1.20 s", "Failed after 300 ms", "Cancelled after 2.00 s". */
export function resultText(result: CodeRunResult): string {
  const duration = formatRunDuration(result.durationMs)
  if (result.status === 'succeeded') return `Succeeded in ${duration}`
  if (result.status === 'failed') return `Failed after ${duration}`
  return `Cancelled after ${duration}`
}
