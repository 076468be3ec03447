/**
 * The canvas's view state (expanded ops, ops on screen) and the guarded actions that change
 * it. It resets when the run, the comparison or the ops to start from change.
 */
import { useCallback, useMemo, useState } from 'react'
import { type Expanded, type Refusal, collapseOp, expandAll, expandOp } from '../model/expansion'
import { type ExpandDirection, expandFocus, initialFocus } from '../model/focus'
import { type RunIndex } from '../model/run-index'
import { ALL_CALLS, type ViewState } from '../model/types'

interface Stored {
  readonly index: RunIndex
  readonly focusKey: string
  readonly expanded: Expanded
  readonly visibleOps: ReadonlySet<string> | null
}

export interface ViewControls {
  readonly view: ViewState
  readonly refusal: Refusal | null
  readonly toggleOp: (op: string) => void
  readonly showAllCalls: (op: string) => void
  readonly expandEverything: () => void
  readonly collapseEverything: () => void
  readonly grow: (nodeId: string, direction: ExpandDirection) => void
  readonly showEverything: () => void
  readonly chooseExpansion: (expanded: Expanded) => void
  readonly dismissRefusal: () => void
  /** Expands an op when that passes the pre-flight (a call was selected from outside). */
  readonly revealOp: (op: string) => boolean
}

export function useViewState(
  index: RunIndex,
  focusOps: readonly string[] | null | undefined,
  differencesOnly: boolean,
): ViewControls {
  const focusKey = focusOps === null || focusOps === undefined ? '' : focusOps.join('\n')
  const fresh = (): Stored => ({
    index,
    focusKey,
    expanded: new Map(),
    visibleOps: initialFocus(index, focusOps),
  })
  const [stored, setStored] = useState<Stored>(fresh)
  const [refusal, setRefusal] = useState<Refusal | null>(null)
  let current = stored
  if (stored.index !== index || stored.focusKey !== focusKey) {
    // A new run or focus: start over (adjusting state while rendering, as React recommends).
    current = fresh()
    setStored(current)
    setRefusal(null)
  }
  const view: ViewState = useMemo(
    () => ({ expanded: current.expanded, visibleOps: current.visibleOps, differencesOnly }),
    [current.expanded, current.visibleOps, differencesOnly],
  )

  const setExpanded = useCallback((expanded: Expanded) => {
    setStored((before) => ({ ...before, expanded }))
    setRefusal(null)
  }, [])

  const tryExpand = useCallback(
    (op: string) => {
      const attempt = expandOp(index, view, op, ALL_CALLS)
      if (attempt.ok) setExpanded(attempt.expanded)
      else setRefusal(attempt.refusal)
      return attempt.ok
    },
    [index, view, setExpanded],
  )

  return {
    view,
    refusal,
    toggleOp: useCallback(
      (op: string) => {
        if (view.expanded.has(op)) setExpanded(collapseOp(view, op))
        else tryExpand(op)
      },
      [view, setExpanded, tryExpand],
    ),
    showAllCalls: useCallback((op: string) => void tryExpand(op), [tryExpand]),
    expandEverything: useCallback(() => {
      const attempt = expandAll(index, view)
      if (attempt.ok) setExpanded(attempt.expanded)
      else setRefusal(attempt.refusal)
    }, [index, view, setExpanded]),
    collapseEverything: useCallback(() => setExpanded(new Map()), [setExpanded]),
    grow: useCallback(
      (nodeId: string, direction: ExpandDirection) => {
        setStored((before) => ({
          ...before,
          visibleOps: expandFocus(index, before.visibleOps, nodeId, direction),
        }))
      },
      [index],
    ),
    showEverything: useCallback(() => {
      setStored((before) => ({ ...before, visibleOps: null }))
    }, []),
    chooseExpansion: setExpanded,
    dismissRefusal: useCallback(() => setRefusal(null), []),
    revealOp: useCallback(
      (op: string) => {
        if (view.expanded.has(op)) return true
        const attempt = expandOp(index, view, op, ALL_CALLS)
        if (attempt.ok) setExpanded(attempt.expanded)
        return attempt.ok
      },
      [index, view, setExpanded],
    ),
  }
}
