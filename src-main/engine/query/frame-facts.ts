import { type CollectionKindName } from '../../../src-shared/query/pattern'
import { REF_KIND_NAMES, type RefKind } from '../memo/schema'
import { type WorkspaceStore } from '../store'
import {
  builtFrom,
  consumed,
  difference,
  idList,
  IN_LIST,
  type FrameOpNode,
  type FrameState,
} from './frame-state'

/**
 * The calls of an op node that bind the same names: a pattern call binds every name it lists,
 * so calls without an optional input (an omitted newArgDefault argument, say) need their own.
 */
export interface FrameVariant {
  readonly node: FrameOpNode
  readonly calls: ReadonlySet<number>
  readonly inputs: ReadonlyMap<string, string>
  readonly outputs: ReadonlyMap<string, string>
}

export type FrameChoice =
  | { readonly kind: 'call'; readonly variant: FrameVariant }
  | {
      readonly kind: 'elements'
      readonly element: string
      readonly collectionKind: CollectionKindName
    }
  | { readonly kind: 'none' }

interface IoRow {
  readonly isOutput: boolean
  readonly name: string
  readonly ref: number
}

/** What frameTable needs to know about a frame, read once (a few statements per edge). */
export class FrameFacts {
  readonly variants = new Map<string, FrameVariant[]>()
  /** Calls of the frame one of whose outputs the frame uses. */
  readonly consumedCalls = new Set<number>()
  private readonly io = new Map<number, IoRow[]>()
  private readonly consumedRefs = new Map<string, Set<number>>()
  private readonly built = new Map<string, Map<string, Map<CollectionKindName, Set<number>>>>()
  private readonly created = new Map<string, Set<number>>()

  constructor(
    private readonly store: WorkspaceStore,
    private readonly state: FrameState,
  ) {
    const calls: number[] = []
    for (const node of state.ops.values()) calls.push(...node.calls)
    const rows = store.all(
      `SELECT call_id, is_output, name, ref_id FROM call_io WHERE call_id ${IN_LIST}`,
      [idList(calls)],
    )
    for (const row of rows) {
      const call = row.call_id as number
      const list = this.io.get(call) ?? []
      list.push({
        isOutput: row.is_output === 1,
        name: row.name as string,
        ref: row.ref_id as number,
      })
      this.io.set(call, list)
    }
    for (const node of state.ops.values()) this.variants.set(node.id, this.variantsOf(node))
    for (const variable of state.variables.keys()) {
      this.consumedRefs.set(variable, consumed(store, state, variable))
    }
    for (const node of state.ops.values()) {
      for (const call of node.calls) {
        const used = (this.io.get(call) ?? []).some((row) => {
          const variable = row.isOutput ? node.outputs.get(row.name) : undefined
          return variable !== undefined && this.consumedRefs.get(variable)?.has(row.ref) === true
        })
        if (used) this.consumedCalls.add(call)
      }
    }
  }

  /** Refs `variant`'s calls (or those of them in `onlyCalls`) output as `name`, in the frame. */
  outputsOf(
    variant: FrameVariant,
    name: string,
    onlyCalls: ReadonlySet<number> | null,
  ): Set<number> {
    const held = this.state.variables.get(variant.outputs.get(name) ?? '') ?? new Set<number>()
    const refs = new Set<number>()
    for (const call of variant.calls) {
      if (onlyCalls !== null && !onlyCalls.has(call)) continue
      for (const row of this.io.get(call) ?? []) {
        if (row.isOutput && row.name === name && held.has(row.ref)) refs.add(row.ref)
      }
    }
    return refs
  }

  /** Ways to explain a ref of `variable`: a call that made it, its elements, or nothing. */
  choices(variable: string): FrameChoice[] {
    const choices: FrameChoice[] = []
    for (const variants of this.variants.values()) {
      for (const variant of variants) {
        const made = [...variant.outputs].some(
          ([name, target]) => target === variable && this.outputsOf(variant, name, null).size > 0,
        )
        if (made) choices.push({ kind: 'call', variant })
      }
    }
    return [...choices, ...this.structuralChoices(variable)]
  }

