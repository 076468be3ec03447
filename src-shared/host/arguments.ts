/**
 * Runtime checks for host requests. Types vanish at the wire, and a renderer (or any page that
 * reaches the WebSocket) can send anything, so every binding validates the method name and its
 * arguments with these before the host sees them.
 */
import { CHANGE_POLICIES, type ChangePolicy } from '../model/versions'
import { type Pattern } from '../query/pattern'
import { MAX_QUERY_ROW_LIMIT } from '../query/results'
import {
  CHANGE_ANSWERS,
  MAX_EDITABLE_FILE_BYTES,
  MAX_RUN_LIMIT,
  type ChangeAnswer,
  type HostArguments,
  type HostMethod,
  type NoArguments,
} from './contract'
import { patternShapeProblem } from './pattern-shape'

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

/** Names, labels and ids are short; a megabyte of "op name" is not from our renderer. */
const MAX_NAME_LENGTH = 1000

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_NAME_LENGTH
}

/**
 * A workspace-relative file path: it must stay inside the project folder, so no absolute
 * paths and no `..` segments. The runner checks again; this gives the clearer message.
 */
function isRelativeFilePath(value: unknown): value is string {
  if (!isName(value) || value.includes('\0')) return false
  if (value.startsWith('/') || value.startsWith('\\') || /^[A-Za-z]:/.test(value)) return false
  return !value.split(/[\\/]/).includes('..')
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
}

/** A version as `versions.diff` names it: its number, or a prefix of its id. */
function isVersionName(value: unknown): value is number | string {
  return isPositiveInteger(value, Number.MAX_SAFE_INTEGER) || isName(value)
}

/** The string value of the one argument `key` that `method` takes. */
function onlyName(
  method: HostMethod,
  args: unknown,
  key: string,
  what: string,
): ArgumentsCheck<string> {
  const check = objectWithKeys(method, args, [key])
  if (!check.ok) return check
  const value = check.value[key]
  if (!isName(value)) {
    return { ok: false, message: `${method} needs \`${key}\`: ${what} (a non-empty string)` }
  }
  return { ok: true, value }
}

/** Query code is typed by hand; a megabyte of it is not from our renderer. */
export const MAX_QUERY_CODE_LENGTH = 100_000
/** Saved query names are shown in lists and the palette. */
export const MAX_SAVED_QUERY_NAME_LENGTH = 100

/** The one `path` argument of files.read (and files.write): a project-relative file path. */
function filePath(method: HostMethod, value: unknown): ArgumentsCheck<string> {
  if (!isRelativeFilePath(value)) {
    return {
      ok: false,
      message: `${method} needs \`path\`: a file path relative to the project folder, without \`..\``,
    }
  }
  return { ok: true, value }
}

function queryCode(method: HostMethod, value: unknown): ArgumentsCheck<string> {
  if (typeof value !== 'string' || value.length > MAX_QUERY_CODE_LENGTH) {
    return {
      ok: false,
      message: `${method} needs \`code\`: query code (a string of at most ${MAX_QUERY_CODE_LENGTH} characters)`,
    }
  }
  return { ok: true, value }
}

function savedQueryName(method: HostMethod, value: unknown): ArgumentsCheck<string> {
  if (
    typeof value !== 'string' ||
    value.trim() === '' ||
    value.length > MAX_SAVED_QUERY_NAME_LENGTH
  ) {
    return {
      ok: false,
      message: `${method} needs \`name\`: a non-empty name of at most ${MAX_SAVED_QUERY_NAME_LENGTH} characters`,
    }
  }
  return { ok: true, value }
}

