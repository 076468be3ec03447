import { useEffect, useRef, type RefObject } from 'react'

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * A modal's focus: moves it in when the modal opens, keeps Tab inside, and gives it back to
 * the element that had it when the modal closes (unless the chosen action moved it on, or
 * that element is gone: then to the current view's tab).
 */
export function useModalFocus(
  dialog: RefObject<HTMLElement | null>,
  initial: RefObject<HTMLElement | null>,
): { readonly keepFocusWhereItGoes: () => void } {
  const restore = useRef(true)

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
    ;(initial.current ?? dialog.current)?.focus()

    function trapTab(event: KeyboardEvent): void {
      const root = dialog.current
      if (event.key !== 'Tab' || root === null) return
      const focusable = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)]
      const first = focusable[0]
      const last = focusable[focusable.length - 1]
      if (first === undefined || last === undefined) {
        event.preventDefault()
        return
      }
      const active = document.activeElement
      if (event.shiftKey && (active === first || !root.contains(active))) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && (active === last || !root.contains(active))) {
        event.preventDefault()
        first.focus()
      }
    }
    document.addEventListener('keydown', trapTab)

    return () => {
      document.removeEventListener('keydown', trapTab)
      if (!restore.current) return
      if (previous?.isConnected === true) {
        previous.focus()
        return
      }
      document.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus()
    }
  }, [dialog, initial])

  return {
    keepFocusWhereItGoes: () => {
      restore.current = false
    },
  }
}
