/**
 * The host client the query store calls. The app's slices keep theirs private, so main.tsx
 * hands the one client over at startup: the app keeps a single connection to the host.
 */
import { type HostClient } from '../../api/client'

let client: HostClient | null = null

export function setQueryHost(host: HostClient): void {
  client = host
}

export function queryHost(): HostClient {
  if (client === null) throw new Error('setQueryHost(host) must run before the query view mounts')
  return client
}
