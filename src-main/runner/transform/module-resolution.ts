import { posix } from 'node:path'

/** How a specifier written in a workspace module is looked up. */
export type SpecifierLookup =
  /** Not relative: a package, `node:*` or `memograph`, loaded by the runner. */
  | { readonly kind: 'external' }
  /** A relative path leaving the workspace folder. */
  | { readonly kind: 'outside'; readonly path: string }
  /**
   * A relative path: the first candidate that exists is the workspace module; if none does but
   * `asIs` exists, it is a non-TypeScript file (JSON, .js) the runner loads itself.
   */
  | { readonly kind: 'relative'; readonly candidates: readonly string[]; readonly asIs: string }

const TYPESCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts']
/** TypeScript's rule: `./x.js` names the file compiled from `./x.ts`. */
const JS_TO_TS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
}

export function isRelativeSpecifier(specifier: string): boolean {
  return (
    specifier === '.' ||
    specifier === '..' ||
    specifier.startsWith('./') ||
    specifier.startsWith('../')
  )
}

/** `importer` and the paths returned are workspace-relative with forward slashes. */
export function lookupSpecifier(importer: string, specifier: string): SpecifierLookup {
  if (!isRelativeSpecifier(specifier)) return { kind: 'external' }
  const path = posix.normalize(posix.join(posix.dirname(importer), specifier))
  if (path === '..' || path.startsWith('../')) return { kind: 'outside', path }
  const extension = posix.extname(path)
  if (TYPESCRIPT_EXTENSIONS.includes(extension)) {
    return { kind: 'relative', candidates: [path], asIs: path }
  }
  const stem = path.slice(0, path.length - extension.length)
  const mapped = JS_TO_TS[extension]
  if (mapped !== undefined) {
    return { kind: 'relative', candidates: mapped.map((ts) => stem + ts), asIs: path }
  }
  const candidates =
    path === '.'
      ? ['index.ts', 'index.tsx']
      : [`${path}.ts`, `${path}.tsx`, `${path}/index.ts`, `${path}/index.tsx`]
  return { kind: 'relative', candidates, asIs: path }
}
