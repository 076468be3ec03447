/**
 * Runs in the sandboxed renderer before the page. It exposes exactly one small object,
 * `window.memographHost`, shaped by the contract's HostBridge: no ipcRenderer, no Node.
 * Built as CommonJS (.cjs): a sandboxed preload cannot be an ES module.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { ERROR_CODES } from '../../src-shared/errors'
import { isHostMethod } from '../../src-shared/host/arguments'
import {
  HOST_BRIDGE_GLOBAL,
  HOST_EVENT_CHANNEL,
  type HostBridge,
  type HostEvent,
  type HostResult,
  type HostValue,
} from '../../src-shared/host/contract'

const bridge: HostBridge = {
  invoke(method, args) {
    // Only contract channels: the page must not reach any other ipcMain handler.
    if (!isHostMethod(method)) {
      return Promise.resolve({
        ok: false,
        error: {
          code: ERROR_CODES.hostBadRequest,
          message: `Unknown host method ${String(method)}`,
        },
      })
    }
    return ipcRenderer.invoke(method, args) as Promise<HostResult<HostValue<typeof method>>>
  },
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, hostEvent: HostEvent): void => listener(hostEvent)
    ipcRenderer.on(HOST_EVENT_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(HOST_EVENT_CHANNEL, forward)
    }
  },
}

contextBridge.exposeInMainWorld(HOST_BRIDGE_GLOBAL, bridge)
