/**
 * Turns what a workspace run threw into RunnerErrorData that points at the TypeScript the user
 * wrote: stack frames in workspace modules are mapped back through each module's source map,
 * and the innermost such frame becomes the error's `location`.
 */
import { join } from 'node:path'
import { inspect } from 'node:util'
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping'
import { ERROR_CODES, type ErrorCode } from '../../src-shared/errors'
import { type RunnerErrorData, type SourceLocation } from '../../src-shared/runner/protocol'
import { type WorkspaceBundle } from './transform/types'
import { ENTRY_PREFIX } from './worker/module-loader'

const KNOWN_CODES = new Set<string>(Object.values(ERROR_CODES))
/** `    at name (file:line:column)` or `    at file:line:column`. */
const FRAME = /^(\s+at (?:.+? \()?)(.+?):(\d+):(\d+)(\)?)$/

interface ModuleMap {
  readonly path: string
  readonly isEntry: boolean
  readonly lineCount: number
  readonly rawMap: string
  traced?: TraceMap
}

export interface MappedStack {
  readonly stack: string
  /** The innermost frame in a workspace module, at its original TypeScript position. */
  readonly location: SourceLocation | undefined
}

export class StackMapper {
  private readonly byAbsolutePath = new Map<string, ModuleMap>()

  constructor(bundle: WorkspaceBundle) {
    for (const module of bundle.modules) {
      this.byAbsolutePath.set(join(bundle.root, module.path), {
        path: module.path,
        isEntry: module.path === bundle.entry,
        lineCount: module.code.split('\n').length,
        rawMap: module.map,
      })
    }
  }

  /** Rewrites workspace frames to original positions; other frames stay as they are. */
  mapStack(stack: string): MappedStack {
    let location: SourceLocation | undefined
    const lines: string[] = []
    for (const line of stack.split('\n')) {
      const frame = FRAME.exec(line)
      const module = frame?.[2] === undefined ? undefined : this.byAbsolutePath.get(frame[2])
      if (frame === null || module === undefined) {
        lines.push(line)
        continue
      }
      const [, before = '', file = '', lineText = '', columnText = '', after = ''] = frame
      const original = this.originalPosition(module, Number(lineText), Number(columnText))
      if (original === 'wrapper') continue
      if (original === undefined) {
        lines.push(line)
        continue
      }
      location ??= { file: module.path, ...original }
      lines.push(`${before}${file}:${original.line}:${original.column}${after}`)
    }
    return { stack: lines.join('\n'), location }
  }

  /** 1-based in and out; 'wrapper' for the entry's async wrapper, which the user never wrote. */
  private originalPosition(
    module: ModuleMap,
    line: number,
    column: number,
  ): { line: number; column: number } | 'wrapper' | undefined {
    if (module.isEntry && line > module.lineCount) return 'wrapper'
    const generatedColumn = module.isEntry && line === 1 ? column - ENTRY_PREFIX.length : column
    if (generatedColumn < 1) return 'wrapper'
    try {
      module.traced ??= new TraceMap(module.rawMap)
    } catch {
      return undefined
    }
    const original = originalPositionFor(module.traced, { line, column: generatedColumn - 1 })
    if (original.line === null) return undefined
    return { line: original.line, column: original.column + 1 }
  }
}

/**
 * What the host receives for an error that ended a run. Coded errors (the engine's, the
 * runner's) keep their code; anything else the script threw is `runner.script`.
 */
export function runnerErrorData(error: unknown, mapper: StackMapper | null): RunnerErrorData {
  const code = codeOf(error)
  const message = messageOf(error, code !== undefined)
  const details = detailsOf(error)
  const mapped =
    error instanceof Error && error.stack !== undefined && mapper !== null
      ? mapper.mapStack(error.stack)
      : undefined
  const location = mapped?.location ?? causeLocation(error, mapper)
  // A script error's details are its location (errors.ts); coded errors keep their own.
  const scriptDetails = code === undefined && location !== undefined ? { ...location } : undefined
  const allDetails = scriptDetails === undefined ? details : { ...details, ...scriptDetails }
  return {
    code: code ?? ERROR_CODES.runnerScript,
    message,
    ...(allDetails === undefined ? {} : { details: allDetails }),
    ...(location === undefined ? {} : { location }),
    ...(mapped === undefined ? {} : { stack: mapped.stack }),
  }
}

/** An error raised outside the workspace (say, op.failed) may wrap one thrown in it. */
function causeLocation(error: unknown, mapper: StackMapper | null): SourceLocation | undefined {
  if (mapper === null || !(error instanceof Error)) return undefined
  for (let cause = error.cause; cause instanceof Error; cause = cause.cause) {
    const location = cause.stack === undefined ? undefined : mapper.mapStack(cause.stack).location
    if (location !== undefined) return location
  }
  return undefined
}

/**
 * A failed transform as error data: a compile error's details (file, line, column) become its
 * location. A failure without a code is a bug in the transform, not in the workspace.
 */
export function compileErrorData(error: unknown): RunnerErrorData {
  const data = runnerErrorData(error, null)
  if (codeOf(error) === undefined) {
    const stack = error instanceof Error ? error.stack : undefined
    return {
      ...data,
      code: ERROR_CODES.internal,
      message: `the transform failed: ${data.message}`,
      ...(stack === undefined ? {} : { stack }),
    }
  }
  const { file, line, column } = data.details ?? {}
  if (typeof file !== 'string' || typeof line !== 'number' || typeof column !== 'number') {
    return data
  }
  return { ...data, location: { file, line, column } }
}

function codeOf(error: unknown): ErrorCode | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && KNOWN_CODES.has(code) ? (code as ErrorCode) : undefined
}

function messageOf(error: unknown, coded: boolean): string {
  if (!(error instanceof Error)) return `the script threw ${inspect(error, { depth: 2 })}`
  if (coded || error.name === 'Error') return error.message
  return `${error.name}: ${error.message}`
}

/** Details that survive postMessage: plain data only (errors become name and message). */
function detailsOf(error: unknown): Record<string, unknown> | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const details = (error as { details?: unknown }).details
  if (typeof details !== 'object' || details === null) return undefined
  try {
    return JSON.parse(JSON.stringify(details, plainValue)) as Record<string, unknown>
  } catch {
    return undefined
  }
}

function plainValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Error) return { name: value.name, message: value.message }
  return value
}
