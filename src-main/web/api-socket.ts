import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http'
import { type Duplex } from 'node:stream'
import { WebSocket, WebSocketServer, type RawData } from 'ws'
import {
  WEB_API_PATH,
  WEB_TOKEN_PARAMETER,
  type HostServerMessage,
} from '../../src-shared/host/wire'
import { type Host } from '../host'
import { isAllowedHost, isAllowedOrigin } from './request-guards'
import { sessionTokenMatches } from './session-token'

export interface ApiSocketOptions {
  readonly host: Host
  readonly token: string
  readonly port: number
}

/** Requests are small JSON objects; anything bigger is not from our renderer. */
const MAX_MESSAGE_BYTES = 1024 * 1024

/** A HostRequestMessage as it arrives: the method name is checked by the host's dispatch. */
interface IncomingRequest {
  readonly id: number
  readonly method: unknown
  readonly args: unknown
}

interface Refusal {
  readonly status: number
  readonly reason: string
}

function checkUpgrade(request: IncomingMessage, options: ApiSocketOptions): Refusal | null {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1')
  if (url.pathname !== WEB_API_PATH) return { status: 404, reason: 'No WebSocket endpoint here' }
  if (!isAllowedHost(request.headers.host, options.port)) {
    return { status: 403, reason: 'Refused: unexpected Host header' }
  }
  if (!isAllowedOrigin(request.headers.origin, options.port)) {
    return { status: 403, reason: 'Refused: the page is not from this server' }
  }
  if (!sessionTokenMatches(options.token, url.searchParams.get(WEB_TOKEN_PARAMETER))) {
    return { status: 401, reason: 'Refused: missing or wrong session token' }
  }
  return null
}

function refuse(socket: Duplex, { status, reason }: Refusal): void {
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  )
}

function parseRequest(data: RawData): IncomingRequest | null {
  let message: unknown
  try {
    const bytes = Buffer.isBuffer(data)
      ? data
      : Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.from(data)
    message = JSON.parse(bytes.toString('utf8'))
  } catch {
    return null
  }
  if (typeof message !== 'object' || message === null) return null
  const { id, method, args } = message as Record<string, unknown>
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null
  return { id, method, args }
}

function send(socket: WebSocket, message: HostServerMessage): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message))
}

function serveConnection(socket: WebSocket, host: Host): void {
  socket.on('message', (data) => {
    const request = parseRequest(data)
    if (request === null) {
      // Without an id there is no request to answer; a client sending this is broken.
      socket.close(1003, 'Expected {"id": number, "method": string, "args": object}')
      return
    }
    void host.dispatch(request.method, request.args).then((result) => {
      send(socket, { kind: 'result', id: request.id, result })
    })
  })
}

/** Binds the host contract to WebSocket connections on `/api` of an HTTP server. */
export function attachApiSocket(server: Server, options: ApiSocketOptions): { close(): void } {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(request, options)
    if (refusal !== null) {
      refuse(socket, refusal)
      return
    }
    sockets.handleUpgrade(request, socket, head, (connection) =>
      serveConnection(connection, options.host),
    )
  })
  const stopEvents = options.host.onEvent((event) => {
    for (const client of sockets.clients) send(client, { kind: 'event', event })
  })
  return {
    close() {
      stopEvents()
      for (const client of sockets.clients) client.terminate()
      sockets.close()
    },
  }
}
