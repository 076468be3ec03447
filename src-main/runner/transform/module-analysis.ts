import type * as acorn from 'acorn'
import { compileError, locationAt } from './compile-error'
import { type LocalComponent, type SourceRange } from './local-component'
import { type ModuleBindings, moduleBindings } from './module-bindings'
import { findComponents } from './module-components'
import { type ComponentReference, analyzeModuleScope } from './module-references'
import { contentHashOf } from './normalized-source'
import { stripTypes } from './strip-types'
import { findTopLevelAwait, parseModule } from './syntax-tree'
import { lineIndexAt, lineStartsOf } from './text-positions'

export interface AnalyzedComponent extends LocalComponent {
  /** The original TypeScript text of the declaration. */
  readonly source: string
  /** 1-based. */
  readonly line: number
  readonly contentHash: string | null
  readonly references: readonly ComponentReference[]
}

/**
 * Everything about one module that depends only on its own text (and whether it is the entry),
 * so it is cached by content: the rest of the transform only resolves names across modules and
 * applies the edits.
 */
export interface ModuleAnalysis {
  readonly path: string
  readonly isEntry: boolean
  readonly typescript: string
  /** The module with its types blanked out: same length, same offsets. */
  readonly javascript: string
  readonly program: acorn.Program
  /** Prefix of every name the instrumentation adds, chosen not to occur in the module. */
  readonly prefix: string
  readonly components: readonly AnalyzedComponent[]
  readonly bindings: ModuleBindings
  readonly unusedImports: ReadonlySet<string>
}

export function analyzeModule(path: string, typescript: string, isEntry: boolean): ModuleAnalysis {
  const javascript = stripTypes(path, typescript)
  const program = parseModule(path, javascript)
  const lineStarts = lineStartsOf(javascript)
  const at = (offset: number) => locationAt(path, lineStarts, offset)
  if (!isEntry) {
    const topLevelAwait = findTopLevelAwait(program)
    if (topLevelAwait !== null) {
      throw compileError(
        at(topLevelAwait.start),
        'top-level await is only allowed in the entry module (other modules are loaded synchronously)',
      )
    }
  }
  const prefix = uniquePrefix(javascript)
  const components = findComponents(program, javascript, lineStarts, `${prefix}default`)
  const scope = analyzeModuleScope(program, components)
  const clash = scope.wrapperNameClashes[0]
  if (clash !== undefined) {
    throw compileError(
      at(clash.start),
      `a module-level '${clash.name}' clashes with the CommonJS wrapper workspace modules run in; rename it`,
    )
  }
  return {
    path,
    isEntry,
    typescript,
    javascript,
    program,
    prefix,
    components: components.map((component, index) => ({
      ...component,
      source: sourceText(typescript, javascript, component, component.omitted),
      line: lineIndexAt(lineStarts, component.start) + 1,
      contentHash: component.normalized === null ? null : contentHashOf(component.normalized),
      references: scope.references[index] ?? [],
    })),
    bindings: moduleBindings(
      program,
      javascript,
      `${prefix}default`,
      scope.unusedImports,
      scope.declaredNames,
    ),
    unusedImports: scope.unusedImports,
  }
}

/** `__memograph_`, or `__memograph1_`... if the module already uses that spelling somewhere. */
function uniquePrefix(javascript: string): string {
  for (let attempt = 0; ; attempt++) {
    const prefix = `__memograph${attempt === 0 ? '' : attempt}_`
    if (!javascript.includes(prefix)) return prefix
  }
}

/**
 * The declaration's TypeScript text without the omitted ranges (and the lines they leave
 * blank), so a class shell reads as the class with its member functions taken out.
 */
function sourceText(
  typescript: string,
  javascript: string,
  range: SourceRange,
  omitted: readonly SourceRange[],
): string {
  const end = endWithTrailingTypes(typescript, javascript, range.end)
  let text = ''
  let from = range.start
  for (const cut of omitted) {
    let start = cut.start
    let end = cut.end
    while (start > from && (typescript[start - 1] === ' ' || typescript[start - 1] === '\t')) {
      start--
    }
    if (start === from || typescript[start - 1] === '\n') {
      while (end < range.end && (typescript[end] === ' ' || typescript[end] === '\t')) end++
      if (typescript[end] === '\r') end++
      if (typescript[end] === '\n') end++
    }
    text += typescript.slice(from, start)
    from = end
  }
  return text + typescript.slice(from, end)
}

/**
 * A declaration ending in a type (`const x = [] as const`, `= value satisfies T`) ends earlier
 * in the JavaScript than in the TypeScript; the blanked text after it on the same line is added.
 */
function endWithTrailingTypes(typescript: string, javascript: string, end: number): number {
  let extended = end
  for (let index = end; index < javascript.length; index++) {
    const character = javascript[index]
    // Blanking turns type text into spaces and keeps line breaks where they are.
    if (character !== ' ' && character !== '\t') break
    if (typescript[index] !== character) extended = index + 1
  }
  return extended
}
