/**
 * Readable, valid variable names for generated patterns (similar(), frames): pattern ids are
 * printed as code, so they must be JavaScript identifiers that are not reserved words.
 */
const RESERVED = new Set([
  'arguments',
  'await',
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'eval',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'implements',
  'import',
  'in',
  'instanceof',
  'interface',
  'let',
  'new',
  'null',
  'package',
  'private',
  'protected',
  'public',
  'return',
  'static',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'undefined',
  'var',
  'void',
  'while',
  'with',
  'yield',
  'NaN',
  'Infinity',
])

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name)
}

/** `name` made into an identifier: invalid characters become `_`, reserved words get a `_`. */
export function identifierFrom(name: string): string {
  let cleaned = name.replace(/[^\w$]/g, '_')
  if (cleaned === '') cleaned = 'v'
  if (/^\d/.test(cleaned)) cleaned = `_${cleaned}`
  return RESERVED.has(cleaned) ? `${cleaned}_` : cleaned
}

/** `base`, or `base2`, `base3`, ... whichever is free; the result is marked as used. */
export function uniqueName(base: string, used: Set<string>): string {
  let name = base
  for (let suffix = 2; used.has(name); suffix++) name = `${base}${suffix}`
  used.add(name)
  return name
}
