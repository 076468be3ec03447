/** Placeholder until the Query view lands. */
export function QueryView() {
  return <p className="panel-note">Query view</p>
}
