import { EngineError } from '../errors'
import { digestId, digestTuple, type ContentId } from '../ids'
import { encodeValue } from '../values'
import { FunctionSourceError, readFunctionSource, type FunctionSource } from './function-source'

/** Hamilton's cache behaviours: `default` memoizes, `recompute` always executes and stores,
 * `disable` executes without storing the call. */
export type Behavior = 'default' | 'recompute' | 'disable'
export const BEHAVIORS: readonly Behavior[] = ['default', 'recompute', 'disable']

export interface OpOptions {
  /** The op's name; defaults to the function's own name. Names identify ops across runs. */
  readonly name?: string
  /**
   * A manual version. With it, the op's identity is (name, version): editing the body keeps
   * old calls valid until you change the version. Without it, the normalized source counts.
   */
  readonly version?: string | number
  /** Output names. Two or more: the function returns an array of that length (a tuple). */
  readonly outputs?: readonly string[]
  /** Store array / object / Map / Set results element by element, each element its own ref. */
  readonly elementwise?: boolean
  /** Arguments passed to the function but left out of the call's identity and storage. */
  readonly ignore?: readonly string[]
  /**
   * Parameters added after calls were stored: when such an argument is omitted or equals the
   * given value, it is left out of the call's identity, so the old calls still match.
   */
  readonly newArgDefault?: Readonly<Record<string, unknown>>
  readonly behavior?: Behavior
}

export interface OpDefinition {
  readonly name: string
  readonly fn: (...args: never[]) => unknown
  readonly isAsync: boolean
  readonly source: FunctionSource
  readonly sourceHash: string
  readonly outputs: readonly string[]
  readonly tupleOutputs: boolean
  readonly elementwise: boolean
  readonly ignore: ReadonlySet<string>
  readonly newArgDefaults: ReadonlyMap<string, ContentId>
  readonly behavior: Behavior
  readonly manualVersion: string | null
  /** Goes into every call id: same key, same op identity. */
  readonly versionKey: string
  readonly signature: OpSignature
}

export interface OpSignature {
  readonly inputs: readonly string[]
  readonly rest: string | null
  readonly destructured: boolean
  readonly outputs: readonly string[]
  readonly elementwise: boolean
  readonly async: boolean
}

export const DEFAULT_OUTPUT = 'output_0'
const NAME_PATTERN = /^[^\s]+$/

export function defineOp(fn: unknown, options: OpOptions = {}): OpDefinition {
  if (typeof fn !== 'function') {
    throw new EngineError('op.invalid', `op() needs a function, got ${describe(fn)}`)
  }
  const name = options.name ?? fn.name
  const fail = (message: string): never => {
    throw new EngineError('op.invalid', `op '${name}': ${message}`, { op: name })
  }
  let source: FunctionSource
  try {
    source = readFunctionSource(fn as (...args: never[]) => unknown)
  } catch (error) {
    if (error instanceof FunctionSourceError) fail(error.message)
    throw error
  }
  if (source.isGenerator) fail('generator functions cannot be ops')
  if (source.callsItselfByName) {
    process.emitWarning(
      `op '${name}': the function calls itself by its own name, which reaches the plain function, not the op, so those calls are not memoized. Call the op instead (const ${name} = op(function ${name}Body(...) { ... ${name}(...) ... }, { name: '${name}' })).`,
      { code: 'MEMOGRAPH_SELF_CALL' },
    )
  }
  if (name === '' || !NAME_PATTERN.test(name)) {
    throw new EngineError(
      'op.invalid',
      name === ''
        ? 'op() needs a name: pass a named function (function train(...) {...}) or options.name'
        : `op name '${name}' must not contain whitespace`,
    )
  }

  const inputNames =
    source.parameters.kind === 'object' ? source.parameters.keys : source.parameters.names
  const rest = source.parameters.kind === 'positional' ? source.parameters.rest : null
  const outputs = readOutputs(options.outputs, inputNames, fail)
  const ignore = new Set(options.ignore ?? [])
  for (const ignored of ignore) {
    if (!isDeclaredInput(ignored, inputNames, rest))
      fail(`ignore names '${ignored}', which is not a parameter`)
  }
  const newArgDefaults = new Map<string, ContentId>()
  for (const [argument, value] of Object.entries(options.newArgDefault ?? {})) {
    if (!inputNames.includes(argument))
      fail(`newArgDefault names '${argument}', which is not a parameter`)
    if (ignore.has(argument)) fail(`'${argument}' is both ignored and a newArgDefault`)
    newArgDefaults.set(argument, encodeValue(value, { op: name, argument }).cid)
  }
  const behavior = options.behavior ?? 'default'
  if (!BEHAVIORS.includes(behavior)) fail(`behavior must be one of ${BEHAVIORS.join(', ')}`)
  const manualVersion = options.version === undefined ? null : String(options.version)
  const elementwise = options.elementwise === true
  const isAsync = source.isAsync

  const signature: OpSignature = {
    inputs: inputNames,
    rest,
    destructured: source.parameters.kind === 'object',
    outputs,
    elementwise,
    async: isAsync,
  }
  const sourceHash = digestId(source.normalized)
  // Output names and element-wise storage decide the output refs' ids, so they are part of
  // the identity in both modes; the body counts only when no manual version pins it.
  const outputKey = JSON.stringify([outputs, elementwise])
  const versionKey =
    manualVersion === null
      ? digestTuple('op-version:source', name, sourceHash, outputKey)
      : digestTuple('op-version:manual', name, manualVersion, outputKey)

  return {
    name,
    fn: fn as (...args: never[]) => unknown,
    isAsync,
    source,
    sourceHash,
    outputs,
    tupleOutputs: outputs.length > 1,
    elementwise,
    ignore,
    newArgDefaults,
    behavior,
    manualVersion,
    versionKey,
    signature,
  }
}

function readOutputs(
  requested: readonly string[] | undefined,
  inputNames: readonly string[],
  fail: (message: string) => never,
): readonly string[] {
  if (requested === undefined) return [DEFAULT_OUTPUT]
  const names: unknown = requested
  if (!Array.isArray(names) || names.length === 0)
    fail('outputs must be a non-empty array of names')
  const seen = new Set<string>()
  for (const output of requested) {
    if (typeof output !== 'string' || output === '') fail('output names must be non-empty strings')
    if (seen.has(output)) fail(`output name '${output}' appears twice`)
    if (inputNames.includes(output)) fail(`output name '${output}' is also a parameter name`)
    seen.add(output)
  }
  return [...requested]
}

function isDeclaredInput(name: string, inputs: readonly string[], rest: string | null): boolean {
  return inputs.includes(name) || (rest !== null && (name === rest || name.startsWith(`${rest}_`)))
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value
}
