import type ts from 'typescript'

import { tsLib } from './typescript-library'
import type {
  CollectionKindName,
  PinLiteral,
  PinValue,
  VersionConstraint,
} from '../../../src-shared/query/pattern'
import { EngineError } from '../errors'

/**
 * Shared pieces of the query-code reader (parse-query.ts): locations, errors, and the small
 * syntax forms (q methods, literals) that several statements use.
 */

/** The user's text is parsed after this line, as the right-hand side of an assignment. */
export const PREFIX = '__memographQuery =\n'
export const KINDS: readonly CollectionKindName[] = ['list', 'object', 'map', 'set']
/** Methods of q that declare a variable; q.op and q.call name ops. */
export const VARIABLE_METHODS = ['any', 'value', 'oneOf', 'cid', 'elementOf', 'collectionOf']
export const Q_METHODS = [...VARIABLE_METHODS, 'op', 'call']
export const CURRENT: VersionConstraint = { kind: 'current' }

export interface Location {
  readonly line: number
  readonly column: number
  readonly endLine: number
  readonly endColumn: number
}

/** 1-based line and column in the user's text (the prefix is line 0 of the parsed text). */
export function location(source: ts.SourceFile, start: number, end: number): Location {
  const from = source.getLineAndCharacterOfPosition(Math.max(start, PREFIX.length))
  const to = source.getLineAndCharacterOfPosition(Math.max(end, start, PREFIX.length))
  return {
    line: from.line,
    column: from.character + 1,
    endLine: to.line,
    endColumn: to.character + 1,
  }
}

export function nodeLocation(source: ts.SourceFile, node: ts.Node): Location {
  return location(source, node.getStart(source), node.getEnd())
}

export function syntaxError(
  source: ts.SourceFile,
  start: number,
  end: number,
  message: string,
): EngineError {
  const where = location(source, start, end)
  return new EngineError('query.syntax', `${where.line}:${where.column}: ${message}`, {
    ...where,
  })
}

/** Code that does not fit the query form: `query.syntax` at the node. */
export function failAt(source: ts.SourceFile, node: ts.Node, message: string): never {
  throw syntaxError(source, node.getStart(source), node.getEnd(), message)
}

/** A Q1 problem found while reading (an op or argument the catalog lacks): `query.invalid`. */
export function invalidAt(source: ts.SourceFile, node: ts.Node, message: string): never {
  throw new EngineError('query.invalid', message, {
    node: null,
    field: null,
    ...nodeLocation(source, node),
  })
}

/** Shows a node in a message: its text, shortened. */
export function shown(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ')
  return `\`${text.length > 40 ? `${text.slice(0, 39)}…` : text}\``
}

/** `q.<name>(…)` (the call) or `q.<name>` (the property access): the method, else null. */
export function queryMethod(node: ts.Node): { name: string; node: ts.Node } | null {
  const access = tsLib().isCallExpression(node) ? node.expression : node
  if (!tsLib().isPropertyAccessExpression(access) || access.questionDotToken !== undefined)
    return null
  if (!tsLib().isIdentifier(access.expression) || access.expression.text !== 'q') return null
  if (!tsLib().isIdentifier(access.name)) return null
  if (tsLib().isCallExpression(node) && node.typeArguments !== undefined) return null
  return { name: access.name.text, node: access.name }
}

/** An identifier or string key; null for computed, numeric and private names. */
export function propertyName(name: ts.PropertyName): string | null {
  return tsLib().isIdentifier(name) || tsLib().isStringLiteral(name) ? name.text : null
}

export function bindingNames(name: ts.BindingName): ts.Identifier[] {
  if (tsLib().isIdentifier(name)) return [name]
  return name.elements.flatMap((element) =>
    tsLib().isOmittedExpression(element) ? [] : bindingNames(element.name),
  )
}

export function isLiteralNode(node: ts.Node): boolean {
  return (
    tsLib().isStringLiteral(node) ||
    tsLib().isNumericLiteral(node) ||
    tsLib().isPrefixUnaryExpression(node) ||
    tsLib().isObjectLiteralExpression(node) ||
    tsLib().isArrayLiteralExpression(node) ||
    node.kind === tsLib().SyntaxKind.TrueKeyword ||
    node.kind === tsLib().SyntaxKind.FalseKeyword ||
    node.kind === tsLib().SyntaxKind.NullKeyword
  )
}

/** A pinned value: a literal or `q.cid('<id>')`. */
export function readPinValue(source: ts.SourceFile, node: ts.Expression): PinValue {
  const method = queryMethod(node)
  if (method?.name !== 'cid' || !tsLib().isCallExpression(node)) {
    return { kind: 'literal', value: readLiteral(source, node) }
  }
  const [arg, extra] = node.arguments
  if (arg === undefined || extra !== undefined || !tsLib().isStringLiteral(arg)) {
    return failAt(source, node, `expected q.cid('<22-character content id>'), found ${shown(node)}`)
  }
  return { kind: 'cid', cid: arg.text }
}

/** A JSON-like literal, read from the syntax tree (never evaluated). */
export function readLiteral(source: ts.SourceFile, node: ts.Node): PinLiteral {
  if (tsLib().isStringLiteral(node)) return node.text
  // TypeScript keeps numeric literal text in decimal (hex, separators and exponents resolved).
  if (tsLib().isNumericLiteral(node)) return Number(node.text)
  if (
    tsLib().isPrefixUnaryExpression(node) &&
    node.operator === tsLib().SyntaxKind.MinusToken &&
    tsLib().isNumericLiteral(node.operand)
  ) {
    return -Number(node.operand.text)
  }
  if (node.kind === tsLib().SyntaxKind.TrueKeyword) return true
  if (node.kind === tsLib().SyntaxKind.FalseKeyword) return false
  if (node.kind === tsLib().SyntaxKind.NullKeyword) return null
  if (tsLib().isArrayLiteralExpression(node)) {
    return node.elements.map((element) => readLiteral(source, element))
  }
  if (tsLib().isObjectLiteralExpression(node)) {
    const entries: [string, PinLiteral][] = []
    for (const property of node.properties) {
      const key = tsLib().isPropertyAssignment(property) ? propertyName(property.name) : null
      if (key === null || !tsLib().isPropertyAssignment(property)) {
        return failAt(source, property, `expected key: <literal>, found ${shown(property)}`)
      }
      if (entries.some(([seen]) => seen === key)) {
        failAt(source, property, `key '${key}' is given twice`)
      }
      entries.push([key, readLiteral(source, property.initializer)])
    }
    // fromEntries defines own properties: even a '__proto__' key stays data (and Q1 rejects it).
    return Object.fromEntries(entries)
  }
  return failAt(
    source,
    node,
    `expected a literal (number, string, true, false, null, array or object), found ${shown(node)}`,
  )
}
