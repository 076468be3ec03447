/**
 * Fitting the view to the layout we computed. React Flow's own fitView waits until every node
 * has been measured, which never happens with onlyRenderVisibleElements (off-screen nodes are
 * not rendered), so the bounds come from the layout and the declared node sizes instead.
 */
import { getViewportForBounds, useReactFlow, useStoreApi } from '@xyflow/react'
import { useCallback } from 'react'
import { type GraphNode } from '../model/types'
import { nodeSize } from './node-size'
import { type ShownLayout } from './use-graph-layout'

const PADDING = 0.12
/** Small graphs are not blown up beyond this zoom. */
const MAX_FIT_ZOOM = 1.25

interface Bounds {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export function layoutBounds(
  shown: ShownLayout,
  nodes: readonly GraphNode[] = shown.model.nodes,
): Bounds | null {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const node of nodes) {
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

/** How many of the new nodes a reveal fits into view. */
const REVEAL_AT_MOST = 12

function overlaps(a: Bounds, b: Bounds): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/**
 * Brings nodes that just appeared (an op expanded into its calls) into view when none of them
 * is on screen: with onlyRenderVisibleElements they would otherwise not even be drawn, and the
 * user would see only edges running off the canvas.
 */
export function useRevealNodes(): (shown: ShownLayout, nodes: readonly GraphNode[]) => void {
  const store = useStoreApi()
  const { setViewport, getViewport } = useReactFlow()
  return useCallback(
    (shown: ShownLayout, nodes: readonly GraphNode[]) => {
      // A readable zoom on the first few beats a dot-sized view of hundreds of calls.
      // The calls an op expanded into are what the user asked to see, more than regrouped
      // variables around them.
      const calls = nodes.filter((node) => node.kind === 'call' || node.kind === 'more')
      const first = (calls.length > 0 ? calls : [...nodes])
        .filter((node) => shown.positions[node.id] !== undefined)
        .sort((a, b) => {
          const pa = shown.positions[a.id]
          const pb = shown.positions[b.id]
          return pa === undefined || pb === undefined ? 0 : pa.y - pb.y || pa.x - pb.x
        })
        .slice(0, REVEAL_AT_MOST)
      const bounds = layoutBounds(shown, first)
      const { width, height, minZoom } = store.getState()
      if (bounds === null || width === 0 || height === 0) return
      const { x, y, zoom } = getViewport()
      const visible = { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom }
      const onScreen = nodes.some((node) => {
        const single = layoutBounds(shown, [node])
        return single !== null && overlaps(single, visible)
      })
      if (onScreen) return
      void setViewport(getViewportForBounds(bounds, width, height, minZoom, MAX_FIT_ZOOM, PADDING))
    },
    [store, setViewport, getViewport],
  )
}
