/**
 * Talks to the layout worker: answers from the cache when it can, otherwise sends the request
 * and, when a newer one arrives while a layout is running, terminates the worker and starts a
 * fresh one (elk cannot be interrupted), so a stale layout never costs the user time.
 */
import { layoutKey } from './layout-key'
import { type LayoutInput, type LayoutResponse, type LayoutResult } from './layout-types'

export class LayoutSuperseded extends Error {
  constructor() {
    super('A newer layout was requested')
  }
}

const CACHE_SIZE = 64
/** Shared by every canvas: reopening a graph finds its layout. */
const cache = new Map<string, LayoutResult>()

function remember(key: string, result: LayoutResult): void {
  cache.delete(key)
  cache.set(key, result)
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value
    if (oldest !== undefined) cache.delete(oldest)
  }
}

/** A worker started ahead of need, with elk already loaded by the time a graph arrives. */
let spare: Worker | null = null

function newWorker(): Worker {
  return new Worker(new URL('./layout.worker.ts', import.meta.url), {
    type: 'module',
    name: 'memograph-layout',
  })
}

/** A throwaway layout: elk's first call pays its class set-up (hundreds of ms), not the user's. */
const WARM_UP = {
  requestId: 0,
  input: {
    direction: 'RIGHT',
    nodes: [
      { id: 'a', width: 10, height: 10 },
      { id: 'b', width: 10, height: 10 },
    ],
    edges: [{ id: 'ab', source: 'a', target: 'b' }],
  },
}

/** Starts a layout worker in the background (a view about to show a graph calls this). */
export function prewarmLayoutWorker(): void {
  if (spare !== null || typeof Worker === 'undefined') return
  spare = newWorker()
  spare.postMessage(WARM_UP)
}

/** Loads elk in a worker once the app is idle, so the first graph lays out at full speed. */
export function prewarmLayoutWorkerWhenIdle(): void {
  if (typeof window === 'undefined') return
  if (typeof window.requestIdleCallback === 'function') {
    window.requestIdleCallback(prewarmLayoutWorker, { timeout: 3000 })
  } else {
    setTimeout(prewarmLayoutWorker, 500)
  }
}

function takeWorker(): Worker {
  const worker = spare ?? newWorker()
  spare = null
  return worker
}

interface Pending {
  readonly requestId: number
  readonly key: string
  readonly resolve: (result: LayoutResult) => void
  readonly reject: (error: Error) => void
}

export class LayoutClient {
  private worker: Worker | null = null
  private pending: Pending | null = null
  private nextId = 1

  /** The cached layout of `input`, if any (synchronous: no flash of the old layout). */
  cached(input: LayoutInput): LayoutResult | null {
    const key = layoutKey(input)
    const hit = cache.get(key)
    if (hit === undefined) return null
    remember(key, hit)
    return hit
  }

  layout(input: LayoutInput): Promise<LayoutResult> {
    const key = layoutKey(input)
    const hit = cache.get(key)
    if (this.pending !== null) {
      this.stopWorker()
      this.pending.reject(new LayoutSuperseded())
      this.pending = null
      // elk cannot be interrupted: the busy worker is gone; have the next one ready.
      prewarmLayoutWorker()
    }
    if (hit !== undefined) {
      remember(key, hit)
      return Promise.resolve(hit)
    }
    const worker = this.startWorker()
    const requestId = this.nextId++
    return new Promise<LayoutResult>((resolve, reject) => {
      this.pending = { requestId, key, resolve, reject }
      worker.postMessage({ requestId, input })
    })
  }

  dispose(): void {
    this.stopWorker()
    this.pending?.reject(new LayoutSuperseded())
    this.pending = null
  }

  private startWorker(): Worker {
    if (this.worker !== null) return this.worker
    const worker = takeWorker()
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => this.answered(event.data)
    worker.onerror = (event) => {
      const pending = this.pending
      this.pending = null
      this.stopWorker()
      pending?.reject(new Error(`Layout worker failed: ${event.message}`))
    }
    this.worker = worker
    return worker
  }

  private stopWorker(): void {
    this.worker?.terminate()
    this.worker = null
  }

  private answered(response: LayoutResponse): void {
    const pending = this.pending
    if (pending === null || pending.requestId !== response.requestId) return
    this.pending = null
    if (!response.ok) {
      pending.reject(new Error(response.error))
      return
    }
    const { positions, width, height, ms, fast } = response
    const result: LayoutResult = { positions, width, height, ms, fast }
    remember(pending.key, result)
    pending.resolve(result)
  }
}
