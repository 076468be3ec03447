import { AsyncLocalStorage } from 'node:async_hooks'

/** An op call being executed: calls made inside it are its children. */
export interface CallFrame {
  readonly seq: number
  readonly hid: string
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
}

// One context store per process, even if two copies of the engine module are loaded (a
// script importing 'memograph' while the CLI imported the source), so ops see the run.
const CONTEXT_KEY = Symbol.for('memograph.executionContext')
const globalSlot = globalThis as { [CONTEXT_KEY]?: AsyncLocalStorage<ExecutionContext> }
const contexts = (globalSlot[CONTEXT_KEY] ??= new AsyncLocalStorage<ExecutionContext>())

export function currentContext(): ExecutionContext | undefined {
  return contexts.getStore()
}

export function runInContext<T>(context: ExecutionContext, fn: () => T): T {
  return contexts.run(context, fn)
}
