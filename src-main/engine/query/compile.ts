import {
  type CollectionKindName,
  type Pattern,
  type PatternCall,
  type PatternVariable,
  type PinValue,
  type VersionConstraint,
} from '../../../src-shared/query/pattern'
import { EngineError } from '../errors'
import { ID_LENGTH, type ContentId, type HistoryId } from '../ids'
import { RefKind } from '../memo/schema'
import { type SqlValue } from '../store'
import { encodeValue, type CodecRegistry } from '../values'
import { currentVersionIds, type OpVersionIndex } from './op-catalog'
import { entryCalls, keyVariablesOf } from './pattern-parts'

/**
 * Pattern → one conjunctive SELECT (SPEC Q2–Q4). Every call node is an alias of `calls`, every
 * bound input/output an alias of `call_io`, every element edge an alias of `collection_items`;
 * a variable is the ref id column where it first appears (its anchor) and every other
 * appearance is equated to it. `refs` is joined only for what needs the ref itself: pins,
 * collection kinds and selected variables.
 *
 * Plan for the 3-op chain `chainC(chainB(chainA(x)))` selecting x and chainC's output
 * (EXPLAIN QUERY PLAN on the 100,000-call bench workspace, SQLite 3.54 in sql.js):
 *   SEARCH chainA USING INDEX calls_op_version (op_version_id=?)
 *   SEARCH chainA.in.x / chainA.out.output_0 USING PRIMARY KEY (call_id=? AND is_output=? AND name=?)
 *   SEARCH x USING INTEGER PRIMARY KEY (rowid=?)
 *   SEARCH chainB.in.a USING COVERING INDEX call_io_ref (ref_id=? AND is_output=?)
 *   SEARCH chainB USING INTEGER PRIMARY KEY (rowid=?)
 *   SEARCH chainB.out.output_0 USING PRIMARY KEY (call_id=? AND is_output=? AND name=?)
 *   ... the same three steps for chainC, then SEARCH out USING INTEGER PRIMARY KEY
 *   USE TEMP B-TREE FOR ORDER BY
 * It scans the entry op's calls once and walks forward through call_io_ref: no scan of any
 * other table, no automatic index. Per chain that is 11 b-tree searches; on that workspace
 * the joins take ~190 ms, the refs ~65 ms and reading 33,334 rows through sql.js ~75 ms.
 */

export type ColumnSort = 'ref' | 'key'

export interface CompiledColumn {
  readonly variable: string
  /**
   * The row's `<variable>` column holds, for 'ref', the ref's hid, cid and kind digit
   * concatenated (see unpackRef); for 'key', a list position or an object/Map key's cid.
   */
  readonly sort: ColumnSort
}

export interface CompiledQuery {
  readonly sql: string
  readonly params: readonly SqlValue[]
  readonly columns: readonly CompiledColumn[]
}

export interface CompileContext {
  /** Stored versions of every op, oldest first. */
  readonly versions: OpVersionIndex
  /** What `current` means per op when the query was built from op objects (their version key). */
  readonly currentVersions: ReadonlyMap<string, string>
  /** Codecs literal pins are encoded with (the storage's). */
  readonly codecs: CodecRegistry
}

export interface CompileOptions {
  /** One row per distinct combination of selected refs and keys (default), or one per match. */
  readonly distinct?: boolean
  /**
   * Restricts value variables to sets of ref row ids (computation frames hold such sets). The
   * condition sits on each variable's anchor, so the planner can start from a small set.
   */
  readonly restrictRefs?: ReadonlyMap<string, readonly number[]>
}

/** The pattern that matches nothing and selects nothing. */
const EMPTY_QUERY: CompiledQuery = { sql: 'SELECT 1 WHERE 0', params: [], columns: [] }

const COLLECTION_KINDS: Record<CollectionKindName, RefKind> = {
  list: RefKind.List,
  object: RefKind.Object,
  map: RefKind.Map,
  set: RefKind.Set,
}

interface Condition {
  readonly sql: string
  readonly params: readonly SqlValue[]
}

interface Source {
  readonly table: 'calls' | 'call_io' | 'refs' | 'collection_items'
  readonly alias: string
  readonly conditions: Condition[]
}

