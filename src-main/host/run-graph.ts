import { ERROR_CODES } from '../../src-shared/errors'
import { type RunGraph } from '../../src-shared/model/run-graph'
import { type Storage } from '../engine'
import { HostError } from './host-error'
import { valueRefOf } from './value-summaries'

/** runs.graph: a run's calls with their bindings into one table of summarized values. */
export function readRunGraph(storage: Storage, runId: number): RunGraph {
  const data = storage.runGraph(runId)
  if (data === undefined) {
    throw new HostError(ERROR_CODES.hostBadRequest, `There is no run #${runId} in this workspace`, {
      id: runId,
    })
  }
  return { runId: data.runId, calls: data.calls, values: data.values.map(valueRefOf) }
}
