import { inspect } from 'node:util'
import { CliError } from '../cli-error'
import { formatTable } from '../format'
import { openExisting } from './history'

const ID = /^[A-Za-z0-9_-]{22}$/
/** Widest a table cell gets in text output; longer values are cut with an ellipsis. */
const CELL_WIDTH = 40

/**
 * `memograph similar <refId>`: the computations shaped like the ref's history (SPEC Q6). Text
 * output is the pattern's query code, then the table; `--csv` writes only the table (the code
 * goes to stderr, so stdout stays one CSV document); `--json` writes `{ code, columns, rows }`.
 */
export async function similarCommand(
  refId: string,
  options: { workspace: string; context: boolean; csv: boolean; json: boolean },
): Promise<number> {
  if (!ID.test(refId)) {
    throw new CliError(
      `'${refId}' is not a history id or content id (22 characters: A-Z a-z 0-9 _ -)`,
    )
  }
  if (options.csv && options.json) throw new CliError('choose one of --csv and --json', 2)
  const storage = await openExisting(options.workspace)
  try {
    const { code, table } = storage.similar(refId, { context: options.context })
    const rows = table.values()
    if (options.json) {
      const document = { code, columns: table.columns, rows }
      process.stdout.write(`${JSON.stringify(document, jsonValue, 2)}\n`)
    } else if (options.csv) {
      process.stderr.write(`${code}\n`)
      const lines = [table.columns, ...rows].map((row) => row.map(csvCell).join(','))
      process.stdout.write(`${lines.join('\n')}\n`)
    } else {
      const numeric = new Set(
        table.columns
          .map((_, column) => column)
          .filter((column) => rows.every((row) => typeof row[column] === 'number')),
      )
      const cells = rows.map((row) => row.map(textCell))
      const shown = rows.length === 1 ? '1 row' : `${rows.length} rows`
      process.stdout.write(`${code}\n\n${formatTable(table.columns, cells, numeric)}\n(${shown})\n`)
    }
    return 0
  } finally {
    storage.close()
  }
}

function textCell(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : value === null
        ? '—'
        : inspect(value, { depth: 1, maxArrayLength: 3, breakLength: Infinity, compact: true })
  return text.length > CELL_WIDTH ? `${text.slice(0, CELL_WIDTH - 1)}…` : text
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : JSON.stringify(value, jsonValue)
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** JSON for what values can be: bigints as strings, Maps and Sets as arrays, typed arrays too. */
function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Map) return [...value.entries()]
  if (value instanceof Set) return [...value]
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>)
  if (value === undefined) return null
  return value
}