function badVersionMessage(key: string): string {
  return `versions.diff \`${key}\` must be a version number or a version id prefix`
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
  'workspace.trust': (args) => {
    const check = objectWithKeys('workspace.trust', args, ['trusted'])
    if (!check.ok) return check
    const { trusted } = check.value
    if (typeof trusted !== 'boolean') {
      return { ok: false, message: 'workspace.trust needs a boolean `trusted`' }
    }
    return { ok: true, value: { trusted } }
  },
  'code.run': (args) => {
    const check = objectWithKeys('code.run', args, ['entry', 'policy', 'label'])
    if (!check.ok) return check
    const { entry, policy, label } = check.value
    if (entry !== undefined && !isRelativeFilePath(entry)) {
      return {
        ok: false,
        message:
          'code.run `entry` must be a file path relative to the project folder, without `..`',
      }
    }
    if (policy !== undefined && !isOneOf<ChangePolicy>(policy, CHANGE_POLICIES)) {
      return {
        ok: false,
        message: `code.run \`policy\` must be one of ${CHANGE_POLICIES.join(', ')}`,
      }
    }
    if (label !== undefined && !isName(label)) {
      return {
        ok: false,
        message: `code.run \`label\` must be a non-empty string of at most ${MAX_NAME_LENGTH} characters`,
      }
    }
    return {
      ok: true,
      value: {
        ...(entry === undefined ? {} : { entry }),
        ...(policy === undefined ? {} : { policy }),
        ...(label === undefined ? {} : { label }),
      },
    }
  },
  'code.cancel': noArguments('code.cancel'),
  'code.status': noArguments('code.status'),
  'changes.list': noArguments('changes.list'),
  'changes.decide': (args) => {
    const check = objectWithKeys('changes.decide', args, ['proposalId', 'answer'])
    if (!check.ok) return check
    const { proposalId, answer } = check.value
    if (!isName(proposalId)) {
      return { ok: false, message: 'changes.decide needs a `proposalId` string' }
    }
    if (!isOneOf<ChangeAnswer>(answer, CHANGE_ANSWERS)) {
      return {
        ok: false,
        message: `changes.decide \`answer\` must be one of ${CHANGE_ANSWERS.join(', ')}`,
      }
    }
    return { ok: true, value: { proposalId, answer } }
  },
  'versions.list': (args) => {
    const check = onlyName('versions.list', args, 'op', 'the op name')
    return check.ok ? { ok: true, value: { op: check.value } } : check
  },
  'versions.diff': (args) => {
    const check = objectWithKeys('versions.diff', args, ['op', 'a', 'b'])
    if (!check.ok) return check
    const { op, a, b } = check.value
    if (!isName(op)) {
      return { ok: false, message: 'versions.diff needs `op`: the op name (a non-empty string)' }
    }
    if (!isVersionName(a)) return { ok: false, message: badVersionMessage('a') }
    if (!isVersionName(b)) return { ok: false, message: badVersionMessage('b') }
    return { ok: true, value: { op, a, b } }
  },
  'versions.sources': (args) => {
    const check = onlyName('versions.sources', args, 'name', 'a component id or an op name')
    return check.ok ? { ok: true, value: { name: check.value } } : check
  },
  'decisions.list': noArguments('decisions.list'),
  'workspace.recent': noArguments('workspace.recent'),
  'files.list': noArguments('files.list'),
  'files.read': (args) => {
    const check = objectWithKeys('files.read', args, ['path'])
    if (!check.ok) return check
    const path = filePath('files.read', check.value.path)
    return path.ok ? { ok: true, value: { path: path.value } } : path
  },
  'files.write': (args) => {
    const check = objectWithKeys('files.write', args, ['path', 'text'])
    if (!check.ok) return check
    const path = filePath('files.write', check.value.path)
    if (!path.ok) return path
    const { text } = check.value
    // Characters, not bytes: the host checks the encoded size against the same limit.
    if (typeof text !== 'string' || text.length > MAX_EDITABLE_FILE_BYTES) {
      return {
        ok: false,
        message: `files.write needs \`text\`: a string of at most ${MAX_EDITABLE_FILE_BYTES} characters`,
      }
    }
    return { ok: true, value: { path: path.value, text } }
  },
  'runs.graph': (args) => {
    const check = objectWithKeys('runs.graph', args, ['id'])
    if (!check.ok) return check
    const { id } = check.value
    if (!isPositiveInteger(id, Number.MAX_SAFE_INTEGER)) {
      return { ok: false, message: 'runs.graph needs a positive integer `id`' }
    }
    return { ok: true, value: { id } }
  },
  'calls.get': (args) => {
    const check = objectWithKeys('calls.get', args, ['callId', 'runId'])
    if (!check.ok) return check
    const { callId, runId } = check.value
    if (!isName(callId)) {
      return { ok: false, message: 'calls.get needs `callId`: a call id (a non-empty string)' }
    }
    if (runId === undefined) return { ok: true, value: { callId } }
    if (!isPositiveInteger(runId, Number.MAX_SAFE_INTEGER)) {
      return { ok: false, message: 'calls.get `runId` must be a positive integer' }
    }
    return { ok: true, value: { callId, runId } }
  },
  'query.catalog': noArguments('query.catalog'),
  'query.parse': (args) => {
    const check = objectWithKeys('query.parse', args, ['code'])
    if (!check.ok) return check
    const code = queryCode('query.parse', check.value.code)
    return code.ok ? { ok: true, value: { code: code.value } } : code
  },
  'query.run': (args) => {
    const check = objectWithKeys('query.run', args, ['pattern', 'distinct', 'limit'])
    if (!check.ok) return check
    const { pattern, distinct, limit } = check.value
    const problem = patternShapeProblem(pattern)
    if (problem !== null) {
      return { ok: false, message: `query.run \`pattern\` is not a pattern: ${problem}` }
    }
    if (distinct !== undefined && typeof distinct !== 'boolean') {
      return { ok: false, message: 'query.run `distinct` must be a boolean' }
    }
    if (limit !== undefined && !isPositiveInteger(limit, MAX_QUERY_ROW_LIMIT)) {
      return {
        ok: false,
        message: `query.run \`limit\` must be an integer from 1 to ${MAX_QUERY_ROW_LIMIT}`,
      }
    }
    return {
      ok: true,
      value: {
        pattern: pattern as Pattern,
        ...(distinct === undefined ? {} : { distinct }),
        ...(limit === undefined ? {} : { limit }),
      },
    }
  },
  'query.similar': (args) => {
    const check = onlyName('query.similar', args, 'hid', 'the history or content id of a value')
    return check.ok ? { ok: true, value: { hid: check.value } } : check
  },
  'queries.list': noArguments('queries.list'),
  'queries.save': (args) => {
    const check = objectWithKeys('queries.save', args, ['name', 'code'])
    if (!check.ok) return check
    const name = savedQueryName('queries.save', check.value.name)
    if (!name.ok) return name
    const code = queryCode('queries.save', check.value.code)
    return code.ok ? { ok: true, value: { name: name.value, code: code.value } } : code
  },
  'queries.delete': (args) => {
    const check = objectWithKeys('queries.delete', args, ['name'])
    if (!check.ok) return check
    const name = savedQueryName('queries.delete', check.value.name)
    return name.ok ? { ok: true, value: { name: name.value } } : name
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
