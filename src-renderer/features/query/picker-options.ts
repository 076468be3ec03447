/**
 * What the op picker offers, in order: the ops that fit the port the user dragged from first
 * (an input named like the dragged variable, an output named like the input being fed), then
 * the rest; from an input also "a new variable" and existing variables. Fuzzy search by fuse.js.
 */
import Fuse from 'fuse.js'
import { type OpCatalog, type OpShape, type Pattern } from '../../../src-shared/query/pattern'
import { type PickerAnchor } from './pattern-edit'
import { dependsOn } from './pattern-names'

export type PickerOption =
  | { readonly kind: 'op'; readonly op: string; readonly detail: string }
  | { readonly kind: 'newVariable'; readonly name: string }
  | { readonly kind: 'variable'; readonly variable: string }

export function optionLabel(option: PickerOption): string {
  if (option.kind === 'op') return option.op
  if (option.kind === 'newVariable') return `New variable ${option.name}`
  return `Use variable ${option.variable}`
}

export function optionKey(option: PickerOption): string {
  return `${option.kind}:${option.kind === 'op' ? option.op : option.kind === 'newVariable' ? option.name : option.variable}`
}

/** `(seed, samples) → X, y` */
export function signatureText(shape: OpShape): string {
  const rest = shape.rest === null ? [] : [`...${shape.rest}`]
  const inputs = [...shape.inputs, ...rest].join(', ')
  const args = shape.destructured ? `{ ${inputs} }` : inputs
  return `(${args}) → ${shape.outputs.join(', ')}`
}

function anchorName(pattern: Pattern, anchor: PickerAnchor): string | null {
  if (anchor === null) return null
  if (anchor.kind === 'variable') return anchor.variable
  if (anchor.kind === 'input') return anchor.input
  const call = pattern.calls.find((candidate) => candidate.id === anchor.callId)
  return call?.outputs.find((binding) => binding.name === anchor.output)?.variable ?? anchor.output
}

function fits(shape: OpShape, anchor: PickerAnchor, name: string | null): boolean {
  if (anchor === null || name === null) return false
  return anchor.kind === 'input' ? shape.outputs.includes(name) : shape.inputs.includes(name)
}

/** Every option for this anchor, best fits first. */
export function pickerOptions(
  pattern: Pattern,
  catalog: OpCatalog,
  anchor: PickerAnchor,
): PickerOption[] {
  const name = anchorName(pattern, anchor)
  const shapes = [...catalog.values()].sort((a, b) => {
    const fit = Number(fits(b, anchor, name)) - Number(fits(a, anchor, name))
    return fit !== 0 ? fit : a.op.localeCompare(b.op)
  })
  const ops: PickerOption[] = shapes.map((shape) => ({
    kind: 'op',
    op: shape.op,
    detail: signatureText(shape),
  }))
  if (anchor?.kind !== 'input') return ops
  const call = pattern.calls.find((candidate) => candidate.id === anchor.callId)
  const variables: PickerOption[] = pattern.variables
    .filter(
      (variable) =>
        call !== undefined &&
        !call.outputs.some(
          (output) =>
            output.variable === variable.id || dependsOn(pattern, variable.id, output.variable),
        ),
    )
    .map((variable) => ({ kind: 'variable', variable: variable.id }))
  return [{ kind: 'newVariable', name: anchor.input }, ...ops, ...variables]
}

/** The options matching the search text (fuzzy), or all of them for an empty search. */
export function searchOptions(options: readonly PickerOption[], text: string): PickerOption[] {
  const query = text.trim()
  if (query === '') return [...options]
  const fuse = new Fuse(
    options.map((option) => ({ option, label: optionLabel(option) })),
    { keys: ['label'], threshold: 0.4, ignoreLocation: true },
  )
  return fuse.search(query).map((result) => result.item.option)
}
