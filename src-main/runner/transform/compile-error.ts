import { ERROR_CODES } from '../../../src-shared/errors'
import { RunnerError } from '../runner-error'
import { lineIndexAt } from './text-positions'

/** Where a compile error points: workspace-relative file, 1-based line and column. */
export interface CodeLocation {
  readonly file: string
  readonly line: number
  readonly column: number
}

/** `<file>:<line>:<column>: <what>`, with the location in details for the app to jump to. */
export function compileError(location: CodeLocation, what: string): RunnerError {
  const { file, line, column } = location
  return new RunnerError(ERROR_CODES.runnerCompile, `${file}:${line}:${column}: ${what}`, {
    file,
    line,
    column,
  })
}

/** 1-based line and column of a character offset. */
export function locationAt(
  file: string,
  lineStarts: readonly number[],
  offset: number,
): CodeLocation {
  const line = lineIndexAt(lineStarts, offset)
  return { file, line: line + 1, column: offset - (lineStarts[line] ?? 0) + 1 }
}
