import type * as acorn from 'acorn'
import { boundIdentifiers } from './module-components'
import { walkTree } from './syntax-tree'

/** A binding imported from, or re-exported from, another module (`*`: the namespace). */
export interface ImportedName {
  readonly specifier: string
  readonly imported: string
}

/** A module specifier the module loads, with where it is written (for error messages). */
export interface ModuleDependency {
  readonly specifier: string
  readonly offset: number
  /** `import('./x')`: rewritten to a require only when it names a workspace module. */
  readonly dynamic: boolean
}

/** What a module imports and exports, by name. */
export interface ModuleBindings {
  /** Local names bound by import declarations. */
  readonly imports: ReadonlyMap<string, ImportedName>
  /** Exported name → the local binding it reads. */
  readonly localExports: ReadonlyMap<string, string>
  /** Exported name → an export of another module (`export { a as b } from './m'`). */
  readonly reexports: ReadonlyMap<string, ImportedName>
  /** `export * from` specifiers, in order. */
  readonly starExports: readonly string[]
  /** Dropped imports (only types, or nothing, used) are not dependencies. */
  readonly dependencies: readonly ModuleDependency[]
  readonly usesImportMeta: boolean
}

/**
 * `unusedImports` and `moduleLevelNames` come from scope analysis: a name exported but not declared
 * in the JavaScript was a type (`export { Shape }` of an interface), and exports nothing.
 */
export function moduleBindings(
  program: acorn.Program,
  javascript: string,
  hiddenDefault: string,
  unusedImports: ReadonlySet<string>,
  moduleLevelNames: ReadonlySet<string>,
): ModuleBindings {
  const imports = new Map<string, ImportedName>()
  const localExports = new Map<string, string>()
  const reexports = new Map<string, ImportedName>()
  const starExports: string[] = []
  const dependencies: ModuleDependency[] = []
  const depend = (source: acorn.Literal, dynamic = false) =>
    dependencies.push({ specifier: String(source.value), offset: source.start, dynamic })

  for (const statement of program.body) {
    switch (statement.type) {
      case 'ImportDeclaration': {
        const specifier = String(statement.source.value)
        for (const node of statement.specifiers) {
          imports.set(node.local.name, { specifier, imported: importedName(node) })
        }
        if (!isElidedImport(statement, unusedImports, javascript)) depend(statement.source)
        break
      }
      case 'ExportNamedDeclaration':
        if (statement.source != null) {
          const specifier = String(statement.source.value)
          for (const node of statement.specifiers) {
            reexports.set(nameOf(node.exported), { specifier, imported: nameOf(node.local) })
          }
          depend(statement.source)
        } else if (statement.declaration != null) {
          for (const name of declaredNames(statement.declaration)) localExports.set(name, name)
        } else {
          for (const node of statement.specifiers) {
            const local = nameOf(node.local)
            if (moduleLevelNames.has(local)) localExports.set(nameOf(node.exported), local)
          }
        }
        break
      case 'ExportDefaultDeclaration': {
        const local = defaultExportBinding(statement, hiddenDefault)
        if (local === hiddenDefault || moduleLevelNames.has(local))
          localExports.set('default', local)
        break
      }
      case 'ExportAllDeclaration': {
        const specifier = String(statement.source.value)
        if (statement.exported == null) starExports.push(specifier)
        else reexports.set(nameOf(statement.exported), { specifier, imported: '*' })
        depend(statement.source)
        break
      }
      default:
        break
    }
  }

  let usesImportMeta = false
  walkTree(program, (node) => {
    if (node.type === 'MetaProperty' && node.meta.name === 'import') usesImportMeta = true
    if (
      node.type === 'ImportExpression' &&
      node.source.type === 'Literal' &&
      typeof node.source.value === 'string'
    ) {
      depend(node.source, true)
    }
  })
  return { imports, localExports, reexports, starExports, dependencies, usesImportMeta }
}

/**
 * TypeScript's import elision: an import whose bindings are all unused or types (`import { type
 * A } from`, blanked to `import {   } from`) is dropped, so the module is not loaded for it.
 * `import './x'` is kept.
 */
export function isElidedImport(
  statement: acorn.ImportDeclaration,
  unusedImports: ReadonlySet<string>,
  javascript: string,
): boolean {
  if (statement.specifiers.length === 0) {
    return javascript.slice(statement.start, statement.source.start).includes('{')
  }
  return statement.specifiers.every((node) => unusedImports.has(node.local.name))
}

export function importedName(
  node: acorn.ImportSpecifier | acorn.ImportDefaultSpecifier | acorn.ImportNamespaceSpecifier,
): string {
  if (node.type === 'ImportNamespaceSpecifier') return '*'
  if (node.type === 'ImportDefaultSpecifier') return 'default'
  return nameOf(node.imported)
}

export function nameOf(node: acorn.Identifier | acorn.Literal): string {
  return node.type === 'Identifier' ? node.name : String(node.value)
}

export function defaultExportBinding(
  statement: acorn.ExportDefaultDeclaration,
  hiddenDefault: string,
): string {
  const declaration = statement.declaration
  if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') {
    return declaration.id?.name ?? hiddenDefault
  }
  // `export default name` reads the binding itself, so references resolve to its component.
  return declaration.type === 'Identifier' ? declaration.name : hiddenDefault
}

function declaredNames(declaration: acorn.Declaration): string[] {
  if (declaration.type === 'VariableDeclaration') {
    return declaration.declarations.flatMap((declarator) =>
      boundIdentifiers(declarator.id).map((identifier) => identifier.name),
    )
  }
  return [declaration.id.name]
}
