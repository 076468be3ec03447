import { type CallReasonCode } from '../../../src-shared/model/runs'
import { EngineError } from '../errors'
import { type ActiveRun } from './active-run'
import { type CallIoRow, type StoredCall } from './call-repository'
import { outputHid } from './history-ids'
import { type MemoEngine } from './memo-engine'
import { type OpDefinition } from './op-definition'
import { type Ref } from './ref'
import {
  currentCallContext,
  runInContext,
  type CallFrame,
  type ExecutionContext,
} from './run-context'
import {
  callHidUnder,
  inputKeyOf,
  prepareCall,
  requireVersion,
  setCallVersion,
  type PreparedCall,
} from './prepared-call'
import { tracker } from '../versioning/tracker'
import { RefKind, REF_KIND_NAMES } from './schema'
import { storeExecution } from './store-execution'
import { unwrapDeep } from './unwrap'

type MemoContext = ExecutionContext<MemoEngine, ActiveRun>

/** Where a call sits in its run: its event, and its slot among its parent's children. */
interface CallSlot {
  readonly seq: number
  readonly parent: CallFrame | null
  readonly childPosition: number
  readonly startedAt: number
}

/** Entry point of every op call: memoized inside a run, plain outside, recorded in a query. */
export function invokeOp(definition: OpDefinition, args: readonly unknown[]): unknown {
  const context = currentCallContext()
  if (context === undefined) {
    return definition.fn.apply(undefined, args.map(unwrapDeep) as never[])
  }
  if (context.query !== undefined) return context.query.recordCall(definition, args)
  return memoizedCall(context as MemoContext, definition, args)
}

function memoizedCall(
  context: MemoContext,
  definition: OpDefinition,
  args: readonly unknown[],
): unknown {
  const { engine, run, parent } = context
  if (!run.active) {
    throw new EngineError(
      'run.ended',
      `op '${definition.name}' was called after its run ended; await every op call inside storage.run(...)`,
      { op: definition.name },
    )
  }
  const startedAt = performance.now()
  const seq = run.beginEvent(parent?.seq ?? null)
  const slot: CallSlot = {
    seq,
    parent,
    childPosition: parent === null ? -1 : parent.children.push(null) - 1,
    startedAt,
  }
  let call: PreparedCall
  try {
    call = prepareCall(engine, definition, args, run.versions)
  } catch (error) {
    run.abandonEvent(seq)
    throw error
  }

  const behavior = run.behaviorFor(definition)
  let missReason: CallReasonCode =
    behavior === 'recompute'
      ? 'recomputeRequested'
      : behavior === 'disable'
        ? 'cachingDisabled'
        : 'newInputs'
  if (behavior === 'default') {
    const lookup = findStoredCall(engine, run, call, startedAt)
    if (lookup.hit !== null) {
      complete(context, slot, call, lookup.hit.reason, lookup.hit.detail, lookup.hit.callRowId)
      return deliver(definition, lookup.hit.outputs)
    }
    if (lookup.otherVersions) missReason = 'newOpVersion'
  }
  // Caching-disabled calls store nothing, so they are allowed when new calls are not.
  if (!run.allowNewCalls && behavior !== 'disable') {
    const error = new EngineError(
      'run.newCallsForbidden',
      `op '${definition.name}' has no stored call for these inputs (${describeInputs(call)}) and the run does not allow new calls`,
      { op: definition.name, callId: call.hid ?? undefined },
    )
    fail(context, slot, call, error)
    throw error
  }
  return execute(context, slot, call, missReason)
}

interface Hit {
  readonly reason: CallReasonCode
  readonly detail: string | null
  readonly callRowId: number
  readonly outputs: readonly Ref[]
}

interface Lookup {
  readonly hit: Hit | null
  /** On a miss: calls with inputs of equal contents exist under other versions of the op. */
  readonly otherVersions: boolean
}

/**
 * M1: by history first; M2: then by content, storing the call under its new history. Under
 * versioning the call may be found under any compatible version (D4).
 */
function findStoredCall(
  engine: MemoEngine,
  run: ActiveRun,
  call: PreparedCall,
  startedAt: number,
): Lookup {
  const triedKeys = new Set<string>()
  for (const candidate of call.candidates) {
    if (triedKeys.has(candidate.semanticKey)) continue
    triedKeys.add(candidate.semanticKey)
    const hid = callHidUnder(engine, call, candidate)
    const byHistory = engine.calls.findByHid(hid)
    if (byHistory === undefined) continue
    setCallVersion(engine, call, candidate)
    const effective = engine.calls.effective(byHistory)
    const outputs: Ref[] = []
    for (const name of call.definition.outputs)
      outputs.push(engine.lazyRef(outputHid(effective.hid, name)))
    return {
      hit: { reason: 'hitByHistory', detail: null, callRowId: effective.id, outputs },
      otherVersions: false,
    }
  }
  const inputKey = inputKeyOf(engine, call)
  let match: StoredCall | undefined
  for (const candidate of call.candidates) {
    match = engine.calls.findByInputKey(inputKey, candidate.id)
    if (match !== undefined) {
      setCallVersion(engine, call, candidate)
      break
    }
  }
  if (match === undefined) {
    // Only ops with several versions can have seen these inputs under another one.
    const candidateIds = call.candidates.map((candidate) => candidate.id)
    const otherVersions =
      engine.ops.versionCount(call.definition.name) > candidateIds.length &&
      engine.calls.hasOtherVersionCall(inputKey, call.definition.name, candidateIds)
    return { hit: null, otherVersions }
  }
  const version = requireVersion(call)
  const source = engine.calls.effective(match)
  const sourceOutputs = new Map(
    engine.calls.outputs(source.id).map((output) => [output.name, output.ref]),
  )
  const outputs: Ref[] = []
  const callRowId = engine.store.atomically(() => {
    const rowId = engine.calls.insert({
      hid: version.hid,
      inputKey,
      opVersionId: version.opVersion.id,
      runId: run.id,
      durationMs: performance.now() - startedAt,
    })
    const io: CallIoRow[] = call.inputs.map(({ name, node }) => ({
      isOutput: false,
      name,
      refId: engine.persistNode(node),
    }))
    for (const name of call.definition.outputs) {
      const stored = sourceOutputs.get(name)
      if (stored === undefined) throw new Error(`stored call ${source.hid} has no output '${name}'`)
      const hid = outputHid(version.hid, name)
      const { id, created } = engine.refs.ensure(hid, stored.cid, stored.kind, stored.inline)
      if (created && stored.kind !== RefKind.Atom) engine.refs.copyItems(stored.id, id)
      io.push({ isOutput: true, name, refId: id })
      outputs.push(engine.lazyRef(hid, stored.cid, REF_KIND_NAMES[stored.kind]))
    }
    engine.calls.insertIo(rowId, io)
    return rowId
  })
  return {
    hit: {
      reason: 'hitByContent',
      detail: `same inputs as call ${source.hid}`,
      callRowId,
      outputs,
    },
    otherVersions: false,
  }
}

