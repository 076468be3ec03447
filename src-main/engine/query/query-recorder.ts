import { inspect } from 'node:util'
import {
  CURRENT_VERSION,
  type CollectionKindName,
  type OpCatalog,
  type OpShape,
  type PinValue,
  type VersionConstraint,
} from '../../../src-shared/query/pattern'
import { EngineError } from '../errors'
import { bindArguments, type BoundInput } from '../memo/argument-binding'
import { collectionKindOf } from '../memo/collections'
import { type OpDefinition } from '../memo/op-definition'
import { isRef } from '../memo/ref'
import { type QueryCallRecorder } from '../memo/run-context'
import { RefKind, REF_KIND_NAMES } from '../memo/schema'
import { type CodecRegistry } from '../values'
import { withOpDefinitions } from './op-catalog'
import { containsVariable, pinOf, QueryVariable } from './query-variable'

/** Which stored versions a call may match: 'all', or one version key (default: current). */
export interface OpCallOptions {
  readonly version?: 'all' | (string & {})
}

/** What an op called by name returns: a variable for one output, an array for tuple outputs. */
export type NamedOpResult = QueryVariable & QueryVariable[]

export interface CallDraft {
  readonly op: string
  readonly version: VersionConstraint
  readonly inputs: readonly { readonly name: string; readonly variable: number }[]
  readonly outputs: readonly { readonly name: string; readonly variable: number }[]
}

export interface EdgeDraft {
  readonly collection: number
  readonly kind: CollectionKindName | null
  readonly elements: readonly { readonly element: number; readonly key: number | null }[]
}

/**
 * What a query callback did, as it did it: variables (by index, with their pins), op calls
 * and element edges. Op calls reach it through the query context (SPEC Q5); `q` through
 * the builder's facade. query-builder.ts turns the record into a pattern.
 */
export class QueryRecorder implements QueryCallRecorder {
  readonly pins: (readonly PinValue[] | null)[] = []
  readonly calls: CallDraft[] = []
  readonly edges: EdgeDraft[] = []
  /** The op objects used, by name: their shapes count even before they are stored. */
  readonly definitions = new Map<string, OpDefinition>()
  /** What `current` means for the ops used as objects: their own version keys. */
  readonly currentVersions = new Map<string, string>()

  constructor(
    private readonly catalog: OpCatalog,
    readonly codecs: CodecRegistry,
  ) {}

  recordCall(definition: OpDefinition, args: readonly unknown[]): unknown {
    return this.callDefinition(definition, args, undefined)
  }

  /** `op(...)` or `q.op(op, options)(...)`: the same binding rules as a real call (O3, O5). */
  callDefinition(
    definition: OpDefinition,
    args: readonly unknown[],
    options: OpCallOptions | undefined,
  ): unknown {
    const bound = bindArguments(definition, args)
    const version = this.definitionVersion(definition, options)
    const outputs = this.addCall(definition.name, version, bound, definition.outputs)
    return definition.tupleOutputs ? outputs : outputs[0]
  }

  /** `q.op('name', options)(...)`: arguments bound by the stored op's shape. */
  callByName(op: string, args: readonly unknown[], options: OpCallOptions | undefined) {
    const shape = this.shapeOf(op)
    const outputs = this.addCall(
      op,
      this.versionOf(options),
      bindByShape(shape, args),
      shape.outputs,
    )
    return (shape.outputs.length > 1 ? outputs : outputs[0]) as NamedOpResult
  }

  /** `q.call(op, { input: variable })`: outputs by name. */
  callWithInputs(
    op: OpDefinition | string,
    inputs: Readonly<Record<string, unknown>>,
    options: OpCallOptions | undefined,
  ): Record<string, QueryVariable> {
    const ignored = typeof op === 'string' ? new Set<string>() : op.ignore
    const bound = Object.entries(inputs)
      .filter(([input, value]) => value !== undefined && !ignored.has(input))
      .map(([input, value]) => ({ name: input, value }))
    const name = typeof op === 'string' ? op : op.name
    const outputs = typeof op === 'string' ? this.shapeOf(op).outputs : op.outputs
    const version =
      typeof op === 'string' ? this.versionOf(options) : this.definitionVersion(op, options)
    const variables = this.addCall(name, version, bound, outputs)
    return Object.fromEntries(
      outputs.map((output, index) => [output, variables[index] as QueryVariable]),
    )
  }

  /** `q.elementOf(collection, key?)`: a new element variable. */
  elementOf(collection: unknown, key: unknown): QueryVariable {
    const element = this.newVariable(null)
    this.edges.push({
      collection: this.own(collection, 'q.elementOf(collection)'),
      kind: null,
      elements: [
        {
          element: element.index,
          key: key === undefined ? null : this.own(key, 'q.elementOf(key)'),
        },
      ],
    })
    return element
  }

  /** `q.collectionOf(kind, elements, keys?)`: a new collection variable. */
  collectionOf(
    kind: CollectionKindName,
    elements: readonly unknown[],
    keys: readonly unknown[],
  ): QueryVariable {
    const collection = this.newVariable(null)
    this.edges.push({
      collection: collection.index,
      kind,
      elements: elements.map((element, index) => {
        const key = keys[index]
        return {
          element: this.own(element, `q.collectionOf(elements[${index}])`),
          key:
            key === undefined || key === null
              ? null
              : this.own(key, `q.collectionOf(keys[${index}])`),
        }
      }),
    })
    return collection
  }

