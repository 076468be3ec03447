import {
  type FrameEdge,
  type FrameGraph,
  type FrameOpNode,
  type FrameVariableNode,
} from '../../../src-shared/query/frame'
import { type WorkspaceStore } from '../store'
import { alsoIn, idList, IN_LIST, sinksOf, sourcesOf, type FrameState } from './frame-state'

/** SPEC Q7: the frame as the app draws it, every node and edge with its counts (SQL counts). */
export function frameGraph(store: WorkspaceStore, state: FrameState): FrameGraph {
  const variables: FrameVariableNode[] = [...state.variables].map(([id, refs]) => ({
    kind: 'variable',
    id,
    refs: refs.size,
    values: count(store, `SELECT COUNT(DISTINCT cid) AS n FROM refs WHERE id ${IN_LIST}`, [
      idList(refs),
    ]),
    sources: sourcesOf(store, state, id).size,
    sinks: sinksOf(store, state, id).size,
  }))
  const ops: FrameOpNode[] = [...state.ops.values()].map((node) => ({
    kind: 'op',
    id: node.id,
    op: node.op,
    calls: node.calls.size,
    versions: count(
      store,
      `SELECT COUNT(DISTINCT op_version_id) AS n FROM calls WHERE id ${IN_LIST}`,
      [idList(node.calls)],
    ),
  }))
  const edges: FrameEdge[] = []
  for (const node of state.ops.values()) {
    for (const [kind, bindings] of [
      ['input', node.inputs],
      ['output', node.outputs],
    ] as const) {
      for (const [name, variable] of bindings) {
        edges.push({
          kind,
          op: node.id,
          variable,
          name,
          calls: count(
            store,
            `SELECT COUNT(*) AS n FROM call_io WHERE call_id ${IN_LIST} AND is_output = ? AND name = ?`,
            [idList(node.calls), kind === 'output' ? 1 : 0, name],
          ),
        })
      }
    }
  }
  for (const { collection, element } of state.elements) {
    const row = store.get(
      `SELECT COUNT(DISTINCT collection_id) AS collections, COUNT(*) AS elements
       FROM collection_items WHERE collection_id ${IN_LIST} AND ${alsoIn('item_id')}`,
      [idList(state.variables.get(collection) ?? []), idList(state.variables.get(element) ?? [])],
    )
    edges.push({
      kind: 'element',
      collection,
      element,
      collections: Number(row?.collections ?? 0),
      elements: Number(row?.elements ?? 0),
    })
  }
  return { variables, ops, edges }
}

function count(store: WorkspaceStore, sql: string, params: readonly (string | number)[]): number {
  return Number(store.get(sql, params)?.n ?? 0)
}
