import { EngineError } from '../errors'

/** Where a value being encoded came from; used only to make error messages actionable. */
export interface EncodeSite {
  readonly op?: string
  readonly argument?: string
}

/**
 * Thrown (not an EngineError) when the encoder meets a ref. It is a signal, not a failure: the
 * caller catches it and stores the value as a collection of refs instead of encoding it whole.
 */
export class RefFoundSignal extends Error {
  readonly path: string

  constructor(path: string) {
    super(`a ref was found at ${path}`)
    this.name = 'RefFoundSignal'
    this.path = path
  }
}

export function rootNameOf(site: EncodeSite | undefined): string {
  return site?.argument ?? 'value'
}

/**
 * `op 'train', argument 'model': cannot encode <what> at <path>; <hint>`, with the same facts
 * in details so hosts need not parse the message.
 */
export function unencodableError(
  site: EncodeSite | undefined,
  path: string,
  className: string,
  what: string,
  hint: string,
  cause?: unknown,
): EngineError {
  const where: string[] = []
  if (site?.op !== undefined) where.push(`op '${site.op}'`)
  if (site?.argument !== undefined) where.push(`argument '${site.argument}'`)
  const prefix = where.length > 0 ? `${where.join(', ')}: ` : ''
  return new EngineError(
    'value.unencodable',
    `${prefix}cannot encode ${what} at ${path}; ${hint}`,
    { op: site?.op, argument: site?.argument, path, className },
    cause === undefined ? undefined : { cause },
  )
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

export function propertySegment(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
}

/** A Map key as it would be written in code, or null when it is not a short primitive. */
export function renderMapKey(key: unknown): string | null {
  switch (typeof key) {
    case 'string':
      return key.length <= 40 ? JSON.stringify(key) : null
    case 'number':
      return Object.is(key, -0) ? '-0' : String(key)
    case 'bigint':
      return `${key}n`
    case 'boolean':
    case 'undefined':
      return String(key)
    case 'object':
      return key === null ? 'null' : null
    default:
      return null
  }
}
