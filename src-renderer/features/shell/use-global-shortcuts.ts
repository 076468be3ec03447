import { useEffect, useRef } from 'react'
import { useAppStore } from '../../app/store-context'
import { isMacPlatform, type KeyTarget } from './shortcut-keys'
import { shellCommandForKey, type ShellCommandId } from './shortcut-registry'

export const IS_MAC = isMacPlatform(navigator.platform)

function keyTargetOf(target: EventTarget | null): KeyTarget {
  if (!(target instanceof HTMLElement)) {
    return { tagName: '', isContentEditable: false, inCodeEditor: false }
  }
  return {
    tagName: target.tagName,
    isContentEditable: target.isContentEditable,
    inCodeEditor: target.closest('.monaco-editor') !== null,
    ...(target instanceof HTMLInputElement ? { inputType: target.type } : {}),
  }
}

/**
 * One keydown listener pair on the window. The capture one runs before the focused element
 * (Mod+K must win over Monaco's Ctrl+K chords); the bubble one only sees keys nothing else
 * handled, so a view's own use of a key comes first.
 */
export function useGlobalShortcuts(run: (command: ShellCommandId) => void): void {
  const overlayOpen = useAppStore((state) => state.paletteOpen || state.shortcutsOpen)
  const latest = useRef({ run, overlayOpen })
  useEffect(() => {
    latest.current = { run, overlayOpen }
  }, [run, overlayOpen])

  useEffect(() => {
    function listener(phase: 'capture' | 'bubble') {
      return (event: KeyboardEvent): void => {
        if (event.isComposing || (phase === 'bubble' && event.defaultPrevented)) return
        const command = shellCommandForKey(event, keyTargetOf(event.target), {
          isMac: IS_MAC,
          phase,
          overlayOpen: latest.current.overlayOpen,
        })
        if (command === null) return
        event.preventDefault()
        event.stopPropagation()
        latest.current.run(command)
      }
    }
    const capture = listener('capture')
    const bubble = listener('bubble')
    window.addEventListener('keydown', capture, true)
    window.addEventListener('keydown', bubble)
    return () => {
      window.removeEventListener('keydown', capture, true)
      window.removeEventListener('keydown', bubble)
    }
  }, [])
}
