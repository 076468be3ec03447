import { type WorkspaceComponent } from '../../engine/versioning/code-state'
import { type ModuleAnalysis } from './module-analysis'
import { type ReferenceTarget } from './module-references'

/** A module of the bundle: its analysis, where its components start, what its imports name. */
export interface PlacedModule {
  readonly analysis: ModuleAnalysis
  readonly firstIndex: number
  /** Specifier → workspace module path, or null (outside the workspace). */
  readonly imports: ReadonlyMap<string, string | null>
}

/**
 * The workspace's components with global indexes, and their dependencies resolved across modules:
 * an imported name is followed to the module that declares it, through re-exports
 * (`export { a } from`, `export *`, `export default name`).
 */
export function workspaceComponents(modules: readonly PlacedModule[]): WorkspaceComponent[] {
  const byPath = new Map(modules.map((module) => [module.analysis.path, module]))
  const bindingIndexes = new Map(
    modules.map((module) => {
      const indexes = new Map<string, number>()
      module.analysis.components.forEach((component, position) => {
        if (component.binding !== null) indexes.set(component.binding, module.firstIndex + position)
      })
      return [module, indexes] as const
    }),
  )

  const resolveBinding = (module: PlacedModule, name: string, seen: Set<string>): number | null => {
    const local = bindingIndexes.get(module)?.get(name)
    if (local !== undefined) return local
    const imported = module.analysis.bindings.imports.get(name)
    return imported === undefined
      ? null
      : resolveImport(module, imported.specifier, imported.imported, seen)
  }

  const resolveImport = (
    module: PlacedModule,
    specifier: string,
    imported: string,
    seen: Set<string>,
  ): number | null => {
    const path = module.imports.get(specifier)
    const target = path == null ? undefined : byPath.get(path)
    if (target === undefined || imported === '*') return null
    return resolveExport(target, imported, seen)
  }

  const resolveExport = (module: PlacedModule, name: string, seen: Set<string>): number | null => {
    // Export cycles (`export *` both ways) end here instead of looping.
    const key = `${module.analysis.path}\u0000${name}`
    if (seen.has(key)) return null
    seen.add(key)
    const { localExports, reexports, starExports } = module.analysis.bindings
    const local = localExports.get(name)
    if (local !== undefined) return resolveBinding(module, local, seen)
    const reexport = reexports.get(name)
    if (reexport !== undefined) {
      return resolveImport(module, reexport.specifier, reexport.imported, seen)
    }
    if (name === 'default') return null
    for (const specifier of starExports) {
      const found = resolveImport(module, specifier, name, seen)
      if (found !== null) return found
    }
    return null
  }

  const resolveTarget = (module: PlacedModule, target: ReferenceTarget): number | null =>
    target.kind === 'local'
      ? resolveBinding(module, target.name, new Set())
      : resolveImport(module, target.specifier, target.imported, new Set())

  const entries = modules.flatMap((module) =>
    module.analysis.components.map((component, position) => ({
      module,
      component,
      index: module.firstIndex + position,
    })),
  )
  // What each component reads and names directly; a member adds its shell's reads below.
  const direct = entries.map(({ module, component, index }) => {
    const reads = new Set<number>()
    const referenced = new Set<number>()
    for (const reference of component.references) {
      const resolved = resolveTarget(module, reference.target)
      if (resolved === null || resolved === index) continue
      referenced.add(resolved)
      if (reference.read && entries[resolved]?.component.kind === 'value') reads.add(resolved)
    }
    return { reads, referenced }
  })

  return entries.map(({ module, component, index }): WorkspaceComponent => {
    const { reads, referenced } = direct[index] ?? { reads: new Set(), referenced: new Set() }
    const staticDeps = new Set(reads)
    if (component.shell !== null) {
      // Class members depend on their shell and on what it reads: field initializers run
      // whenever an instance is made.
      const shell = module.firstIndex + component.shell
      staticDeps.add(shell)
      for (const read of direct[shell]?.reads ?? []) staticDeps.add(read)
    }
    return {
      index,
      id: idOf(module.analysis.path, component.name),
      kind: component.kind,
      module: module.analysis.path,
      name: component.name,
      line: component.line,
      contentHash: component.contentHash,
      source: component.source,
      staticDeps: [...staticDeps].sort(byNumber),
      references: [...referenced].sort(byNumber).flatMap((target) => {
        const entry = entries[target]
        return entry === undefined ? [] : [idOf(entry.module.analysis.path, entry.component.name)]
      }),
    }
  })
}

function idOf(modulePath: string, name: string): string {
  return `${modulePath}#${name}`
}

function byNumber(left: number, right: number): number {
  return left - right
}
