import { AsyncLocalStorage } from 'node:async_hooks'
import { type OpDefinition } from './op-definition'
import { type DependencyFrame } from '../versioning/tracker'

/** An op call being executed: calls made inside it are its children. */
export interface CallFrame {
  readonly seq: number
  /** Under versioning, an executed call's id is known only once its dependencies are. */
  hid: string
  /** Under versioning: what the call has used so far (SPEC D2). */
  readonly deps?: DependencyFrame
  /**
   * Row ids of the stored op calls made while this call executed, in call order (null for
   * calls that stored nothing: failed or caching disabled). Linked once this call is stored.
   */
  readonly children: (number | null)[]
}

/** Where an op call happens: which engine and run, and inside which executing call. */
export interface ExecutionContext<Engine = unknown, Run = unknown> {
  readonly engine: Engine
  readonly run: Run
  readonly parent: CallFrame | null
  /** Never set here: it tells this context from a QueryContext. */
  readonly query?: undefined
}

/** Receives the op calls made while a query callback builds its pattern (SPEC Q5). */
export interface QueryCallRecorder {
  recordCall(definition: OpDefinition, args: readonly unknown[]): unknown
}

/** Inside `storage.query(q => ...)`: op calls become call nodes of a pattern, nothing runs. */
export interface QueryContext {
  readonly query: QueryCallRecorder
}

// One context store per process, even if two copies of the engine module are loaded (a
// script importing 'memograph' while the CLI imported the source), so ops see the run.
const CONTEXT_KEY = Symbol.for('memograph.executionContext')
const globalSlot = globalThis as {
  [CONTEXT_KEY]?: AsyncLocalStorage<ExecutionContext | QueryContext>
}
const contexts = (globalSlot[CONTEXT_KEY] ??= new AsyncLocalStorage<
  ExecutionContext | QueryContext
>())

/** The run op calls belong to; undefined outside runs and while a query is being built. */
export function currentContext(): ExecutionContext | undefined {
  const context = contexts.getStore()
  return context?.query === undefined ? context : undefined
}

/** What an op call should do: run memoized, record a query call node, or (undefined) run plainly. */
export function currentCallContext(): ExecutionContext | QueryContext | undefined {
  return contexts.getStore()
}

export function runInContext<T>(context: ExecutionContext | QueryContext, fn: () => T): T {
  return contexts.run(context, fn)
}
