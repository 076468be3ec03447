import { protocol } from 'electron'
import { readRendererAsset, rendererContentSecurityPolicy } from '../host/renderer-assets'

/**
 * The renderer is served from `app://renderer/…` rather than file://: a file:// page has an
 * opaque origin (workers, fetch and CSP 'self' misbehave) and could read any local file.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'renderer'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** Must run before the app is ready (Electron reads privileged schemes at startup). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: a real origin (app://renderer), so module workers and 'self' resolve;
      // codeCache: V8 keeps compiled Monaco between launches, as it would for https.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ])
}

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
  } catch {
    return false
  }
}

export function serveRendererOverAppScheme(rendererDir: string): void {
  const contentSecurityPolicy = rendererContentSecurityPolicy()
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    const asset = url.host === APP_HOST ? await readRendererAsset(rendererDir, url.pathname) : null
    if (asset === null) return new Response('Not found', { status: 404 })
    return new Response(new Uint8Array(asset.body), {
      headers: {
        'Content-Type': asset.contentType,
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })
}
