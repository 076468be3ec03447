/**
 * Every error that crosses a boundary (engine → host → renderer, worker → host, CLI) is data:
 * `{ code, message, details }`. UI code switches on `code`, never on the message text.
 */
export const ERROR_CODES = {
  /** A value cannot be encoded faithfully (function, class without codec, symbol key, ...). */
  valueUnencodable: 'value.unencodable',
  /** Stored bytes could not be decoded (unknown codec, unknown tag). */
  valueUndecodable: 'value.undecodable',
  /** An op definition is invalid (no name, unreadable source, bad options). */
  opInvalid: 'op.invalid',
  /** An op was called with arguments that do not fit its parameters. */
  opArguments: 'op.arguments',
  /** The op body threw; the original error is in details. */
  opFailed: 'op.failed',
  /** A call missed while the run forbids new calls. */
  newCallsForbidden: 'run.newCallsForbidden',
  /** A run was started while another run of the same storage is active in this process. */
  runActive: 'run.active',
  /** An op was called after the run it belongs to had ended (a missing await). */
  runEnded: 'run.ended',
  /** A ref belongs to another storage, or was never stored. */
  refUnknown: 'ref.unknown',
  /** The workspace directory is not a Memograph workspace (and is not empty). */
  workspaceNotMemograph: 'workspace.notMemograph',
  /** The workspace was written by a newer format than this build reads. */
  workspaceFormatTooNew: 'workspace.formatTooNew',
  /** The database image, a journal record or a blob failed its integrity check. */
  workspaceCorrupted: 'workspace.corrupted',
  /** Another process holds the workspace's write lock and it was not released in time. */
  workspaceBusy: 'workspace.busy',
  /** The storage was closed. */
  storageClosed: 'storage.closed',
  /** A query pattern is invalid (unknown op or argument, dangling variable, bad pin, ...). */
  queryInvalid: 'query.invalid',
  /** Query code could not be parsed into a pattern; details carry line and column. */
  querySyntax: 'query.syntax',
  /** similar(): two selected nodes have the same role in the projected pattern. */
  queryAmbiguous: 'query.ambiguous',
  /** A host request named an unknown method or carried malformed arguments. */
  hostBadRequest: 'host.badRequest',
  /** No workspace is open in the host. */
  hostNoWorkspace: 'host.noWorkspace',
  /** A dependency change needs a decision and the policy is `fail` (or the answer was abort). */
  versionUndecided: 'version.undecided',
  /** A module-level value an op reads cannot be hashed; ignore it or register a codec. */
  versionUnhashable: 'version.unhashable',
  /** An op version or component named in a request does not exist. */
  versionUnknown: 'version.unknown',
  /** Workspace code failed to compile; details carry file, line and column. */
  runnerCompile: 'runner.compile',
  /** The workspace script threw; details carry file, line and column. */
  runnerScript: 'runner.script',
  /** The run was cancelled. */
  runnerCancelled: 'runner.cancelled',
  /** The run exceeded its memory limit and was stopped. */
  runnerOutOfMemory: 'runner.outOfMemory',
  /** The workspace is not trusted, so its code does not run. */
  runnerUntrusted: 'runner.untrusted',
  /** Another run of this host is in progress. */
  runnerBusy: 'runner.busy',
  /** A project file named in a request does not exist. */
  fileNotFound: 'file.notFound',
  /** A file path is absolute, climbs out of the project folder, or names a directory. */
  fileInvalidPath: 'file.invalidPath',
  /** A file is too big to open in the editor. */
  fileTooLarge: 'file.tooLarge',
  /** A call named in a request is not stored (unknown or dropped). */
  callUnknown: 'call.unknown',
  /** Anything else: a bug. */
  internal: 'internal',
} as const

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES]

export interface ErrorData {
  readonly code: ErrorCode
  readonly message: string
  readonly details?: Readonly<Record<string, unknown>>
}

/**
 * An error that carries its data: thrown inside a process, sent as ErrorData across a
 * boundary. The engine, the host and the renderer each name their own subclass.
 */
export class CodedError extends Error implements ErrorData {
  readonly code: ErrorCode
  readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(
    code: ErrorCode,
    message: string,
    details?: Readonly<Record<string, unknown>>,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = new.target.name
    this.code = code
    this.details = details
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

export function isErrorData(value: unknown): value is ErrorData {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Partial<ErrorData>
  return typeof candidate.code === 'string' && typeof candidate.message === 'string'
}
