import { type ErrorCode, type ErrorData } from '../../src-shared/errors'

/**
 * The one error type the engine throws on purpose. It carries a stable code from
 * src-shared/errors.ts so hosts can turn it into `{ code, message, details }` data.
 */
export class EngineError extends Error implements ErrorData {
  readonly code: ErrorCode
  readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(
    code: ErrorCode,
    message: string,
    details?: Readonly<Record<string, unknown>>,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'EngineError'
    this.code = code
    this.details = details
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}
