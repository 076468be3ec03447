/**
 * elk layered options and the call into elk, shared by the worker and the tests. Above a few
 * hundred nodes the fast options (SIMPLE placement, one thoroughness pass, polyline routing)
 * keep a layout under a second (reference §3); NETWORK_SIMPLEX is never used.
 */
import { type ElkNode, type LayoutOptions } from 'elkjs/lib/elk-api'
import { type LayoutInput, type LayoutResult } from './layout-types'

export const FAST_LAYOUT_ABOVE = 300
/**
 * Model order makes crossing minimization much slower on wide layers (an expanded op of 500
 * calls took 20 s instead of 1 s here), so only small graphs get it.
 */
export const MODEL_ORDER_UP_TO = 100

export function elkOptions(input: LayoutInput): LayoutOptions {
  const options: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': input.direction,
    'elk.spacing.nodeNode': '28',
    'elk.layered.spacing.nodeNodeBetweenLayers': '56',
    'elk.layered.spacing.edgeNodeBetweenLayers': '20',
  }
  if (input.nodes.length <= MODEL_ORDER_UP_TO) {
    // The model order is the run's order: ties keep related nodes together and stable.
    options['elk.layered.considerModelOrder.strategy'] = 'NODES_AND_EDGES'
  }
  if (input.nodes.some((node) => node.hint !== undefined)) {
    // Keep the in-layer order of the previous layout (read from the hinted positions).
    options['elk.layered.crossingMinimization.semiInteractive'] = 'true'
  }
  if (input.nodes.length > FAST_LAYOUT_ABOVE) {
    options['elk.layered.nodePlacement.strategy'] = 'SIMPLE'
    options['elk.layered.thoroughness'] = '1'
    options['elk.edgeRouting'] = 'POLYLINE'
    options['elk.layered.crossingMinimization.greedySwitch.type'] = 'OFF'
  }
  return options
}

export function elkGraph(input: LayoutInput): ElkNode {
  return {
    id: 'root',
    layoutOptions: elkOptions(input),
    children: input.nodes.map((node) => ({
      id: node.id,
      width: node.width,
      height: node.height,
      ...(node.hint === undefined ? {} : { x: node.hint.x, y: node.hint.y }),
    })),
    edges: input.edges.map((edge) => ({
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
    })),
  }
}

export interface ElkEngine {
  layout(graph: ElkNode): Promise<ElkNode>
}

export async function runLayout(elk: ElkEngine, input: LayoutInput): Promise<LayoutResult> {
  const started = performance.now()
  const laidOut = await elk.layout(elkGraph(input))
  const positions: Record<string, { x: number; y: number }> = {}
  for (const child of laidOut.children ?? []) {
    positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 }
  }
  return {
    positions,
    width: laidOut.width ?? 0,
    height: laidOut.height ?? 0,
    ms: performance.now() - started,
    fast: input.nodes.length > FAST_LAYOUT_ABOVE,
  }
}
