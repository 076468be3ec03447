import { EngineError } from '../errors'
import { type OpDefinition } from './op-definition'

export interface BoundInput {
  readonly name: string
  readonly value: unknown
}

/**
 * Names each argument after its parameter. Arguments that are `undefined` (omitted) and
 * ignored arguments are left out: JavaScript passes `undefined` and "not passed" alike, so
 * neither may change a call's identity. The result is sorted by name.
 */
export function bindArguments(definition: OpDefinition, args: readonly unknown[]): BoundInput[] {
  const bound = definition.signature.destructured
    ? bindObjectArgument(definition, args)
    : bindPositionalArguments(definition, args)
  const kept = bound.filter(
    ({ name, value }) => value !== undefined && !definition.ignore.has(name),
  )
  return kept.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0))
}

function bindPositionalArguments(definition: OpDefinition, args: readonly unknown[]): BoundInput[] {
  const { inputs, rest } = definition.signature
  if (rest === null && args.length > inputs.length) {
    throw argumentError(
      definition,
      `takes ${inputs.length} argument${inputs.length === 1 ? '' : 's'} (${inputs.join(', ')}), got ${args.length}`,
    )
  }
  const bound: BoundInput[] = []
  args.forEach((value, index) => {
    const name = index < inputs.length ? inputs[index] : `${rest}_${index - inputs.length}`
    if (name !== undefined) bound.push({ name, value })
  })
  if (rest !== null && definition.ignore.has(rest)) {
    return bound.filter(({ name }) => !name.startsWith(`${rest}_`))
  }
  return bound
}

function bindObjectArgument(definition: OpDefinition, args: readonly unknown[]): BoundInput[] {
  const { inputs, rest } = destructuredShape(definition)
  if (args.length > 1) {
    throw argumentError(
      definition,
      `takes one object argument ({ ${inputs.join(', ')} }), got ${args.length} arguments`,
    )
  }
  const [argument] = args
  if (argument === undefined) return []
  if (!isPlainRecord(argument)) {
    throw argumentError(definition, `takes one object argument ({ ${inputs.join(', ')} })`)
  }
  const bound: BoundInput[] = []
  for (const [name, value] of Object.entries(argument)) {
    if (!inputs.includes(name) && !rest) {
      throw argumentError(
        definition,
        `got key '${name}', which its parameter pattern { ${inputs.join(', ')} } does not declare`,
      )
    }
    bound.push({ name, value })
  }
  return bound
}

function destructuredShape(definition: OpDefinition): { inputs: readonly string[]; rest: boolean } {
  const parameters = definition.source.parameters
  return {
    inputs: definition.signature.inputs,
    rest: parameters.kind === 'object' && parameters.rest,
  }
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === null || Object.getPrototypeOf(prototype) === null
}

function argumentError(definition: OpDefinition, message: string): EngineError {
  return new EngineError('op.arguments', `op '${definition.name}' ${message}`, {
    op: definition.name,
  })
}
