import { RunsPanel } from '../features/runs/RunsPanel'
import { WorkspaceHeader } from '../features/workspace/WorkspaceHeader'

export function App() {
  return (
    <div className="app">
      <WorkspaceHeader />
      <main className="app-main">
        <RunsPanel />
      </main>
    </div>
  )
}
