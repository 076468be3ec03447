import { CodedError } from '../../src-shared/errors'

/**
 * The one error type the engine throws on purpose. It carries a stable code from
 * src-shared/errors.ts so hosts can turn it into `{ code, message, details }` data.
 */
export class EngineError extends CodedError {}
