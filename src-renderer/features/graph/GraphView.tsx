/** Placeholder until the Graph view lands. */
export function GraphView() {
  return <p className="panel-note">Graph view</p>
}
