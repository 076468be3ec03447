import {
  type CollectionKindName,
  type OpCatalog,
  type Pattern,
} from '../../../src-shared/query/pattern'
import { PatternBuilder } from '../../../src-shared/query/pattern-builder'
import { EngineError } from '../errors'
import { collectionKindOf } from '../memo/collections'
import { type OpInfo } from '../memo/op'
import { type Ref } from '../memo/ref'
import { runInContext } from '../memo/run-context'
import { RefKind } from '../memo/schema'
import { type CodecRegistry } from '../values'
import { withOpDefinitions } from './op-catalog'
import { describe, QueryRecorder, type NamedOpResult, type OpCallOptions } from './query-recorder'
import { pinOf, type QueryVariable } from './query-variable'

export { type NamedOpResult, type OpCallOptions } from './query-recorder'

/** A variable as a query callback sees it: ops take it and return it like a ref. */
export type QueryRef = Ref

type AnyOp = OpInfo<(...args: never[]) => unknown> & ((...args: never[]) => unknown)

/** The `q` of `storage.query(q => { ... })`: the code form of patterns (SPEC Q5). */
export interface QueryBuilder {
  /** A variable that matches any stored value. */
  any(): QueryVariable
  /** A variable that matches stored values equal to `value` (by content id). */
  value<T>(value: T): QueryVariable<T>
  /** A variable that matches stored values equal to any of `values`. */
  oneOf<T>(...values: T[]): QueryVariable<T>
  /** A variable that matches stored values with this content id. */
  cid(id: string): QueryVariable
  /** An element of `collection`; `key` binds its list position or object/Map key. */
  elementOf(collection: QueryRef, key?: QueryRef): QueryVariable
  /** A collection of this kind containing these elements (at these keys), maybe more. */
  collectionOf(
    kind: CollectionKindName,
    elements: readonly QueryRef[],
    keys?: readonly (QueryRef | null | undefined)[],
  ): QueryVariable
  /** The op as a query callee with a version constraint (by name: any stored op). */
  op<O extends AnyOp>(op: O, options?: OpCallOptions): O
  op(op: string, options?: OpCallOptions): (...args: unknown[]) => NamedOpResult
  /** A call with inputs given by name; returns its outputs by name. */
  call(
    op: AnyOp | string,
    inputs: Readonly<Record<string, unknown>>,
    options?: OpCallOptions,
  ): Record<string, QueryVariable>
}

/**
 * A query callback: returns `{ column: variable }`. It must be synchronous; ops called in it
 * return variables (an array for tuple outputs) at once, async ops too, since nothing runs.
 */
export type QueryBuild = (q: QueryBuilder) => Readonly<Record<string, QueryRef>>

export interface BuiltQuery {
  readonly pattern: Pattern
  /** The version `current` means for ops the query was built from op objects of. */
  readonly currentVersions: ReadonlyMap<string, string>
  /** The catalog with those ops' own shapes (they may not be stored yet). */
  readonly catalog: OpCatalog
}

/** Runs a query callback with ops in query mode and turns what it recorded into a pattern. */
export function buildQuery(
  build: QueryBuild,
  catalog: OpCatalog,
  codecs: CodecRegistry,
): BuiltQuery {
  const recorder = new QueryRecorder(catalog, codecs)
  const selection: unknown = runInContext({ query: recorder }, () => build(facadeOf(recorder)))
  return {
    pattern: patternOf(recorder, readSelection(recorder, selection)),
    currentVersions: recorder.currentVersions,
    catalog: withOpDefinitions(catalog, recorder.definitions.values()),
  }
}

