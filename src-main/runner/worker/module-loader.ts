import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import vm from 'node:vm'
import { type TransformedModule, type WorkspaceBundle } from '../transform/types'

/**
 * Prepended to the entry module's first line (no newline, so line numbers stay put): the entry
 * runs inside an async function so it may use top-level await. Stack columns on line 1 of the
 * entry are shifted by its length; error-mapping.ts takes it off again.
 */
export const ENTRY_PREFIX = 'return (async () => {'
const ENTRY_SUFFIX = '\n})()'
const MODULE_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname']

interface LoadedModule {
  exports: unknown
  readonly id: string
  readonly filename: string
  loaded: boolean
}

type ModuleBody = (
  exports: unknown,
  require: NodeRequire,
  module: LoadedModule,
  filename: string,
  dirname: string,
) => unknown

/**
 * Evaluates a transformed workspace as CommonJS modules in the worker's own context, so the
 * script shares globals (and the `memograph` engine instance) with the worker that runs it.
 */
export class WorkspaceModuleLoader {
  private readonly modules = new Map<string, TransformedModule>()
  private readonly loaded = new Map<string, LoadedModule>()

  constructor(
    private readonly bundle: WorkspaceBundle,
    /** What `require('memograph')` returns: the engine the worker opened storage with. */
    private readonly engine: object,
  ) {
    for (const module of bundle.modules) this.modules.set(module.path, module)
  }

  /** Runs the entry module; resolves when its top level (awaits included) has finished. */
  async runEntry(): Promise<void> {
    const entry = this.moduleAt(this.bundle.entry)
    const record = this.record(entry)
    this.loaded.set(entry.path, record)
    const body = this.compile(entry, `${ENTRY_PREFIX}${entry.code}${ENTRY_SUFFIX}`)
    await (this.invoke(body, entry, record) as Promise<unknown>)
    record.loaded = true
  }

  /** Absolute path of a workspace module, as stacks name it. */
  absolutePath(modulePath: string): string {
    return join(this.bundle.root, modulePath)
  }

  private load(path: string): unknown {
    const cached = this.loaded.get(path)
    // A module still loading (an import cycle) hands out its partial exports, as CommonJS does.
    if (cached !== undefined) return cached.exports
    const module = this.moduleAt(path)
    const record = this.record(module)
    this.loaded.set(path, record)
    this.invoke(this.compile(module, module.code), module, record)
    record.loaded = true
    return record.exports
  }

  private compile(module: TransformedModule, code: string): ModuleBody {
    return vm.compileFunction(code, MODULE_PARAMETERS, {
      filename: this.absolutePath(module.path),
      // Lets a dynamic import() in workspace code load like one in any module of this thread.
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    }) as ModuleBody
  }

  private invoke(body: ModuleBody, module: TransformedModule, record: LoadedModule): unknown {
    return body.call(
      record.exports,
      record.exports,
      this.requireFor(module),
      record,
      record.filename,
      dirname(record.filename),
    )
  }

  private record(module: TransformedModule): LoadedModule {
    const filename = this.absolutePath(module.path)
    return { exports: {}, id: filename, filename, loaded: false }
  }

  private requireFor(module: TransformedModule): NodeRequire {
    // Relative to the module itself, so packages resolve from the workspace's node_modules and
    // non-TypeScript relative files (JSON, .js) from the module's folder.
    const outside = createRequire(this.absolutePath(module.path))
    const require = ((specifier: string) => {
      const target = module.imports[specifier]
      if (typeof target === 'string') return this.load(target)
      if (specifier === 'memograph') return this.engine
      return outside(specifier) as unknown
    }) as NodeRequire
    require.resolve = outside.resolve
    require.cache = outside.cache
    require.main = undefined
    return require
  }

  private moduleAt(path: string): TransformedModule {
    const module = this.modules.get(path)
    if (module === undefined) throw new Error(`module ${path} is not in the workspace bundle`)
    return module
  }
}
