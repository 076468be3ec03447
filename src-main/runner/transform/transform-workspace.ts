import { hash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ERROR_CODES } from '../../../src-shared/errors'
import { RunnerError } from '../runner-error'
import { compileError, locationAt } from './compile-error'
import { type ModuleAnalysis, analyzeModule } from './module-analysis'
import { type RewrittenModule, rewriteModule } from './module-rewrite'
import { lookupSpecifier } from './module-resolution'
import { lineStartsOf } from './text-positions'
import { type TransformedModule, type WorkspaceBundle } from './types'
import { type PlacedModule, workspaceComponents } from './workspace-components'

/**
 * Loads the entry module and every module reachable from it through relative imports, and
 * turns them into instrumented CommonJS bodies with their components (see types.ts). Syntax
 * errors, unsupported syntax and missing imports throw a RunnerError (`runner.compile`) whose
 * message and details point at the file, line and column.
 */
export async function transformWorkspace(root: string, entry: string): Promise<WorkspaceBundle> {
  return drive(buildBundle(resolve(root), entry), async (path) => {
    try {
      return await readFile(path, 'utf8')
    } catch (error) {
      return missingFile(error)
    }
  })
}

/** The same as {@link transformWorkspace}, reading files synchronously. */
export function transformWorkspaceSync(root: string, entry: string): WorkspaceBundle {
  const build = buildBundle(resolve(root), entry)
  let step = build.next()
  while (step.done !== true) {
    let text: string | null
    try {
      text = readFileSync(step.value, 'utf8')
    } catch (error) {
      text = missingFile(error)
    }
    step = build.next(text)
  }
  return step.value
}

/** Forgets every cached module (tests; memory). */
export function clearTransformCache(): void {
  analysisCache.clear()
}

async function drive(
  build: Generator<string, WorkspaceBundle, string | null>,
  read: (path: string) => Promise<string | null>,
): Promise<WorkspaceBundle> {
  let step = build.next()
  while (step.done !== true) step = build.next(await read(step.value))
  return step.value
}

function missingFile(error: unknown): null {
  const code = (error as { code?: unknown }).code
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null
  throw error
}

/**
 * The transform as a generator that yields the absolute paths it needs read and receives their
 * text (null: no such file), so the sync and async versions share every step.
 */
function* buildBundle(
  root: string,
  entryArgument: string,
): Generator<string, WorkspaceBundle, string | null> {
  const absoluteOf = (path: string) => join(root, ...path.split('/'))
  const entry = workspacePath(root, entryArgument)
  const entryText = entry === null ? null : yield absoluteOf(entry)
  if (entry === null || entryText === null) {
    throw new RunnerError(
      ERROR_CODES.runnerCompile,
      `entry module ${entryArgument} not found in workspace ${root}`,
      { file: entryArgument },
    )
  }

  const texts = new Map<string, string>([[entry, entryText]])
  const order: string[] = [entry]
  const analyses = new Map<string, ModuleAnalysis>()
  const resolvedImports = new Map<string, Map<string, string | null>>()
  for (let next = 0; next < order.length; next++) {
    const path = order[next] ?? ''
    const analysis = cachedAnalysis(path, texts.get(path) ?? '', path === entry)
    analyses.set(path, analysis)
    const imports = new Map<string, string | null>()
    for (const dependency of analysis.bindings.dependencies) {
      if (imports.has(dependency.specifier)) continue
      const lookup = lookupSpecifier(path, dependency.specifier)
      const at = () => locationAt(path, lineStartsOf(analysis.javascript), dependency.offset)
      if (lookup.kind === 'external') {
        imports.set(dependency.specifier, null)
        continue
      }
      if (lookup.kind === 'outside') {
        throw compileError(
          at(),
          `cannot import '${dependency.specifier}': it is outside the workspace folder`,
        )
      }
      let found: string | null = null
      for (const candidate of lookup.candidates) {
        const known = texts.has(candidate)
        const text = known ? texts.get(candidate) : yield absoluteOf(candidate)
        if (text == null) continue
        found = candidate
        if (!known) {
          texts.set(candidate, text)
          order.push(candidate)
        }
        break
      }
      // A non-TypeScript file (JSON, plain .js) is loaded by the runner next to the module.
      if (found === null && (yield absoluteOf(lookup.asIs)) === null) {
        throw compileError(at(), `cannot find module '${dependency.specifier}'`)
      }
      imports.set(dependency.specifier, found)
    }
    if (analysis.bindings.usesImportMeta) imports.set('node:url', null)
    resolvedImports.set(path, imports)
  }

  let firstIndex = 0
  const placed: PlacedModule[] = order.map((path) => {
    const analysis = analyses.get(path) as ModuleAnalysis
    const module = { analysis, firstIndex, imports: resolvedImports.get(path) ?? new Map() }
    firstIndex += analysis.components.length
    return module
  })
  const modules = placed.map((module): TransformedModule => {
    const { code, map } = cachedRewrite(module)
    return {
      path: module.analysis.path,
      code,
      map,
      imports: Object.fromEntries(module.imports),
    }
  })
  return { root, entry, modules, components: workspaceComponents(placed) }
}

/** The entry as a workspace-relative path with forward slashes, or null if outside the root. */
function workspacePath(root: string, entry: string): string | null {
  const absolute = isAbsolute(entry) ? entry : join(root, entry)
  const path = relative(root, absolute)
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return null
  return path.split(sep).join('/')
}

/**
 * Analyses by module path, role and content digest: a re-run over unchanged files skips
 * stripping, parsing and scope analysis. Bounded, dropping the oldest entries first.
 */
const analysisCache = new Map<string, ModuleAnalysis>()
const rewriteCache = new WeakMap<ModuleAnalysis, Map<string, RewrittenModule>>()
const ANALYSES_KEPT = 512
const REWRITES_PER_MODULE = 4

function cachedAnalysis(path: string, text: string, isEntry: boolean): ModuleAnalysis {
  const key = `${path}\u0000${isEntry ? 'entry' : 'module'}\u0000${hash('sha256', text, 'base64url')}`
  let analysis = analysisCache.get(key)
  if (analysis === undefined) {
    analysis = analyzeModule(path, text, isEntry)
    remember(analysisCache, key, analysis, ANALYSES_KEPT)
  }
  return analysis
}

function cachedRewrite(module: PlacedModule): RewrittenModule {
  const { analysis, firstIndex, imports } = module
  const workspaceTargets = new Set(
    [...imports].flatMap(([specifier, target]) => (target === null ? [] : [specifier])),
  )
  // Per analysis (that is, per text): the code also depends on where the module's component
  // indexes start and on which dynamic imports name workspace modules.
  let rewrites = rewriteCache.get(analysis)
  if (rewrites === undefined) {
    rewrites = new Map()
    rewriteCache.set(analysis, rewrites)
  }
  const key = `${firstIndex}\u0000${[...workspaceTargets].join('\u0000')}`
  let rewritten = rewrites.get(key)
  if (rewritten === undefined) {
    rewritten = rewriteModule(analysis, firstIndex, workspaceTargets)
    remember(rewrites, key, rewritten, REWRITES_PER_MODULE)
  }
  return rewritten
}

function remember<T>(cache: Map<string, T>, key: string, value: T, limit: number): void {
  cache.set(key, value)
  if (cache.size > limit) {
    const oldest = cache.keys().next()
    if (oldest.done !== true) cache.delete(oldest.value)
  }
}
