/** Placeholder until the command palette and the shortcuts sheet land. */
export function ShellOverlays() {
  return null
}
