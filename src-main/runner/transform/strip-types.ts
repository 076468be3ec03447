import { createRequire } from 'node:module'
import type TypeScript from 'typescript'
import type * as BlankSpace from 'ts-blank-space'
import { tsLib } from '../../engine/query/typescript-library'
import { compileError } from './compile-error'
import { blankLocalTypeExports } from './local-type-exports'

type TypeScriptApi = typeof TypeScript
let blankSpace: typeof BlankSpace | undefined

/** Loaded on first use: TypeScript takes about half a second to load (see tsLib). */
function blankSourceFile(...args: Parameters<typeof BlankSpace.blankSourceFile>): string {
  blankSpace ??= createRequire(import.meta.url)('ts-blank-space') as typeof BlankSpace
  return blankSpace.blankSourceFile(...args)
}

/**
 * Types are removed by blanking them out with spaces (ts-blank-space, on TypeScript's own
 * parser) instead of by reprinting the code: every JavaScript character stays at the offset it
 * has in the TypeScript file, so component sources, lines, ignore directives and error
 * positions are read straight off the TypeScript text, and the only source map needed is the one
 * of the instrumentation edits. It is also faster than esbuild's transform for small files, and,
 * unlike it, never renames a function whose name shadows an outer one (op names come from
 * function names).
 */
export function stripTypes(file: string, typescript: string): string {
  const ts = tsLib()
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  const sourceFile = ts.createSourceFile(file, typescript, languageOptions(ts), false, kind)
  const syntaxError = parseDiagnosticsOf(sourceFile)[0]
  if (syntaxError !== undefined) {
    throw compileError(
      locationOf(file, sourceFile, syntaxError.start),
      ts.flattenDiagnosticMessageText(syntaxError.messageText, ' '),
    )
  }
  let unsupported: TypeScript.Node | undefined
  const javascript = blankSourceFile(sourceFile, (node) => {
    unsupported ??= node
  })
  if (unsupported !== undefined) {
    throw compileError(
      locationOf(file, sourceFile, unsupported.getStart(sourceFile)),
      `${describeUnsupported(ts, unsupported)} is not supported: workspace code may only use TypeScript syntax that erases to JavaScript (types are stripped, not compiled)`,
    )
  }
  return blankLocalTypeExports(ts, sourceFile, javascript)
}

function languageOptions(ts: TypeScriptApi): TypeScript.CreateSourceFileOptions {
  return {
    languageVersion: ts.ScriptTarget.ESNext,
    impliedNodeFormat: ts.ModuleKind.ESNext,
    // JSDoc is trivia here; not parsing it is what makes the TypeScript parser fast enough.
    jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
  }
}

/**
 * The parser's syntax errors. They are not part of the public API but have been on every
 * SourceFile for years; without them a malformed type would be blanked out silently.
 */
function parseDiagnosticsOf(
  sourceFile: TypeScript.SourceFile,
): readonly TypeScript.DiagnosticWithLocation[] {
  const diagnostics = (
    sourceFile as { parseDiagnostics?: readonly TypeScript.DiagnosticWithLocation[] }
  ).parseDiagnostics
  return diagnostics ?? []
}

function locationOf(file: string, sourceFile: TypeScript.SourceFile, position: number) {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(position)
  return { file, line: line + 1, column: character + 1 }
}

function describeUnsupported(ts: TypeScriptApi, node: TypeScript.Node): string {
  switch (node.kind) {
    case ts.SyntaxKind.EnumDeclaration:
      return 'an enum (use a const object instead)'
    case ts.SyntaxKind.ModuleDeclaration:
      return 'a namespace with values (use a module instead)'
    case ts.SyntaxKind.ImportEqualsDeclaration:
      return '`import = require()` (use an import declaration)'
    case ts.SyntaxKind.ExportAssignment:
      return '`export =` (use export default)'
    case ts.SyntaxKind.TypeAssertionExpression:
      return 'a `<Type>value` assertion (use `value as Type`)'
    default:
      if (ts.isModifier(node) || ts.isParameter(node)) {
        return 'a constructor parameter property (declare the field and assign it)'
      }
      return `TypeScript syntax '${ts.SyntaxKind[node.kind]}'`
  }
}
