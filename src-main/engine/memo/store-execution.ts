import { type CallReasonCode } from '../../../src-shared/model/runs'
import { EngineError } from '../errors'
import { type HistoryId } from '../ids'
import { type ActiveRun } from './active-run'
import { type CallIoRow } from './call-repository'
import { inputKeyOf, requireVersion, type PreparedCall } from './prepared-call'
import {
  buildCollection,
  collectionKindOf,
  nodeFromValue,
  type CollectionPlacement,
  type ValueNode,
} from './collections'
import { outputHid, recomputedCallHid } from './history-ids'
import { type MemoEngine } from './memo-engine'
import { type OpDefinition } from './op-definition'
import { isRef, type Ref } from './ref'
import { type CallFrame } from './run-context'
import { RefKind, REF_KIND_NAMES } from './schema'
import { unwrapDeep } from './unwrap'

export interface StoredExecution {
  readonly reason: CallReasonCode
  readonly detail: string | null
  readonly callRowId: number | null
  readonly outputs: readonly Ref[]
}

/** Stores what an executed call returned, as its behaviour says (B rules). */
export function storeExecution(
  engine: MemoEngine,
  run: ActiveRun,
  call: PreparedCall,
  reason: CallReasonCode,
  result: unknown,
  frame: CallFrame,
  durationMs: number,
): StoredExecution {
  const values = splitOutputs(call.definition, result)
  if (reason === 'cachingDisabled') {
    // B3: nothing about the call is stored; its results are plain values from here on.
    const outputs = values.map((value, index) => {
      if (isRef(value)) return value
      const node = outputNode(engine, call.definition, outputName(call.definition, index), value, {
        mode: 'input',
      })
      return engine.unsavedRef(node, node.type === 'collection' ? unwrapDeep(value) : value)
    })
    return { reason, detail: null, callRowId: null, outputs }
  }
  const inputKey = inputKeyOf(engine, call)
  const { hid } = requireVersion(call)
  if (reason === 'recomputeRequested') {
    const base = engine.calls.findByHid(hid)
    if (base !== undefined)
      return storeRecomputation(engine, run, call, inputKey, base.id, values, frame, durationMs)
  }
  return insertCall(engine, run, call, inputKey, hid, values, frame, durationMs, reason)
}

function insertCall(
  engine: MemoEngine,
  run: ActiveRun,
  call: PreparedCall,
  inputKey: string,
  hid: HistoryId,
  values: readonly unknown[],
  frame: CallFrame,
  durationMs: number,
  reason: CallReasonCode,
): StoredExecution {
  const { definition } = call
  const nodes = outputNodes(engine, definition, values, hid)
  return engine.store.atomically(() => {
    // Async calls can race: two identical ones may both miss, then both finish. Under
    // versioning, an executed call's id is only known now, and may already be stored.
    const concurrent =
      definition.isAsync || run.versions !== null ? engine.calls.findByHid(hid) : undefined
    if (concurrent !== undefined) {
      // The same call finished first elsewhere in this run (concurrent async calls): keep it.
      const outputs = definition.outputs.map((name) => engine.lazyRef(outputHid(hid, name)))
      return { reason, detail: null, callRowId: concurrent.id, outputs }
    }
    const rowId = engine.calls.insert({
      hid,
      inputKey,
      opVersionId: requireVersion(call).opVersion.id,
      runId: run.id,
      durationMs,
    })
    const io: CallIoRow[] = []
    for (const { name, node } of call.inputs) {
      io.push({ isOutput: false, name, refId: engine.persistNode(node) })
    }
    const outputs = nodes.map((node, index) => {
      const name = outputName(definition, index)
      const refHid = outputHid(hid, name)
      io.push({
        isOutput: true,
        name,
        refId: persistOutput(engine, definition, name, node, refHid),
      })
      return outputRef(engine, refHid, node, values[index])
    })
    engine.calls.insertIo(rowId, io)
    const children = frame.children.filter((child): child is number => child !== null)
    if (children.length > 0) engine.calls.insertChildren(rowId, children)
    return { reason, detail: null, callRowId: rowId, outputs }
  })
}

/** B2: a recomputation that gives the stored outputs changes nothing; other outputs become a
 * call of their own that the original call now points to, so later lookups find the new result. */
