import { type Pattern, type VersionConstraint } from '../../../src-shared/query/pattern'
import { assertValidPattern } from '../../../src-shared/query/validate'
import { EngineError } from '../errors'
import { type MemoEngine } from '../memo/memo-engine'
import { type Ref } from '../memo/ref'
import { compilePattern, unpackRef } from './compile'
import { variableName } from './frame-expansion'
import { FrameDraft, idList, IN_LIST, type FrameState } from './frame-state'
import { currentVersionIds, readOpCatalog, readOpVersions } from './op-catalog'
import { identifierFrom } from './variable-names'

/**
 * SPEC Q7: one op node holding the op's calls (of the versions `version` allows; calls
 * superseded by a recomputation are left out, as in queries) and one variable per input and
 * output name, in parameter order.
 */
export function opFrameState(
  engine: MemoEngine,
  op: string,
  version: VersionConstraint,
  currentKey: string | undefined,
): FrameState {
  const stored = readOpVersions(engine.store).get(op) ?? []
  const versionIds =
    version.kind === 'current'
      ? currentVersionIds(stored, currentKey)
      : stored
          .filter(
            (candidate) => version.kind === 'all' || candidate.versionKey === version.versionKey,
          )
          .map((candidate) => candidate.id)
  const calls = engine.store
    .all(
      `SELECT id FROM calls WHERE op_version_id ${IN_LIST} AND superseded_by IS NULL ORDER BY id`,
      [idList(versionIds)],
    )
    .map((row) => row.id as number)
  const bindings = engine.store.all(
    `SELECT is_output, name, json_group_array(ref_id) AS refs FROM call_io
     WHERE call_id ${IN_LIST} GROUP BY is_output, name`,
    [idList(calls)],
  )
  const shape = readOpCatalog(engine.store).get(op)
  const rank = (isOutput: boolean, name: string) => {
    const order = isOutput ? (shape?.outputs ?? []) : (shape?.inputs ?? [])
    const index = order.indexOf(name)
    return (isOutput ? 1_000_000 : 0) + (index === -1 ? order.length : index)
  }
  bindings.sort(
    (left, right) =>
      rank(left.is_output === 1, left.name as string) -
        rank(right.is_output === 1, right.name as string) ||
      String(left.name).localeCompare(String(right.name)),
  )
  const draft = new FrameDraft()
  const node = draft.addOpNode(op, identifierFrom(op))
  for (const call of calls) node.calls.add(call)
  for (const binding of bindings) {
    const side = binding.is_output === 1 ? 'outputs' : 'inputs'
    const name = binding.name as string
    const variable = draft.addVariable(variableName(side, name, op))
    node[side].set(name, variable)
    for (const ref of JSON.parse(binding.refs as string) as number[])
      draft.refsOf(variable).add(ref)
  }
  return draft.build()
}

/** SPEC Q7: one variable holding the given refs. */
export function refsFrameState(engine: MemoEngine, refs: readonly Ref[], name: string): FrameState {
  const hids = [...new Set(refs.map((ref) => ref.hid))]
  const rows = engine.store.all(`SELECT id, hid FROM refs WHERE hid ${IN_LIST}`, [
    JSON.stringify(hids),
  ])
  if (rows.length !== hids.length) {
    const found = new Set(rows.map((row) => row.hid as string))
    const missing = hids.find((hid) => !found.has(hid))
    throw new EngineError('ref.unknown', `ref ${missing} is not in storage ${engine.label}`, {
      hid: missing,
    })
  }
  const draft = new FrameDraft()
  const variable = draft.addVariable(identifierFrom(name))
  for (const row of rows) draft.refsOf(variable).add(row.id as number)
  return draft.build()
}

/**
 * SPEC Q7: the pattern's structure (variables, call nodes named by their ids, element edges;
 * key variables and pins are not part of a frame) holding what its matches bind: each
 * variable the refs some match gives it, each call node the calls that made those outputs.
 */
export function patternFrameState(engine: MemoEngine, pattern: Pattern): FrameState {
  const catalog = readOpCatalog(engine.store)
  assertValidPattern(pattern, catalog)
  const keys = new Set<string>()
  for (const edge of pattern.elementsOf) if (edge.key !== null) keys.add(edge.key)
  for (const edge of pattern.collectionsOf)
    for (const { key } of edge.elements) if (key !== null) keys.add(key)
  const values = pattern.variables.map((variable) => variable.id).filter((id) => !keys.has(id))
  const compiled = compilePattern(
    { ...pattern, select: values },
    { versions: readOpVersions(engine.store), currentVersions: new Map(), codecs: engine.codecs },
    { distinct: true },
  )
  const hidsOf = new Map<string, Set<string>>(values.map((id) => [id, new Set()]))
  for (const row of engine.store.all(compiled.sql, compiled.params)) {
    for (const id of values) hidsOf.get(id)?.add(unpackRef(row[id] as string).hid)
  }
  const allHids = new Set<string>()
  for (const hids of hidsOf.values()) for (const hid of hids) allHids.add(hid)
  const idOf = new Map(
    engine.store
      .all(`SELECT id, hid FROM refs WHERE hid ${IN_LIST}`, [JSON.stringify([...allHids])])
      .map((row) => [row.hid as string, row.id as number]),
  )
  const variables = new Map<string, Set<number>>()
  for (const [id, hids] of hidsOf) {
    variables.set(id, new Set([...hids].map((hid) => idOf.get(hid) as number)))
  }
  const ops = new Map(
    pattern.calls.map((call) => [
      call.id,
      {
        id: call.id,
        op: call.op,
        calls: callsOf(engine, call, variables),
        inputs: new Map(call.inputs.map(({ name, variable }) => [name, variable])),
        outputs: new Map(call.outputs.map(({ name, variable }) => [name, variable])),
      },
    ]),
  )
  const elements = [
    ...pattern.elementsOf.map(({ collection, element }) => ({ collection, element })),
    ...pattern.collectionsOf.flatMap(({ collection, elements: members }) =>
      members.map(({ element }) => ({ collection, element })),
    ),
  ]
  return { variables, ops, elements }
}

/** The calls a call node matched: by the outputs they made (one creator per ref), else inputs. */
function callsOf(
  engine: MemoEngine,
  call: Pattern['calls'][number],
  variables: ReadonlyMap<string, ReadonlySet<number>>,
): Set<number> {
  const bindings = call.outputs.length > 0 ? call.outputs.slice(0, 1) : call.inputs
  const isOutput = call.outputs.length > 0 ? 1 : 0
  if (bindings.length === 0) return new Set()
  const sql = bindings
    .map(
      () => `SELECT io.call_id FROM call_io io JOIN calls c ON c.id = io.call_id
       JOIN op_versions ov ON ov.id = c.op_version_id
       WHERE ov.op = ? AND c.superseded_by IS NULL AND io.is_output = ? AND io.name = ?
         AND io.ref_id ${IN_LIST}`,
    )
    .join('\nINTERSECT\n')
  const params = bindings.flatMap(({ name, variable }) => [
    call.op,
    isOutput,
    name,
    idList(variables.get(variable) ?? []),
  ])
  return new Set(engine.store.all(sql, params).map((row) => row.call_id as number))
}
