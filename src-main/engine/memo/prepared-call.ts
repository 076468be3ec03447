import { EngineError } from '../errors'
import { type HistoryId } from '../ids'
import { bindArguments } from './argument-binding'
import { nodeFromValue, type ValueNode } from './collections'
import { callHid, callInputKey } from './history-ids'
import { type MemoEngine } from './memo-engine'
import { type OpDefinition } from './op-definition'
import { type OpVersionRow } from './op-registry'
import { isRef } from './ref'

export interface PreparedInput {
  readonly name: string
  readonly node: ValueNode
}

export interface PreparedCall {
  readonly definition: OpDefinition
  readonly opVersion: OpVersionRow
  readonly inputs: readonly PreparedInput[]
  readonly hid: HistoryId
  readonly args: readonly unknown[]
  /** Set by inputKeyOf. */
  inputKey?: string
}

export function prepareCall(
  engine: MemoEngine,
  definition: OpDefinition,
  args: readonly unknown[],
): PreparedCall {
  const opVersion = engine.ops.ensure(definition)
  const inputs: PreparedInput[] = []
  for (const { name, value } of bindArguments(definition, args)) {
    const site = { op: definition.name, argument: name, codecs: engine.codecs }
    if (isRef(value) && value.owner !== engine) {
      throw new EngineError(
        'ref.unknown',
        `op '${definition.name}', argument '${name}': the ref belongs to another storage (${value.owner?.label ?? 'none'}); pass storage.unwrap(ref) instead`,
        site,
      )
    }
    const node = nodeFromValue(value, site, { mode: 'input' }, name)
    const defaultCid = definition.newArgDefaults.get(name)
    if (defaultCid !== undefined && engine.nodeCid(node) === defaultCid) continue
    inputs.push({ name, node })
  }
  const hid = callHid(
    opVersion.versionKey,
    inputs.map(({ name, node }) => ({ name, id: engine.nodeHid(node) })),
  )
  return { definition, opVersion, inputs, hid, args }
}

/** The call's input key (I3), computed once: it may need the stored cids of lazy refs. */
export function inputKeyOf(engine: MemoEngine, call: PreparedCall): string {
  call.inputKey ??= callInputKey(
    call.definition.name,
    call.inputs.map(({ name, node }) => ({ name, id: engine.nodeCid(node) })),
  )
  return call.inputKey
}
