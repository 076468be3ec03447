import { readFile, stat } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve } from 'node:path'

/**
 * Both bindings serve the same built renderer (out/renderer) under the same policy: the app
 * loads only its own scripts and styles, and talks only to its own origin. `connectSources`
 * lets browser mode name its WebSocket origin explicitly.
 */
export function rendererContentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style attributes (the hit-rate bar width); no inline <style> is generated.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ')
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
}

export interface RendererAsset {
  readonly body: Buffer
  readonly contentType: string
  readonly isDocument: boolean
}

/** Maps a URL path to a file under `rendererDir`, refusing anything that escapes it. */
export function rendererFilePath(rendererDir: string, urlPathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPathname)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const relativePath = decoded === '/' || decoded === '' ? 'index.html' : `.${decoded}`
  const file = resolve(rendererDir, relativePath)
  const fromRoot = relative(rendererDir, file)
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) return null
  return file
}

export async function readRendererAsset(
  rendererDir: string,
  urlPathname: string,
): Promise<RendererAsset | null> {
  const file = rendererFilePath(rendererDir, urlPathname)
  if (file === null) return null
  try {
    if (!(await stat(file)).isFile()) return null
    const extension = extname(file).toLowerCase()
    return {
      body: await readFile(file),
      contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      isDocument: extension === '.html',
    }
  } catch {
    return null
  }
}
