import { CodedError, ERROR_CODES, isErrorData, type ErrorData } from '../../src-shared/errors'

/** A host call that answered `{ ok: false }`: the error data, thrown inside the renderer. */
export class HostCallError extends CodedError {
  constructor(data: ErrorData) {
    super(data.code, data.message, data.details)
  }
}

/** What the UI shows for any failure: host errors keep their code, the rest is `internal`. */
export function errorDataOf(error: unknown): ErrorData {
  if (error instanceof CodedError) return error.toData()
  if (isErrorData(error)) return error
  return {
    code: ERROR_CODES.internal,
    message: error instanceof Error ? error.message : String(error),
  }
}
