/** Placeholder until the Versions view lands. */
export function VersionsView() {
  return <p className="panel-note">Versions view</p>
}
