import { type CollectionKindName } from '../../../src-shared/query/pattern'
import { PatternBuilder } from '../../../src-shared/query/pattern-builder'
import { EngineError } from '../errors'
import { type MemoEngine } from '../memo/memo-engine'
import { REF_KIND_NAMES } from '../memo/schema'
import { type SqlValue } from '../store'
import { compilePattern, unpackRef } from './compile'
import { readFrameFacts, type FrameChoice, type FrameFacts, type FrameVariant } from './frame-facts'
import { idList, IN_LIST, type FrameState } from './frame-state'
import { readOpVersions } from './op-catalog'
import { QueryTable, type QueryCell } from './query-table'
import { uniqueName } from './variable-names'
import { framePattern } from './frame-pattern'

/** More alternative histories than this is a frame too tangled for one table. */
const MAX_BRANCHES = 256

/** One conjunctive shape rows can have: the calls and edges it walks through, restricted sets. */
interface Branch {
  readonly decided: Map<string, FrameChoice>
  readonly restrict: Map<string, Set<number>>
  readonly variants: FrameVariant[]
  readonly collections: { collection: string; element: string; kind: CollectionKindName }[]
  readonly pending: string[]
}

/**
 * SPEC Q7: the frame as one table, run as one SQL statement. A row is the history, within the
 * frame, of one sink: a call none of whose outputs the frame uses, or a ref the frame neither
 * explains nor uses. Walking back from the sink, each variable is explained by the call of the
 * frame that made its ref, by the elements the caller built it from, or by nothing (a source);
 * variables the walk does not reach are NULL ("not computed", an outer join). Each combination
 * of explanations is a conjunctive pattern, compiled by compilePattern and restricted to the
 * frame's ref sets; the table is their UNION ALL.
 */
export function frameTable(
  engine: MemoEngine,
  state: FrameState,
  options: { readonly distinct?: boolean } = {},
): QueryTable {
  const facts = readFrameFacts(engine.store, state)
  const branches: Branch[] = []
  const add = (found: readonly Branch[]) => {
    branches.push(...found)
    if (branches.length > MAX_BRANCHES) {
      throw new EngineError(
        'query.invalid',
        `the frame has more than ${MAX_BRANCHES} alternative histories (variables made by several op nodes); restrict it before asking for its table`,
      )
    }
  }
  for (const variants of facts.variants.values()) {
    for (const variant of variants) {
      const sinkCalls = [...variant.calls].filter((call) => !facts.consumedCalls.has(call))
      if (sinkCalls.length === 0) continue
      const branch = emptyBranch()
      if (includeVariant(branch, variant, facts, new Set(sinkCalls))) add(explore(branch, facts))
    }
  }
  for (const variable of state.variables.keys()) {
    const loose = facts.loose(variable)
    if (loose.size === 0) continue
    for (const choice of facts.structuralChoices(variable)) {
      const branch = emptyBranch()
      branch.pending.push(variable)
      if (decide(branch, variable, choice, facts, loose)) add(explore(branch, facts))
    }
  }

  const columns = [...state.variables.keys()]
  const context = {
    versions: readOpVersions(engine.store),
    currentVersions: new Map<string, string>(),
    codecs: engine.codecs,
  }
  const parts: string[] = []
  const params: SqlValue[] = []
  branches.forEach((branch, index) => {
    const part = branchSql(branch, columns, context, index)
    parts.push(part.sql)
    params.push(...part.params)
  })
  const sql =
    parts.length === 0
      ? `SELECT ${columns.map(nullColumn).join(', ') || '1'} WHERE 0`
      : `SELECT ${options.distinct === false ? '' : 'DISTINCT '}* FROM (\n${parts.join('\nUNION ALL\n')}\n)`
  const rows = engine.store.rows(sql, params).map((row) =>
    columns.map((_column, index): QueryCell => {
      const packed = row[index]
      if (typeof packed !== 'string') return null
      const { hid, cid, kind } = unpackRef(packed)
      return engine.lazyRef(hid, cid, REF_KIND_NAMES[kind])
    }),
  )
  return new QueryTable(columns, rows, framePattern(engine.store, state, false), sql, params)
}

function emptyBranch(): Branch {
  return { decided: new Map(), restrict: new Map(), variants: [], collections: [], pending: [] }
}

function cloneBranch(branch: Branch): Branch {
  return {
    decided: new Map(branch.decided),
    restrict: new Map(branch.restrict),
    variants: [...branch.variants],
    collections: [...branch.collections],
    pending: [...branch.pending],
  }
}

