/** Keys typed into a text field or an editor are text, not commands. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target.closest('.monaco-editor') !== null) return true
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}
