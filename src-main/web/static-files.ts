import { type IncomingMessage, type ServerResponse } from 'node:http'
import { WEB_API_PATH } from '../../src-shared/host/wire'
import { readRendererAsset, rendererContentSecurityPolicy } from '../host/renderer-assets'
import { allowedOrigins, isAllowedHost } from './request-guards'

export interface StaticFilesOptions {
  readonly rendererDir: string
  readonly port: number
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
  })
  response.end(text)
}

/**
 * Serves the built renderer. The files hold no data (data only flows over the token-protected
 * WebSocket), so the page loads without the token and then explains if it is missing.
 */
export function createStaticFilesHandler(
  options: StaticFilesOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const webSocketOrigins = allowedOrigins(options.port).map((origin) =>
    origin.replace(/^http:/, 'ws:'),
  )
  const contentSecurityPolicy = rendererContentSecurityPolicy(webSocketOrigins)

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isAllowedHost(request.headers.host, options.port)) {
      sendText(response, 403, 'Refused: unexpected Host header')
      return
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'Method not allowed')
      return
    }
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (pathname === WEB_API_PATH) {
      sendText(response, 426, 'The API is a WebSocket endpoint')
      return
    }
    const asset = await readRendererAsset(options.rendererDir, pathname)
    if (asset === null) {
      sendText(response, 404, 'Not found')
      return
    }
    response.writeHead(200, {
      'Content-Type': asset.contentType,
      'Content-Length': asset.body.length,
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      // The page URL carries the session token; never send it anywhere as a referrer.
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': asset.isDocument ? 'no-store' : 'no-cache',
    })
    response.end(request.method === 'HEAD' ? undefined : asset.body)
  }

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, `Internal error: ${String(error)}`)
      else response.destroy()
    })
  }
}
