import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { ERROR_CODES } from '../../src-shared/errors'
import { HOST_METHODS } from '../../src-shared/host/arguments'
import { HOST_EVENT_CHANNEL, type HostResult } from '../../src-shared/host/contract'
import { type Host } from '../host'
import { isAppUrl } from './app-protocol'

/**
 * Binds every contract method to an `ipcMain.handle` channel of the same name. Handlers answer
 * with a Result instead of throwing, because Electron flattens thrown errors into a message
 * string and the renderer must switch on `code`.
 */
export function registerHostIpc(host: Host, getWindow: () => BrowserWindow | null): () => void {
  function isTrustedSender(event: IpcMainInvokeEvent): boolean {
    const window = getWindow()
    const frame = event.senderFrame
    return (
      window !== null &&
      event.sender === window.webContents &&
      frame !== null &&
      frame === window.webContents.mainFrame &&
      isAppUrl(frame.url)
    )
  }

  for (const method of HOST_METHODS) {
    ipcMain.handle(method, (event, args: unknown): Promise<HostResult<unknown>> => {
      if (!isTrustedSender(event)) {
        return Promise.resolve({
          ok: false,
          error: {
            code: ERROR_CODES.hostBadRequest,
            message: `Refused ${method}: the request did not come from the Memograph window`,
          },
        })
      }
      return host.dispatch(method, args)
    })
  }

  const stopEvents = host.onEvent((event) => {
    const window = getWindow()
    if (window !== null && !window.isDestroyed()) window.webContents.send(HOST_EVENT_CHANNEL, event)
  })

  return () => {
    stopEvents()
    for (const method of HOST_METHODS) ipcMain.removeHandler(method)
  }
}