  newVariable(pins: readonly PinValue[] | null): QueryVariable {
    this.pins.push(pins)
    return new QueryVariable(this, this.pins.length - 1)
  }

  /** The index of a variable of this query; anything else is an error naming the site. */
  own(value: unknown, site: string): number {
    if (value instanceof QueryVariable && value.query === this) return value.index
    if (value instanceof QueryVariable) {
      throw new EngineError('query.invalid', `${site}: the variable belongs to another query`)
    }
    throw new EngineError(
      'query.invalid',
      `${site}: expected a query variable, got ${describe(value)}`,
    )
  }

  private definitionVersion(
    definition: OpDefinition,
    options: OpCallOptions | undefined,
  ): VersionConstraint {
    this.definitions.set(definition.name, definition)
    if (options?.version !== undefined) return this.versionOf(options)
    const current = this.currentVersions.get(definition.name)
    if (current === undefined) this.currentVersions.set(definition.name, definition.versionKey)
    else if (current !== definition.versionKey) {
      // Two op objects of one name: the first defines `current`, the other is exact.
      return { kind: 'exact', versionKey: definition.versionKey }
    }
    return CURRENT_VERSION
  }

  private versionOf(options: OpCallOptions | undefined): VersionConstraint {
    const version = options?.version
    if (version === undefined) return CURRENT_VERSION
    return version === 'all' ? { kind: 'all' } : { kind: 'exact', versionKey: version }
  }

  private shapeOf(op: string): OpShape {
    const shape = withOpDefinitions(this.catalog, this.definitions.values()).get(op)
    if (shape === undefined) {
      throw new EngineError('query.invalid', `op '${op}' has no stored calls in this storage`, {
        op,
      })
    }
    return shape
  }

  private addCall(
    op: string,
    version: VersionConstraint,
    bound: readonly BoundInput[],
    outputNames: readonly string[],
  ): QueryVariable[] {
    const inputs = bound.map(({ name, value }) => ({
      name,
      variable: this.variableOf(value, `op '${op}', argument '${name}'`),
    }))
    const outputs = outputNames.map((name) => ({ name, variable: this.newVariable(null) }))
    this.calls.push({
      op,
      version,
      inputs,
      outputs: outputs.map(({ name, variable }) => ({ name, variable: variable.index })),
    })
    return outputs.map(({ variable }) => variable)
  }

  /** An argument as a variable: itself, or a collection pattern of the variables inside it. */
  private variableOf(value: unknown, site: string): number {
    if (value instanceof QueryVariable) return this.own(value, site)
    if (isRef(value)) {
      throw new EngineError(
        'query.invalid',
        `${site}: a stored ref cannot stand in a query; match its value with q.value(ref)`,
        { site },
      )
    }
    const kind = collectionKindOf(value)
    if (kind === null || !containsVariable(value)) throw rawValueError(site, value)
    const kindName = REF_KIND_NAMES[kind]
    const entries: [unknown, unknown][] =
      kindName === 'map'
        ? [...(value as Map<unknown, unknown>)]
        : kindName === 'set'
          ? [...(value as Set<unknown>)].map((element) => [null, element])
          : kindName === 'list'
            ? (value as unknown[]).map((element) => [null, element])
            : Object.entries(value as Record<string, unknown>)
    const collection = this.newVariable(null)
    this.edges.push({
      collection: collection.index,
      kind: kindName,
      elements: entries.map(([key, element], index) => ({
        element: this.variableOf(element, `${site}${describePath(kindName, key, index)}`),
        // Object and Map keys are pinned key variables; lists and sets carry no key.
        key: key === null ? null : this.newVariable([pinOf(key, this.codecs)]).index,
      })),
    })
    return collection.index
  }
}

/** Positional (or destructured) arguments of an op known only by name, bound by its shape. */
function bindByShape(shape: OpShape, args: readonly unknown[]): BoundInput[] {
  if (shape.destructured) {
    if (
      args.length > 1 ||
      (args[0] !== undefined && collectionKindOf(args[0]) !== RefKind.Object)
    ) {
      throw new EngineError(
        'op.arguments',
        `op '${shape.op}' takes one object argument ({ ${shape.inputs.join(', ')} })`,
        { op: shape.op },
      )
    }
    return Object.entries((args[0] ?? {}) as Record<string, unknown>)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => ({ name, value }))
  }
  if (shape.rest === null && args.length > shape.inputs.length) {
    throw new EngineError(
      'op.arguments',
      `op '${shape.op}' takes ${shape.inputs.length} arguments (${shape.inputs.join(', ')}), got ${args.length}`,
      { op: shape.op },
    )
  }
  const bound: BoundInput[] = []
  args.forEach((value, index) => {
    const name = shape.inputs[index] ?? `${shape.rest}_${index - shape.inputs.length}`
    if (value !== undefined) bound.push({ name, value })
  })
  return bound
}

function rawValueError(site: string, value: unknown): EngineError {
  const shown = describe(value)
  return new EngineError(
    'query.invalid',
    `${site}: a raw value (${shown}) cannot stand in a query; wrap it with q.value(${shown}) to match stored values equal to it`,
    { site },
  )
}

function describePath(kind: CollectionKindName, key: unknown, index: number): string {
  if (kind === 'object') return `.${String(key)}`
  if (kind === 'map') return `.get(${describe(key)})`
  return `[${index}]`
}

export function describe(value: unknown): string {
  return inspect(value, { depth: 1, breakLength: Infinity, maxArrayLength: 5, maxStringLength: 40 })
}
