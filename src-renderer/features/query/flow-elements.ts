/**
 * The pattern as React Flow nodes and edges, and back: which pattern port a handle is and
 * which pattern parts a deleted node or edge stands for. Pure (types only from @xyflow/react).
 */
import { type Edge, type Node } from '@xyflow/react'
import { type OpCatalog, type Pattern, type PatternCall } from '../../../src-shared/query/pattern'
import { type PatternProblem } from '../../../src-shared/query/validate'
import { type PortRef, type Removal } from './pattern-ops'
import { definitionOf } from './pattern-names'
import { type Positions, callKey, collectionKey, elementKey, variableKey } from './pattern-layout'

export interface PortRow {
  readonly name: string
  /** The variable bound to it, or null. */
  readonly variable: string | null
}

export interface OpNodeData extends Record<string, unknown> {
  readonly callId: string
  readonly op: string
  readonly version: string | null
  readonly known: boolean
  readonly inputs: readonly PortRow[]
  readonly outputs: readonly PortRow[]
  readonly problem: string | null
}

export interface VariableNodeData extends Record<string, unknown> {
  readonly variable: string
  readonly pin: Pattern['variables'][number]['pin']
  readonly selected: boolean
  /** What computes it (so it cannot be pinned), or null. */
  readonly definedBy: string | null
  readonly problem: string | null
}

export interface StructureNodeData extends Record<string, unknown> {
  readonly label: string
  readonly detail: string
  readonly problem: string | null
}

export type OpFlowNode = Node<OpNodeData, 'op'>
export type VariableFlowNode = Node<VariableNodeData, 'variable'>
export type StructureFlowNode = Node<StructureNodeData, 'structure'>
export type PatternFlowNode = OpFlowNode | VariableFlowNode | StructureFlowNode

function portRows(call: PatternCall, side: 'inputs' | 'outputs', declared: readonly string[]) {
  const bound = new Map(call[side].map(({ name, variable }) => [name, variable]))
  const names = [
    ...declared,
    ...call[side].map(({ name }) => name).filter((n) => !declared.includes(n)),
  ]
  return names.map((name) => ({ name, variable: bound.get(name) ?? null }))
}

function problemsByNode(problems: readonly PatternProblem[]): Map<string, string> {
  const byNode = new Map<string, string>()
  for (const problem of problems) {
    if (problem.node !== null && !byNode.has(problem.node))
      byNode.set(problem.node, problem.message)
  }
  return byNode
}

export function flowNodes(
  pattern: Pattern,
  catalog: OpCatalog,
  positions: Positions,
  problems: readonly PatternProblem[],
): PatternFlowNode[] {
  const issues = problemsByNode(problems)
  const at = (key: string) => positions[key] ?? { x: 0, y: 0 }
  const nodes: PatternFlowNode[] = []
  for (const call of pattern.calls) {
    const shape = catalog.get(call.op)
    nodes.push({
      id: callKey(call.id),
      type: 'op',
      position: at(callKey(call.id)),
      data: {
        callId: call.id,
        op: call.op,
        version:
          call.version.kind === 'current'
            ? null
            : call.version.kind === 'all'
              ? 'all versions'
              : `version ${call.version.versionKey.slice(0, 8)}`,
        known: shape !== undefined,
        inputs: portRows(call, 'inputs', shape?.inputs ?? []),
        outputs: portRows(call, 'outputs', shape?.outputs ?? []),
        problem: issues.get(call.id) ?? null,
      },
    })
  }
  for (const variable of pattern.variables) {
    const definition = definitionOf(pattern, variable.id)
    nodes.push({
      id: variableKey(variable.id),
      type: 'variable',
      position: at(variableKey(variable.id)),
      data: {
        variable: variable.id,
        pin: variable.pin,
        selected: pattern.select.includes(variable.id),
        definedBy: variable.pin === null ? definition : null,
        problem: issues.get(variable.id) ?? null,
      },
    })
  }
  pattern.elementsOf.forEach((edge, index) => {
    nodes.push({
      id: elementKey(index),
      type: 'structure',
      position: at(elementKey(index)),
      deletable: true,
      data: {
        label: 'element of',
        detail: edge.key === null ? 'any position' : `at ${edge.key}`,
        problem: issues.get(edge.element) ?? null,
      },
    })
  })
  pattern.collectionsOf.forEach((edge, index) => {
    nodes.push({
      id: collectionKey(index),
      type: 'structure',
      position: at(collectionKey(index)),
      data: {
        label: `${edge.collectionKind} of`,
        detail: `${edge.elements.length} element${edge.elements.length === 1 ? '' : 's'}`,
        problem: issues.get(edge.collection) ?? null,
      },
    })
  })
  return nodes
}

