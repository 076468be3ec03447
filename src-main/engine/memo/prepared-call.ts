import { EngineError } from '../errors'
import { type HistoryId } from '../ids'
import { bindArguments } from './argument-binding'
import { nodeFromValue, type ValueNode } from './collections'
import { callHid, callInputKey } from './history-ids'
import { type MemoEngine } from './memo-engine'
import { type OpDefinition } from './op-definition'
import { type OpVersionRow } from './op-registry'
import { type VersionResolver } from '../versioning/version-resolver'
import { isRef } from './ref'

export interface PreparedInput {
  readonly name: string
  readonly node: ValueNode
}

export interface PreparedCall {
  readonly definition: OpDefinition
  /**
   * The version the call is stored under. Under versioning (SPEC D4) it is the first
   * compatible stored version until the call executes, then the version its dependencies give.
   */
  opVersion: OpVersionRow | null
  /** Stored versions the call may be found under: one without versioning, any number with. */
  readonly candidates: readonly OpVersionRow[]
  readonly inputs: readonly PreparedInput[]
  /** The call's id under opVersion (null while no version is known). */
  hid: HistoryId | null
  readonly args: readonly unknown[]
  /** Set by inputKeyOf. */
  inputKey?: string
}

export function prepareCall(
  engine: MemoEngine,
  definition: OpDefinition,
  args: readonly unknown[],
  versions: VersionResolver | null,
): PreparedCall {
  // Ops with a manual version keep their identity under versioning: the user pinned it.
  const candidates =
    versions !== null && definition.manualVersion === null
      ? versions.compatible(definition)
      : [engine.ops.ensure(definition)]
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
  const call: PreparedCall = { definition, opVersion: null, candidates, inputs, hid: null, args }
  const first = candidates[0]
  if (first !== undefined) setCallVersion(engine, call, first)
  return call
}

/** Puts the call under a version: its id follows from the version's semantic key (I2). */
export function setCallVersion(
  engine: MemoEngine,
  call: PreparedCall,
  version: OpVersionRow,
): void {
  call.opVersion = version
  call.hid = callHidUnder(engine, call, version)
}

export function callHidUnder(
  engine: MemoEngine,
  call: PreparedCall,
  version: OpVersionRow,
): HistoryId {
  return callHid(
    version.semanticKey,
    call.inputs.map(({ name, node }) => ({ name, id: engine.nodeHid(node) })),
  )
}

/** The call's input key (I3), computed once: it may need the stored cids of lazy refs. */
export function inputKeyOf(engine: MemoEngine, call: PreparedCall): string {
  call.inputKey ??= callInputKey(
    call.definition.name,
    call.inputs.map(({ name, node }) => ({ name, id: engine.nodeCid(node) })),
  )
  return call.inputKey
}

/** The call's version and id, once it has them (after a hit, or after executing). */
export function requireVersion(call: PreparedCall): { opVersion: OpVersionRow; hid: HistoryId } {
  if (call.opVersion === null || call.hid === null) {
    throw new Error(`op '${call.definition.name}': the call has no version yet`)
  }
  return { opVersion: call.opVersion, hid: call.hid }
}
