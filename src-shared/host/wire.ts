/**
 * Messages of the browser-mode WebSocket binding. Electron IPC needs no framing of its own
 * (ipcRenderer.invoke pairs requests and answers), so this is the only framing there is.
 */
import { type HostEvent, type HostResult } from './contract'

/** Where the browser-mode server accepts WebSocket connections. */
export const WEB_API_PATH = '/api'

/** The query parameter that carries the session token, on the page URL and on `/api`. */
export const WEB_TOKEN_PARAMETER = 'token'

/** Renderer → server. `method` and `args` are checked by the server, so they arrive unknown. */
export interface HostRequestMessage {
  readonly id: number
  readonly method: string
  readonly args: unknown
}

/** Server → renderer: an answer to one request, or a pushed event. */
export type HostServerMessage =
  | { readonly kind: 'result'; readonly id: number; readonly result: HostResult<unknown> }
  | { readonly kind: 'event'; readonly event: HostEvent }
