import { type WorkspaceStore } from '../store'
import {
  FrameDraft,
  idList,
  IN_LIST,
  sinksOf,
  sourcesOf,
  type FrameElementEdge,
  type FrameState,
} from './frame-state'
import { identifierFrom } from './variable-names'

export type ExpansionDirection = 'back' | 'forward'

export interface ExpansionStep {
  readonly state: FrameState
  /** Variables that received refs on the far side: where the next step continues. */
  readonly grown: readonly string[]
  readonly changed: boolean
}

type Side = 'inputs' | 'outputs'

interface IoRow {
  readonly call: number
  readonly side: Side
  readonly name: string
  readonly ref: number
  readonly op: string
}

/**
 * One expansion step (SPEC Q7, mandala's `_expand_unidirectional`). Back: the creators of the
 * variables' source refs, and the elements of source collections the caller built. Forward: the
 * consumers of their sink refs, and the collections holding them. New calls are grouped by op and
 * by the edges that glue them to the expanded variables; a group joins an op node of that op
 * already glued the same way, else becomes a new one. On the far side a binding reuses a
 * variable only if that variable already holds every ref of it and none is a raw value (raw
 * values are shared by coincidence; computed refs are the same computation); otherwise it is a
 * new variable.
 */
export function expandStep(
  store: WorkspaceStore,
  state: FrameState,
  variables: readonly string[],
  direction: ExpansionDirection,
): ExpansionStep {
  const frontier = new Map<number, string>()
  for (const variable of variables) {
    const refs =
      direction === 'back' ? sourcesOf(store, state, variable) : sinksOf(store, state, variable)
    for (const ref of refs) if (!frontier.has(ref)) frontier.set(ref, variable)
  }
  const draft = new FrameDraft(state)
  const grown = new Set<string>()
  if (frontier.size === 0) return { state, grown: [], changed: false }
  const frontierIds = idList(frontier.keys())
  const before = sizeOf(state)

  // Calls glued to the frontier: by the outputs they made (back) or the inputs they took.
  const gluedSide: Side = direction === 'back' ? 'outputs' : 'inputs'
  const glue = new Map<number, Map<string, string>>()
  const gluing = store.all(
    `SELECT io.call_id, io.name, io.ref_id FROM call_io io JOIN calls c ON c.id = io.call_id
     WHERE io.is_output = ? AND io.ref_id ${IN_LIST} AND c.superseded_by IS NULL`,
    [direction === 'back' ? 1 : 0, frontierIds],
  )
  for (const row of gluing) {
    const call = row.call_id as number
    const edges = glue.get(call) ?? new Map<string, string>()
    edges.set(row.name as string, frontier.get(row.ref_id as number) as string)
    glue.set(call, edges)
  }
  const rows = readIo(store, [...glue.keys()])
  const groups = new Map<string, { op: string; glued: Map<string, string>; calls: number[] }>()
  for (const [call, edges] of glue) {
    const op = rows.get(call)?.[0]?.op
    if (op === undefined) continue
    const key = JSON.stringify([op, [...edges].sort()])
    const group = groups.get(key) ?? { op, glued: edges, calls: [] }
    group.calls.push(call)
    groups.set(key, group)
  }
  for (const key of [...groups.keys()].sort()) {
    const { op, glued, calls } = groups.get(key) as NonNullable<ReturnType<typeof groups.get>>
    const existing = [...draft.ops.values()].find(
      (node) =>
        node.op === op &&
        [...glued].every(([name, variable]) => node[gluedSide].get(name) === variable),
    )
    const node = existing ?? draft.addOpNode(op, identifierFrom(op))
    for (const [name, variable] of glued) node[gluedSide].set(name, variable)
    const farSide = new Map<string, Set<number>>()
    for (const call of calls) {
      node.calls.add(call)
      for (const row of rows.get(call) ?? []) {
        if (row.side === gluedSide && glued.has(row.name)) continue
        const slot = `${row.side}\u0000${row.name}`
        const refs = farSide.get(slot) ?? new Set<number>()
        refs.add(row.ref)
        farSide.set(slot, refs)
      }
    }
    for (const slot of [...farSide.keys()].sort()) {
      const [side, name] = slot.split('\u0000') as [Side, string]
      const refs = farSide.get(slot) as Set<number>
      let variable = node[side].get(name)
      if (variable === undefined) {
        variable =
          reusableVariable(store, draft, refs) ?? draft.addVariable(variableName(side, name, op))
        node[side].set(name, variable)
      }
      for (const ref of refs) draft.refsOf(variable).add(ref)
      if ((direction === 'back') === (side === 'inputs')) grown.add(variable)
    }
  }

  // Collections: built ones are explained by their elements; refs end up in collections.
  const structural =
    direction === 'back'
      ? store.all(
          `SELECT ci.collection_id AS anchor, ci.item_id AS other FROM collection_items ci
           WHERE ci.collection_id ${IN_LIST}
             AND NOT EXISTS (SELECT 1 FROM call_io io WHERE io.ref_id = ci.collection_id AND io.is_output = 1)`,
          [frontierIds],
        )
      : store.all(
          `SELECT ci.item_id AS anchor, ci.collection_id AS other FROM collection_items ci
           WHERE ci.item_id ${IN_LIST}`,
          [frontierIds],
        )
  const reached = new Map<string, Set<number>>()
  for (const row of structural) {
    const variable = frontier.get(row.anchor as number) as string
    const refs = reached.get(variable) ?? new Set<number>()
    refs.add(row.other as number)
    reached.set(variable, refs)
  }
  for (const variable of [...reached.keys()].sort()) {
    const far = direction === 'back' ? 'element' : 'collection'
    const near = direction === 'back' ? 'collection' : 'element'
    const edge = draft.elements.find((candidate) => candidate[near] === variable)
    let other = edge?.[far]
    if (other === undefined) {
      other = draft.addVariable(`${variable}${direction === 'back' ? 'Item' : 'Collection'}`)
      const added: FrameElementEdge =
        direction === 'back'
          ? { collection: variable, element: other }
          : { collection: other, element: variable }
      draft.elements.push(added)
    }
    for (const ref of reached.get(variable) ?? []) draft.refsOf(other).add(ref)
    grown.add(other)
  }

  const next = draft.build()
  const changed = sizeOf(next) !== before
  return { state: changed ? next : state, grown: [...grown], changed }
}

