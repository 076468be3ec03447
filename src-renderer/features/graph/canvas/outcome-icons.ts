/** Icons that carry each outcome and comparison mark besides its colour. */
import { type CompareMark, type NodeOutcome } from '../model/types'

export const OUTCOME_ICON: Readonly<Record<NodeOutcome, string>> = {
  hit: '⚡',
  executed: '▶',
  failed: '✕',
  mixed: '◐',
  none: '○',
}

export const MARK_ICON: Readonly<Record<CompareMark, string>> = {
  added: '+',
  removed: '−',
  newlyHit: '↑⚡',
  newlyExecuted: '↑▶',
  newlyFailed: '↑✕',
  unchanged: '=',
}
