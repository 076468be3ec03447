import { ERROR_CODES, type ErrorData } from '../../src-shared/errors'
import {
  type HostBridge,
  type HostEvent,
  type HostResult,
  type HostValue,
} from '../../src-shared/host/contract'
import {
  WEB_API_PATH,
  WEB_TOKEN_PARAMETER,
  type HostRequestMessage,
  type HostServerMessage,
} from '../../src-shared/host/wire'

type PendingAnswer = (result: HostResult<unknown>) => void

function failure(error: ErrorData): HostResult<never> {
  return { ok: false, error }
}

const MISSING_TOKEN: ErrorData = {
  code: ERROR_CODES.hostBadRequest,
  message:
    'This page needs its session token. Open the full URL the Memograph server printed ' +
    '(it ends in ?token=…).',
}

/**
 * Browser mode: the HostBridge over one WebSocket to the server that served this page. It
 * connects on first use and again after a drop; requests sent while connecting are queued.
 */
export function createWebSocketBridge(location: Location): HostBridge {
  const token = new URLSearchParams(location.search).get(WEB_TOKEN_PARAMETER)
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  const endpoint = `${scheme}//${location.host}${WEB_API_PATH}?${WEB_TOKEN_PARAMETER}=${encodeURIComponent(token ?? '')}`
  const listeners = new Set<(event: HostEvent) => void>()
  const pending = new Map<number, PendingAnswer>()
  let socket: WebSocket | null = null
  let opened = false
  let nextId = 1

  function connectionLost(): ErrorData {
    return {
      code: ERROR_CODES.internal,
      message: opened
        ? 'Lost the connection to the Memograph server. Is it still running? Reload to reconnect.'
        : 'Could not connect to the Memograph server: it may have stopped, or the session ' +
          'token in this URL is not the one it printed.',
    }
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return
    const message = JSON.parse(data) as HostServerMessage
    if (message.kind === 'event') {
      for (const listener of listeners) listener(message.event)
      return
    }
    const answer = pending.get(message.id)
    pending.delete(message.id)
    answer?.(message.result)
  }

  function connect(): WebSocket {
    if (socket !== null) return socket
    const current = new WebSocket(endpoint)
    opened = false
    current.addEventListener('open', () => {
      opened = true
    })
    current.addEventListener('message', (event: MessageEvent) => receive(event.data))
    current.addEventListener('close', () => {
      const error = connectionLost()
      socket = null
      for (const answer of pending.values()) answer(failure(error))
      pending.clear()
    })
    socket = current
    return current
  }

  function send(request: HostRequestMessage): void {
    const current = connect()
    const text = JSON.stringify(request)
    if (current.readyState === WebSocket.OPEN) current.send(text)
    else current.addEventListener('open', () => current.send(text), { once: true })
  }

  return {
    invoke(method, args) {
      type Value = HostValue<typeof method>
      if (token === null || token === '') return Promise.resolve(failure(MISSING_TOKEN))
      return new Promise<HostResult<Value>>((resolve) => {
        const id = nextId++
        // The server answers with the contract's value for `method`; the wire cannot say so.
        pending.set(id, (result) => resolve(result as HostResult<Value>))
        send({ id, method, args })
      })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
