/**
 * Bounded previews of values for the call details pane: scalars, long text, numeric arrays,
 * tables (arrays of records, matrices, Arrow-like column objects), PNG images, JSON trees.
 * Previews are plain data; the renderer shows every string in them as text.
 */
import {
  MAX_PREVIEW_IMAGE_BYTES,
  MAX_PREVIEW_NUMBERS,
  MAX_PREVIEW_ROWS,
  MAX_PREVIEW_TEXT,
  type PreviewScalar,
  type PreviewTree,
  type ValuePreview,
} from '../../src-shared/model/values'
import { isPlainRecord, summarizeValue, typeOfValue } from './value-summaries'

/** Strings up to this long, on one line, are scalars; longer ones are text. */
const SCALAR_STRING_LENGTH = 200
const MAX_TABLE_COLUMNS = 50
const MAX_TREE_DEPTH = 6
const MAX_TREE_ENTRIES = 50
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function isNumericArray(value: unknown): value is ArrayLike<number> {
  if (Array.isArray(value)) {
    return value.length > 0 && (value as unknown[]).every((item) => typeof item === 'number')
  }
  return (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  )
}

function bytesOf(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  return null
}

function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)
}

function cell(value: unknown): PreviewScalar {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (value === undefined) return null
  return summarizeValue(value)
}

function numbersPreview(values: ArrayLike<number>): ValuePreview {
  let min = Infinity
  let max = -Infinity
  for (let index = 0; index < values.length; index++) {
    const item = values[index] as number
    if (item < min) min = item
    if (item > max) max = item
  }
  return {
    kind: 'numbers',
    values: Array.from({ length: Math.min(values.length, MAX_PREVIEW_NUMBERS) }, (_, index) =>
      Number(values[index]),
    ),
    length: values.length,
    min: values.length === 0 ? 0 : min,
    max: values.length === 0 ? 0 : max,
  }
}

/** Arrays of records (columns: the keys in first-seen order). */
function recordsTable(items: readonly Record<string, unknown>[]): ValuePreview {
  const columns: string[] = []
  const shown = items.slice(0, MAX_PREVIEW_ROWS)
  for (const item of shown) {
    for (const key of Object.keys(item)) {
      if (columns.length >= MAX_TABLE_COLUMNS) break
      if (!columns.includes(key)) columns.push(key)
    }
  }
  return {
    kind: 'table',
    columns,
    rows: shown.map((item) => columns.map((column) => cell(item[column]))),
    rowCount: items.length,
  }
}

/** Rows of equal length (a matrix): columns `0`, `1`, ... */
function matrixTable(rows: readonly (readonly unknown[])[]): ValuePreview {
  const width = Math.min(rows[0]?.length ?? 0, MAX_TABLE_COLUMNS)
  return {
    kind: 'table',
    columns: Array.from({ length: width }, (_, index) => String(index)),
    rows: rows.slice(0, MAX_PREVIEW_ROWS).map((row) => row.slice(0, width).map(cell)),
    rowCount: rows.length,
  }
}

/** `{ a: [...], b: [...] }` with columns of one length (Arrow-like). */
function columnsTable(record: Record<string, unknown>): ValuePreview | null {
  const entries = Object.entries(record)
  if (entries.length === 0) return null
  let length: number | null = null
  for (const [, column] of entries) {
    if (!Array.isArray(column) && !(ArrayBuffer.isView(column) && !(column instanceof DataView))) {
      return null
    }
    const columnLength = (column as ArrayLike<unknown>).length
    if (length !== null && columnLength !== length) return null
    length = columnLength
  }
  if (length === null || length === 0) return null
  const columns = entries.slice(0, MAX_TABLE_COLUMNS)
  return {
    kind: 'table',
    columns: columns.map(([name]) => name),
    rows: Array.from({ length: Math.min(length, MAX_PREVIEW_ROWS) }, (_, row) =>
      columns.map(([, column]) => cell((column as ArrayLike<unknown>)[row])),
    ),
    rowCount: length,
  }
}

function tableOf(value: unknown): ValuePreview | null {
  if (Array.isArray(value) && value.length > 0) {
    const items = value as unknown[]
    if (items.every(isPlainRecord)) return recordsTable(items)
    const first = items[0]
    if (
      Array.isArray(first) &&
      first.length > 0 &&
      items.every((row) => Array.isArray(row) && row.length === first.length)
    ) {
      return matrixTable(items as unknown[][])
    }
    return null
  }
  return isPlainRecord(value) ? columnsTable(value) : null
}

export function previewTree(value: unknown, depth = 0): PreviewTree {
  if (value === null || typeof value !== 'object' || value instanceof Date) {
    const text = typeof value === 'number' ? value : cell(value)
    const leaf = typeof text === 'string' && typeof value === 'string'
    return {
      kind: 'leaf',
      value: leaf ? value.slice(0, MAX_PREVIEW_TEXT) : text,
      type: typeOfValue(value),
    }
  }
  const cut = depth >= MAX_TREE_DEPTH
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    const items = value as ArrayLike<unknown>
    return {
      kind: 'array',
      items: cut
        ? []
        : Array.from({ length: Math.min(items.length, MAX_TREE_ENTRIES) }, (_, index) =>
            previewTree(items[index], depth + 1),
          ),
      length: items.length,
    }
  }
  let entries: [string, unknown][]
  let type: string
  if (value instanceof Map) {
    type = 'Map'
    entries = [...value.entries()]
      .slice(0, MAX_TREE_ENTRIES)
      .map(([key, item]) => [typeof key === 'string' ? key : summarizeValue(key), item])
  } else if (value instanceof Set) {
    type = 'Set'
    entries = [...value.values()]
      .slice(0, MAX_TREE_ENTRIES)
      .map((item, index) => [String(index), item])
  } else {
    type = isPlainRecord(value) ? 'Object' : (value.constructor?.name ?? 'Object')
    entries = Object.entries(value).slice(0, MAX_TREE_ENTRIES)
  }
  const size = value instanceof Map || value instanceof Set ? value.size : Object.keys(value).length
  return {
    kind: 'object',
    type,
    entries: cut ? [] : entries.map(([key, item]) => [key, previewTree(item, depth + 1)] as const),
    size,
  }
}

/** The preview of a loaded value. */
export function previewValue(value: unknown): ValuePreview {
  if (typeof value === 'string') {
    if (value.length <= SCALAR_STRING_LENGTH && !value.includes('\n')) {
      return { kind: 'scalar', type: 'string', text: value, number: null }
    }
    return { kind: 'text', text: value.slice(0, MAX_PREVIEW_TEXT), length: value.length }
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) {
    const finite = typeof value === 'number' && Number.isFinite(value)
    return {
      kind: 'scalar',
      type: typeOfValue(value),
      // The details pane shows numbers exactly; summaries round them.
      text: typeof value === 'number' ? String(value) : summarizeValue(value),
      number: finite ? value : null,
    }
  }
  const bytes = bytesOf(value)
  if (bytes !== null && isPng(bytes) && bytes.length <= MAX_PREVIEW_IMAGE_BYTES) {
    return {
      kind: 'image',
      mime: 'image/png',
      base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
      bytes: bytes.length,
    }
  }
  if (isNumericArray(value)) return numbersPreview(value)
  return tableOf(value) ?? { kind: 'json', tree: previewTree(value) }
}
