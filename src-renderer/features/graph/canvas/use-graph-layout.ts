/**
 * Lays the model out in the worker and keeps what is on screen stable: the previous layout
 * stays visible until the new one is ready, new nodes start where the nodes they replace
 * were, and the result is shifted so shared nodes do not jump.
 */
import { useEffect, useRef, useState } from 'react'
import { LayoutClient, LayoutSuperseded } from '../layout/layout-client'
import { type LayoutDirection, type LayoutInput } from '../layout/layout-types'
import { type HintSubject, type Positions, alignToPrevious, layoutHints } from '../layout/stable'
import { type GraphModel } from '../model/types'
import { opOfNode } from './flow-elements'
import { nodeSize } from './node-size'

export interface ShownLayout {
  readonly model: GraphModel
  readonly positions: Positions
  readonly direction: LayoutDirection
  /** What the caller said the model came from (its run index): tells a new graph's first layout. */
  readonly source: unknown
  /** Increases with every layout shown; the first is 1. */
  readonly generation: number
}

export interface GraphLayoutState {
  readonly shown: ShownLayout | null
  readonly computing: boolean
  readonly error: string | null
}

function hintSubjects(model: GraphModel): HintSubject[] {
  return model.nodes.map((node) => ({
    id: node.id,
    op: node.kind === 'variable' ? null : opOfNode(node),
  }))
}

function layoutInput(model: GraphModel, direction: LayoutDirection, previous: ShownLayout | null) {
  const hints =
    previous === null || previous.direction !== direction
      ? null
      : layoutHints(hintSubjects(model), {
          positions: previous.positions,
          nodes: hintSubjects(previous.model),
        })
  const input: LayoutInput = {
    direction,
    nodes: model.nodes.map((node) => {
      const hint = hints?.[node.id]
      return { id: node.id, ...nodeSize(node), ...(hint === undefined ? {} : { hint }) }
    }),
    edges: model.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target })),
  }
  return input
}

export function useGraphLayout(
  model: GraphModel | null,
  direction: LayoutDirection,
  source: unknown,
): GraphLayoutState {
  const clientRef = useRef<LayoutClient | null>(null)
  const shownRef = useRef<ShownLayout | null>(null)
  const [state, setState] = useState<GraphLayoutState>({
    shown: null,
    computing: false,
    error: null,
  })

  useEffect(() => {
    const client = new LayoutClient()
    clientRef.current = client
    return () => client.dispose()
  }, [])

  useEffect(() => {
    const client = clientRef.current
    if (model === null || client === null) return
    let current = true
    const previous = shownRef.current
    const input = layoutInput(model, direction, previous)
    const show = (positions: Positions) => {
      const sameDirection = previous !== null && previous.direction === direction
      const shown: ShownLayout = {
        model,
        positions: alignToPrevious(positions, sameDirection ? previous.positions : null),
        direction,
        source,
        generation: (previous?.generation ?? 0) + 1,
      }
      shownRef.current = shown
      setState({ shown, computing: false, error: null })
    }
    setState((before) => ({ ...before, computing: true, error: null }))
    client.layout(input).then(
      (result) => {
        if (current) show(result.positions)
      },
      (error: unknown) => {
        if (!current || error instanceof LayoutSuperseded) return
        setState((before) => ({ ...before, computing: false, error: String(error) }))
      },
    )
    return () => {
      current = false
    }
  }, [model, direction, source])

  return state
}
