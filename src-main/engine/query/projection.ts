import {
  CURRENT_VERSION,
  type CollectionKindName,
  type Pattern,
  type VersionConstraint,
} from '../../../src-shared/query/pattern'
import { PatternBuilder } from '../../../src-shared/query/pattern-builder'
import { EngineError } from '../errors'
import { REF_KIND_NAMES } from '../memo/schema'
import { refineColors, type LabeledEdge } from './color-refinement'
import { type ProvenanceCall, type ProvenanceGraph } from './provenance'
import { identifierFrom, isIdentifier, uniqueName } from './variable-names'

export interface ProjectionOptions {
  /** Ref ids whose variables the pattern selects, in column order. */
  readonly selected: readonly number[]
  /** Select every variable instead (similar's `context: true`), in canonical order. */
  readonly context?: boolean
  /** Names the caller chose for some refs of the history, by ref id. */
  readonly names?: ReadonlyMap<number, string>
  /** Each op's newest stored version key: its calls are written as the current version. */
  readonly newestVersions?: ReadonlyMap<string, string>
}

export interface Projection {
  readonly pattern: Pattern
  /** The variable each ref of the history became. */
  readonly variableOf: ReadonlyMap<number, string>
  /** Color refinement rounds until the partition was stable. */
  readonly rounds: number
}

interface PrototypeBinding {
  readonly name: string
  readonly prototype: number
}

/** One node of the projected graph per color class, linked like its members. */
interface Prototypes {
  readonly members: Map<number, number[]>
  readonly inputs: Map<number, PrototypeBinding[]>
  readonly outputs: Map<number, PrototypeBinding[]>
  readonly creator: Map<number, PrototypeBinding & { readonly call: number }>
  /** elementOf: the prototype of the collection each element prototype is taken out of. */
  readonly container: Map<number, number>
  /** collectionOf: the element prototypes each built collection prototype holds. */
  readonly builtFrom: Map<number, Set<number>>
  readonly successors: Map<number, Set<number>>
}

/**
 * SPEC Q6: the history as a pattern where repeated structure is one prototype. Colors start as
 * what a node is (a call: its op version; a value: one color, or its kind for a collection the
 * caller built), refine by (edge label, neighbour color) — multisets for call inputs and outputs,
 * sets for element edges — and each final class becomes one pattern node. Classes are stable
 * for 1-WL, so members agree on their neighbours' classes; that is checked (the projection is a
 * graph homomorphism) rather than assumed.
 */
