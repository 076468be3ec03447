/**
 * The layout worker: elk layered, off the main thread. The client terminates and restarts
 * it when a newer request supersedes a running one, so only the latest layout is computed.
 */
import ELK from 'elkjs/lib/elk.bundled.js'
import { runLayout } from './elk-layout'
import { type LayoutRequest, type LayoutResponse } from './layout-types'

const elk = new ELK()

function reply(response: LayoutResponse): void {
  self.postMessage(response)
}

// elk's bundle installs its own worker dispatcher on self.onmessage; this one replaces it.
self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { requestId, input } = event.data
  runLayout(elk, input).then(
    (result) => reply({ requestId, ok: true, ...result }),
    (error: unknown) => reply({ requestId, ok: false, error: String(error) }),
  )
}
