/**
 * Fitting the view to the layout we computed. React Flow's own fitView waits until every node
 * has been measured, which never happens with onlyRenderVisibleElements (off-screen nodes are
 * not rendered), so the bounds come from the layout and the declared node sizes instead.
 */
import { getViewportForBounds, useReactFlow, useStoreApi } from '@xyflow/react'
import { useCallback } from 'react'
import { nodeSize } from './node-size'
import { type ShownLayout } from './use-graph-layout'

const PADDING = 0.12
/** Small graphs are not blown up beyond this zoom. */
const MAX_FIT_ZOOM = 1.25

export function layoutBounds(shown: ShownLayout) {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const node of shown.model.nodes) {
    const point = shown.positions[node.id]
    if (point === undefined) continue
    const size = nodeSize(node)
    minX = Math.min(minX, point.x)
    minY = Math.min(minY, point.y)
    maxX = Math.max(maxX, point.x + size.width)
    maxY = Math.max(maxY, point.y + size.height)
  }
  if (minX === Infinity) return null
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY }
}

export function useFitLayout(): (shown: ShownLayout | null) => void {
  const store = useStoreApi()
  const { setViewport } = useReactFlow()
  return useCallback(
    (shown: ShownLayout | null) => {
      const bounds = shown === null ? null : layoutBounds(shown)
      const { width, height, minZoom } = store.getState()
      if (bounds === null || width === 0 || height === 0) return
      void setViewport(getViewportForBounds(bounds, width, height, minZoom, MAX_FIT_ZOOM, PADDING))
    },
    [store, setViewport],
  )
}
