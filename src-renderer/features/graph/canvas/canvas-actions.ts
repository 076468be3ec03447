/** What nodes can ask the canvas to do; given by context so node data stays plain. */
import { createContext, useContext } from 'react'
import { type ExpandDirection } from '../model/focus'

export interface CanvasActions {
  readonly toggleOp: (op: string) => void
  /** The calls an expanded op's filter left out: try to show them all. */
  readonly showAllCalls: (op: string) => void
  readonly grow: (nodeId: string, direction: ExpandDirection) => void
}

export const CanvasActionsContext = createContext<CanvasActions | null>(null)

export function useCanvasActions(): CanvasActions {
  const actions = useContext(CanvasActionsContext)
  if (actions === null) throw new Error('graph nodes need a CanvasActionsContext')
  return actions
}