export function projectProvenance(graph: ProvenanceGraph, options: ProjectionOptions): Projection {
  // Nodes: calls first, then values. A computed ref is one node wherever it is used; a raw value
  // is a source of its own at each use, because equal constants (a seed 30 and a sample count
  // 30) are coincidences far more often than one input fed to two places.
  const calls = [...graph.calls.values()]
  const callCount = calls.length
  const refOfNode: number[] = []
  const homeNode = new Map<number, number>()
  const newValueNode = (ref: number): number => {
    refOfNode.push(ref)
    const node = callCount + refOfNode.length - 1
    if (!homeNode.has(ref)) homeNode.set(ref, node)
    return node
  }
  const nodeOf = (ref: number): number => homeNode.get(ref) ?? newValueNode(ref)
  const isRaw = (ref: number) => {
    const stored = graph.refs.get(ref)
    if (stored === undefined) throw new Error(`ref row ${ref} is not part of the history`)
    return stored.hid === stored.cid
  }
  const useOf = (ref: number): number => (isRaw(ref) ? newValueNode(ref) : nodeOf(ref))
  const callAt = (node: number) => calls[node] as ProvenanceCall

  const edges: LabeledEdge[] = []
  calls.forEach((call, node) => {
    for (const { name, ref } of call.inputs)
      edges.push({ from: useOf(ref), to: node, label: `in:${name}`, set: false })
    for (const { name, ref } of call.outputs)
      edges.push({ from: node, to: nodeOf(ref), label: `out:${name}`, set: false })
  })
  const builtKinds = new Map<number, CollectionKindName>()
  for (const edge of graph.elements) {
    // Object and Map keys are roles (`{ train, test }`); list positions and set members not.
    const label = edge.keyCid === null ? edge.kind : `${edge.kind}:${edge.keyCid}`
    const collection = nodeOf(edge.collection)
    if (edge.kind === 'elementOf') {
      edges.push({ from: collection, to: nodeOf(edge.element), label, set: true })
    } else {
      edges.push({ from: useOf(edge.element), to: collection, label, set: true })
      const kind = REF_KIND_NAMES[graph.refs.get(edge.collection)?.kind ?? 0]
      if (kind !== 'atom') builtKinds.set(collection, kind)
    }
  }
  // Roots and named refs that nothing uses still need a node.
  for (const ref of [...options.selected, ...(options.names?.keys() ?? [])]) nodeOf(ref)

  const initial = [
    ...calls.map((call) => `c:${call.op}\u0000${call.versionKey}`),
    ...refOfNode.map((_, index) => `v:${builtKinds.get(callCount + index) ?? ''}`),
  ]
  const { colors, rounds } = refineColors(initial, edges)
  const prototypes = buildPrototypes(colors, callCount, edges)
  const order = topologicalOrder(prototypes)
  const isCall = (prototype: number) => firstMember(prototypes, prototype) < callCount
  const prototypeOfRef = (ref: number) => colors[nodeOf(ref)] as number

  const opNames = new Set(calls.map((call) => call.op))
  const used = new Set<string>(['q', ...opNames])
  const nameOf = new Map<number, string>()
  for (const [prototype, name] of givenNames(options.names, prototypeOfRef, opNames)) {
    nameOf.set(prototype, name)
    used.add(name)
  }
  // Canonical order: the same history shape always gets the same names.
  for (const prototype of order) {
    if (isCall(prototype) || nameOf.has(prototype)) continue
    nameOf.set(prototype, uniqueName(describeValue(prototype), used))
  }

  /** What the history says about a value: its output name, the input it feeds, its source. */
  function describeValue(prototype: number): string {
    const creator = prototypes.creator.get(prototype)
    if (creator !== undefined && !/^output_\d+$/.test(creator.name))
      return identifierFrom(creator.name)
    for (const other of order) {
      const input = prototypes.inputs.get(other)?.find((binding) => binding.prototype === prototype)
      if (input !== undefined) return identifierFrom(input.name)
    }
    const container = prototypes.container.get(prototype)
    if (container !== undefined) return `${nameOf.get(container) ?? 'collection'}Item`
    if (creator !== undefined) return `${identifierFrom(callAt(creator.call).op)}Result`
    // An element of a list the caller built, named after the list (which comes later in order).
    for (const [collection, elements] of prototypes.builtFrom) {
      if (elements.has(prototype)) return `${describeValue(collection)}Item`
    }
    return 'v'
  }

  const builder = new PatternBuilder()
  const variable = (prototype: number) => nameOf.get(prototype) as string
  for (const prototype of order) if (!isCall(prototype)) builder.variable(variable(prototype))
  for (const prototype of order) {
    if (!isCall(prototype)) continue
    const call = callAt(firstMember(prototypes, prototype))
    const version: VersionConstraint =
      options.newestVersions?.get(call.op) === call.versionKey
        ? CURRENT_VERSION
        : { kind: 'exact', versionKey: call.versionKey }
    const bind = ({ name, prototype: value }: PrototypeBinding) => ({
      name,
      variable: variable(value),
    })
    builder.call(
      call.op,
      (prototypes.inputs.get(prototype) ?? []).map(bind),
      (prototypes.outputs.get(prototype) ?? []).map(bind),
      version,
      uniqueName(`${identifierFrom(call.op)}Call`, used),
    )
  }
  for (const prototype of order) {
    const container = prototypes.container.get(prototype)
    if (container !== undefined) builder.elementOf(variable(container), variable(prototype))
    const elements = prototypes.builtFrom.get(prototype)
    const kind = builtKinds.get(firstMember(prototypes, prototype))
    if (elements !== undefined && kind !== undefined) {
      builder.collectionOf(
        variable(prototype),
        kind,
        order
          .filter((other) => elements.has(other))
          .map((element) => ({ element: variable(element), key: null })),
      )
    }
  }

  assertUnambiguous(options.selected, prototypeOfRef, graph, nameOf)
  builder.select(
    options.context === true
      ? order.filter((prototype) => !isCall(prototype)).map(variable)
      : [...new Set(options.selected.map((ref) => variable(prototypeOfRef(ref))))],
  )
  const variableOf = new Map(
    [...homeNode].map(([ref, node]) => [ref, variable(colors[node] as number)]),
  )
  return { pattern: builder.build(), variableOf, rounds }
}

function firstMember(prototypes: Prototypes, prototype: number): number {
  return prototypes.members.get(prototype)?.[0] as number
}

/**
 * Prototypes and their links, read off each class's first member, after checking that every
 * member has the same (direction, label, neighbour class) set: then every edge of the history
 * has an image in the pattern, and each pattern call binds each name once.
 */
