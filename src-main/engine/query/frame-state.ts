import { type SqlValue, type WorkspaceStore } from '../store'
import { uniqueName } from './variable-names'

/**
 * What a computation frame is made of (SPEC Q7): variables holding ref row ids, op nodes
 * holding call row ids with their input/output edges, and element edges. Frames never change;
 * expansions build a new state from a draft.
 */
export interface FrameOpNode {
  readonly id: string
  readonly op: string
  readonly calls: ReadonlySet<number>
  /** Input name → variable id. */
  readonly inputs: ReadonlyMap<string, string>
  /** Output name → variable id. */
  readonly outputs: ReadonlyMap<string, string>
}

/** `collection`'s refs hold `element`'s refs as items (the elements are upstream). */
export interface FrameElementEdge {
  readonly collection: string
  readonly element: string
}

export interface FrameState {
  readonly variables: ReadonlyMap<string, ReadonlySet<number>>
  readonly ops: ReadonlyMap<string, FrameOpNode>
  readonly elements: readonly FrameElementEdge[]
}

interface DraftOpNode {
  readonly id: string
  readonly op: string
  readonly calls: Set<number>
  readonly inputs: Map<string, string>
  readonly outputs: Map<string, string>
}

/** A mutable copy of a state, for building the next one. */
export class FrameDraft {
  readonly variables: Map<string, Set<number>>
  readonly ops: Map<string, DraftOpNode>
  readonly elements: FrameElementEdge[]
  /** Variable and op node ids: one namespace, as in patterns. */
  private readonly ids: Set<string>
  /** Names a variable cannot have: 'q' and the ops the frame calls. */
  private readonly reserved: Set<string>

  constructor(state: FrameState = EMPTY_FRAME_STATE) {
    this.variables = new Map([...state.variables].map(([id, refs]) => [id, new Set(refs)]))
    this.ops = new Map(
      [...state.ops].map(([id, node]) => [
        id,
        {
          id,
          op: node.op,
          calls: new Set(node.calls),
          inputs: new Map(node.inputs),
          outputs: new Map(node.outputs),
        },
      ]),
    )
    this.elements = [...state.elements]
    this.ids = new Set([...this.variables.keys(), ...this.ops.keys()])
    this.reserved = new Set(['q', ...[...this.ops.values()].map((node) => node.op)])
  }

  /** A new, empty variable named after `base` (made unique). */
  addVariable(base: string): string {
    const id = uniqueName(base, new Set([...this.ids, ...this.reserved]))
    this.ids.add(id)
    this.variables.set(id, new Set())
    return id
  }

  /** A new op node, named after its op (op nodes may share an op's name; variables may not). */
  addOpNode(op: string, base: string): DraftOpNode {
    this.reserved.add(op)
    const id = uniqueName(base, this.ids)
    const node: DraftOpNode = { id, op, calls: new Set(), inputs: new Map(), outputs: new Map() }
    this.ops.set(id, node)
    return node
  }

  refsOf(variable: string): Set<number> {
    const refs = this.variables.get(variable)
    if (refs === undefined) throw new Error(`no variable '${variable}' in the frame`)
    return refs
  }

  build(): FrameState {
    return { variables: this.variables, ops: this.ops, elements: [...this.elements] }
  }
}

export const EMPTY_FRAME_STATE: FrameState = { variables: new Map(), ops: new Map(), elements: [] }

/** A set as a statement parameter, for `IN (SELECT value FROM json_each(?))`. */
export function idList(ids: Iterable<number>): string {
  return JSON.stringify([...ids])
}

export const IN_LIST = 'IN (SELECT value FROM json_each(?))'

/**
 * For a second set in one statement: the unary + keeps SQLite from probing an index once per
 * pair of the two lists (2,000 × 2,000 probes); the set is looked up in a temporary table.
 */
export function alsoIn(column: string): string {
  return `+${column} ${IN_LIST}`
}

function column(rows: readonly Record<string, SqlValue>[], name: string): Set<number> {
  return new Set(rows.map((row) => row[name] as number))
}

