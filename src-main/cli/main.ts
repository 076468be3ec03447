import { Command, CommanderError, Option } from 'commander'
import { EngineError } from '../engine'
import { CliError } from './cli-error'
import { gcCommand, statsCommand } from './commands/maintenance'
import { runsCommand, showCommand } from './commands/history'
import { runCommand } from './commands/run'
import { queryCommand } from './commands/query'
import { similarCommand } from './commands/similar'
import { diffCommand, versionsCommand } from './commands/versions'

const DEFAULT_WORKSPACE = process.env.MEMOGRAPH_WORKSPACE ?? '.memograph'

function workspaceOption(): Option {
  return new Option(
    '-w, --workspace <dir>',
    'workspace directory (env MEMOGRAPH_WORKSPACE)',
  ).default(DEFAULT_WORKSPACE)
}

function list(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  ]
}

export function buildProgram(): Command {
  const program = new Command('memograph')
    .description('Persistent, queryable memoization for TypeScript')
    .showHelpAfterError()
    .exitOverride()

  program
    .command('run')
    .description('run a TypeScript script; its op calls are memoized into the workspace')
    .argument('<file>', 'the script (.ts or .js)')
    .argument('[args...]', 'arguments for the script (after --)')
    .addOption(workspaceOption())
    .option(
      '--recompute <ops>',
      "ops to always recompute (comma-separated; 'all' for every op)",
      list,
      [],
    )
    .option(
      '--disable <ops>',
      "ops to run without memoization (comma-separated; 'all' for every op)",
      list,
      [],
    )
    .option('--no-new-calls', 'fail on any call that is not stored yet')
    .option('--label <text>', 'label for the run (default: the script path)')
    .option(
      '--on-change <policy>',
      'when code that stored calls depend on changed: ask | breaking | nonBreaking | fail (default: ask on a terminal, else env MEMOGRAPH_ON_CHANGE or fail)',
    )
    .option('--root <dir>', "the workspace code folder (default: the script's folder)")
    .option('--memory-limit <mb>', 'heap limit of the run in MiB (default 2048)', (value) => {
      const limit = Number(value)
      if (!Number.isInteger(limit) || limit < 16)
        throw new CliError(`--memory-limit must be a whole number of MiB ≥ 16, got '${value}'`, 2)
      return limit
    })
    .action(
      async (
        file: string,
        args: string[],
        options: {
          workspace: string
          recompute: string[]
          disable: string[]
          newCalls: boolean
          label?: string
          onChange?: string
          root?: string
          memoryLimit?: number
        },
      ) => {
        process.exitCode = await runCommand(file, {
          ...options,
          label: options.label,
          scriptArgs: args,
          onChange: options.onChange,
          root: options.root,
          memoryLimitMb: options.memoryLimit,
        })
      },
    )

  program
    .command('runs')
    .description('list the runs, newest first')
    .addOption(workspaceOption())
    .option(
      '-n, --limit <count>',
      'show at most this many runs',
      (value) => Number.parseInt(value, 10),
      50,
    )
    .option('--json', 'print JSON')
    .action(async (options: { workspace: string; limit: number; json?: boolean }) => {
      process.exitCode = await runsCommand({ ...options, json: options.json === true })
    })

  program
    .command('show')
    .description('show one run with every call: outcome, duration and why')
    .argument('<run>', "run number, 'latest', or -1 for the newest, -2 for the one before, ...")
    .addOption(workspaceOption())
    .option('--json', 'print JSON')
    .action(async (run: string, options: { workspace: string; json?: boolean }) => {
      process.exitCode = await showCommand(run, { ...options, json: options.json === true })
    })

  program
    .command('similar')
    .description('computations shaped like the history of a value: the pattern, then its table')
    .argument('<refId>', "a ref's history id, or a content id (the newest computed ref of it)")
    .addOption(workspaceOption())
    .option('--context', 'a column for every value of the history, not only the ref')
    .option('--csv', 'print the table as CSV (the pattern goes to stderr)')
    .option('--json', 'print JSON: { code, columns, rows }')
    .action(
      async (
        refId: string,
        options: { workspace: string; context?: boolean; csv?: boolean; json?: boolean },
      ) => {
        process.exitCode = await similarCommand(refId, {
          workspace: options.workspace,
          context: options.context === true,
          csv: options.csv === true,
          json: options.json === true,
        })
      },
    )

  program
    .command('query')
    .description('find stored computations matching query code (the code form; never executed)')
    .argument('<file>', 'a file with the query code, or - for stdin')
    .addOption(workspaceOption())
    .addOption(new Option('--csv', 'print CSV with a header row').conflicts('json'))
    .option('--json', 'print JSON records')
    .option('--all', 'one row per match, not per distinct combination of values')
    .action(
      async (
        file: string,
        options: { workspace: string; csv?: boolean; json?: boolean; all?: boolean },
      ) => {
        process.exitCode = await queryCommand(file, {
          workspace: options.workspace,
          csv: options.csv === true,
          json: options.json === true,
          all: options.all === true,
        })
      },
    )

  program
    .command('versions')
    .description("an op's versions: dependencies, semantic ids, stored calls, decisions")
    .argument('<op>', 'the op name')
    .addOption(workspaceOption())
    .option('--sources', 'print the source of every dependency')
    .option('--json', 'print JSON')
    .action(
      async (op: string, options: { workspace: string; json?: boolean; sources?: boolean }) => {
        process.exitCode = await versionsCommand(op, {
          workspace: options.workspace,
          json: options.json === true,
          sources: options.sources === true,
        })
      },
    )

  program
    .command('diff')
    .description('how two versions of an op differ, dependency by dependency')
    .argument('<op>', 'the op name')
    .argument('<a>', 'a version number or a prefix of its content or semantic id')
    .argument('<b>', 'the other version')
    .addOption(workspaceOption())
    .option('--json', 'print JSON')
    .action(
      async (op: string, a: string, b: string, options: { workspace: string; json?: boolean }) => {
        process.exitCode = await diffCommand(op, a, b, {
          workspace: options.workspace,
          json: options.json === true,
        })
      },
    )

  program
    .command('gc')
    .description('remove values and blobs that no stored call needs')
    .addOption(workspaceOption())
    .action(async (options: { workspace: string }) => {
      process.exitCode = await gcCommand(options)
    })

  program
    .command('stats')
    .description('what the workspace holds and its size on disk')
    .addOption(workspaceOption())
    .option('--json', 'print JSON')
    .action(async (options: { workspace: string; json?: boolean }) => {
      process.exitCode = await statsCommand({ ...options, json: options.json === true })
    })
  return program
}

export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' })
  } catch (error) {
    process.exitCode = report(error)
  }
}

function report(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
  if (error instanceof CliError) {
    process.stderr.write(`memograph: ${error.message}\n`)
    return error.exitCode
  }
  if (error instanceof EngineError) {
    process.stderr.write(`memograph: ${error.message} [${error.code}]\n`)
    return 1
  }
  process.stderr.write(
    `memograph: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  return 1
}

await main(process.argv.slice(2))
