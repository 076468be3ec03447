import { EngineError } from '../errors'
import { RefKind } from '../memo/schema'
import { type SqlValue, type WorkspaceStore } from '../store'

/**
 * The stored history of some refs as a concrete graph (SPEC Q6): call nodes with their
 * bindings, ref nodes, and element edges. similar() projects it into a pattern.
 */
export interface ProvenanceRef {
  readonly id: number
  readonly hid: string
  readonly cid: string
  readonly kind: RefKind
}

export interface ProvenanceBinding {
  readonly name: string
  readonly ref: number
}

export interface ProvenanceCall {
  readonly id: number
  readonly hid: string
  readonly op: string
  readonly versionKey: string
  readonly inputs: readonly ProvenanceBinding[]
  /** Only the outputs that are part of the history (the rest are nobody's concern here). */
  readonly outputs: readonly ProvenanceBinding[]
}

/**
 * `elementOf`: `element` was taken out of `collection` (upstream: the collection).
 * `collectionOf`: `collection` was assembled by the caller from `element` (upstream: the
 * element).
 */
export interface ProvenanceElementEdge {
  readonly kind: 'elementOf' | 'collectionOf'
  readonly collection: number
  readonly element: number
  readonly keyCid: string | null
}

export interface ProvenanceGraph {
  /** Every ref of the history, by row id, in discovery order. */
  readonly refs: ReadonlyMap<number, ProvenanceRef>
  readonly calls: ReadonlyMap<number, ProvenanceCall>
  readonly elements: readonly ProvenanceElementEdge[]
  /** The refs the walk started from, in the order given. */
  readonly roots: readonly number[]
}

export interface ProvenanceLimits {
  /** Most calls the history may have. */
  readonly maxCalls: number
  /** Most steps (call inputs, elements, containers) from a root to the farthest ref. */
  readonly maxDepth: number
}

export const DEFAULT_PROVENANCE_LIMITS: ProvenanceLimits = { maxCalls: 20_000, maxDepth: 5_000 }

interface Pending {
  readonly ref: number
  /** A container chosen for it when it was reached as an element of a caller-built list. */
  readonly container: ContainerChoice | null
}

interface ContainerChoice {
  readonly collection: ProvenanceRef
  readonly keyCid: string | null
}

const IN_LIST = 'IN (SELECT value FROM json_each(?))'

const REF_ROW = 'SELECT id, hid, cid, kind FROM refs WHERE hid = ?'

/** The call that made each ref (one by construction; the oldest if a ref was ever shared). */
const CREATORS = `SELECT io.ref_id AS made, c.id, c.hid, ov.op, ov.version_key FROM call_io io
  JOIN calls c ON c.id = io.call_id JOIN op_versions ov ON ov.id = c.op_version_id
  WHERE io.ref_id ${IN_LIST} AND io.is_output = 1 ORDER BY io.ref_id, c.id`

const CALL_IO = `SELECT io.call_id, io.is_output, io.name, r.id, r.hid, r.cid, r.kind FROM call_io io
  JOIN refs r ON r.id = io.ref_id WHERE io.call_id ${IN_LIST} ORDER BY io.call_id, io.is_output, io.name`

const ITEMS = `SELECT ci.key_cid, r.id, r.hid, r.cid, r.kind FROM collection_items ci
  JOIN refs r ON r.id = ci.item_id WHERE ci.collection_id = ? ORDER BY ci.position`

/**
 * Collections made by a call that hold one of the given refs. A collection whose creator
 * took the element itself as an input (an op returning `[x]`) would make the history circular,
 * so it does not count.
 */
const CONTAINERS = `SELECT ci.item_id, ci.collection_id, ci.key_cid FROM collection_items ci
  WHERE ci.item_id ${IN_LIST}
    AND EXISTS (SELECT 1 FROM call_io made WHERE made.ref_id = ci.collection_id AND made.is_output = 1)
    AND NOT EXISTS (SELECT 1 FROM call_io made JOIN call_io fed ON fed.call_id = made.call_id
      WHERE made.ref_id = ci.collection_id AND made.is_output = 1
        AND fed.is_output = 0 AND fed.ref_id = ci.item_id)
  ORDER BY ci.collection_id, ci.position`