/** Every way to explain the branch's pending variables, depth first. */
function explore(branch: Branch, facts: FrameFacts): Branch[] {
  const next = branch.pending.find((variable) => !branch.decided.has(variable))
  if (next === undefined) return [branch]
  const found: Branch[] = []
  for (const choice of facts.choices(next)) {
    const alternative = cloneBranch(branch)
    if (decide(alternative, next, choice, facts, null)) found.push(...explore(alternative, facts))
    if (found.length > MAX_BRANCHES) break
  }
  return found
}

function decide(
  branch: Branch,
  variable: string,
  choice: FrameChoice,
  facts: FrameFacts,
  within: ReadonlySet<number> | null,
): boolean {
  if (within !== null && !restrict(branch, variable, within)) return false
  switch (choice.kind) {
    case 'call':
      return includeVariant(branch, choice.variant, facts, null)
    case 'elements':
      branch.decided.set(variable, choice)
      branch.collections.push({
        collection: variable,
        element: choice.element,
        kind: choice.collectionKind,
      })
      branch.pending.push(choice.element)
      return restrict(
        branch,
        variable,
        facts.builtOf(variable, choice.element, choice.collectionKind),
      )
    case 'none':
      branch.decided.set(variable, choice)
      return restrict(branch, variable, facts.bare(variable))
  }
}

/** Adds a call variant: it explains its output variables; its inputs are to be explained. */
function includeVariant(
  branch: Branch,
  variant: FrameVariant,
  facts: FrameFacts,
  onlyCalls: ReadonlySet<number> | null,
): boolean {
  if (branch.variants.includes(variant)) return true
  branch.variants.push(variant)
  for (const [name, variable] of variant.outputs) {
    const earlier = branch.decided.get(variable)
    if (earlier !== undefined && !(earlier.kind === 'call' && earlier.variant === variant))
      return false
    branch.decided.set(variable, { kind: 'call', variant })
    if (!restrict(branch, variable, facts.outputsOf(variant, name, onlyCalls))) return false
  }
  for (const variable of variant.inputs.values()) branch.pending.push(variable)
  return true
}

function restrict(branch: Branch, variable: string, refs: ReadonlySet<number>): boolean {
  const earlier = branch.restrict.get(variable)
  const next =
    earlier === undefined ? new Set(refs) : new Set([...earlier].filter((ref) => refs.has(ref)))
  branch.restrict.set(variable, next)
  return next.size > 0
}

function nullColumn(column: string): string {
  return `NULL AS ${quote(column)}`
}

/** One branch: its compiled pattern, restricted to the branch's ref sets, padded with NULLs. */
function branchSql(
  branch: Branch,
  columns: readonly string[],
  context: Parameters<typeof compilePattern>[1],
  index: number,
): { sql: string; params: SqlValue[] } {
  const alias = `branch${index}`
  const present = (column: string) => branch.decided.has(column)
  const select = columns.map((column) =>
    present(column) ? `${alias}.${quote(column)} AS ${quote(column)}` : nullColumn(column),
  )
  let inner: string
  const params: SqlValue[] = []
  if (branch.variants.length === 0 && branch.collections.length === 0) {
    // A lone variable: its refs, no pattern needed.
    const [column = 'v'] = [...branch.decided.keys()]
    inner = `SELECT hid || cid || kind AS ${quote(column)} FROM refs WHERE id ${IN_LIST}`
    params.push(idList(branch.restrict.get(column) ?? new Set()))
  } else {
    const builder = new PatternBuilder()
    const used = new Set<string>(columns)
    for (const column of columns) if (present(column)) builder.variable(column)
    for (const variant of branch.variants) {
      const bind = (edges: ReadonlyMap<string, string>) =>
        [...edges].map(([name, variable]) => ({ name, variable }))
      builder.call(
        variant.node.op,
        bind(variant.inputs),
        bind(variant.outputs),
        { kind: 'all' },
        uniqueName(variant.node.id, used),
      )
    }
    for (const { collection, element, kind } of branch.collections)
      builder.collectionOf(collection, kind, [{ element, key: null }])
    builder.select(columns.filter(present))
    // The frame's ref sets go into the compiled query itself, on each variable's anchor, so
    // a small frame over a big op starts from its own refs instead of scanning all calls.
    const restrictRefs = new Map([...branch.restrict].map(([column, refs]) => [column, [...refs]]))
    const compiled = compilePattern(builder.build(), context, { distinct: false, restrictRefs })
    inner = compiled.sql
    params.push(...compiled.params)
  }
  return { sql: `SELECT ${select.join(', ')} FROM (${inner}) AS ${alias}`, params }
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`
}
