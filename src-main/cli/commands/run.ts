import { existsSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Behavior, Storage } from '../../engine'
import { formatCounts, formatDuration } from '../format'
import { ProgressLine } from '../progress-line'
import { CliError } from '../cli-error'

export interface RunCommandOptions {
  readonly workspace: string
  readonly recompute: readonly string[]
  readonly disable: readonly string[]
  readonly newCalls: boolean
  readonly label: string | undefined
  readonly scriptArgs: readonly string[]
}

/** `memograph run <file.ts>`: runs the script inside one memoized run of the workspace. */
export async function runCommand(file: string, options: RunCommandOptions): Promise<number> {
  const scriptPath = resolve(file)
  if (!existsSync(scriptPath)) throw new CliError(`script not found: ${file}`)
  const storage = await Storage.open(options.workspace, {
    onLockWait: (holder) =>
      process.stderr.write(
        `memograph: workspace ${options.workspace} is busy (pid ${holder.pid}: ${holder.purpose}); waiting…\n`,
      ),
  })
  const progress = new ProgressLine(process.stderr)
  const label = options.label ?? relative(process.cwd(), scriptPath)
  process.argv = [process.argv[0] ?? 'node', scriptPath, ...options.scriptArgs]
  progress.start()
  let failure: unknown = null
  let started = false
  try {
    await storage.run(
      async () => {
        started = true
        await import(pathToFileURL(scriptPath).href)
      },
      {
        label,
        behavior: behaviorOverrides(options),
        allowNewCalls: options.newCalls,
        onEvent: (_event, totals) => progress.update(totals),
      },
    )
  } catch (error) {
    failure = error
  } finally {
    progress.stop()
  }
  if (!started) {
    // The run never began (the workspace stayed busy, say): there is nothing to summarize.
    storage.close()
    throw failure
  }
  const run = storage.runs({ limit: 1, events: false })[0]
  storage.close()
  if (run !== undefined) {
    process.stderr.write(
      `memograph: run #${run.id} ${run.status}: ${formatCounts(run)} in ${formatDuration(run.durationMs)} (workspace ${options.workspace})\n`,
    )
  }
  if (failure !== null) {
    process.stderr.write(`memograph: ${describeFailure(failure)}\n`)
    return 1
  }
  return 0
}

function behaviorOverrides(
  options: RunCommandOptions,
): Behavior | Record<string, Behavior> | undefined {
  if (options.recompute.includes('all')) return 'recompute'
  if (options.disable.includes('all')) return 'disable'
  const overrides: Record<string, Behavior> = {}
  for (const name of options.recompute) overrides[name] = 'recompute'
  for (const name of options.disable) overrides[name] = 'disable'
  return Object.keys(overrides).length === 0 ? undefined : overrides
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) return `the script failed: ${error.stack ?? error.message}`
  return `the script failed: ${String(error)}`
}
