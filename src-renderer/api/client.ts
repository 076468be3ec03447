/**
 * The only module of the renderer that knows how it reaches the host: through the Electron
 * preload's `window.memographHost` when it exists, else over the browser-mode WebSocket.
 * Everything else gets a HostClient and cannot tell the difference.
 */
import {
  HOST_BRIDGE_GLOBAL,
  type HostArguments,
  type HostBridge,
  type HostEvent,
  type HostMethod,
  type HostResult,
  type HostValue,
} from '../../src-shared/host/contract'
import { HostCallError } from './host-call-error'
import { createWebSocketBridge } from './websocket-bridge'

export { HostCallError, errorDataOf } from './host-call-error'

export interface HostClient {
  /** Calls a contract method; a `{ ok: false }` answer is thrown as a HostCallError. */
  call<M extends HostMethod>(method: M, args: HostArguments<M>): Promise<HostValue<M>>
  onEvent(listener: (event: HostEvent) => void): () => void
}

function electronBridge(): HostBridge | undefined {
  const candidate = (window as unknown as Record<string, unknown>)[HOST_BRIDGE_GLOBAL]
  return typeof candidate === 'object' && candidate !== null ? (candidate as HostBridge) : undefined
}

export function createHostClient(bridge: HostBridge): HostClient {
  return {
    async call<M extends HostMethod>(method: M, args: HostArguments<M>): Promise<HostValue<M>> {
      const result: HostResult<HostValue<M>> = await bridge.invoke(method, args)
      if (!result.ok) throw new HostCallError(result.error)
      return result.value
    },
    onEvent: (listener) => bridge.onEvent(listener),
  }
}

export function connectToHost(): HostClient {
  return createHostClient(electronBridge() ?? createWebSocketBridge(window.location))
}
