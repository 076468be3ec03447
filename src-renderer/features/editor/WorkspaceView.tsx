/** Placeholder until the Workspace view lands. */
export function WorkspaceView() {
  return <p className="panel-note">Workspace view</p>
}
