import { type RunnerStart } from '../../../src-shared/runner/protocol'
import { type WorkspaceBundle } from '../transform/types'

/** What the host hands a runner worker at spawn (Worker `workerData`). */
export interface RunnerWorkerData {
  readonly start: RunnerStart
  readonly bundle: WorkspaceBundle
  /**
   * Where the worker writes the token of the workspace write lock its run holds, so the host
   * can remove exactly that lock if the worker dies holding it (see abandoned-lock.ts).
   */
  readonly lockTokenSlot: SharedArrayBuffer
}
