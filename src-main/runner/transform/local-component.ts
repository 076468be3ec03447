import type * as acorn from 'acorn'
import { type ComponentKind } from '../../../src-shared/model/versions'

/**
 * Where an `enter` hook goes: after a body's `{`, around an arrow's expression body, or as the
 * first field of a class body (a class shell is entered whenever an instance is made).
 */
export type HookSite =
  | { readonly kind: 'block'; readonly at: number }
  | { readonly kind: 'expression'; readonly start: number; readonly end: number }
  | { readonly kind: 'classBody'; readonly at: number }

/** A component as found in one module, before indexes are assigned across the workspace. */
export interface LocalComponent {
  readonly name: string
  readonly kind: ComponentKind
  /** The module-level binding that holds it (null for class members). */
  readonly binding: string | null
  /** Range of its declaration in the module text (the same offsets in TypeScript and in JS). */
  readonly start: number
  readonly end: number
  /**
   * Identifiers inside this range are references made by this component (the innermost such
   * range wins, so a class member's references are not the class shell's). Empty for values.
   */
  readonly ownerStart: number
  readonly ownerEnd: number
  /** Functions: the normalized JavaScript the content hash is computed from. */
  readonly normalized: string | null
  readonly hooks: readonly HookSite[]
  /** Class members: local index of their class shell. */
  readonly shell: number | null
  /** Ranges left out of the source text (a class shell's member components). */
  readonly omitted: readonly SourceRange[]
}

export interface SourceRange {
  readonly start: number
  readonly end: number
}

export type FunctionNode = acorn.FunctionExpression | acorn.ArrowFunctionExpression

export function hookOf(fn: acorn.Function): HookSite {
  return fn.body.type === 'BlockStatement'
    ? { kind: 'block', at: fn.body.start + 1 }
    : { kind: 'expression', start: fn.body.start, end: fn.body.end }
}
