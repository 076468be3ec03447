import { existsSync, readFileSync } from 'node:fs'
import { inspect } from 'node:util'
import { EngineError, type QueryTable } from '../../engine'
import { CliError } from '../cli-error'
import { formatTable } from '../format'
import { openExisting } from './history'

export interface QueryCommandOptions {
  readonly workspace: string
  readonly csv: boolean
  readonly json: boolean
  /** One row per match instead of one per distinct combination (SPEC Q3). */
  readonly all: boolean
}

/**
 * `memograph query <file | ->`: reads query code in the code form (SPEC Q5), parses it without
 * running it, and prints the matching values: a text table, CSV or JSON records.
 */
export async function queryCommand(file: string, options: QueryCommandOptions): Promise<number> {
  const name = file === '-' ? 'stdin' : file
  const code = file === '-' ? await readStdin() : readQueryFile(file)
  const storage = await openExisting(options.workspace)
  let table: QueryTable
  let values: unknown[][]
  try {
    table = storage.query(code, { distinct: !options.all })
    values = table.values()
  } catch (error) {
    throw locate(error, name)
  } finally {
    storage.close()
  }
  process.stdout.write(render(table.columns, values, options))
  return 0
}

function readQueryFile(file: string): string {
  if (!existsSync(file)) throw new CliError(`query file not found: ${file}`)
  return readFileSync(file, 'utf8')
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Query errors name the file and, when the parser knows it, the line and column. */
function locate(error: unknown, name: string): unknown {
  if (!(error instanceof EngineError) || !error.code.startsWith('query.')) return error
  const { line, column } = (error.details ?? {}) as { line?: unknown; column?: unknown }
  const located = typeof line === 'number' && typeof column === 'number'
  // query.syntax messages start with "line:column: " already.
  const where =
    located && !error.message.startsWith(`${line}:${column}:`) ? `${line}:${column}: ` : ''
  return new CliError(`${name}:${where}${error.message} [${error.code}]`)
}

function render(
  columns: readonly string[],
  rows: readonly unknown[][],
  options: QueryCommandOptions,
): string {
  if (options.json) {
    const records = rows.map((row) =>
      Object.fromEntries(columns.map((column, index) => [column, row[index]])),
    )
    return `${JSON.stringify(records, jsonValue, 2)}\n`
  }
  if (options.csv) {
    const lines = [columns, ...rows.map((row) => row.map(csvText))].map((cells) =>
      cells.map(csvCell).join(','),
    )
    return `${lines.join('\n')}\n`
  }
  if (columns.length === 0)
    return `${rows.length === 0 ? 'No matches' : 'A match'} (no columns selected).\n`
  const cells = rows.map((row) => row.map(displayText))
  const numeric = new Set(
    columns.flatMap((_, index) =>
      rows.every((row) => typeof row[index] === 'number') ? [index] : [],
    ),
  )
  const footer = `${rows.length} row${rows.length === 1 ? '' : 's'}`
  return `${formatTable(columns, cells, numeric)}\n${footer}\n`
}

/** JSON for values JSON cannot hold as they are: bigints as strings, Maps and Sets as arrays. */
function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Map) return [...value.entries()]
  if (value instanceof Set) return [...value]
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<unknown>, (element) => jsonValue('', element))
  }
  return value === undefined ? null : value
}

function csvText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value, jsonValue) ?? '')
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** A cell of the text table: short, on one line. */
function displayText(value: unknown): string {
  if (typeof value === 'string') return value.length > 60 ? `${value.slice(0, 59)}…` : value
  const text = inspect(value, {
    depth: 2,
    breakLength: Infinity,
    maxArrayLength: 10,
    maxStringLength: 40,
  })
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}
