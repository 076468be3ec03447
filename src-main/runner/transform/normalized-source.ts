import { type AnyNode } from 'acorn'
import { GENERATOR, type Generator, generate } from 'astring'
import { digestId } from '../../engine/ids'

/**
 * Prints literals by value, not by spelling, so 'a' and "a" (or 0x10 and 16) print alike; the
 * rest of astring's printing already drops comments, whitespace, parentheses and trailing commas.
 * Same rules as the engine's own function normalization (memo/function-source.ts).
 */
const NORMALIZING_GENERATOR: Generator = {
  ...GENERATOR,
  Literal(node, state) {
    const value = node.value
    if (typeof value === 'string' || typeof value === 'number') {
      state.write(JSON.stringify(value), node)
    } else if (typeof value === 'bigint') {
      state.write(`${value}n`, node)
    } else {
      GENERATOR.Literal.call(this, node, state)
    }
  },
}

/** The code of a syntax tree with formatting, comments and literal spelling normalized away. */
export function normalizedSource(node: AnyNode): string {
  return generate(node, { generator: NORMALIZING_GENERATOR })
}

export function contentHashOf(normalized: string): string {
  return digestId(normalized)
}
