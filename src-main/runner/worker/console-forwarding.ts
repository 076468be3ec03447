import { Console } from 'node:console'
import { Writable } from 'node:stream'

export type ConsoleStream = 'stdout' | 'stderr'
export type ConsoleSink = (stream: ConsoleStream, text: string) => void

const CONSOLE_METHODS = [
  'log',
  'info',
  'debug',
  'warn',
  'error',
  'trace',
  'dir',
  'dirxml',
  'table',
  'group',
  'groupCollapsed',
  'groupEnd',
  'assert',
  'count',
  'countReset',
  'time',
  'timeLog',
  'timeEnd',
] as const

/**
 * Sends everything the script prints to the host as `console` messages, in the order it was
 * printed: console methods (formatted by a real Console, so util.format, groups and tables
 * behave as in Node) and direct process.stdout/stderr writes.
 */
export function forwardConsole(sink: ConsoleSink): void {
  const forwarded = new Console({
    stdout: writableTo('stdout', sink),
    stderr: writableTo('stderr', sink),
    colorMode: false,
  })
  const target = globalThis.console as unknown as Record<string, unknown>
  const source = forwarded as unknown as Record<string, (...args: unknown[]) => void>
  for (const name of CONSOLE_METHODS) {
    const method = source[name]
    if (typeof method === 'function') target[name] = method.bind(forwarded)
  }
  process.stdout.write = forwardingWrite('stdout', sink)
  process.stderr.write = forwardingWrite('stderr', sink)
}

/** Console writes synchronously into it, so output keeps its order with other messages. */
function writableTo(stream: ConsoleStream, sink: ConsoleSink): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: unknown, _encoding, done) {
      sink(stream, textOf(chunk))
      done()
    },
  })
}

function forwardingWrite(stream: ConsoleStream, sink: ConsoleSink): typeof process.stdout.write {
  return (chunk: unknown, encodingOrDone?: unknown, done?: unknown): boolean => {
    const encoding =
      typeof encodingOrDone === 'string' ? (encodingOrDone as BufferEncoding) : 'utf8'
    sink(stream, typeof chunk === 'string' ? chunk : textOf(chunk, encoding))
    const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done
    if (typeof callback === 'function') queueMicrotask(() => (callback as () => void)())
    return true
  }
}

function textOf(chunk: unknown, encoding: BufferEncoding = 'utf8'): string {
  if (typeof chunk === 'string') return chunk
  if (chunk instanceof Uint8Array) return Buffer.from(chunk).toString(encoding)
  return String(chunk)
}