/** SQLite's limit on the tables of one join (SQLITE_MAX_SRCLIST is fixed at 64). */
const MAX_JOINED_TABLES = 64
/** Up to this many tables SQLite picks the join order; beyond, the compiled order is kept. */
const PLANNER_TABLE_LIMIT = 24

export function compilePattern(
  pattern: Pattern,
  context: CompileContext,
  options: CompileOptions = {},
): CompiledQuery {
  if (pattern.variables.length === 0 && pattern.calls.length === 0) return EMPTY_QUERY
  return new PatternCompiler(pattern, context).compile(options)
}

class PatternCompiler {
  private readonly sources: Source[] = []
  private readonly aliases = new Set<string>()
  /** A value variable's anchor: the ref id column where it first appears. */
  private readonly refAnchors = new Map<string, string>()
  /** A key variable's anchor: the position / key cid expression where it first appears. */
  private readonly keyAnchors = new Map<string, string>()
  /** The refs alias of each variable that has one. */
  private readonly refColumns = new Map<string, Source>()
  private readonly variables: ReadonlyMap<string, PatternVariable>
  private readonly keyVariables: ReadonlySet<string>

  constructor(
    private readonly pattern: Pattern,
    private readonly context: CompileContext,
  ) {
    this.variables = new Map(pattern.variables.map((variable) => [variable.id, variable]))
    this.keyVariables = keyVariablesOf(pattern)
  }

  compile(options: CompileOptions): CompiledQuery {
    const entries = entryCalls(this.pattern)
    for (const call of this.pattern.calls) this.addCall(call, entries.has(call.id))
    for (const edge of this.pattern.elementsOf) {
      this.addElement(edge.collection, edge.element, edge.key, null)
    }
    for (const edge of this.pattern.collectionsOf) {
      for (const { element, key } of edge.elements) {
        this.addElement(edge.collection, element, key, edge.collectionKind)
      }
    }
    for (const variable of this.pattern.variables) {
      if (!this.keyVariables.has(variable.id)) this.addRefsIfNeeded(variable)
    }
    return this.assemble(options)
  }

  /**
   * Only an entry call may be found through calls_op_version; the others are reached from a
   * call_io row by id (unary + keeps SQLite from using the index). Without statistics SQLite
   * guesses ~10 calls per op version, and left free it may scan two ops' calls and join them
   * as a product: 33,334 × 33,334 rows for the 3-op chain when superseded_by was not tested.
   */
  private addCall(call: PatternCall, entry: boolean): void {
    const calls = this.source('calls', call.id)
    const ids = this.versionIds(call.op, call.version)
    const version = `${entry ? '' : '+'}${col(calls, 'op_version_id')}`
    this.where(calls, `${version} IN (${placeholders(ids.length)})`, ids)
    this.where(calls, `${col(calls, 'superseded_by')} IS NULL`)
    const bindings = [
      ...call.inputs.map((binding) => ({ ...binding, isOutput: 0, direction: 'in' })),
      ...call.outputs.map((binding) => ({ ...binding, isOutput: 1, direction: 'out' })),
    ]
    for (const { name, variable, isOutput, direction } of bindings) {
      const io = this.source('call_io', `${call.id}.${direction}.${name}`)
      this.where(io, `${col(io, 'call_id')} = ${col(calls, 'id')}`)
      this.where(io, `${col(io, 'is_output')} = ${isOutput}`)
      this.where(io, `${col(io, 'name')} = ?`, [name])
      this.bindRef(io, variable, col(io, 'ref_id'))
    }
  }