/**
 * Walks back from each root (SPEC Q6): an output ref to the call that made it (one by
 * construction: its hid comes from the call's), that call to its inputs, and so on. A raw value
 * is a source. A ref that no call made is explained by a collection a call made that holds it
 * (elementOf); a collection nobody made (the caller built it, e.g. a slice of another
 * collection's elements) by its elements (collectionOf). Such elements prefer to come out of a
 * collection that a call made over their own creator, because that is how the caller got them
 * (`storage.elements(trees).slice(...)`). Calls made inside other calls are not history.
 * Breadth first, a level at a time: each level costs a few statements, not a few per ref.
 */
export function readProvenance(
  store: WorkspaceStore,
  rootHids: readonly string[],
  limits: ProvenanceLimits = DEFAULT_PROVENANCE_LIMITS,
): ProvenanceGraph {
  const refs = new Map<number, ProvenanceRef>()
  const calls = new Map<number, ProvenanceCall>()
  const elements: ProvenanceElementEdge[] = []
  const explained = new Set<number>()
  let level: Pending[] = []
  let depth = 0

  const reach = (next: Pending[], ref: ProvenanceRef, container: ContainerChoice | null) => {
    if (!refs.has(ref.id)) refs.set(ref.id, ref)
    if (!explained.has(ref.id)) next.push({ ref: ref.id, container })
  }
  const fromContainer = (next: Pending[], element: number, choice: ContainerChoice) => {
    elements.push({
      kind: 'elementOf',
      collection: choice.collection.id,
      element,
      keyCid: choice.keyCid,
    })
    reach(next, choice.collection, null)
  }

  const roots = rootHids.map((hid) => {
    const row = store.get(REF_ROW, [hid])
    if (row === undefined) {
      throw new EngineError('ref.unknown', `ref ${hid} is not in this storage`, { hid })
    }
    const ref = refOf(row)
    reach(level, ref, null)
    return ref.id
  })

  while (level.length > 0) {
    if (depth > limits.maxDepth) {
      throw new EngineError(
        'query.invalid',
        `the history of ${describeRoots(rootHids)} is deeper than ${limits.maxDepth} steps; similar() stops there`,
        { limit: 'maxDepth', maxDepth: limits.maxDepth },
      )
    }
    const next: Pending[] = []
    const lookup: ProvenanceRef[] = []
    for (const pending of level) {
      if (explained.has(pending.ref)) continue
      explained.add(pending.ref)
      const ref = refs.get(pending.ref) as ProvenanceRef
      // Outputs have hids of their own (I4): a raw value (hid = cid, I1) was never made by a call.
      if (ref.hid === ref.cid) continue
      if (pending.container !== null) fromContainer(next, ref.id, pending.container)
      else lookup.push(ref)
    }

    const creators = new Map<number, Record<string, SqlValue>>()
    if (lookup.length > 0) {
      for (const row of store.all(CREATORS, [idList(lookup.map((ref) => ref.id))])) {
        if (!creators.has(row.made as number)) creators.set(row.made as number, row)
      }
    }
    const newCalls = [...creators.values()].filter((row) => !calls.has(row.id as number))
    if (calls.size + newCalls.length > limits.maxCalls) {
      throw new EngineError(
        'query.invalid',
        `the history of ${describeRoots(rootHids)} has more than ${limits.maxCalls} calls; similar() stops there`,
        { limit: 'maxCalls', maxCalls: limits.maxCalls },
      )
    }
    for (const call of readCalls(store, newCalls)) {
      if (calls.has(call.id)) continue
      calls.set(call.id, call)
      for (const input of call.inputRefs) reach(next, input, null)
    }

    const uncreated = lookup.filter((ref) => !creators.has(ref.id))
    const containers = chooseContainers(
      store,
      uncreated.map((ref) => ref.id),
      refs,
    )
    for (const ref of uncreated) {
      const container = containers.get(ref.id)
      if (container !== undefined) {
        fromContainer(next, ref.id, container)
        continue
      }
      if (ref.kind === RefKind.Atom) continue
      const items = store.all(ITEMS, [ref.id])
      const itemRefs = items.map(refOf)
      const chosen = chooseContainers(
        store,
        itemRefs.filter((item) => item.hid !== item.cid).map((item) => item.id),
        refs,
      )
      items.forEach((item, index) => {
        const element = itemRefs[index] as ProvenanceRef
        elements.push({
          kind: 'collectionOf',
          collection: ref.id,
          element: element.id,
          keyCid: item.key_cid as string | null,
        })
        reach(next, element, chosen.get(element.id) ?? null)
      })
    }
    level = next
    depth++
  }

  // An output is part of the history only if something in it needs that ref.
  const withOutputs = new Map<number, ProvenanceCall>()
  for (const [id, call] of calls) {
    withOutputs.set(id, {
      id: call.id,
      hid: call.hid,
      op: call.op,
      versionKey: call.versionKey,
      inputs: call.inputs,
      outputs: call.outputs.filter((output) => refs.has(output.ref)),
    })
  }
  return { refs, calls: withOutputs, elements, roots }
}

