import { type CallEvent } from '../../../src-shared/model/runs'
import { type WorkerToHost } from '../../../src-shared/runner/protocol'
import { type RunProgress } from '../../engine/memo/active-run'

const BATCH_INTERVAL_MS = 50

/**
 * Collects call events and posts them as `progress` messages at most every 50 ms, so a run
 * of many fast calls does not flood the host. Events are posted from the call that finds the
 * interval elapsed, because a busy script may not yield to timers for a long time; the timer
 * only delivers the tail of a burst.
 */
export class ProgressBatcher {
  private events: CallEvent[] = []
  private totals: RunProgress = { calls: 0, hits: 0, executed: 0, failed: 0 }
  private lastPostAt = 0
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly post: (message: WorkerToHost) => void) {}

  add(event: CallEvent, totals: RunProgress): void {
    this.events.push(event)
    this.totals = totals
    const wait = this.lastPostAt + BATCH_INTERVAL_MS - performance.now()
    if (wait <= 0) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), wait)
  }

  /** Posts what is pending (also when nothing is: the final totals). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    this.post({ type: 'progress', ...this.totals, events: this.events })
    this.events = []
    this.lastPostAt = performance.now()
  }
}