function execute(
  context: MemoContext,
  slot: CallSlot,
  call: PreparedCall,
  reason: CallReasonCode,
): unknown {
  const { engine, run } = context
  const versions = call.definition.manualVersion === null ? run.versions : null
  const deps = versions?.beginFrame()
  const frame: CallFrame = { seq: slot.seq, hid: call.hid ?? '', children: [], deps }
  // D2: the executed call's version follows from what it used (also when it failed).
  const settleVersion = (): void => {
    if (versions === null || deps === undefined) return
    setCallVersion(engine, call, versions.record(call.definition, deps))
    frame.hid = call.hid ?? ''
  }
  const onError = (error: unknown): never => {
    if (call.opVersion === null) {
      try {
        settleVersion()
      } catch {
        // The call failed anyway; its event falls back to the op's own source version.
      }
    }
    fail(context, slot, call, error)
    throw error
  }
  let result: unknown
  let executionStartedAt = performance.now()
  const trackedBefore = tracker.current
  if (run.versions !== null) {
    // Calls of ops outside versioning (manual version) must not add to the caller's frame.
    tracker.current = deps ?? null
    if (call.definition.isAsync) tracker.asyncBodiesInFlight++
  }
  try {
    const executionArgs = call.args.map(unwrapDeep)
    executionStartedAt = performance.now()
    result = runInContext({ engine, run, parent: frame }, () =>
      call.definition.fn.apply(undefined, executionArgs as never[]),
    )
  } catch (error) {
    if (run.versions !== null && call.definition.isAsync) tracker.asyncBodiesInFlight--
    return onError(error)
  } finally {
    if (run.versions !== null) tracker.current = trackedBefore
  }
  const finish = (value: unknown): unknown => {
    settleVersion()
    const stored = storeExecution(
      engine,
      run,
      call,
      reason,
      value,
      frame,
      performance.now() - executionStartedAt,
    )
    complete(context, slot, call, stored.reason, stored.detail, stored.callRowId)
    return deliverValue(call.definition, stored.outputs)
  }
  if (call.definition.isAsync) {
    const settled = (): void => {
      if (run.versions !== null) tracker.asyncBodiesInFlight--
    }
    return Promise.resolve(result).then(
      (value) => {
        settled()
        try {
          return finish(value)
        } catch (error) {
          return onError(error)
        }
      },
      (error: unknown) => {
        settled()
        return onError(error)
      },
    )
  }
  if (isThenable(result)) {
    return onError(
      new EngineError(
        'op.invalid',
        `op '${call.definition.name}' returned a Promise but is not an async function; declare it with async`,
        { op: call.definition.name },
      ),
    )
  }
  try {
    return finish(result)
  } catch (error) {
    return onError(error)
  }
}

function complete(
  context: MemoContext,
  slot: CallSlot,
  call: PreparedCall,
  reason: CallReasonCode,
  detail: string | null,
  callRowId: number | null,
): void {
  const { run, engine } = context
  const opVersion = call.opVersion ?? engine.ops.ensure(call.definition)
  if (slot.parent !== null) {
    slot.parent.children[slot.childPosition] = callRowId
    if (callRowId !== null) slot.parent.deps?.link(call.definition.name, opVersion.semanticKey)
  }
  run.completeEvent(
    slot.seq,
    {
      reason,
      detail,
      callRowId,
      callHid: call.hid ?? '',
      opName: call.definition.name,
      opVersionId: opVersion.id,
      durationMs: performance.now() - slot.startedAt,
    },
    slot.parent?.hid,
  )
  if (run.isCommitDue()) {
    run.flush(engine.store)
    engine.store.commit()
  }
}

function fail(context: MemoContext, slot: CallSlot, call: PreparedCall, error: unknown): void {
  complete(
    context,
    slot,
    call,
    'error',
    error instanceof Error ? error.message : String(error),
    null,
  )
}

function deliver(definition: OpDefinition, outputs: readonly Ref[]): unknown {
  const result = deliverValue(definition, outputs)
  return definition.isAsync ? Promise.resolve(result) : result
}

function deliverValue(definition: OpDefinition, outputs: readonly Ref[]): unknown {
  return definition.tupleOutputs ? [...outputs] : outputs[0]
}

function describeInputs(call: PreparedCall): string {
  return call.inputs.length === 0 ? 'no inputs' : call.inputs.map(({ name }) => name).join(', ')
}

function isThenable(value: unknown): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}
