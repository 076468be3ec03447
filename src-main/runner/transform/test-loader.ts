/**
 * Test support: runs a transformed workspace the way the runner does (each module body in a
 * `function (exports, require, module, __filename, __dirname)`, the entry inside an async
 * function) with a fake tracker that records what the instrumented code reports.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import vm from 'node:vm'
import { TRACKER_KEY, type TrackerHooks } from '../../engine/versioning/code-state'
import { type TransformedModule, type WorkspaceBundle } from './types'

export interface RecordingTracker extends TrackerHooks {
  /** Component indexes in the order they were entered. */
  readonly entered: number[]
  /** The value getters registered so far, by component index. */
  readonly getters: Map<number, () => unknown>
}

export interface LoadedWorkspace {
  /** The entry module's exports, after its top level (awaits included) finished. */
  readonly exports: Record<string, unknown>
  /** Every module's exports, by path. */
  readonly modules: ReadonlyMap<string, Record<string, unknown>>
  readonly tracker: RecordingTracker
}

type ModuleBody = (
  exports: Record<string, unknown>,
  require: (specifier: string) => unknown,
  module: { exports: Record<string, unknown> },
  filename: string,
  dirname: string,
) => unknown

/** Writes `files` (workspace-relative path → text) under `root`. */
export function writeWorkspace(root: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text)
  }
}

/**
 * Runs the bundle's entry. `externals` are what non-workspace specifiers load; anything else
 * falls back to Node's require.
 */
export async function runBundle(
  bundle: WorkspaceBundle,
  externals: Readonly<Record<string, unknown>> = {},
): Promise<LoadedWorkspace> {
  const tracker: RecordingTracker = {
    entered: [],
    getters: new Map(),
    enter(index) {
      this.entered.push(index)
    },
    values(getters) {
      for (const [index, getter] of Object.entries(getters)) this.getters.set(Number(index), getter)
    },
  }
  const byPath = new Map(bundle.modules.map((module) => [module.path, module]))
  const loaded = new Map<string, Record<string, unknown>>()

  const requireFor = (module: TransformedModule) => {
    const nodeRequire = createRequire(join(bundle.root, module.path))
    return (specifier: string): unknown => {
      const target = module.imports[specifier]
      if (typeof target === 'string') return load(target)
      if (specifier in externals) return externals[specifier]
      return nodeRequire(specifier)
    }
  }
  const compile = (module: TransformedModule, code: string) =>
    vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], {
      filename: join(bundle.root, module.path),
    }) as unknown as ModuleBody
  const invoke = (module: TransformedModule, body: ModuleBody) => {
    const exports: Record<string, unknown> = {}
    loaded.set(module.path, exports)
    const filename = join(bundle.root, module.path)
    return body.call(exports, exports, requireFor(module), { exports }, filename, dirname(filename))
  }
  function load(path: string): Record<string, unknown> {
    const cached = loaded.get(path)
    if (cached !== undefined) return cached
    const module = byPath.get(path)
    if (module === undefined) throw new Error(`${path} is not in the bundle`)
    invoke(module, compile(module, module.code))
    return loaded.get(path) ?? {}
  }

  const global = globalThis as unknown as Record<symbol, unknown>
  const previous = global[TRACKER_KEY]
  global[TRACKER_KEY] = tracker
  try {
    const entry = byPath.get(bundle.entry)
    if (entry === undefined) throw new Error('the entry is not in the bundle')
    // As the runner does: the entry runs inside an async function, for top-level await.
    await invoke(entry, compile(entry, `return (async () => {${entry.code}\n})()`))
  } finally {
    global[TRACKER_KEY] = previous
  }
  return { exports: loaded.get(bundle.entry) ?? {}, modules: loaded, tracker }
}
