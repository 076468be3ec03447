import { type WorkspaceInfo } from '../../../src-shared/host/contract'
import { useAppStore } from '../../app/store-context'

/** Whether the workspace's code may run here, in words and a shape (not colour alone). */
export function TrustBadge({ workspace }: { workspace: WorkspaceInfo }) {
  if (workspace.codeDir === null) {
    return (
      <span
        className="workspace-badge workspace-badge-storage"
        title="A storage folder without code: runs and queries only"
        data-testid="trust-badge"
      >
        <span aria-hidden="true">▣</span> Storage only
      </span>
    )
  }
  return workspace.trusted ? (
    <span
      className="workspace-badge workspace-badge-trusted"
      title="You trust this project's code: it may run from the app"
      data-testid="trust-badge"
    >
      <span aria-hidden="true">✓</span> Trusted
    </span>
  ) : (
    <span
      className="workspace-badge workspace-badge-untrusted"
      title="The project's code will not run until you trust it (command palette: Trust this workspace)"
      data-testid="trust-badge"
    >
      <span aria-hidden="true">⚠</span> Not trusted
    </span>
  )
}

/** While code runs, its totals stay in sight whatever the view. */
export function RunStatusChip() {
  const running = useAppStore((state) => state.codeRunning)
  const progress = useAppStore((state) => state.codeProgress)
  if (!running) return null
  return (
    <span className="workspace-badge workspace-badge-running" role="status">
      <span className="workspace-running-dot" aria-hidden="true" />
      Running
      {progress !== null && (
        <span className="workspace-running-counts">
          {' '}
          · {progress.calls} calls, {progress.hits} hit, {progress.executed} executed
        </span>
      )}
    </span>
  )
}
