import { useEffect, useRef } from 'react'
import { WorkspaceView } from '../features/editor/WorkspaceView'
import { GraphView } from '../features/graph/GraphView'
import { QueryView } from '../features/query/QueryView'
import { RunsView } from '../features/runs/RunsView'
import { ShellOverlays } from '../features/shell/ShellOverlays'
import { VersionsView } from '../features/versions/VersionsView'
import { WorkspaceHeader } from '../features/workspace/WorkspaceHeader'
import { type ViewName } from '../store/navigation-slice'
import { ActivityBar, viewLabel } from './ActivityBar'
import { useAppStore } from './store-context'

const VIEWS: Readonly<Record<ViewName, () => React.JSX.Element>> = {
  workspace: WorkspaceView,
  runs: RunsView,
  graph: GraphView,
  query: QueryView,
  versions: VersionsView,
}

export function App() {
  const view = useAppStore((state) => state.view)
  const theme = useAppStore((state) => state.theme)
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
  // A view opened from the keyboard (Alt+digit, the palette) takes focus, so Tab continues
  // inside it instead of starting over from the top of the page.
  const panel = useRef<HTMLElement>(null)
  useEffect(() => {
    const active = document.activeElement
    if (active === null || active === document.body) panel.current?.focus({ preventScroll: true })
  }, [view])
  const View = VIEWS[view]
  return (
    <div className="app">
      <WorkspaceHeader />
      <div className="app-body">
        <ActivityBar />
        <main
          ref={panel}
          tabIndex={-1}
          className="app-main"
          id="view-panel"
          role="tabpanel"
          aria-labelledby={`view-tab-${view}`}
          aria-label={viewLabel(view)}
          data-testid={`view-${view}`}
        >
          <View />
        </main>
      </div>
      <ShellOverlays />
    </div>
  )
}