interface ReadCall extends ProvenanceCall {
  readonly inputRefs: readonly ProvenanceRef[]
}

/** The calls of the given creator rows with all their inputs and outputs, in one statement. */
function readCalls(
  store: WorkspaceStore,
  creators: readonly Record<string, SqlValue>[],
): ReadCall[] {
  if (creators.length === 0) return []
  const byId = new Map<
    number,
    ReadCall & {
      inputs: ProvenanceBinding[]
      outputs: ProvenanceBinding[]
      inputRefs: ProvenanceRef[]
    }
  >()
  for (const row of creators) {
    byId.set(row.id as number, {
      id: row.id as number,
      hid: row.hid as string,
      op: row.op as string,
      versionKey: row.version_key as string,
      inputs: [],
      outputs: [],
      inputRefs: [],
    })
  }
  for (const row of store.all(CALL_IO, [idList(byId.keys())])) {
    const call = byId.get(row.call_id as number)
    if (call === undefined) continue
    const ref = refOf(row)
    const binding = { name: row.name as string, ref: ref.id }
    if (row.is_output === 1) call.outputs.push(binding)
    else {
      call.inputs.push(binding)
      call.inputRefs.push(ref)
    }
  }
  return [...byId.values()]
}

/**
 * For each of `items`, the collection made by a call that it is taken out of: one already in
 * the history if possible, else the one that holds most of the items (so a slice is explained
 * by one collection), else the oldest.
 */
function chooseContainers(
  store: WorkspaceStore,
  items: readonly number[],
  known: ReadonlyMap<number, ProvenanceRef>,
): Map<number, ContainerChoice> {
  const chosen = new Map<number, ContainerChoice>()
  if (items.length === 0) return chosen
  const rows = store.all(CONTAINERS, [idList(items)])
  const coverage = new Map<number, number>()
  for (const row of rows) {
    const collection = row.collection_id as number
    coverage.set(collection, (coverage.get(collection) ?? 0) + 1)
  }
  const rank = (collection: number): [number, number, number] => [
    known.has(collection) ? 0 : 1,
    -(coverage.get(collection) ?? 0),
    collection,
  ]
  const best = new Map<number, { collection: number; keyCid: string | null }>()
  for (const row of rows) {
    const item = row.item_id as number
    const candidate = {
      collection: row.collection_id as number,
      keyCid: row.key_cid as string | null,
    }
    const current = best.get(item)
    if (
      current === undefined ||
      compareRanks(rank(candidate.collection), rank(current.collection)) < 0
    )
      best.set(item, candidate)
  }
  for (const [item, { collection, keyCid }] of best) {
    chosen.set(item, {
      collection: known.get(collection) ?? requireRefById(store, collection),
      keyCid,
    })
  }
  return chosen
}

function compareRanks(left: readonly number[], right: readonly number[]): number {
  for (let index = 0; index < left.length; index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0)
    if (difference !== 0) return difference
  }
  return 0
}

function requireRefById(store: WorkspaceStore, id: number): ProvenanceRef {
  const row = store.get('SELECT id, hid, cid, kind FROM refs WHERE id = ?', [id])
  if (row === undefined) throw new Error(`ref row ${id} is missing`)
  return refOf(row)
}

function idList(ids: Iterable<number>): string {
  return JSON.stringify([...ids])
}

function refOf(row: Record<string, SqlValue>): ProvenanceRef {
  return {
    id: row.id as number,
    hid: row.hid as string,
    cid: row.cid as string,
    kind: row.kind as RefKind,
  }
}

function describeRoots(hids: readonly string[]): string {
  return hids.length === 1 ? `ref ${hids[0]}` : `refs ${hids.join(', ')}`
}
