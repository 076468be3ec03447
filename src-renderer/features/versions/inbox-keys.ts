import { type ChangeAnswer } from '../../../src-shared/host/contract'

export type InboxKeyAction =
  | { readonly kind: 'decide'; readonly answer: ChangeAnswer }
  | { readonly kind: 'move'; readonly to: 'next' | 'previous' | 'first' | 'last' }

/**
 * What a key does in the change inbox. Modified keys belong to the app and the browser, so only
 * bare keys (Shift aside) act: b, n, d decide; j/k and the arrows move.
 */
export function inboxKeyAction(event: {
  readonly key: string
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly altKey: boolean
}): InboxKeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null
  switch (event.key) {
    case 'b':
      return { kind: 'decide', answer: 'breaking' }
    case 'n':
      return { kind: 'decide', answer: 'nonBreaking' }
    case 'd':
      return { kind: 'decide', answer: 'defer' }
    case 'j':
    case 'ArrowDown':
      return { kind: 'move', to: 'next' }
    case 'k':
    case 'ArrowUp':
      return { kind: 'move', to: 'previous' }
    case 'Home':
      return { kind: 'move', to: 'first' }
    case 'End':
      return { kind: 'move', to: 'last' }
    default:
      return null
  }
}

/** The index a move lands on, clamped to the list. */
export function movedIndex(
  current: number,
  to: 'next' | 'previous' | 'first' | 'last',
  count: number,
): number {
  if (count === 0) return -1
  if (to === 'first') return 0
  if (to === 'last') return count - 1
  const next = current + (to === 'next' ? 1 : -1)
  return Math.min(count - 1, Math.max(0, next))
}
