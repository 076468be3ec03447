import { ErrorMessage } from '../../app/ErrorMessage'
import { useAppStore } from '../../app/store-context'
import { HeaderActions } from './HeaderActions'
import { OpenWorkspaceForm } from './OpenWorkspaceForm'
import { RunStatusChip, TrustBadge } from './WorkspaceBadges'
import './workspace-header.css'

/** One compact row: which workspace is open and whether its code may run, then the actions. */
export function WorkspaceHeader() {
  const workspace = useAppStore((state) => state.workspace)
  const workspaceError = useAppStore((state) => state.workspaceError)
  // Before the host has described itself, a failure means the page never reached it.
  const reachedHost = useAppStore((state) => state.hostDescription !== null)

  return (
    <header className="workspace-header">
      <div className="workspace-header-row">
        <div className="workspace-identity">
          <span className="brand">Memograph</span>
          {workspace === null ? (
            <span className="workspace-path workspace-path-none">No workspace open</span>
          ) : (
            <span
              className="workspace-path"
              title={`${workspace.path}\nStorage: ${workspace.storageDir}`}
              data-testid="workspace-path"
            >
              <span className="visually-hidden">Workspace: </span>
              <span>{workspace.path}</span>
            </span>
          )}
          {workspace !== null && <TrustBadge workspace={workspace} />}
          <RunStatusChip />
        </div>
        <OpenWorkspaceForm key={workspace?.path ?? ''} />
        <HeaderActions />
      </div>
      {workspaceError !== null && (
        <ErrorMessage
          error={workspaceError}
          context={
            reachedHost ? 'Could not open the workspace' : 'Could not reach the Memograph host'
          }
        />
      )}
    </header>
  )
}
