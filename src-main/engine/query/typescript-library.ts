import { createRequire } from 'node:module'
import type TypeScript from 'typescript'

let loaded: typeof TypeScript | undefined

/**
 * The TypeScript compiler API, loaded on first use: it takes about half a second and 80 MB,
 * which every process that imports the engine would otherwise pay for parsing it never does.
 */
export function tsLib(): typeof TypeScript {
  loaded ??= createRequire(import.meta.url)('typescript') as typeof TypeScript
  return loaded
}
