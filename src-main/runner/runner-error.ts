import { CodedError } from '../../src-shared/errors'

/** An error of the sandboxed runner: compiling workspace code, running it, or stopping it. */
export class RunnerError extends CodedError {}
