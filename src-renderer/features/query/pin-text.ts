/**
 * Pins as the variable node's editor writes and shows them: a number, true/false/null, a JSON
 * array or object, a quoted string, or any other text taken as a string.
 */
import { type PinLiteral, type PinValue } from '../../../src-shared/query/pattern'
import { printLiteral } from '../../../src-shared/query/print'

export type PinParse =
  | { readonly ok: true; readonly pin: readonly PinValue[] }
  | { readonly ok: false; readonly message: string }

function isPinLiteral(value: unknown): value is PinLiteral {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every(isPinLiteral)
  if (typeof value === 'object') return Object.values(value).every(isPinLiteral)
  return false
}

/** Reads what the user typed into a pin (a single literal). */
export function parsePinText(text: string): PinParse {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, message: 'type a value: 10, true, "text" or [1, 2]' }
  const single = /^'((?:[^'\\]|\\.)*)'$/.exec(trimmed)
  if (single !== null) {
    const inner = (single[1] ?? '').replace(/\\(.)/g, '$1')
    return { ok: true, pin: [{ kind: 'literal', value: inner }] }
  }
  if (
    /^[-+]?(\d|\.\d)/.test(trimmed) ||
    /^[[{"]/.test(trimmed) ||
    /^(true|false|null)$/.test(trimmed)
  ) {
    try {
      const value: unknown = JSON.parse(trimmed.startsWith('+') ? trimmed.slice(1) : trimmed)
      if (isPinLiteral(value)) return { ok: true, pin: [{ kind: 'literal', value }] }
      return { ok: false, message: 'numbers must be finite' }
    } catch {
      if (/^[[{"]/.test(trimmed)) return { ok: false, message: 'that is not valid JSON' }
    }
  }
  return { ok: true, pin: [{ kind: 'literal', value: trimmed }] }
}

/** How a pin shows on its node: `10`, `'abc'`, `10 | 20`, `stored abcdef…`. */
export function pinText(pin: readonly PinValue[]): string {
  return pin
    .map((value) =>
      value.kind === 'cid' ? `stored ${value.cid.slice(0, 6)}…` : printLiteral(value.value),
    )
    .join(' | ')
}

/** The text the pin editor starts from: the literal as JSON-ish code, empty for stored values. */
export function pinEditText(pin: readonly PinValue[] | null): string {
  const [first] = pin ?? []
  if (first === undefined || first.kind === 'cid' || (pin?.length ?? 0) > 1) return ''
  return printLiteral(first.value)
}
