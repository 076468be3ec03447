import { ERROR_CODES, isErrorData, type ErrorCode, type ErrorData } from '../../src-shared/errors'

/** A host call that answered `{ ok: false }`: the error data, thrown inside the renderer. */
export class HostCallError extends Error {
  readonly code: ErrorCode
  readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(data: ErrorData) {
    super(data.message)
    this.name = 'HostCallError'
    this.code = data.code
    this.details = data.details
  }
}

/** What the UI shows for any failure: host errors keep their code, the rest is `internal`. */
export function errorDataOf(error: unknown): ErrorData {
  if (error instanceof HostCallError) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details }
  }
  if (isErrorData(error)) return error
  return {
    code: ERROR_CODES.internal,
    message: error instanceof Error ? error.message : String(error),
  }
}
