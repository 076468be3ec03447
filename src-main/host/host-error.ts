import { CodedError, ERROR_CODES, type ErrorCode, type ErrorData } from '../../src-shared/errors'

/** An error the host raises on purpose (bad request, no workspace open). */
export class HostError extends CodedError {}

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ERROR_CODES))

interface ErrorWithData {
  readonly code: ErrorCode
  toData(): ErrorData
}

/**
 * Duck-typed rather than `instanceof EngineError`: the engine may be loaded more than once
 * (bundled main process vs. tsx in tests), and the contract is the shape, not the class.
 */
function hasErrorData(error: unknown): error is ErrorWithData {
  if (typeof error !== 'object' || error === null) return false
  const candidate = error as { code?: unknown; toData?: unknown }
  return (
    typeof candidate.code === 'string' &&
    KNOWN_CODES.has(candidate.code) &&
    typeof candidate.toData === 'function'
  )
}

/** Turns anything thrown while serving a request into the `{ code, message, details }` data. */
export function toErrorData(error: unknown): ErrorData {
  if (hasErrorData(error)) return error.toData()
  const message = error instanceof Error ? error.message : String(error)
  return {
    code: ERROR_CODES.internal,
    message: `Internal error in the Memograph host: ${message}`,
    ...(error instanceof Error && error.stack !== undefined
      ? { details: { stack: error.stack } }
      : {}),
  }
}
