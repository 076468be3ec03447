import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The built worker, next to the host bundle (out/main/) or one level up from a shared chunk. */
const BUILT_CANDIDATES = ['./runner-worker.js', '../runner-worker.js']

/**
 * The script a runner worker starts from. The built app has out/main/runner-worker.js (see
 * electron.vite.config.ts); from source, worker/bootstrap.mjs registers tsx and loads the
 * TypeScript worker, since a worker does not inherit a loader the CLI registered in code.
 */
export function locateWorkerEntry(base: string = import.meta.url): URL {
  for (const candidate of BUILT_CANDIDATES) {
    const url = new URL(candidate, base)
    if (existsSync(fileURLToPath(url))) return url
  }
  return new URL('./worker/bootstrap.mjs', base)
}
