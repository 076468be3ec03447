import { createServer } from 'node:http'
import { type AddressInfo } from 'node:net'
import { WEB_TOKEN_PARAMETER } from '../../src-shared/host/wire'
import { type Host } from '../host'
import { attachApiSocket } from './api-socket'
import { createSessionToken } from './session-token'
import { createStaticFilesHandler } from './static-files'

export interface BrowserModeOptions {
  readonly host: Host
  /** The built renderer (out/renderer). */
  readonly rendererDir: string
  /** 0 picks a free port. */
  readonly port: number
}

export interface BrowserModeServer {
  readonly port: number
  /** The page to open, token included. */
  readonly url: string
  /** Stops accepting connections and drops open ones; does not close the host. */
  close(): Promise<void>
}

/** Loopback only: browser mode is for the user on this machine (or an SSH tunnel to it). */
const LISTEN_ADDRESS = '127.0.0.1'

export async function startBrowserModeServer(
  options: BrowserModeOptions,
): Promise<BrowserModeServer> {
  const token = createSessionToken()
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, LISTEN_ADDRESS, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  // The guards need the real port, which is only known once listening (port 0).
  server.on('request', createStaticFilesHandler({ rendererDir: options.rendererDir, port }))
  const apiSocket = attachApiSocket(server, { host: options.host, token, port })
  const url = `http://${LISTEN_ADDRESS}:${port}/?${WEB_TOKEN_PARAMETER}=${token}`
  return {
    port,
    url,
    close() {
      apiSocket.close()
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
