/**
 * The sandboxed runner: runs a workspace script in a worker thread, inside one memoized run of
 * its storage, and reports back what the host needs (README.md).
 */
export {
  WorkspaceRunner,
  type TransformWorkspace,
  type WorkspaceRunnerOptions,
} from './workspace-runner'
export {
  DEFAULT_MEMORY_LIMIT_MB,
  type RunCallbacks,
  type RunHandle,
  type RunOutcome,
  type RunRequest,
  type RunResult,
  type RunnerErrorData,
  type SourceLocation,
} from './run-request'
export { RunnerError } from './runner-error'