  /** An element edge: kind null for elementOf (any collection kind). */
  private addElement(
    collection: string,
    element: string,
    key: string | null,
    kind: CollectionKindName | null,
  ): void {
    const item = this.source('collection_items', `${collection}[${element}]`)
    this.bindRef(item, collection, col(item, 'collection_id'))
    this.bindRef(item, element, col(item, 'item_id'))
    if (key === null) return
    // Lists are keyed by position, objects and Maps by the key's content id; an elementOf edge
    // does not know the kind, and key_cid is NULL exactly for lists (and sets).
    const expression =
      kind === null
        ? `COALESCE(${col(item, 'key_cid')}, ${col(item, 'position')})`
        : kind === 'object' || kind === 'map'
          ? col(item, 'key_cid')
          : col(item, 'position')
    const anchor = this.keyAnchors.get(key)
    if (anchor !== undefined) {
      this.where(item, `${expression} = ${anchor}`)
      return
    }
    this.keyAnchors.set(key, expression)
    const pins = this.variables.get(key)?.pin ?? null
    if (pins !== null) {
      const values = this.keyPinValues(key, pins)
      this.where(item, `${expression} IN (${placeholders(values.length)})`, values)
    }
  }

  /** A refs alias for variables that need the ref row itself or appear nowhere else. */
  private addRefsIfNeeded(variable: PatternVariable): void {
    const kinds = this.pattern.collectionsOf
      .filter((edge) => edge.collection === variable.id)
      .map((edge) => COLLECTION_KINDS[edge.collectionKind])
    const anchor = this.refAnchors.get(variable.id)
    const needed =
      anchor === undefined ||
      variable.pin !== null ||
      kinds.length > 0 ||
      this.pattern.select.includes(variable.id)
    if (!needed) return
    const refs = this.source('refs', variable.id)
    if (anchor === undefined) this.refAnchors.set(variable.id, col(refs, 'id'))
    else this.where(refs, `${col(refs, 'id')} = ${anchor}`)
    if (variable.pin !== null) {
      const cids = this.valuePinCids(variable.id, variable.pin)
      this.where(refs, `${col(refs, 'cid')} IN (${placeholders(cids.length)})`, cids)
    }
    for (const kind of new Set(kinds)) this.where(refs, `${col(refs, 'kind')} = ?`, [kind])
    this.refColumns.set(variable.id, refs)
  }

  private bindRef(source: Source, variable: string, column: string): void {
    const anchor = this.refAnchors.get(variable)
    if (anchor === undefined) this.refAnchors.set(variable, column)
    else this.where(source, `${column} = ${anchor}`)
  }

  private assemble(options: CompileOptions): CompiledQuery {
    const distinct = options.distinct ?? true
    const columns: CompiledColumn[] = []
    const selected: string[] = []
    const order: string[] = []
    for (const id of this.pattern.select) {
      const keyAnchor = this.keyAnchors.get(id)
      if (this.keyVariables.has(id) && keyAnchor !== undefined) {
        columns.push({ variable: id, sort: 'key' })
        selected.push(`${keyAnchor} AS ${quote(id)}`)
        order.push(keyAnchor)
        continue
      }
      const refs = this.refColumns.get(id)
      const anchor = this.refAnchors.get(id)
      if (refs === undefined || anchor === undefined) {
        throw new EngineError('query.invalid', `selected variable '${id}' is not declared`, {
          variable: id,
        })
      }
      columns.push({ variable: id, sort: 'ref' })
      // One text column per ref: hid and cid are 22 characters each and kind one digit. A
      // third of the columns makes reading 30,000 rows through sql.js ~15% faster.
      selected.push(
        `${col(refs, 'hid')} || ${col(refs, 'cid')} || ${col(refs, 'kind')} AS ${quote(id)}`,
      )
      order.push(anchor)
    }
    if (selected.length === 0) selected.push('1')

    const lines = [`SELECT ${distinct ? 'DISTINCT ' : ''}${selected.join(', ')}`]
    const params: SqlValue[] = []
    if (this.sources.length > MAX_JOINED_TABLES) {
      throw new EngineError(
        'query.invalid',
        `the pattern is too large to match in one query: it joins ${this.sources.length} tables and SQLite allows ${MAX_JOINED_TABLES}; match fewer calls at once (about ${Math.floor(MAX_JOINED_TABLES / 4)} calls fit), or split the pattern`,
        { tables: this.sources.length },
      )
    }
    const [first, ...rest] = this.sources
    if (first === undefined) throw new Error('a non-empty pattern compiles to at least one source')
    lines.push(`FROM ${first.table} AS ${quote(first.alias)}`)
    // Past a couple of dozen tables SQLite's planner (which has no statistics here) cuts long
    // chains into pieces joined through automatic indexes, and a 12-call chain takes seconds.
    // The sources are already in a connected order, so big patterns keep it with CROSS JOIN.
    const join = this.sources.length > PLANNER_TABLE_LIMIT ? 'CROSS JOIN' : 'JOIN'
    for (const source of rest) {
      const on = source.conditions.map((condition) => condition.sql).join(' AND ')
      lines.push(`${join} ${source.table} AS ${quote(source.alias)}${on === '' ? '' : ` ON ${on}`}`)
      for (const condition of source.conditions) params.push(...condition.params)
    }
    const filters = [...first.conditions]
    for (const [variable, ids] of options.restrictRefs ?? []) {
      const anchor = this.refAnchors.get(variable)
      if (anchor === undefined) {
        throw new EngineError(
          'query.invalid',
          `restricted variable '${variable}' is not a value variable of the pattern`,
          {
            variable,
          },
        )
      }
      filters.push({
        sql: `${anchor} IN (SELECT value FROM json_each(?))`,
        params: [JSON.stringify(ids)],
      })
    }
    if (filters.length > 0) {
      lines.push(`WHERE ${filters.map((condition) => condition.sql).join(' AND ')}`)
      for (const condition of filters) params.push(...condition.params)
    }
    if (order.length > 0) lines.push(`ORDER BY ${order.join(', ')}`)
    return { sql: lines.join('\n'), params, columns }
  }

