import { type RunnerErrorData } from '../../../src-shared/runner/protocol'

/** A run error placed in a file, as the editor marks it. */
export interface RunErrorMarker {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly message: string
}

/** Where a run's error points in the workspace, or null when it has no location. */
export function runErrorMarker(error: RunnerErrorData | null): RunErrorMarker | null {
  const location = error?.location
  if (error === null || location === undefined) return null
  return {
    file: location.file,
    line: Math.max(1, location.line),
    column: Math.max(1, location.column),
    message: error.message,
  }
}

/** "forest.ts:88:5" */
export function locationText(marker: RunErrorMarker): string {
  return `${marker.file}:${marker.line}:${marker.column}`
}