function buildPrototypes(
  colors: readonly number[],
  callCount: number,
  edges: readonly LabeledEdge[],
): Prototypes {
  const colorOf = (node: number) => colors[node] as number
  const prototypes: Prototypes = {
    members: new Map(),
    inputs: new Map(),
    outputs: new Map(),
    creator: new Map(),
    container: new Map(),
    builtFrom: new Map(),
    successors: new Map(),
  }
  colors.forEach((color, node) => {
    const members = prototypes.members.get(color)
    if (members === undefined) prototypes.members.set(color, [node])
    else members.push(node)
  })
  const views: Set<string>[] = Array.from({ length: colors.length }, () => new Set())
  for (const { from, to, label } of edges) {
    views[from]?.add(`>${label}=${colorOf(to)}`)
    views[to]?.add(`<${label}=${colorOf(from)}`)
  }
  const viewOf = (node: number) => [...(views[node] ?? [])].sort().join(',')
  for (const [prototype, members] of prototypes.members) {
    const expected = viewOf(members[0] as number)
    for (const member of members) {
      if (viewOf(member) !== expected) {
        throw new EngineError(
          'internal',
          `similar(): color class ${prototype} is not a graph homomorphism image (${expected} vs ${viewOf(member)})`,
        )
      }
    }
  }

  const isRepresentative = (node: number) => firstMember(prototypes, colorOf(node)) === node
  const push = (map: Map<number, PrototypeBinding[]>, key: number, binding: PrototypeBinding) => {
    const list = map.get(key)
    if (list === undefined) map.set(key, [binding])
    else list.push(binding)
  }
  for (const { from, to, label } of edges) {
    const source = colorOf(from)
    const target = colorOf(to)
    const successors = prototypes.successors.get(source)
    if (successors === undefined) prototypes.successors.set(source, new Set([target]))
    else successors.add(target)
    if (from < callCount) {
      const name = label.slice('out:'.length)
      if (isRepresentative(from)) push(prototypes.outputs, source, { name, prototype: target })
      if (isRepresentative(to))
        prototypes.creator.set(target, { name, prototype: source, call: from })
    } else if (to < callCount) {
      if (isRepresentative(to))
        push(prototypes.inputs, target, { name: label.slice('in:'.length), prototype: source })
    } else if (label.startsWith('elementOf')) {
      prototypes.container.set(target, source)
    } else {
      const elements = prototypes.builtFrom.get(target)
      if (elements === undefined) prototypes.builtFrom.set(target, new Set([source]))
      else elements.add(source)
    }
  }
  return prototypes
}

/**
 * Kahn's algorithm, always taking the smallest ready color: colors are canonical, so this order
 * (and the names given in it) depends on the history's shape only. The history is acyclic and
 * classes keep nodes of different heights apart, so the projection is acyclic too.
 */
function topologicalOrder(prototypes: Prototypes): number[] {
  const indegree = new Map<number, number>()
  for (const prototype of prototypes.members.keys()) indegree.set(prototype, 0)
  for (const [source, targets] of prototypes.successors) {
    for (const target of targets) {
      if (target !== source) indegree.set(target, (indegree.get(target) ?? 0) + 1)
    }
  }
  const ready = [...indegree].filter(([, degree]) => degree === 0).map(([prototype]) => prototype)
  const order: number[] = []
  while (ready.length > 0) {
    ready.sort((left, right) => right - left)
    const next = ready.pop() as number
    order.push(next)
    for (const target of prototypes.successors.get(next) ?? []) {
      if (target === next) continue
      const degree = (indegree.get(target) ?? 0) - 1
      indegree.set(target, degree)
      if (degree === 0) ready.push(target)
    }
  }
  const cyclic =
    order.length !== prototypes.members.size ||
    [...prototypes.successors].some(([source, targets]) => targets.has(source))
  if (cyclic) {
    throw new EngineError('internal', 'similar(): the projected history has a cycle')
  }
  return order
}

/** The caller's names by prototype; two names for one prototype is `query.ambiguous`. */
function givenNames(
  names: ReadonlyMap<number, string> | undefined,
  prototypeOfRef: (ref: number) => number,
  opNames: ReadonlySet<string>,
): Map<number, string> {
  const byPrototype = new Map<number, string>()
  for (const [ref, name] of names ?? []) {
    if (!isIdentifier(name) || name === 'q' || opNames.has(name)) {
      throw new EngineError(
        'query.invalid',
        `'${name}' cannot name a variable: it must be a JavaScript identifier other than q and the ops in the history (${[...opNames].join(', ')})`,
        { name },
      )
    }
    const prototype = prototypeOfRef(ref)
    const earlier = byPrototype.get(prototype)
    if (earlier !== undefined && earlier !== name) {
      throw new EngineError(
        'query.ambiguous',
        `'${earlier}' and '${name}' have the same role in the computation, so they would be one variable`,
        { names: [earlier, name] },
      )
    }
    byPrototype.set(prototype, name)
  }
  return byPrototype
}

/** Two different selected refs in one class cannot be told apart by the pattern. */
function assertUnambiguous(
  selected: readonly number[],
  prototypeOfRef: (ref: number) => number,
  graph: ProvenanceGraph,
  nameOf: ReadonlyMap<number, string>,
): void {
  const seen = new Map<number, number>()
  for (const ref of selected) {
    const prototype = prototypeOfRef(ref)
    const earlier = seen.get(prototype)
    if (earlier !== undefined && earlier !== ref) {
      const first = graph.refs.get(earlier)?.hid
      const second = graph.refs.get(ref)?.hid
      throw new EngineError(
        'query.ambiguous',
        `refs ${first} and ${second} have the same role in the computation (both would be variable '${nameOf.get(prototype)}'), so no pattern can tell them apart; select one of them`,
        { refs: [first, second], variable: nameOf.get(prototype) },
      )
    }
    seen.set(prototype, ref)
  }
}
