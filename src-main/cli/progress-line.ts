import { type RunProgress } from '../engine'
import { formatDuration } from './format'

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
const REDRAW_MS = 80

/**
 * A one-line live progress display on a terminal. Console output from the script clears the
 * line first and redraws it after, so the two never mix. Off when stderr is not a terminal.
 */
export class ProgressLine {
  private readonly startedAt = performance.now()
  private lastDrawAt = 0
  private progress: RunProgress = { calls: 0, hits: 0, executed: 0, failed: 0 }
  private frame = 0
  private visible = false
  private restoreConsole: (() => void) | null = null

  constructor(private readonly stream: NodeJS.WriteStream) {}

  get enabled(): boolean {
    return this.stream.isTTY === true
  }

  start(): void {
    if (!this.enabled) return
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const
    const originals = methods.map((method) => console[method].bind(console))
    methods.forEach((method, index) => {
      const original = originals[index] as (...args: unknown[]) => void
      console[method] = (...args: unknown[]) => {
        this.clear()
        original.apply(console, args)
        this.draw()
      }
    })
    this.restoreConsole = () =>
      methods.forEach((method, index) => (console[method] = originals[index] as never))
    this.draw()
  }

  /** Writes output of the script (streamed from the runner) above the progress line. */
  print(stream: NodeJS.WriteStream, text: string): void {
    this.clear()
    stream.write(text)
    this.draw()
  }

  /** Hides the line while something else uses the terminal (a prompt). */
  pause(): void {
    this.clear()
  }

  update(progress: RunProgress): void {
    this.progress = progress
    if (this.enabled && performance.now() - this.lastDrawAt >= REDRAW_MS) this.draw()
  }

  stop(): void {
    this.clear()
    this.restoreConsole?.()
    this.restoreConsole = null
  }

  private draw(): void {
    if (!this.enabled) return
    this.lastDrawAt = performance.now()
    const { calls, hits, executed, failed } = this.progress
    const spinner = FRAMES[this.frame++ % FRAMES.length] ?? ''
    const elapsed = formatDuration(performance.now() - this.startedAt)
    this.stream.write(
      `\r\x1b[2K${spinner} ${calls} calls · ${hits} hits · ${executed} executed · ${failed} failed · ${elapsed}`,
    )
    this.visible = true
  }

  private clear(): void {
    if (!this.visible) return
    this.stream.write('\r\x1b[2K')
    this.visible = false
  }
}