  /** Its elements (per element variable and collection kind), or nothing. */
  structuralChoices(variable: string): FrameChoice[] {
    const choices: FrameChoice[] = []
    for (const [element, kinds] of this.builtOf(variable)) {
      for (const collectionKind of kinds.keys())
        choices.push({ kind: 'elements', element, collectionKind })
    }
    if (this.bare(variable).size > 0) choices.push({ kind: 'none' })
    return choices
  }

  builtOf(variable: string): Map<string, Map<CollectionKindName, Set<number>>>
  builtOf(variable: string, element: string, kind: CollectionKindName): Set<number>
  builtOf(
    variable: string,
    element?: string,
    kind?: CollectionKindName,
  ): Map<string, Map<CollectionKindName, Set<number>>> | Set<number> {
    let byElement = this.built.get(variable)
    if (byElement === undefined) {
      byElement = new Map()
      for (const [elementVariable, refs] of builtFrom(this.store, this.state, variable)) {
        const byKind = new Map<CollectionKindName, Set<number>>()
        const rows = this.store.all(`SELECT id, kind FROM refs WHERE id ${IN_LIST}`, [idList(refs)])
        for (const row of rows) {
          const name = REF_KIND_NAMES[row.kind as RefKind]
          if (name === 'atom') continue
          const set = byKind.get(name) ?? new Set<number>()
          set.add(row.id as number)
          byKind.set(name, set)
        }
        byElement.set(elementVariable, byKind)
      }
      this.built.set(variable, byElement)
    }
    if (element === undefined || kind === undefined) return byElement
    return byElement.get(element)?.get(kind) ?? new Set()
  }

  /** Refs of `variable` that no call of the frame made. */
  private uncreated(variable: string): Set<number> {
    let made = this.created.get(variable)
    if (made === undefined) {
      made = new Set()
      for (const variants of this.variants.values()) {
        for (const variant of variants) {
          for (const [name, target] of variant.outputs) {
            if (target === variable)
              for (const ref of this.outputsOf(variant, name, null)) made.add(ref)
          }
        }
      }
      this.created.set(variable, made)
    }
    return difference(this.state.variables.get(variable) ?? [], made)
  }

  /** Refs of `variable` the frame does not explain at all (sources). */
  bare(variable: string): Set<number> {
    const built = new Set<number>()
    for (const kinds of this.builtOf(variable).values())
      for (const refs of kinds.values()) for (const ref of refs) built.add(ref)
    return difference(this.uncreated(variable), built)
  }

  /** Refs no call of the frame made and nothing in it uses: each is a row of its own. */
  loose(variable: string): Set<number> {
    return difference(this.uncreated(variable), this.consumedRefs.get(variable) ?? new Set())
  }

  private variantsOf(node: FrameOpNode): FrameVariant[] {
    const groups = new Map<string, Set<number>>()
    for (const call of node.calls) {
      const names = (this.io.get(call) ?? [])
        .filter((row) => (row.isOutput ? node.outputs : node.inputs).has(row.name))
        .map((row) => `${row.isOutput ? '>' : '<'}${row.name}`)
        .sort()
      const key = names.join('\u0000')
      const calls = groups.get(key) ?? new Set<number>()
      calls.add(call)
      groups.set(key, calls)
    }
    return [...groups.keys()].sort().map((key) => {
      const names = new Set(key.split('\u0000'))
      const pick = (edges: ReadonlyMap<string, string>, mark: string) =>
        new Map([...edges].filter(([name]) => names.has(`${mark}${name}`)))
      return {
        node,
        calls: groups.get(key) as Set<number>,
        inputs: pick(node.inputs, '<'),
        outputs: pick(node.outputs, '>'),
      }
    })
  }
}

export function readFrameFacts(store: WorkspaceStore, state: FrameState): FrameFacts {
  return new FrameFacts(store, state)
}