function facadeOf(recorder: QueryRecorder): QueryBuilder {
  const { codecs } = recorder
  return {
    any: () => recorder.newVariable(null),
    value: (value) => recorder.newVariable([pinOf(value, codecs)]),
    oneOf: (...values) => recorder.newVariable(values.map((value) => pinOf(value, codecs))),
    cid: (id: string) => recorder.newVariable([{ kind: 'cid', cid: id }]),
    elementOf: (collection, key) => recorder.elementOf(collection, key),
    collectionOf: (kind, elements, keys = []) => recorder.collectionOf(kind, elements, keys),
    op: ((op: AnyOp | string, options?: OpCallOptions) =>
      (...args: unknown[]) =>
        typeof op === 'string'
          ? recorder.callByName(op, args, options)
          : recorder.callDefinition(op.definition, args, options)) as QueryBuilder['op'],
    call: (op, inputs, options) =>
      recorder.callWithInputs(typeof op === 'string' ? op : op.definition, inputs, options),
  }
}

/** The pattern: returned keys name the selected variables; the rest get fresh ids. */
function patternOf(recorder: QueryRecorder, selected: ReadonlyMap<number, string>): Pattern {
  // Outputs nothing uses are left unbound and q.any() / q.value() nothing uses dropped:
  // binding them would only restrict the calls to those versions that have them.
  const used = new Set<number>(selected.keys())
  for (const call of recorder.calls) for (const { variable } of call.inputs) used.add(variable)
  for (const edge of recorder.edges) {
    used.add(edge.collection)
    for (const { element, key } of edge.elements) {
      used.add(element)
      if (key !== null) used.add(key)
    }
  }
  const builder = new PatternBuilder()
  builder.reserve(['q', ...selected.values(), ...recorder.calls.map((call) => call.op)])
  // Fresh ids follow the pattern's own order, not the order the callback happened to make
  // the variables in, so two spellings of one pattern get the same ids.
  const ids = new Map<number, string>()
  const name = (index: number): string => {
    let id = ids.get(index)
    if (id === undefined) {
      id = builder.variable(selected.get(index), recorder.pins[index] ?? null)
      ids.set(index, id)
    }
    return id
  }
  for (const index of selected.keys()) name(index)
  const calls = recorder.calls.map((call) => ({
    ...call,
    inputs: call.inputs.map((input) => ({ name: input.name, variable: name(input.variable) })),
    outputs: call.outputs
      .filter(({ variable }) => used.has(variable))
      .map((output) => ({ name: output.name, variable: name(output.variable) })),
  }))
  const edges = recorder.edges.map((edge) => ({
    ...edge,
    collection: name(edge.collection),
    elements: edge.elements.map(({ element, key }) => ({
      element: name(element),
      key: key === null ? null : name(key),
    })),
  }))
  // Calls are named after their ops (`train`, `train_2`, ...), so the SQL reads like the code.
  const taken = new Set<string>(ids.values())
  for (const call of calls) {
    let id = call.op
    for (let copy = 2; taken.has(id); copy++) id = `${call.op}_${copy}`
    taken.add(id)
    builder.call(call.op, call.inputs, call.outputs, call.version, id)
  }
  for (const edge of edges) {
    if (edge.kind !== null) builder.collectionOf(edge.collection, edge.kind, edge.elements)
    else {
      for (const { element, key } of edge.elements) builder.elementOf(edge.collection, element, key)
    }
  }
  builder.select([...selected.values()])
  return builder.build()
}

/** The returned object: variable index → column name. */
function readSelection(recorder: QueryRecorder, selection: unknown): Map<number, string> {
  if (typeof (selection as { then?: unknown } | null)?.then === 'function') {
    throw new EngineError(
      'query.invalid',
      'the query callback must be synchronous: it only describes the pattern, nothing runs',
    )
  }
  if (collectionKindOf(selection) !== RefKind.Object) {
    throw new EngineError(
      'query.invalid',
      `the query callback must return an object of variables ({ name: variable }), got ${describe(selection)}`,
    )
  }
  const selected = new Map<number, string>()
  for (const [column, value] of Object.entries(selection as Record<string, unknown>)) {
    const index = recorder.own(value, `returned column '${column}'`)
    const other = selected.get(index)
    if (other !== undefined) {
      throw new EngineError(
        'query.invalid',
        `the query returns one variable as both '${other}' and '${column}'; a variable has one name`,
        { variable: column },
      )
    }
    selected.set(index, column)
  }
  return selected
}
