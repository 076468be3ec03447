/**
 * Canvas gestures turned into pattern edits on the query store: each reads the current draft,
 * applies a pure edit and hands the result (with positions for new nodes) to `drawn`.
 */
import { type PinValue } from '../../../src-shared/query/pattern'
import { addOp, bindNewVariable, type PickerAnchor } from './pattern-edit'
import {
  mergePositions,
  placeAddedCall,
  renamePositions,
  variableKey,
  type Position,
} from './pattern-layout'
import {
  addFreeVariable,
  connect,
  pinVariable,
  removeParts,
  renameVariable,
  toggleSelected,
  type PortRef,
  type Removal,
} from './pattern-ops'
import { queryStore } from './query-store'

export function opAdded(op: string, anchor: PickerAnchor, drop: Position): void {
  const { draft, catalogMap, positions, drawn } = queryStore.getState()
  const result = addOp(draft, op, catalogMap, anchor)
  const call = result.draft.pattern.calls.find((candidate) => candidate.id === result.callId)
  const outputs = call?.outputs.map(({ variable }) => variable) ?? []
  const placed = placeAddedCall(
    renamePositions(positions, result.renamed),
    result.callId,
    drop,
    outputs,
  )
  drawn(result.draft, mergePositions(result.draft.pattern, catalogMap, placed))
}

/** The picker's "New variable" (from an input) or the free-standing variable. */
export function variableAdded(anchor: PickerAnchor, drop: Position): void {
  const { draft, catalogMap, positions, drawn } = queryStore.getState()
  const added =
    anchor?.kind === 'input'
      ? bindNewVariable(draft, anchor.callId, anchor.input, catalogMap)
      : addFreeVariable(draft, 'value', catalogMap)
  if (added === null) return
  const placed = { ...positions, [variableKey(added.variable)]: drop }
  drawn(added.draft, mergePositions(added.draft.pattern, catalogMap, placed))
}

export function inputBoundToNewVariable(callId: string, input: string): void {
  const { draft, catalogMap, drawn } = queryStore.getState()
  const added = bindNewVariable(draft, callId, input, catalogMap)
  if (added !== null) drawn(added.draft)
}

export function wired(source: PortRef, target: PortRef): void {
  const { draft, catalogMap, drawn } = queryStore.getState()
  const next = connect(draft, source, target, catalogMap)
  if (next !== draft) drawn(next)
}

export function partsRemoved(removal: Removal): void {
  const { draft, drawn } = queryStore.getState()
  drawn(removeParts(draft, removal))
}

export function variableRenamed(from: string, to: string): void {
  const { draft, positions, drawn } = queryStore.getState()
  const next = renameVariable(draft, from, to)
  if (next === draft) return
  drawn(next, renamePositions(positions, new Map([[from, to]])))
}

export function variablePinned(variable: string, pin: readonly PinValue[] | null): void {
  const { draft, drawn } = queryStore.getState()
  drawn(pinVariable(draft, variable, pin))
}

export function variableSelectToggled(variable: string): void {
  const { draft, drawn } = queryStore.getState()
  drawn(toggleSelected(draft, variable))
}
