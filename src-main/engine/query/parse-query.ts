import type ts from 'typescript'

import { tsLib } from './typescript-library'
import { CodedError } from '../../../src-shared/errors'
import type { OpCatalog, Pattern } from '../../../src-shared/query/pattern'
import { assertValidPattern } from '../../../src-shared/query/validate'
import { EngineError } from '../errors'
import { QueryCodeReader } from './query-code-reader'
import { failAt, nodeLocation, PREFIX, shown, syntaxError } from './query-code-syntax'

/**
 * SPEC rule Q5: reads query code (the form printPattern writes) into a pattern without running
 * it, from the TypeScript syntax tree. Code that does not fit the form is a `query.syntax`
 * error at the offending node (`<line>:<column>: …`, 1-based, also in details); a pattern that
 * breaks Q1 is `query.invalid`, with the location of the statement that introduced the node at
 * fault added to its details.
 */
export function parseQuery(code: string, catalog: OpCatalog): Pattern {
  // The text is parsed as the right-hand side of an assignment on a line of its own, so that
  // `function (q) { … }` is an expression and every line shifts by exactly one.
  const source = tsLib().createSourceFile(
    FILE,
    PREFIX + code,
    tsLib().ScriptTarget.Latest,
    true,
    tsLib().ScriptKind.TS,
  )
  const [diagnostic] = syntaxDiagnostics(source)
  if (diagnostic !== undefined) {
    const start = diagnostic.start ?? 0
    const scanner = tsLib().createScanner(tsLib().ScriptTarget.Latest, true, undefined, source.text)
    scanner.resetTokenState(PREFIX.length)
    scanner.scan()
    const firstToken = scanner.getTokenStart()
    // At the first token, TypeScript's complaint is about the prefix; say what the form is.
    const found = source.text.slice(firstToken).split(/\s/, 1)[0] ?? ''
    const message =
      start <= firstToken
        ? `expected one arrow function (q) => { … }, found ${found === '' ? 'nothing' : `\`${found}\``}`
        : tsLib().flattenDiagnosticMessageText(diagnostic.messageText, ' ')
    throw syntaxError(source, start, start + (diagnostic.length ?? 0), message)
  }
  const reader = new QueryCodeReader(source, catalog)
  const pattern = reader.read(queryFunctionBody(source))
  try {
    assertValidPattern(pattern, catalog)
  } catch (error) {
    if (!(error instanceof CodedError)) throw error
    const details = error.details ?? {}
    const field = typeof details.field === 'string' ? details.field : ''
    const node = field.startsWith('select') ? reader.returnNode : reader.origin(details.node)
    const where = node === undefined ? {} : nodeLocation(source, node)
    throw new EngineError(error.code, error.message, { ...details, ...where }, { cause: error })
  }
  return pattern
}

const FILE = 'query.ts'

/** TypeScript's own syntax errors, without a type checker or any lib files. */
function syntaxDiagnostics(source: ts.SourceFile): readonly ts.Diagnostic[] {
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === FILE ? source : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => name === FILE,
    readFile: () => undefined,
  }
  const options: ts.CompilerOptions = { noLib: true, noResolve: true, types: [] }
  return tsLib()
    .createProgram({ rootNames: [FILE], options, host })
    .getSyntacticDiagnostics(source)
}

/** `(q) => { … }`, `(q: Query) => { … }` or `function (q) { … }`: its block body. */
function queryFunctionBody(source: ts.SourceFile): ts.Block {
  const fail = (node: ts.Node, message: string): never => failAt(source, node, message)
  const expected = 'expected one arrow function (q) => { … }'
  const [statement, extra] = source.statements
  if (extra !== undefined) fail(extra, `${expected}, found more after it: ${shown(extra)}`)
  if (statement === undefined) {
    throw syntaxError(source, PREFIX.length, PREFIX.length, `${expected}, found nothing`)
  }
  if (
    !tsLib().isExpressionStatement(statement) ||
    !tsLib().isBinaryExpression(statement.expression) ||
    statement.expression.operatorToken.kind !== tsLib().SyntaxKind.EqualsToken
  ) {
    return fail(statement, `${expected}, found ${shown(statement)}`)
  }
  const fn = statement.expression.right
  if (!tsLib().isArrowFunction(fn) && !tsLib().isFunctionExpression(fn)) {
    return fail(fn, `${expected}, found ${shown(fn)}`)
  }
  const modifier = fn.modifiers?.[0]
  if (modifier !== undefined) fail(modifier, `${expected}, found ${shown(modifier)}`)
  if (tsLib().isFunctionExpression(fn)) {
    if (fn.asteriskToken !== undefined) fail(fn.asteriskToken, `${expected}, found a generator`)
    if (fn.name !== undefined)
      fail(fn.name, `expected function (q) without a name, found ${shown(fn.name)}`)
  }
  const typeParameter = fn.typeParameters?.[0]
  if (typeParameter !== undefined)
    fail(typeParameter, `expected no type parameters, found ${shown(typeParameter)}`)
  if (fn.type !== undefined) fail(fn.type, `expected no return type, found ${shown(fn.type)}`)
  const [parameter, second] = fn.parameters
  if (second !== undefined) fail(second, `expected the single parameter q, found ${shown(second)}`)
  if (
    parameter === undefined ||
    !tsLib().isIdentifier(parameter.name) ||
    parameter.name.text !== 'q' ||
    parameter.dotDotDotToken !== undefined ||
    parameter.questionToken !== undefined ||
    parameter.initializer !== undefined
  ) {
    const found = parameter === undefined ? 'none' : shown(parameter)
    return fail(parameter ?? fn, `expected the single parameter q, found ${found}`)
  }
  if (!tsLib().isBlock(fn.body)) {
    return fail(fn.body, `expected a block body { … return { … } }, found ${shown(fn.body)}`)
  }
  return fn.body
}