export function flowEdges(pattern: Pattern): Edge[] {
  const edges: Edge[] = []
  for (const call of pattern.calls) {
    for (const { name, variable } of call.inputs) {
      edges.push({
        id: `in|${call.id}|${name}`,
        source: variableKey(variable),
        sourceHandle: 'out',
        target: callKey(call.id),
        targetHandle: `in:${name}`,
      })
    }
    for (const { name, variable } of call.outputs) {
      edges.push({
        id: `out|${call.id}|${name}`,
        source: callKey(call.id),
        sourceHandle: `out:${name}`,
        target: variableKey(variable),
        targetHandle: 'in',
      })
    }
  }
  pattern.elementsOf.forEach((edge, index) => {
    const node = elementKey(index)
    const parts: [string, string, string][] = [
      [variableKey(edge.collection), node, 'collection'],
      [node, variableKey(edge.element), 'element'],
    ]
    if (edge.key !== null) parts.push([variableKey(edge.key), node, 'key'])
    for (const [source, target, role] of parts) {
      edges.push({
        id: `s|${node}|${role}`,
        source,
        sourceHandle: 'out',
        target,
        targetHandle: 'in',
        deletable: false,
        label: role === 'key' ? 'key' : undefined,
      })
    }
  })
  pattern.collectionsOf.forEach((edge, index) => {
    const node = collectionKey(index)
    edges.push({
      id: `s|${node}|collection`,
      source: node,
      sourceHandle: 'out',
      target: variableKey(edge.collection),
      targetHandle: 'in',
      deletable: false,
    })
    edge.elements.forEach(({ element, key }, position) => {
      edges.push({
        id: `s|${node}|element${position}`,
        source: variableKey(element),
        sourceHandle: 'out',
        target: node,
        targetHandle: 'in',
        deletable: false,
        label: key === null ? undefined : `at ${key}`,
      })
    })
  })
  return edges
}

/** The pattern port a React Flow handle is; null for structure nodes. */
export function portOf(nodeId: string, handleId: string | null | undefined): PortRef | null {
  if (nodeId.startsWith('var:')) return { kind: 'variable', variable: nodeId.slice(4) }
  if (!nodeId.startsWith('call:') || handleId == null) return null
  const callId = nodeId.slice(5)
  if (handleId.startsWith('in:')) return { kind: 'input', callId, name: handleId.slice(3) }
  if (handleId.startsWith('out:')) return { kind: 'output', callId, name: handleId.slice(4) }
  return null
}

/** What deleting these nodes and edges removes from the pattern. */
export function removalOf(nodeIds: readonly string[], edgeIds: readonly string[]): Removal {
  const suffix = (id: string, prefix: string) =>
    id.startsWith(prefix) ? [id.slice(prefix.length)] : []
  return {
    calls: nodeIds.flatMap((id) => suffix(id, 'call:')),
    variables: nodeIds.flatMap((id) => suffix(id, 'var:')),
    elementsOf: nodeIds.flatMap((id) => suffix(id, 'elem:').map(Number)),
    collectionsOf: nodeIds.flatMap((id) => suffix(id, 'coll:').map(Number)),
    bindings: edgeIds.flatMap((id) => {
      // Input names may contain '|' (destructured keys); call ids never do.
      const first = id.indexOf('|')
      const second = id.indexOf('|', first + 1)
      if (first === -1 || second === -1) return []
      const kind = id.slice(0, first)
      const callId = id.slice(first + 1, second)
      const name = id.slice(second + 1)
      if (kind !== 'in' && kind !== 'out') return []
      return [{ callId, side: kind === 'in' ? ('inputs' as const) : ('outputs' as const), name }]
    }),
  }
}
