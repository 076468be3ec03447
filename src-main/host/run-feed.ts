import {
  MAX_RUN_OUTPUT_LINES,
  RUN_PROGRESS_INTERVAL_MS,
  type HostEvent,
  type RunOutput,
  type RunProgress,
} from '../../src-shared/host/contract'

/** Console output is sent on in batches this often: one event per console.log would flood. */
export const OUTPUT_BATCH_MS = 50
/** A line longer than this is kept as several entries, so the buffer's memory stays bounded. */
const MAX_LINE_CHARACTERS = 4000
/** At most this much text per stream per batch; a flood keeps its newest part. */
const MAX_BATCH_CHARACTERS = 256 * 1024

/**
 * What one run reports, at a rate a renderer can take: console output batched every
 * OUTPUT_BATCH_MS, progress at most every RUN_PROGRESS_INTERVAL_MS. It also keeps what
 * `code.status` shows: the latest totals and the most recent output lines.
 */
export class RunFeed {
  private readonly lines: RunOutput[] = []
  private pendingOutput: RunOutput[] = []
  private outputTimer: ReturnType<typeof setTimeout> | null = null
  private latestProgress: RunProgress | null = null
  private progressSent = true
  private lastProgressAt = Number.NEGATIVE_INFINITY
  private progressTimer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly emit: (event: HostEvent) => void) {}

  get progress(): RunProgress | null {
    return this.latestProgress
  }

  get output(): readonly RunOutput[] {
    return this.lines
  }

  addOutput(stream: RunOutput['stream'], text: string): void {
    if (text === '') return
    this.remember(stream, text)
    const last = this.pendingOutput[this.pendingOutput.length - 1]
    if (last?.stream === stream) {
      this.pendingOutput[this.pendingOutput.length - 1] = { stream, text: last.text + text }
    } else {
      this.pendingOutput.push({ stream, text })
    }
    this.outputTimer ??= setTimeout(() => this.flushOutput(), OUTPUT_BATCH_MS)
  }

  addProgress(totals: RunProgress): void {
    const { calls, hits, executed, failed } = totals
    this.latestProgress = { calls, hits, executed, failed }
    this.progressSent = false
    const wait = this.lastProgressAt + RUN_PROGRESS_INTERVAL_MS - performance.now()
    if (wait <= 0) this.flushProgress()
    else this.progressTimer ??= setTimeout(() => this.flushProgress(), wait)
  }

  /** Sends whatever is still held back; call before announcing the end of the run. */
  flush(): void {
    this.flushOutput()
    this.flushProgress()
  }

  private flushOutput(): void {
    if (this.outputTimer !== null) clearTimeout(this.outputTimer)
    this.outputTimer = null
    const batch = this.pendingOutput
    this.pendingOutput = []
    for (const { stream, text } of batch) {
      this.emit({ name: 'onRunOutput', payload: { stream, text: keepTail(text) } })
    }
  }

  private flushProgress(): void {
    if (this.progressTimer !== null) clearTimeout(this.progressTimer)
    this.progressTimer = null
    if (this.progressSent || this.latestProgress === null) return
    this.progressSent = true
    this.lastProgressAt = performance.now()
    this.emit({ name: 'onRunProgress', payload: this.latestProgress })
  }

  /** Appends to the recent lines: a chunk may end mid-line, and the next one continues it. */
  private remember(stream: RunOutput['stream'], text: string): void {
    for (const piece of text.split(/(?<=\n)/)) {
      const lastIndex = this.lines.length - 1
      const last = this.lines[lastIndex]
      const continues =
        last !== undefined &&
        last.stream === stream &&
        !last.text.endsWith('\n') &&
        last.text.length + piece.length <= MAX_LINE_CHARACTERS
      if (continues) {
        this.lines[lastIndex] = { stream, text: last.text + piece }
      } else {
        for (let start = 0; start < piece.length; start += MAX_LINE_CHARACTERS) {
          this.lines.push({ stream, text: piece.slice(start, start + MAX_LINE_CHARACTERS) })
        }
      }
    }
    if (this.lines.length > MAX_RUN_OUTPUT_LINES) {
      this.lines.splice(0, this.lines.length - MAX_RUN_OUTPUT_LINES)
    }
  }
}

function keepTail(text: string): string {
  if (text.length <= MAX_BATCH_CHARACTERS) return text
  const skipped = text.length - MAX_BATCH_CHARACTERS
  return `[memograph: ${skipped} characters of output skipped]\n${text.slice(skipped)}`
}
