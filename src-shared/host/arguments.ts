/**
 * Runtime checks for host requests. Types vanish at the wire, and a renderer (or any page that
 * reaches the WebSocket) can send anything, so every binding validates the method name and its
 * arguments with these before the host sees them.
 */
import { MAX_RUN_LIMIT, type HostArguments, type HostMethod, type NoArguments } from './contract'

export type ArgumentsCheck<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string }

type ArgumentsParser<M extends HostMethod> = (args: unknown) => ArgumentsCheck<HostArguments<M>>

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** Checks that `args` is an object with no keys other than `allowed`. */
function objectWithKeys(
  method: HostMethod,
  args: unknown,
  allowed: readonly string[],
): ArgumentsCheck<Record<string, unknown>> {
  // `undefined` is accepted for argument-less calls so `invoke(method, {})` and a missing
  // object mean the same thing.
  const candidate = args === undefined ? {} : args
  if (!isPlainObject(candidate)) {
    return { ok: false, message: `${method} expects an arguments object` }
  }
  const unknownKeys = Object.keys(candidate).filter((key) => !allowed.includes(key))
  if (unknownKeys.length > 0) {
    return { ok: false, message: `${method} got unknown argument(s): ${unknownKeys.join(', ')}` }
  }
  return { ok: true, value: candidate }
}

function noArguments(method: HostMethod): (args: unknown) => ArgumentsCheck<NoArguments> {
  return (args) => {
    const check = objectWithKeys(method, args, [])
    return check.ok ? { ok: true, value: {} } : check
  }
}

function isPositiveInteger(value: unknown, maximum: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= maximum
}

const ARGUMENT_PARSERS: { readonly [M in HostMethod]: ArgumentsParser<M> } = {
  'host.describe': noArguments('host.describe'),
  'workspace.current': noArguments('workspace.current'),
  'workspace.pick': noArguments('workspace.pick'),
  'workspace.open': (args) => {
    const check = objectWithKeys('workspace.open', args, ['path'])
    if (!check.ok) return check
    const { path } = check.value
    if (typeof path !== 'string' || path.trim() === '') {
      return { ok: false, message: 'workspace.open needs a non-empty `path` string' }
    }
    return { ok: true, value: { path } }
  },
  'runs.list': (args) => {
    const check = objectWithKeys('runs.list', args, ['limit'])
    if (!check.ok) return check
    const { limit } = check.value
    if (limit === undefined) return { ok: true, value: {} }
    if (!isPositiveInteger(limit, MAX_RUN_LIMIT)) {
      return {
        ok: false,
        message: `runs.list \`limit\` must be an integer from 1 to ${MAX_RUN_LIMIT}`,
      }
    }
    return { ok: true, value: { limit } }
  },
  'runs.get': (args) => {
    const check = objectWithKeys('runs.get', args, ['id'])
    if (!check.ok) return check
    const { id } = check.value
    if (!isPositiveInteger(id, Number.MAX_SAFE_INTEGER)) {
      return { ok: false, message: 'runs.get needs a positive integer `id`' }
    }
    return { ok: true, value: { id } }
  },
}

/** Every method of the contract, for validating names that arrive over a transport. */
export const HOST_METHODS = Object.freeze(Object.keys(ARGUMENT_PARSERS)) as readonly HostMethod[]

export function isHostMethod(name: unknown): name is HostMethod {
  return typeof name === 'string' && (HOST_METHODS as readonly string[]).includes(name)
}

export function parseHostArguments<M extends HostMethod>(
  method: M,
  args: unknown,
): ArgumentsCheck<HostArguments<M>> {
  const parser = ARGUMENT_PARSERS[method] as ArgumentsParser<M>
  return parser(args)
}
