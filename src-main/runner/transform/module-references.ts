import type * as acorn from 'acorn'
import { type Scope, type Variable, analyze } from 'eslint-scope'
import { type LocalComponent } from './local-component'
import { walkTree } from './syntax-tree'

/** What a module-level name refers to: a binding of this module, or one imported into it. */
export type ReferenceTarget =
  | { readonly kind: 'local'; readonly name: string }
  /** `imported` is an export name, `default`, or `*` for a whole namespace. */
  | { readonly kind: 'import'; readonly specifier: string; readonly imported: string }

export interface ComponentReference {
  readonly target: ReferenceTarget
  /** Whether the value is read (a plain assignment only writes). */
  readonly read: boolean
}

export interface ModuleScopeFacts {
  /** Per local component: the module-level bindings it refers to by free identifier. */
  readonly references: readonly (readonly ComponentReference[])[]
  /** Imported names nothing refers to (type-only uses are blanked): their imports are dropped. */
  readonly unusedImports: ReadonlySet<string>
  /** Module-level declarations of a name the CommonJS wrapper needs (`require`, `exports`...). */
  readonly wrapperNameClashes: readonly acorn.Identifier[]
  /** Every name declared at module level (imports included): what `export { name }` can read. */
  readonly declaredNames: ReadonlySet<string>
}

export const WRAPPER_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname']

/**
 * Resolves every identifier to its declaration (eslint-scope: shadowing by parameters, locals,
 * catch clauses, class and function-expression names all handled) and attributes references to
 * module-level bindings to the innermost component whose range holds them.
 */
export function analyzeModuleScope(
  program: acorn.Program,
  components: readonly LocalComponent[],
): ModuleScopeFacts {
  const manager = analyze(program as unknown as Parameters<typeof analyze>[0], {
    ecmaVersion: 2025,
    sourceType: 'module',
  })
  const moduleScope = manager.globalScope?.childScopes.find((scope) => scope.type === 'module')
  const references: ComponentReference[][] = components.map(() => [])
  const unusedImports = new Set<string>()
  const wrapperNameClashes: acorn.Identifier[] = []
  const declaredNames = new Set(moduleScope?.variables.map((variable) => variable.name))
  if (moduleScope === undefined) {
    return { references, unusedImports, wrapperNameClashes, declaredNames }
  }

  const ownerOf = ownerFinder(components)
  const memberAccess = namespaceMemberAccess(program, moduleScope)
  for (const variable of moduleScope.variables) {
    const definition = variable.defs[0]
    if (WRAPPER_PARAMETERS.includes(variable.name) && variable.identifiers[0] !== undefined) {
      wrapperNameClashes.push(variable.identifiers[0] as unknown as acorn.Identifier)
    }
    const imported = importOf(variable)
    if (imported !== null && variable.references.length === 0) unusedImports.add(variable.name)
    for (const reference of variable.references) {
      if (reference.init === true || definition === undefined) continue
      const position = (reference.identifier as unknown as acorn.Identifier).start
      const owner = ownerOf(position)
      if (owner === null) continue
      const member = imported?.imported === '*' ? memberAccess.get(position) : undefined
      const target: ReferenceTarget =
        imported === null
          ? { kind: 'local', name: variable.name }
          : member === undefined
            ? imported
            : { ...imported, imported: member }
      references[owner]?.push({ target, read: reference.isRead() })
    }
  }
  return { references, unusedImports, wrapperNameClashes, declaredNames }
}

function importOf(variable: Variable): Extract<ReferenceTarget, { kind: 'import' }> | null {
  const definition = variable.defs[0]
  if (definition?.type !== 'ImportBinding') return null
  const specifier = String(definition.parent.source.value)
  const node = definition.node
  const imported =
    node.type === 'ImportNamespaceSpecifier'
      ? '*'
      : node.type === 'ImportDefaultSpecifier'
        ? 'default'
        : node.imported.type === 'Identifier'
          ? node.imported.name
          : String(node.imported.value)
  return { kind: 'import', specifier, imported }
}

/**
 * Finds the component a position belongs to. Owner ranges are nested (class members inside
 * their shell) or disjoint, so among the ranges starting at or before a position the innermost
 * holder is the latest-starting one that still holds it.
 */
function ownerFinder(components: readonly LocalComponent[]): (position: number) => number | null {
  const owners = components
    .map((component, index) => ({ start: component.ownerStart, end: component.ownerEnd, index }))
    .filter((owner) => owner.start < owner.end)
    .sort((left, right) => left.start - right.start || right.end - left.end)
  // The enclosing range of each range (a member's shell), found with a stack of open ranges.
  const enclosing: number[] = []
  const open: number[] = []
  owners.forEach((owner, position) => {
    while (open.length > 0 && (owners[open[open.length - 1] ?? 0]?.end ?? 0) <= owner.start) {
      open.pop()
    }
    enclosing.push(open[open.length - 1] ?? -1)
    open.push(position)
  })
  return (position) => {
    let low = 0
    let high = owners.length
    while (low < high) {
      const middle = (low + high) >> 1
      if ((owners[middle]?.start ?? 0) <= position) low = middle + 1
      else high = middle
    }
    // A range that does not hold the position is left for its enclosing range, if any.
    for (let candidate = low - 1; candidate >= 0; candidate = enclosing[candidate] ?? -1) {
      const owner = owners[candidate]
      if (owner !== undefined && position < owner.end) return owner.index
    }
    return null
  }
}

/**
 * `ns.name` where `ns` is a namespace import: the position of `ns` mapped to `name`, so such a
 * reference resolves to the export it reads rather than to the whole module.
 */
function namespaceMemberAccess(program: acorn.Program, moduleScope: Scope): Map<number, string> {
  const accesses = new Map<number, string>()
  const hasNamespaceImport = moduleScope.variables.some(
    (variable) => importOf(variable)?.imported === '*',
  )
  if (!hasNamespaceImport) return accesses
  walkTree(program, (node) => {
    if (node.type !== 'MemberExpression' || node.object.type !== 'Identifier') return
    const property = node.property
    if (!node.computed && property.type === 'Identifier') {
      accesses.set(node.object.start, property.name)
    } else if (property.type === 'Literal' && typeof property.value === 'string') {
      accesses.set(node.object.start, property.value)
    }
  })
  return accesses
}
