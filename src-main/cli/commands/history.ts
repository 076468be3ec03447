import { type CallEvent, type RunRecord } from '../../../src-shared/model/runs'
import { Storage } from '../../engine'
import { CliError } from '../cli-error'
import {
  formatCounts,
  formatDuration,
  formatTable,
  formatTime,
  RUN_HEADERS,
  RUN_NUMERIC,
  runRow,
} from '../format'

/** `memograph runs`: the run list, newest first. */
export async function runsCommand(options: {
  workspace: string
  limit: number
  json: boolean
}): Promise<number> {
  const storage = await openExisting(options.workspace)
  const runs = storage.runs({ limit: options.limit, events: false })
  storage.close()
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(
        runs.map(({ events: _events, ...summary }) => summary),
        null,
        2,
      )}\n`,
    )
  } else if (runs.length === 0) {
    process.stdout.write(
      `No runs in ${options.workspace} yet. Run a script with: memograph run <file.ts> --workspace ${options.workspace}\n`,
    )
  } else {
    process.stdout.write(`${formatTable(RUN_HEADERS, runs.map(runRow), RUN_NUMERIC)}\n`)
  }
  return 0
}

/** `memograph show <run>`: one run with every call event, nested calls indented. */
export async function showCommand(
  runArgument: string,
  options: { workspace: string; json: boolean },
): Promise<number> {
  const storage = await openExisting(options.workspace)
  const id = resolveRunId(storage, runArgument)
  const run = storage.getRun(id)
  storage.close()
  if (run === undefined)
    throw new CliError(`run ${runArgument} does not exist in ${options.workspace}`)
  if (options.json) {
    process.stdout.write(`${JSON.stringify(run, null, 2)}\n`)
    return 0
  }
  process.stdout.write(`${describeRun(run)}\n`)
  return 0
}

function describeRun(run: RunRecord): string {
  const lines = [
    `Run #${run.id}  ${run.label}`,
    `  started   ${formatTime(run.startedAt)}`,
    `  duration  ${formatDuration(run.durationMs)}`,
    `  status    ${run.status}${run.error === null ? '' : ` (${run.error})`}`,
    `  calls     ${formatCounts(run)}`,
    '',
  ]
  const depthOf = new Map<string, number>()
  const rows = run.events.map((event) => {
    const depth = event.parentCallId === undefined ? 0 : (depthOf.get(event.parentCallId) ?? 0) + 1
    depthOf.set(event.callId, depth)
    return eventRow(event, depth)
  })
  lines.push(formatTable(['OUTCOME', 'OP', 'DURATION', 'CALL', 'WHY'], rows, new Set([2])))
  return lines.join('\n')
}

function eventRow(event: CallEvent, depth: number): string[] {
  return [
    event.outcome,
    `${'  '.repeat(depth)}${event.op}`,
    formatDuration(event.durationMs),
    event.callId,
    event.reason,
  ]
}

/** A run id, `latest`, or a negative index counting back from the newest (-1 = latest). */
function resolveRunId(storage: Storage, argument: string): number {
  if (argument === 'latest') argument = '-1'
  const number = Number(argument.replace(/^#/, ''))
  if (!Number.isInteger(number) || number === 0) {
    throw new CliError(
      `'${argument}' is not a run: give a run number (e.g. 3), latest, or -1 for the newest`,
    )
  }
  if (number > 0) return number
  const runs = storage.runs({ limit: -number, events: false })
  const run = runs[-number - 1]
  if (run === undefined) throw new CliError(`there are only ${runs.length} runs`)
  return run.id
}

export async function openExisting(workspace: string): Promise<Storage> {
  const { existsSync } = await import('node:fs')
  if (!existsSync(workspace)) throw new CliError(`workspace ${workspace} does not exist`)
  return Storage.open(workspace)
}