  private source(table: Source['table'], base: string): Source {
    let alias = base
    for (let copy = 2; this.aliases.has(alias); copy++) alias = `${base}#${copy}`
    this.aliases.add(alias)
    const source: Source = { table, alias, conditions: [] }
    this.sources.push(source)
    return source
  }

  private where(source: Source, sql: string, params: readonly SqlValue[] = []): void {
    source.conditions.push({ sql, params })
  }

  /** Q4: the op_versions row ids a call node may match. */
  private versionIds(op: string, constraint: VersionConstraint): number[] {
    const stored = this.context.versions.get(op) ?? []
    switch (constraint.kind) {
      case 'all':
        return stored.map((version) => version.id)
      case 'exact':
        return stored
          .filter((version) => version.versionKey === constraint.versionKey)
          .map((version) => version.id)
      case 'current':
        return currentVersionIds(stored, this.context.currentVersions.get(op))
    }
  }

  private valuePinCids(variable: string, pins: readonly PinValue[]): string[] {
    return unique(pins.map((pin) => this.pinCid(variable, pin)))
  }

  /** A key pin matches a list position (a non-negative integer) or an object/Map key's cid. */
  private keyPinValues(variable: string, pins: readonly PinValue[]): SqlValue[] {
    const values: SqlValue[] = []
    for (const pin of pins) {
      values.push(this.pinCid(variable, pin))
      if (pin.kind === 'literal' && Number.isSafeInteger(pin.value) && (pin.value as number) >= 0)
        values.push(pin.value as number)
    }
    return unique(values)
  }

  private pinCid(variable: string, pin: PinValue): string {
    if (pin.kind === 'cid') return pin.cid
    try {
      return encodeValue(pin.value, { argument: variable }, this.context.codecs).cid
    } catch (error) {
      throw new EngineError(
        'query.invalid',
        `variable '${variable}': its pinned value cannot be encoded: ${error instanceof Error ? error.message : String(error)}`,
        { variable, field: 'pin' },
        { cause: error },
      )
    }
  }
}

/** The parts of a packed ref column: hid, cid (ID_LENGTH characters each) and kind. */
export function unpackRef(packed: string): { hid: HistoryId; cid: ContentId; kind: RefKind } {
  return {
    hid: packed.slice(0, ID_LENGTH) as HistoryId,
    cid: packed.slice(ID_LENGTH, 2 * ID_LENGTH) as ContentId,
    kind: Number(packed.slice(2 * ID_LENGTH)) as RefKind,
  }
}

/** Aliases come from pattern ids; quoting keeps any id (even a SQL keyword) a plain name. */
function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`
}

function col(source: Source, column: string): string {
  return `${quote(source.alias)}.${column}`
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ')
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}
