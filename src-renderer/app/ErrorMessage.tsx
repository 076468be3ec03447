import { type ErrorData } from '../../src-shared/errors'

/** How every failure looks: the message in words, the code for bug reports and docs. */
export function ErrorMessage({ error, context }: { error: ErrorData; context?: string }) {
  return (
    <div className="error-message" role="alert">
      <span className="error-message-icon" aria-hidden="true">
        !
      </span>
      <div>
        {context !== undefined && <strong>{context}: </strong>}
        {error.message} <code className="error-code">{error.code}</code>
      </div>
    </div>
  )
}
