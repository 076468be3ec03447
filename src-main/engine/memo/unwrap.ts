import { collectionKindOf } from './collections'
import { isRef, type Unwrapped } from './ref'
import { RefKind } from './schema'

/**
 * Replaces refs with their values, inside arrays, plain objects, Maps and Sets too. Containers
 * without refs come back as the same objects; cycles are preserved. Plain values pass through,
 * so code that unwraps works both inside and outside a run.
 */
export function unwrap<T>(value: T): Unwrapped<T> {
  return unwrapNode(value, new Map()) as Unwrapped<T>
}

export function unwrapDeep(value: unknown): unknown {
  return unwrapNode(value, new Map())
}

function unwrapNode(value: unknown, seen: Map<object, unknown>): unknown {
  if (isRef(value)) return value.load()
  if (typeof value !== 'object' || value === null) return value
  const kind = collectionKindOf(value)
  if (kind === null) return value
  const done = seen.get(value)
  if (done !== undefined) return done
  // Provisionally the container itself, so a cycle back to it resolves while we descend.
  seen.set(value, value)
  let changed = false
  const convert = (element: unknown): unknown => {
    const converted = unwrapNode(element, seen)
    if (converted !== element) changed = true
    return converted
  }
  let result: unknown
  switch (kind) {
    case RefKind.List:
      result = (value as unknown[]).map(convert)
      break
    case RefKind.Object:
      result = Object.fromEntries(
        Object.entries(value).map(([key, element]) => [key, convert(element)]),
      )
      break
    case RefKind.Map:
      result = new Map(
        [...(value as Map<unknown, unknown>)].map(([key, element]) => [key, convert(element)]),
      )
      break
    case RefKind.Set:
      result = new Set([...(value as Set<unknown>)].map(convert))
      break
  }
  const final = changed ? result : value
  seen.set(value, final)
  return final
}
