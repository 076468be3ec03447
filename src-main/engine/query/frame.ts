import { type FrameGraph } from '../../../src-shared/query/frame'
import { type Pattern, type VersionConstraint } from '../../../src-shared/query/pattern'
import { EngineError } from '../errors'
import { type HistoryId } from '../ids'
import { type MemoEngine } from '../memo/memo-engine'
import { type OpInfo } from '../memo/op'
import { isRef, type Ref } from '../memo/ref'
import { REF_KIND_NAMES, type RefKind } from '../memo/schema'
import { expandStep, type ExpansionDirection } from './frame-expansion'
import { frameGraph } from './frame-graph'
import { framePattern } from './frame-pattern'
import { opFrameState, patternFrameState, refsFrameState } from './frame-sources'
import { idList, IN_LIST, type FrameState } from './frame-state'
import { frameTable } from './frame-table'
import { type QueryTable } from './query-table'

/** What a frame starts from: an op (object or name), one or more refs, or a pattern. */
export type FrameSource =
  OpInfo<(...args: never[]) => unknown> | string | Ref | readonly Ref[] | Pattern

export interface FrameOptions {
  /** For an op: which of its versions' calls (default: the op object's, else the newest). */
  readonly version?: VersionConstraint
  /** For refs: the variable's name (default `v`). */
  readonly name?: string
}

export interface ExpandOptions {
  /**
   * Expansion steps. Default 1 for expandBack/expandForward; for expandAll, until nothing new
   * is reached.
   */
  readonly depth?: number
}

/**
 * A computation frame (SPEC Q7): variables (sets of refs) and op nodes (sets of calls) joined
 * by input/output edges and element edges. Frames are values: expanding one returns a new frame.
 */
export class ComputationFrame {
  /** @internal */
  constructor(
    private readonly engine: MemoEngine,
    /** @internal */ readonly state: FrameState,
  ) {}

  get variables(): string[] {
    return [...this.state.variables.keys()]
  }

  get opNodes(): string[] {
    return [...this.state.ops.keys()]
  }

  /** The refs of a variable, lazy, oldest first. */
  refs(variable: string): Ref[] {
    const held = this.state.variables.get(variable)
    if (held === undefined) throw this.unknown('variable', variable, this.variables)
    return this.engine.store
      .all(`SELECT hid, cid, kind FROM refs WHERE id ${IN_LIST} ORDER BY id`, [idList(held)])
      .map((row) =>
        this.engine.lazyRef(
          row.hid as HistoryId,
          row.cid as never,
          REF_KIND_NAMES[row.kind as RefKind],
        ),
      )
  }

  /** The call ids (history ids) of an op node, oldest first. */
  calls(opNode: string): string[] {
    const node = this.state.ops.get(opNode)
    if (node === undefined) throw this.unknown('op node', opNode, this.opNodes)
    return this.engine.store
      .all(`SELECT hid FROM calls WHERE id ${IN_LIST} ORDER BY id`, [idList(node.calls)])
      .map((row) => row.hid as string)
  }

  /** Adds the calls that made the variables' unexplained refs (and built collections' elements). */
  expandBack(variables?: readonly string[], options: ExpandOptions = {}): ComputationFrame {
    return this.expand(variables, 'back', options.depth ?? 1)
  }

  /** Adds the calls that used the variables' unused refs (and collections holding them). */
  expandForward(variables?: readonly string[], options: ExpandOptions = {}): ComputationFrame {
    return this.expand(variables, 'forward', options.depth ?? 1)
  }

  /** Alternates back and forward over every variable until nothing new is reached. */
  expandAll(options: ExpandOptions = {}): ComputationFrame {
    let state = this.state
    for (let step = 0; step < (options.depth ?? Infinity); step++) {
      const back = expandStep(this.engine.store, state, [...state.variables.keys()], 'back')
      const forward = expandStep(
        this.engine.store,
        back.state,
        [...back.state.variables.keys()],
        'forward',
      )
      state = forward.state
      if (!back.changed && !forward.changed) break
    }
    return new ComputationFrame(this.engine, state)
  }

  /** The frame as the app draws it, with counts. */
  graph(): FrameGraph {
    return frameGraph(this.engine.store, this.state)
  }

  /** The frame's structure as a pattern; `query.invalid` when no single pattern states it. */
  toPattern(): Pattern {
    return framePattern(this.engine.store, this.state, true)
  }

  /**
   * One row per history of a sink of the frame, one column per variable, NULL where a variable
   * is not part of that history (SPEC Q7); one SQL statement.
   */
  toTable(options: { readonly distinct?: boolean } = {}): QueryTable {
    return frameTable(this.engine, this.state, options)
  }

  private expand(
    variables: readonly string[] | undefined,
    direction: ExpansionDirection,
    depth: number,
  ): ComputationFrame {
    for (const variable of variables ?? []) {
      if (!this.state.variables.has(variable))
        throw this.unknown('variable', variable, this.variables)
    }
    let state = this.state
    let frontier = variables ?? [...state.variables.keys()]
    for (let step = 0; step < depth && frontier.length > 0; step++) {
      const result = expandStep(this.engine.store, state, frontier, direction)
      if (!result.changed) break
      state = result.state
      frontier = result.grown
    }
    return new ComputationFrame(this.engine, state)
  }

  private unknown(what: string, name: string, known: readonly string[]): EngineError {
    return new EngineError(
      'query.invalid',
      `the frame has no ${what} '${name}'; it has ${known.join(', ') || 'none'}`,
    )
  }
}

/** `storage.frame(source)`. */
export function openFrame(
  engine: MemoEngine,
  source: FrameSource,
  options: FrameOptions = {},
): ComputationFrame {
  const state = (() => {
    if (isRef(source)) return refsFrameState(engine, [source], options.name ?? 'v')
    if (Array.isArray(source)) {
      const refs = source as readonly unknown[]
      if (!refs.every(isRef)) {
        throw new EngineError('query.invalid', 'frame() takes an op, an op name, refs or a pattern')
      }
      return refsFrameState(engine, refs, options.name ?? 'v')
    }
    if (typeof source === 'string')
      return opFrameState(engine, source, options.version ?? { kind: 'current' }, undefined)
    if ('definition' in source) {
      const { definition } = source
      return opFrameState(
        engine,
        definition.name,
        options.version ?? { kind: 'current' },
        definition.versionKey,
      )
    }
    if ((source as Pattern).kind === 'pattern') return patternFrameState(engine, source as Pattern)
    throw new EngineError('query.invalid', 'frame() takes an op, an op name, refs or a pattern')
  })()
  return new ComputationFrame(engine, state)
}
