import { RunnerError } from '../runner-error'

export interface ScriptFailures {
  /** Rejects with the first failure; resolves if the script calls process.exit(0). */
  readonly failed: Promise<void>
  /** After the run: later failures no longer matter (the host is about to end the thread). */
  stop(): void
}

/**
 * Ways a script ends that never reach the entry's promise: an exception thrown from a timer
 * or event handler, a rejection nobody handled, and process.exit(). In a worker these would
 * end the thread mid-run, leaving the run unrecorded and its lock held, so they end the run
 * instead. process.exit() also throws, so the code after it does not run, as with a real exit.
 */
export function watchScriptFailures(): ScriptFailures {
  let settle: { resolve(): void; reject(error: unknown): void } | null = null
  const failed = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
  const fail = (error: unknown): void => {
    settle?.reject(error)
    settle = null
  }
  process.on('uncaughtException', fail)
  process.on('unhandledRejection', fail)
  process.exit = (code?: number | string | null) => {
    const status = Number(code ?? process.exitCode ?? 0)
    const exit = new RunnerError('runner.script', `the script called process.exit(${status})`, {
      exitCode: status,
    })
    if (status === 0) settle?.resolve()
    else settle?.reject(exit)
    settle = null
    throw exit
  }
  return { failed, stop: () => (settle = null) }
}
