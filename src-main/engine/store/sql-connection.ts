import { type Database, type SqlJsStatic, type Statement } from 'sql.js'

import { ERROR_CODES } from '../../../src-shared/errors'
import { EngineError } from '../errors'

export type SqlValue = number | string | Uint8Array | null
export type SqlParams = readonly SqlValue[]

export interface RunResult {
  readonly changes: number
  readonly lastInsertRowid: number
}

/**
 * With the default pragmas every statement takes and releases file locks in sql.js's emulated
 * file system (~9 µs a step). The database lives in memory and durability comes from our
 * journal, so SQLite's own locking, rollback file and syncing are pure cost.
 */
const FAST_PRAGMAS = [
  'PRAGMA locking_mode=EXCLUSIVE',
  'PRAGMA journal_mode=MEMORY',
  'PRAGMA synchronous=OFF',
  'PRAGMA cache_size=-131072',
]

/** Enough for every fixed statement of the engine plus a working set of generated queries. */
const STATEMENT_CACHE_SIZE = 256

/** What a statement does, from its leading keyword (and, for WITH, from its bytecode). */
type StatementKind = 'read' | 'insert' | 'write' | 'transaction'

interface CachedStatement {
  readonly statement: Statement
  readonly kind: StatementKind
}

const LEADING_KEYWORD = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*([A-Za-z]+)/

function classifyByKeyword(sql: string): StatementKind | 'cte' {
  const keyword = LEADING_KEYWORD.exec(sql)?.[1]?.toUpperCase()
  switch (keyword) {
    case 'SELECT':
    case 'VALUES':
    case 'EXPLAIN':
      return 'read'
    case 'PRAGMA':
      return sql.includes('=') ? 'write' : 'read'
    case 'WITH':
      return 'cte'
    case 'INSERT':
    case 'REPLACE':
      return 'insert'
    case 'BEGIN':
    case 'COMMIT':
    case 'END':
    case 'ROLLBACK':
    case 'SAVEPOINT':
    case 'RELEASE':
      return 'transaction'
    default:
      return 'write'
  }
}

function internal(message: string): EngineError {
  return new EngineError(ERROR_CODES.internal, message)
}

/**
 * One sql.js database with cached prepared statements. Transactions are managed by the
 * workspace store, so statements that would begin or end one are refused here.
 */
export class SqlConnection {
  private db: Database
  private readonly statements = new Map<string, CachedStatement>()
  private readonly controls = new Map<string, Statement>()
  private lastRowid = 0
  /** Counts executed statements, so a lazily read insert row id can tell it is still current. */
  private executions = 0

  constructor(
    private readonly sqlJs: SqlJsStatic,
    image?: Uint8Array,
  ) {
    this.db = new sqlJs.Database(image)
    this.applyPragmas()
  }

  private applyPragmas(): void {
    for (const pragma of FAST_PRAGMAS) this.db.exec(pragma)
  }

  private prepare(sql: string): CachedStatement {
    const cached = this.statements.get(sql)
    if (cached !== undefined) {
      // Re-inserting keeps Map order = recency, so the first key is the least recently used.
      if (this.statements.size > STATEMENT_CACHE_SIZE / 2) {
        this.statements.delete(sql)
        this.statements.set(sql, cached)
      }
      return cached
    }
    const statement = this.db.prepare(sql)
    let kind = classifyByKeyword(sql)
    if (kind === 'cte') kind = this.writesTables(sql) ? 'insert' : 'read'
    const entry = { statement, kind }
    this.statements.set(sql, entry)
    if (this.statements.size > STATEMENT_CACHE_SIZE) {
      for (const [oldestSql, oldest] of this.statements) {
        oldest.statement.free()
        this.statements.delete(oldestSql)
        break
      }
    }
    return entry
  }

  /**
   * A WITH statement may end in a SELECT or in an INSERT/UPDATE/DELETE. Its bytecode tells: a
   * statement that writes opens a table for writing. Once per statement text, then cached.
   */
  private writesTables(sql: string): boolean {
    const explained = this.db.prepare(`EXPLAIN ${sql}`)
    try {
      while (explained.step()) if (explained.get()[1] === 'OpenWrite') return true
      return false
    } finally {
      explained.free()
    }
  }

  private prepareRead(sql: string): Statement {
    const entry = this.prepare(sql)
    if (entry.kind !== 'read') {
      throw internal(`Reads must not change the database; use run() for: ${sql}`)
    }
    return entry.statement
  }

