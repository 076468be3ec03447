import { inspect } from 'node:util'
import { EngineError } from '../errors'
import { digestId, digestTuple } from '../ids'
import { readFunctionSource } from '../memo/function-source'
import { type CodecRegistry, encodeValue } from '../values'
import { type CodeState, type WorkspaceComponent } from './code-state'
import { type DependencyTracker } from './tracker'

/** A component's content as the running code has it now. */
export interface CurrentContent {
  readonly hash: string
  /** The source (functions) or a preview of the value, for diffs. */
  readonly source: string
}

const PREVIEW_OPTIONS = { depth: 4, maxArrayLength: 20, maxStringLength: 400, breakLength: 80 }

/**
 * The current content of the workspace's components (SPEC D1): functions by their normalized
 * source hash, fixed for the run; module-level values by their content id, read through the
 * getters the instrumented modules registered. A value is hashed again only when the binding
 * holds a different value than at the last read (objects mutated in place keep their hash
 * until reassigned).
 */
export class CurrentCode {
  private readonly byId = new Map<string, WorkspaceComponent>()
  private readonly lastValues = new Map<number, { value: unknown; content: CurrentContent }>()

  constructor(
    readonly state: CodeState,
    private readonly tracker: DependencyTracker,
    private readonly codecs: CodecRegistry,
  ) {
    for (const component of state.components) this.byId.set(component.id, component)
  }

  component(id: string): WorkspaceComponent | undefined {
    return this.byId.get(id)
  }

  at(index: number): WorkspaceComponent {
    const component = this.state.components[index]
    if (component === undefined) throw new Error(`unknown workspace component #${index}`)
    return component
  }

  /** undefined: the component is gone, or its module was not loaded in this run. */
  content(component: WorkspaceComponent, readingOp: string): CurrentContent | undefined {
    if (component.kind === 'function') {
      return component.contentHash === null
        ? undefined
        : { hash: component.contentHash, source: component.source }
    }
    const getter = this.tracker.getter(component.index)
    if (getter === undefined) return undefined
    let value: unknown
    try {
      value = getter()
    } catch {
      // Read before its declaration ran (temporal dead zone): it has no value yet.
      return { hash: 'uninitialized', source: '(not initialized yet)' }
    }
    const last = this.lastValues.get(component.index)
    if (last !== undefined && Object.is(last.value, value)) return last.content
    const content = this.hashValue(component, value, readingOp)
    this.lastValues.set(component.index, { value, content })
    return content
  }

  private hashValue(component: WorkspaceComponent, value: unknown, op: string): CurrentContent {
    const preview = inspect(value, PREVIEW_OPTIONS)
    if (typeof value === 'function') {
      // An op read as a value is linked through its calls; other functions count by source.
      if ('definition' in value && 'opName' in value) {
        return { hash: digestTuple('op-binding', String(value.opName)), source: preview }
      }
      try {
        return {
          hash: digestId(readFunctionSource(value as () => unknown).normalized),
          source: preview,
        }
      } catch (error) {
        throw this.unhashable(component, op, error)
      }
    }
    try {
      return { hash: encodeValue(value, undefined, this.codecs).cid, source: preview }
    } catch (error) {
      throw this.unhashable(component, op, error)
    }
  }

  private unhashable(component: WorkspaceComponent, op: string, cause: unknown): EngineError {
    const reason = cause instanceof Error ? cause.message : String(cause)
    return new EngineError(
      'version.unhashable',
      `op '${op}' depends on module-level '${component.name}' (${component.module}:${component.line}), which cannot be hashed: ${reason}. Put the comment // @memograph-ignore on the line above its declaration to leave it out of versioning, or register a codec for its class.`,
      { op, component: component.id, file: component.module, line: component.line },
    )
  }
}
