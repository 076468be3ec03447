/**
 * F (fit) and Escape (clear selection) also work when focus fell back to the page body, as it
 * does when the focused node disappears (an op collapsed into calls, a filter hid it).
 */
import { type RefObject, useEffect } from 'react'

export function useGlobalCanvasKeys(
  root: RefObject<HTMLElement | null>,
  fit: () => void,
  escape: () => void,
): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (document.activeElement !== document.body || root.current === null) return
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return
      if (event.key === 'f' || event.key === 'F') {
        event.preventDefault()
        fit()
      } else if (event.key === 'Escape') {
        escape()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [root, fit, escape])
}
