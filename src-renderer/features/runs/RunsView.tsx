import { RunsPanel } from './RunsPanel'

/** Placeholder until the runs view lands: the runs table. */
export function RunsView() {
  return <RunsPanel />
}
