import { invokeOp } from './call-pipeline'
import { defineOp, type OpDefinition, type OpOptions } from './op-definition'
import { type Ref, type Unwrapped } from './ref'

/** An argument may be the value, a ref to it, or a container holding refs to its parts. */
export type MaybeRef<T> = T | Ref<T> | RefsInside<T>
type RefsInside<T> = T extends readonly (infer Element)[]
  ? readonly MaybeRef<Element>[]
  : T extends Map<infer Key, infer Value>
    ? Map<Key, MaybeRef<Value>>
    : T extends Set<infer Element>
      ? Set<MaybeRef<Element>>
      : T extends ArrayBufferView | ArrayBuffer | Date
        ? never
        : T extends Record<string, unknown>
          ? { [K in keyof T]: MaybeRef<T[K]> }
          : never

type OpArguments<P extends readonly unknown[]> = { [K in keyof P]: MaybeRef<P[K]> }
type AnyFunction = (...args: never[]) => unknown

// An output holding refs is a collection ref: its value is the unwrapped container.
type SingleResult<R> =
  R extends Promise<infer Value> ? Promise<Ref<Unwrapped<Value>>> : Ref<Unwrapped<R>>
type RefTuple<T> = T extends readonly unknown[]
  ? { -readonly [K in keyof T]: Ref<Unwrapped<T[K]>> }
  : Ref<unknown>[]
type TupleResult<R> = R extends Promise<infer Value> ? Promise<RefTuple<Value>> : RefTuple<R>

export interface OpInfo<F extends AnyFunction> {
  /** The name calls are stored under. */
  readonly opName: string
  /** The wrapped function, for calling it plainly with full types. */
  readonly fn: F
  /** @internal */
  readonly definition: OpDefinition
}

/**
 * Inside `storage.run(...)` an op call returns refs (for async functions, a promise of them);
 * outside any run it calls the function plainly and returns the function's own result.
 */
export type Op<F extends AnyFunction> = ((
  ...args: OpArguments<Parameters<F>>
) => SingleResult<ReturnType<F>>) &
  OpInfo<F>
export type TupleOp<F extends AnyFunction> = ((
  ...args: OpArguments<Parameters<F>>
) => TupleResult<ReturnType<F>>) &
  OpInfo<F>

/**
 * Memoizes a function: each call becomes a stored call, identified by the op's name, version
 * (manual, or its normalized source) and its inputs' histories.
 */
export function op<F extends AnyFunction>(
  fn: F,
  options: OpOptions & { readonly outputs: readonly [string, string, ...string[]] },
): TupleOp<F>
export function op<F extends AnyFunction>(fn: F, options?: OpOptions): Op<F>
export function op<F extends AnyFunction>(fn: F, options?: OpOptions): Op<F> | TupleOp<F> {
  const definition = defineOp(fn, options)
  const callable = (...args: unknown[]): unknown => invokeOp(definition, args)
  Object.defineProperties(callable, {
    name: { value: definition.name },
    opName: { value: definition.name, enumerable: true },
    fn: { value: fn, enumerable: true },
    definition: { value: definition },
  })
  return callable as unknown as Op<F>
}
