import {
  type CollectionKindName,
  type Pattern,
  type PatternCall,
  type PinValue,
} from '../../../src-shared/query/pattern'
import { type WorkspaceStore } from '../store'

/**
 * A deliberately naive reading of SPEC Q2–Q4 for tests (mandala's "sql == naive"): the stored
 * calls, refs and collection items are read with plain SELECTs and the pattern is matched by
 * backtracking over them, without any of the compiler's anchors or joins.
 */

interface StoredCall {
  readonly id: number
  readonly opVersionId: number
  readonly superseded: boolean
  readonly inputs: Map<string, number>
  readonly outputs: Map<string, number>
}

interface StoredItem {
  readonly collectionId: number
  readonly position: number
  readonly keyCid: string | null
  readonly itemId: number
}

export interface StoredGraph {
  readonly calls: readonly StoredCall[]
  readonly refs: ReadonlyMap<
    number,
    { readonly hid: string; readonly cid: string; readonly kind: number }
  >
  readonly items: readonly StoredItem[]
  /** op_versions rows, oldest first. */
  readonly versions: readonly {
    readonly id: number
    readonly op: string
    readonly versionKey: string
  }[]
}

export function readStoredGraph(store: WorkspaceStore): StoredGraph {
  const calls = new Map<number, StoredCall>()
  for (const row of store.all('SELECT id, op_version_id, superseded_by FROM calls')) {
    calls.set(row.id as number, {
      id: row.id as number,
      opVersionId: row.op_version_id as number,
      superseded: row.superseded_by !== null,
      inputs: new Map(),
      outputs: new Map(),
    })
  }
  for (const row of store.all('SELECT call_id, is_output, name, ref_id FROM call_io')) {
    const call = calls.get(row.call_id as number)
    const side = row.is_output === 1 ? call?.outputs : call?.inputs
    side?.set(row.name as string, row.ref_id as number)
  }
  const refs = new Map(
    store
      .all('SELECT id, hid, cid, kind FROM refs')
      .map((row) => [
        row.id as number,
        { hid: row.hid as string, cid: row.cid as string, kind: row.kind as number },
      ]),
  )
  const items = store
    .all('SELECT collection_id, position, key_cid, item_id FROM collection_items')
    .map((row) => ({
      collectionId: row.collection_id as number,
      position: row.position as number,
      keyCid: row.key_cid as string | null,
      itemId: row.item_id as number,
    }))
  const versions = store
    .all('SELECT id, op, version_key FROM op_versions ORDER BY id')
    .map((row) => ({
      id: row.id as number,
      op: row.op as string,
      versionKey: row.version_key as string,
    }))
  return { calls: [...calls.values()], refs, items, versions }
}

const KIND_NUMBERS: Record<CollectionKindName, number> = { list: 1, object: 2, map: 3, set: 4 }

/**
 * The selected values of every match, as strings: `r:<hid>` for refs, `k:<position>` or
 * `k:<key cid>` for keys. With distinct, duplicates are dropped.
 */
export function naiveMatch(
  graph: StoredGraph,
  pattern: Pattern,
  options: { readonly distinct: boolean; readonly pinCid: (pin: PinValue) => string },
): string[][] {
  const keyVariables = new Set<string>()
  const entries: { collection: string; element: string; key: string | null }[] = []
  for (const edge of pattern.elementsOf) {
    entries.push(edge)
    if (edge.key !== null) keyVariables.add(edge.key)
  }
  for (const edge of pattern.collectionsOf) {
    for (const { element, key } of edge.elements) {
      entries.push({ collection: edge.collection, element, key })
      if (key !== null) keyVariables.add(key)
    }
  }
  const freeVariables = pattern.variables.map(({ id }) => id).filter((id) => !keyVariables.has(id))
  const assignment = new Map<string, number | string>()
  const rows: string[][] = []

  const bind = (variable: string, value: number | string, then: () => void): void => {
    const current = assignment.get(variable)
    if (current !== undefined) {
      if (current === value) then()
      return
    }
    assignment.set(variable, value)
    then()
    assignment.delete(variable)
  }
  const bindAll = (pairs: readonly [string, number | string][], then: () => void): void => {
    const [first, ...rest] = pairs
    if (first === undefined) then()
    else bind(first[0], first[1], () => bindAll(rest, then))
  }

  const matchCalls = (index: number): void => {
    const call = pattern.calls[index]
    if (call === undefined) return matchEntries(0)
    const allowed = allowedVersions(graph, call)
    for (const stored of graph.calls) {
      if (stored.superseded || !allowed.has(stored.opVersionId)) continue
      const pairs: [string, number][] = []
      let complete = true
      for (const [side, bindings] of [
        [stored.inputs, call.inputs],
        [stored.outputs, call.outputs],
      ] as const) {
        for (const { name, variable } of bindings) {
          const refId = side.get(name)
          if (refId === undefined) complete = false
          else pairs.push([variable, refId])
        }
      }
      if (complete) bindAll(pairs, () => matchCalls(index + 1))
    }
  }

  const matchEntries = (index: number): void => {
    const entry = entries[index]
    if (entry === undefined) return matchFree(0)
    for (const item of graph.items) {
      const pairs: [string, number | string][] = [
        [entry.collection, item.collectionId],
        [entry.element, item.itemId],
      ]
      if (entry.key !== null) pairs.push([entry.key, item.keyCid ?? item.position])
      bindAll(pairs, () => matchEntries(index + 1))
    }
  }

  const matchFree = (index: number): void => {
    const variable = freeVariables[index]
    if (variable === undefined) return emit()
    if (assignment.has(variable)) return matchFree(index + 1)
    for (const refId of graph.refs.keys()) bind(variable, refId, () => matchFree(index + 1))
  }

  const emit = (): void => {
    for (const variable of pattern.variables) {
      if (variable.pin === null) continue
      const value = assignment.get(variable.id)
      const allowed = variable.pin.flatMap((pin) => pinValues(pin, keyVariables.has(variable.id)))
      const actual = keyVariables.has(variable.id) ? value : graph.refs.get(value as number)?.cid
      if (!allowed.includes(actual as number | string)) return
    }
    for (const edge of pattern.collectionsOf) {
      const ref = graph.refs.get(assignment.get(edge.collection) as number)
      if (ref?.kind !== KIND_NUMBERS[edge.collectionKind]) return
    }
    rows.push(
      pattern.select.map((id) => {
        const value = assignment.get(id)
        if (keyVariables.has(id)) return `k:${String(value)}`
        return `r:${graph.refs.get(value as number)?.hid ?? '?'}`
      }),
    )
  }

  const pinValues = (pin: PinValue, isKey: boolean): (number | string)[] => {
    const cid = options.pinCid(pin)
    if (!isKey || pin.kind !== 'literal') return [cid]
    const position = pin.value
    return typeof position === 'number' && Number.isSafeInteger(position) && position >= 0
      ? [cid, position]
      : [cid]
  }

  matchCalls(0)
  if (!options.distinct) return rows
  const seen = new Set<string>()
  return rows.filter((row) => {
    const key = JSON.stringify(row)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function allowedVersions(graph: StoredGraph, call: PatternCall): Set<number> {
  const versions = graph.versions.filter((version) => version.op === call.op)
  switch (call.version.kind) {
    case 'all':
      return new Set(versions.map((version) => version.id))
    case 'exact': {
      const key = call.version.versionKey
      return new Set(versions.filter((version) => version.versionKey === key).map(({ id }) => id))
    }
    case 'current':
      return new Set(versions.slice(-1).map((version) => version.id))
  }
}
