import { ErrorMessage } from '../../app/ErrorMessage'
import { useAppStore } from '../../app/store-context'
import { OpenWorkspaceForm } from './OpenWorkspaceForm'

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
            <span className="workspace-path" title={`Storage: ${workspace.storageDir}`}>
              <span className="visually-hidden">Workspace: </span>
              {workspace.path}
            </span>
          )}
        </div>
        <OpenWorkspaceForm key={workspace?.path ?? ''} initialPath={workspace?.path ?? ''} />
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
