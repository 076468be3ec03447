import { useEffect } from 'react'
import { type ChangeProposal } from '../../../src-shared/model/versions'
import { ErrorMessage } from '../../app/ErrorMessage'
import { useAppStore } from '../../app/store-context'
import { RunGraphCanvas } from '../graph/RunGraphCanvas'
import { plural } from './version-format'

/**
 * The newest finished run's graph with the change's dependent ops highlighted: what would
 * recompute if the change is breaking.
 */
export function BlastRadius({ proposal }: { proposal: ChangeProposal }) {
  const runId = useAppStore(
    (state) => (state.runs.find((run) => run.status !== 'running') ?? state.runs[0])?.id ?? null,
  )
  const entry = useAppStore((state) => (runId === null ? undefined : state.runGraphs[runId]))
  const runGraphRequested = useAppStore((state) => state.runGraphRequested)
  const graphOpened = useAppStore((state) => state.graphOpened)

  useEffect(() => {
    if (runId !== null) void runGraphRequested(runId)
  }, [runId, runGraphRequested])

  const dependent = new Set(proposal.dependentOps)
  const callsInRun =
    entry?.status === 'loaded'
      ? entry.graph.calls.filter((call) => dependent.has(call.op)).length
      : null

  return (
    <section className="versions-blast" aria-label="Blast radius" data-testid="blast-radius">
      <div className="versions-blast-header">
        <h3 className="versions-section-title">Blast radius</h3>
        {runId !== null && (
          <span className="versions-blast-caption">
            Run #{runId}
            {callsInRun !== null &&
              `: ${plural(callsInRun, 'call')} of the highlighted ops would recompute if breaking`}
          </span>
        )}
        {runId !== null && (
          <button
            type="button"
            className="versions-link-button"
            onClick={() => graphOpened(runId, proposal.dependentOps)}
          >
            Open in Graph
          </button>
        )}
      </div>
      {runId === null && <p className="panel-note">No runs yet: nothing to show.</p>}
      {entry?.status === 'loading' && <p className="panel-note">Loading the run graph…</p>}
      {entry?.status === 'failed' && (
        <ErrorMessage error={entry.error} context="Could not load the run graph" />
      )}
      {entry?.status === 'loaded' && (
        <div className="versions-blast-canvas">
          <RunGraphCanvas
            graph={entry.graph}
            highlightOps={proposal.dependentOps}
            ariaLabel={`Run ${runId ?? ''} graph; ops that would recompute are highlighted`}
          />
        </div>
      )}
    </section>
  )
}