function readIo(store: WorkspaceStore, calls: readonly number[]): Map<number, IoRow[]> {
  const byCall = new Map<number, IoRow[]>()
  if (calls.length === 0) return byCall
  const rows = store.all(
    `SELECT io.call_id, io.is_output, io.name, io.ref_id, ov.op FROM call_io io
     JOIN calls c ON c.id = io.call_id JOIN op_versions ov ON ov.id = c.op_version_id
     WHERE io.call_id ${IN_LIST} ORDER BY io.call_id, io.is_output, io.name`,
    [idList(calls)],
  )
  for (const row of rows) {
    const call = row.call_id as number
    const list = byCall.get(call) ?? []
    list.push({
      call,
      side: row.is_output === 1 ? 'outputs' : 'inputs',
      name: row.name as string,
      ref: row.ref_id as number,
      op: row.op as string,
    })
    byCall.set(call, list)
  }
  return byCall
}

/** A variable that already holds all of `refs`, none of them raw (hid = cid). */
function reusableVariable(
  store: WorkspaceStore,
  draft: FrameDraft,
  refs: ReadonlySet<number>,
): string | undefined {
  const holder = [...draft.variables].find(([, held]) => [...refs].every((ref) => held.has(ref)))
  if (holder === undefined) return undefined
  const raw = store.get(`SELECT COUNT(*) AS raw FROM refs WHERE id ${IN_LIST} AND hid = cid`, [
    idList(refs),
  ])
  return raw?.raw === 0 ? holder[0] : undefined
}

/** Inputs and named outputs by name; an op's default output (`output_0`) as `<op>Result`. */
export function variableName(side: Side, name: string, op: string): string {
  if (side === 'outputs' && /^output_\d+$/.test(name)) return `${identifierFrom(op)}Result`
  return identifierFrom(name)
}

function sizeOf(state: FrameState): string {
  let refs = 0
  for (const held of state.variables.values()) refs += held.size
  let calls = 0
  let edges = 0
  for (const node of state.ops.values()) {
    calls += node.calls.size
    edges += node.inputs.size + node.outputs.size
  }
  return `${state.variables.size}/${refs}/${state.ops.size}/${calls}/${edges}/${state.elements.length}`
}