  getRow(sql: string, params: SqlParams): SqlValue[] | undefined {
    const statement = this.prepareRead(sql)
    try {
      if (params.length > 0) statement.bind(params as SqlValue[])
      return statement.step() ? statement.get() : undefined
    } finally {
      statement.reset()
    }
  }

  get(sql: string, params: SqlParams): Record<string, SqlValue> | undefined {
    const statement = this.prepareRead(sql)
    try {
      if (params.length > 0) statement.bind(params as SqlValue[])
      return statement.step() ? statement.getAsObject() : undefined
    } finally {
      statement.reset()
    }
  }

  /** Rows as arrays in column order: cheaper than objects for big results. */
  rows(sql: string, params: SqlParams): SqlValue[][] {
    const statement = this.prepareRead(sql)
    const rows: SqlValue[][] = []
    try {
      if (params.length > 0) statement.bind(params as SqlValue[])
      while (statement.step()) rows.push(statement.get())
      return rows
    } finally {
      statement.reset()
    }
  }

  all(sql: string, params: SqlParams): Record<string, SqlValue>[] {
    const statement = this.prepareRead(sql)
    const rows: Record<string, SqlValue>[] = []
    try {
      if (params.length > 0) statement.bind(params as SqlValue[])
      while (statement.step()) rows.push(statement.getAsObject())
      return rows
    } finally {
      statement.reset()
    }
  }

  /**
   * Executes one writing statement; throws (with no effect) if SQLite rejects it. The new row
   * id of an insert is read only if the caller asks for it, and must be asked for before the
   * next statement: most inserts (links, events) never need it, and reading it is a statement.
   */
  run(sql: string, params: SqlParams): RunResult {
    const kind = this.execute(sql, params)
    const changes = this.db.getRowsModified()
    if (kind !== 'insert') return { changes, lastInsertRowid: this.lastRowid }
    const execution = this.executions
    let rowid: number | undefined
    const readRowid = (): number => {
      if (rowid === undefined) {
        if (this.executions !== execution) {
          throw internal('lastInsertRowid must be read before the next statement runs')
        }
        rowid = this.lastRowid = this.queryLastRowid()
      }
      return rowid
    }
    return {
      changes,
      get lastInsertRowid(): number {
        return readRowid()
      },
    }
  }

  /** run() without the result, for replaying journal records. */
  execute(sql: string, params: SqlParams): StatementKind {
    const { statement, kind } = this.prepare(sql)
    this.executions++
    if (kind === 'transaction') {
      throw internal(`The workspace store manages transactions; use atomically(): ${sql}`)
    }
    try {
      if (params.length > 0) statement.bind(params as SqlValue[])
      while (statement.step());
    } finally {
      statement.reset()
    }
    return kind
  }

  private queryLastRowid(): number {
    const statement = this.prepare('SELECT last_insert_rowid()').statement
    try {
      statement.step()
      return statement.get()[0] as number
    } finally {
      statement.reset()
    }
  }

  /** Runs a multi-statement script (schema DDL). Statement by statement, so each is checked. */
  execScript(sql: string): void {
    for (const statement of this.db.iterateStatements(sql)) {
      try {
        if (classifyByKeyword(statement.getSQL()) === 'transaction') {
          throw internal(`The workspace store manages transactions; remove: ${statement.getSQL()}`)
        }
        while (statement.step());
      } finally {
        statement.free()
      }
    }
  }

  /**
   * Transaction control for the store itself (bypasses the refusal above). Prepared once per
   * text: a savepoint per memoized call must cost about a microsecond, not a parse.
   */
  control(sql: string): void {
    let statement = this.controls.get(sql)
    if (statement === undefined) {
      statement = this.db.prepare(sql)
      this.controls.set(sql, statement)
    }
    try {
      while (statement.step());
    } finally {
      statement.reset()
    }
  }

  /**
   * A serialized image of the database. No transaction may be open. sql.js 1.16 exports through
   * SQLite's backup API, but older releases closed and reopened the database, freeing prepared
   * statements and resetting pragmas; dropping the cache keeps both versions correct for the cost
   * of a few re-prepares per checkpoint.
   */
  exportImage(): Uint8Array {
    const image = this.db.export()
    this.dropStatements()
    this.applyPragmas()
    return image
  }

  private dropStatements(): void {
    for (const { statement } of this.statements.values()) statement.free()
    this.statements.clear()
    for (const statement of this.controls.values()) statement.free()
    this.controls.clear()
  }

  close(): void {
    this.dropStatements()
    this.db.close()
  }
}