/** Refs of `variable` that a call of the frame outputs through an edge into it, per op node. */
export function createdBy(
  store: WorkspaceStore,
  state: FrameState,
  variable: string,
): Map<string, Set<number>> {
  const refs = idList(state.variables.get(variable) ?? [])
  const byNode = new Map<string, Set<number>>()
  for (const node of state.ops.values()) {
    for (const [name, target] of node.outputs) {
      if (target !== variable) continue
      const rows = store.all(
        `SELECT io.ref_id FROM call_io io WHERE io.is_output = 1 AND io.name = ?
           AND io.call_id ${IN_LIST} AND ${alsoIn('io.ref_id')}`,
        [name, idList(node.calls), refs],
      )
      const made = byNode.get(node.id) ?? new Set<number>()
      for (const ref of column(rows, 'ref_id')) made.add(ref)
      byNode.set(node.id, made)
    }
  }
  return byNode
}

/**
 * Refs of `variable` that the caller built (no call made them) out of refs of an element
 * variable of the frame, per element variable.
 */
export function builtFrom(
  store: WorkspaceStore,
  state: FrameState,
  variable: string,
): Map<string, Set<number>> {
  const refs = idList(state.variables.get(variable) ?? [])
  const byElement = new Map<string, Set<number>>()
  for (const { collection, element } of state.elements) {
    if (collection !== variable) continue
    const rows = store.all(
      `SELECT DISTINCT ci.collection_id FROM collection_items ci
       WHERE ci.collection_id ${IN_LIST} AND ${alsoIn('ci.item_id')}
         AND NOT EXISTS (SELECT 1 FROM call_io io WHERE io.ref_id = ci.collection_id AND io.is_output = 1)`,
      [refs, idList(state.variables.get(element) ?? [])],
    )
    byElement.set(element, column(rows, 'collection_id'))
  }
  return byElement
}

/** Refs of `variable` that a call or a collection of the frame uses through an edge. */
export function consumed(store: WorkspaceStore, state: FrameState, variable: string): Set<number> {
  const refs = idList(state.variables.get(variable) ?? [])
  const used = new Set<number>()
  for (const node of state.ops.values()) {
    for (const [name, source] of node.inputs) {
      if (source !== variable) continue
      const rows = store.all(
        `SELECT DISTINCT io.ref_id FROM call_io io WHERE io.is_output = 0 AND io.name = ?
           AND io.call_id ${IN_LIST} AND ${alsoIn('io.ref_id')}`,
        [name, idList(node.calls), refs],
      )
      for (const ref of column(rows, 'ref_id')) used.add(ref)
    }
  }
  for (const { collection, element } of state.elements) {
    if (element !== variable) continue
    const rows = store.all(
      `SELECT DISTINCT ci.item_id FROM collection_items ci
       WHERE ci.item_id ${IN_LIST} AND ${alsoIn('ci.collection_id')}`,
      [refs, idList(state.variables.get(collection) ?? [])],
    )
    for (const ref of column(rows, 'item_id')) used.add(ref)
  }
  return used
}

/** Refs of `variable` that nothing in the frame explains: where expanding back starts. */
export function sourcesOf(store: WorkspaceStore, state: FrameState, variable: string): Set<number> {
  const explained = new Set<number>()
  for (const refs of createdBy(store, state, variable).values())
    for (const ref of refs) explained.add(ref)
  for (const refs of builtFrom(store, state, variable).values())
    for (const ref of refs) explained.add(ref)
  return difference(state.variables.get(variable) ?? [], explained)
}

/** Refs of `variable` that nothing in the frame uses: where expanding forward starts. */
export function sinksOf(store: WorkspaceStore, state: FrameState, variable: string): Set<number> {
  return difference(state.variables.get(variable) ?? [], consumed(store, state, variable))
}

export function difference(all: Iterable<number>, remove: ReadonlySet<number>): Set<number> {
  const result = new Set<number>()
  for (const id of all) if (!remove.has(id)) result.add(id)
  return result
}