function storeRecomputation(
  engine: MemoEngine,
  run: ActiveRun,
  call: PreparedCall,
  inputKey: string,
  baseId: number,
  values: readonly unknown[],
  frame: CallFrame,
  durationMs: number,
): StoredExecution {
  const { definition } = call
  const { hid } = requireVersion(call)
  const nodes = outputNodes(engine, definition, values, hid)
  const cids = nodes.map((node) => engine.nodeCid(node))
  const sameAs = (callId: number): boolean => {
    const stored = new Map(
      engine.calls.outputs(callId).map((output) => [output.name, output.ref.cid]),
    )
    return definition.outputs.every((name, index) => stored.get(name) === cids[index])
  }
  const base = engine.calls.findById(baseId)
  const effective = base === undefined ? undefined : engine.calls.effective(base)
  if (effective !== undefined && sameAs(effective.id)) {
    const outputs = nodes.map((node, index) =>
      outputRef(
        engine,
        outputHid(effective.hid, outputName(definition, index)),
        node,
        values[index],
      ),
    )
    return {
      reason: 'recomputeRequested',
      detail: 'outputs unchanged',
      callRowId: effective.id,
      outputs,
    }
  }
  if (base !== undefined && sameAs(base.id)) {
    engine.store.atomically(() => engine.calls.supersede(baseId, null))
    const outputs = definition.outputs.map((name) => engine.lazyRef(outputHid(base.hid, name)))
    return {
      reason: 'recomputeRequested',
      detail: 'outputs back to the original ones',
      callRowId: baseId,
      outputs,
    }
  }
  const newHid = recomputedCallHid(hid, cids)
  const existing = engine.calls.findByHid(newHid)
  if (existing !== undefined) {
    engine.store.atomically(() => engine.calls.supersede(baseId, existing.id))
    const outputs = definition.outputs.map((name) => engine.lazyRef(outputHid(newHid, name)))
    return {
      reason: 'recomputeRequested',
      detail: 'outputs changed',
      callRowId: existing.id,
      outputs,
    }
  }
  return engine.store.atomically(() => {
    const stored = insertCall(
      engine,
      run,
      call,
      inputKey,
      newHid,
      values,
      frame,
      durationMs,
      'recomputeRequested',
    )
    if (stored.callRowId !== null) engine.calls.supersede(baseId, stored.callRowId)
    return { ...stored, detail: 'outputs changed' }
  })
}

/** The nodes of a stored call's outputs: their history ids come from the call's (I4). */
function outputNodes(
  engine: MemoEngine,
  definition: OpDefinition,
  values: readonly unknown[],
  callHid: HistoryId,
): ValueNode[] {
  return values.map((value, index) => {
    const name = outputName(definition, index)
    return outputNode(engine, definition, name, value, {
      mode: 'output',
      hid: outputHid(callHid, name),
    })
  })
}

function outputNode(
  engine: MemoEngine,
  definition: OpDefinition,
  name: string,
  value: unknown,
  placement: CollectionPlacement,
): ValueNode {
  const site = { op: definition.name, argument: `output '${name}'`, codecs: engine.codecs }
  if (isRef(value)) return { type: 'ref', ref: value }
  if (definition.elementwise && collectionKindOf(value) !== null) {
    return { type: 'collection', draft: buildCollection(value, site, placement, name) }
  }
  return nodeFromValue(value, site, placement, name)
}

/** An output that is a ref returned from inside the op gets its own history, same content. */
function persistOutput(
  engine: MemoEngine,
  definition: OpDefinition,
  name: string,
  node: ValueNode,
  hid: HistoryId,
): number {
  if (node.type === 'atom') {
    const { id, conflict } = engine.insertAtom(hid, node.encoded)
    // G1: the ref outlived its dropped call because other calls use it; a different value now
    // would silently change what those calls were computed from.
    if (conflict !== null) {
      throw new EngineError(
        'op.failed',
        `op '${definition.name}' returned a different value for output '${name}' than the one stored before this call was dropped, and other stored calls still use the old value; drop them too with dropCalls(..., { dependents: true })`,
        { op: definition.name, output: name, hid },
      )
    }
    return id
  }
  if (node.type !== 'ref') return engine.persistNode(node)
  const sourceId = engine.persistRef(node.ref)
  const kind = engine.nodeKind(node)
  const { id, created } = engine.refs.ensure(
    hid,
    node.ref.cid,
    kind,
    engine.refs.find(node.ref.hid)?.inline ?? null,
  )
  if (created && kind !== RefKind.Atom) engine.refs.copyItems(sourceId, id)
  return id
}

/** A ref to a just-stored output, holding its value (with any refs inside it unwrapped). */
function outputRef(engine: MemoEngine, hid: HistoryId, node: ValueNode, value: unknown): Ref {
  const cid = engine.nodeCid(node)
  const kind = REF_KIND_NAMES[engine.nodeKind(node)]
  if (node.type === 'ref') return engine.lazyRef(hid, cid, kind)
  return engine.storedRef(hid, cid, kind, node.type === 'collection' ? unwrapDeep(value) : value)
}

function splitOutputs(definition: OpDefinition, result: unknown): readonly unknown[] {
  if (!definition.tupleOutputs) return [result]
  if (!Array.isArray(result) || result.length !== definition.outputs.length) {
    throw new EngineError(
      'op.invalid',
      `op '${definition.name}' declares outputs [${definition.outputs.join(', ')}], so it must return an array of ${definition.outputs.length} values; it returned ${Array.isArray(result) ? `an array of ${result.length}` : typeof result}`,
      { op: definition.name },
    )
  }
  return result
}

function outputName(definition: OpDefinition, index: number): string {
  const name = definition.outputs[index]
  if (name === undefined) throw new Error(`op '${definition.name}' has no output ${index}`)
  return name
}
