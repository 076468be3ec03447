import { existsSync, statSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { CHANGE_POLICIES, type ChangePolicy } from '../../../src-shared/model/versions'
import { type Behavior, Storage } from '../../engine'
import { WorkspaceRunner } from '../../runner'
import { promptForDecision } from '../change-prompt'
import { CliError } from '../cli-error'
import { formatCounts, formatDuration } from '../format'
import { ProgressLine } from '../progress-line'

export interface RunCommandOptions {
  readonly workspace: string
  readonly recompute: readonly string[]
  readonly disable: readonly string[]
  readonly newCalls: boolean
  readonly label: string | undefined
  readonly scriptArgs: readonly string[]
  /** What to do with dependency changes; default: ask on a terminal, else MEMOGRAPH_ON_CHANGE or fail. */
  readonly onChange: string | undefined
  /** The folder of the script's workspace code; default: the script's folder. */
  readonly root: string | undefined
  readonly memoryLimitMb: number | undefined
}

/**
 * `memograph run <file.ts>`: runs the script in the sandboxed runner (a worker thread with a
 * heap limit), its calls versioned by the code they use. Ctrl-C cancels the run.
 */
export async function runCommand(file: string, options: RunCommandOptions): Promise<number> {
  const scriptPath = resolve(file)
  if (!existsSync(scriptPath) || !statSync(scriptPath).isFile())
    throw new CliError(`script not found: ${file}`)
  const root = resolve(options.root ?? dirname(scriptPath))
  const entry = relative(root, scriptPath)
  if (entry.startsWith('..')) throw new CliError(`the script ${file} is not inside --root ${root}`)
  const policy = changePolicy(options.onChange)
  const storageDir = resolve(options.workspace)
  const label = options.label ?? relative(process.cwd(), scriptPath)
  const progress = new ProgressLine(process.stderr)
  const runner = new WorkspaceRunner()
  progress.start()
  const handle = runner.startRun(
    {
      workspaceDir: root,
      entry: entry.split('\\').join('/'),
      storageDir,
      label,
      policy,
      behavior: behaviorOverrides(options),
      allowNewCalls: options.newCalls,
      args: options.scriptArgs,
      trusted: true,
      ...(options.memoryLimitMb === undefined ? {} : { memoryLimitMb: options.memoryLimitMb }),
    },
    {
      onConsole: (stream, text) =>
        progress.print(stream === 'stdout' ? process.stdout : process.stderr, text),
      onProgress: (totals) => progress.update(totals),
      onProposal: async (proposal) => {
        progress.pause()
        return promptForDecision(proposal)
      },
    },
  )
  const cancel = (): void => {
    process.stderr.write('\nmemograph: cancelling the run…\n')
    handle.cancel()
  }
  process.once('SIGINT', cancel)
  let result
  try {
    result = await handle.result
  } finally {
    process.off('SIGINT', cancel)
    progress.stop()
  }
  if (result.runId !== null) {
    const storage = await Storage.open(storageDir)
    const run = storage.getRun(result.runId)
    storage.close()
    if (run !== undefined) {
      process.stderr.write(
        `memograph: run #${run.id} ${run.status}: ${formatCounts(run)} in ${formatDuration(run.durationMs)} (workspace ${options.workspace})\n`,
      )
    }
  }
  if (result.error !== null) {
    const { location, code, message } = result.error
    const where =
      location === undefined ? '' : `${location.file}:${location.line}:${location.column}: `
    process.stderr.write(`memograph: ${where}${message} [${code}]\n`)
    if (result.error.stack !== undefined && code === 'runner.script') {
      process.stderr.write(`${result.error.stack}\n`)
    }
    return 1
  }
  return result.status === 'succeeded' ? 0 : 1
}

function changePolicy(requested: string | undefined): ChangePolicy {
  const fromEnvironment = process.env.MEMOGRAPH_ON_CHANGE
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true
  const policy = requested ?? fromEnvironment ?? (interactive ? 'ask' : 'fail')
  if (!CHANGE_POLICIES.includes(policy as ChangePolicy)) {
    throw new CliError(
      `--on-change must be one of ${CHANGE_POLICIES.join(', ')} (got '${policy}'${requested === undefined ? ' from MEMOGRAPH_ON_CHANGE' : ''})`,
      2,
    )
  }
  if (policy === 'ask' && !interactive) {
    throw new CliError(
      '--on-change=ask needs a terminal to ask on; use breaking, nonBreaking or fail',
      2,
    )
  }
  return policy as ChangePolicy
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
