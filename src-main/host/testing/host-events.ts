/**
 * Test support: records every event a host emits and waits for the ones a test expects.
 */
import assert from 'node:assert/strict'
import { type HostEvent, type HostEvents, type HostResult } from '../../../src-shared/host/contract'
import { type Host } from '../host'

export class EventLog {
  readonly events: HostEvent[] = []
  private readonly waiters = new Set<() => void>()
  private readonly stop: () => void

  constructor(host: Host) {
    this.stop = host.onEvent((event) => {
      this.events.push(event)
      for (const wake of this.waiters) wake()
    })
  }

  /** Events of one kind, from `since` (an index into `events`) on. */
  named<E extends keyof HostEvents>(name: E, since = 0): HostEvents[E][] {
    return this.events
      .slice(since)
      .filter((event) => event.name === name)
      .map((event) => event.payload as HostEvents[E])
  }

  /** The position in `events` of the first event named `name` from `since` on; -1 if none. */
  indexOf(name: keyof HostEvents, since = 0): number {
    const index = this.events.slice(since).findIndex((event) => event.name === name)
    return index < 0 ? -1 : since + index
  }

  /** The first event named `name` from `since` on that satisfies `accept`. */
  async next<E extends keyof HostEvents>(
    name: E,
    since: number,
    accept: (payload: HostEvents[E]) => boolean = () => true,
    timeoutMs = 30_000,
  ): Promise<HostEvents[E]> {
    const find = () => this.named(name, since).find(accept)
    const found = find()
    if (found !== undefined) return found
    return new Promise((resolve, reject) => {
      const wake = () => {
        const match = find()
        if (match === undefined) return
        clearTimeout(timer)
        this.waiters.delete(wake)
        resolve(match)
      }
      const timer = setTimeout(() => {
        this.waiters.delete(wake)
        reject(new Error(`no matching ${name} within ${timeoutMs} ms`))
      }, timeoutMs)
      this.waiters.add(wake)
    })
  }

  close(): void {
    this.stop()
  }
}

export function valueOf<T>(result: HostResult<unknown>): T {
  if (!result.ok) assert.fail(`expected ok, got [${result.error.code}] ${result.error.message}`)
  return result.value as T
}

export function errorOf(result: HostResult<unknown>): { code: string; message: string } {
  if (result.ok) assert.fail(`expected an error, got ${JSON.stringify(result.value)}`)
  return result.error
}
