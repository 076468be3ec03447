/**
 * One pass over a run (and the earlier run it is compared with) that every view of the graph
 * reads: calls per op, which variable produced each value, which ops consume each variable.
 * Built once per (run, comparison); views are then cheap to derive.
 */
import { type RunGraph, type RunGraphCall } from '../../../../src-shared/model/run-graph'
import { type CallOutcome, type CallReasonCode } from '../../../../src-shared/model/runs'
import { type ValueRef } from '../../../../src-shared/model/values'
import { type CompareMark, callNodeId, inputNodeId, outputNodeId } from './types'

export interface IndexedCall {
  readonly callId: string
  /**
   * The call's node id. A run can hit the same stored call more than once (the same inputs
   * twice), so repeats get `@2`, `@3`, … after the call id.
   */
  readonly nodeId: string
  readonly op: string
  /** Null for a call of the earlier run that this run did not make. */
  readonly outcome: CallOutcome | null
  readonly reasonCode: CallReasonCode | null
  readonly reason: string
  readonly durationMs: number
  readonly parentCallId: string | null
  readonly versionId: number | null
  readonly inputs: readonly (readonly [name: string, hid: string])[]
  readonly outputs: readonly (readonly [name: string, hid: string])[]
  /** The variable node each input reads, parallel to `inputs`. */
  readonly inputVariables: readonly string[]
  /** Null when not comparing. */
  readonly mark: CompareMark | null
  /** 1-based among the op's calls (removed calls are numbered after the run's own). */
  readonly index: number
}

export interface VariableInfo {
  readonly id: string
  readonly role: 'output' | 'input'
  readonly op: string
  readonly name: string
  label: string
  readonly hids: Set<string>
  bindings: number
  readonly producingCalls: IndexedCall[]
  /** Ops with a call reading this variable. */
  readonly consumers: Set<string>
}

export interface RunIndex {
  readonly runId: number
  readonly comparing: boolean
  /** Ops in the order the run first called them (ops only the earlier run had come last). */
  readonly ops: readonly string[]
  readonly callsByOp: ReadonlyMap<string, readonly IndexedCall[]>
  readonly callById: ReadonlyMap<string, IndexedCall>
  readonly valueByHid: ReadonlyMap<string, ValueRef>
  /** Variables in creation order (which follows the run's order). */
  readonly variables: ReadonlyMap<string, VariableInfo>
  readonly inputVariablesOfOp: ReadonlyMap<string, ReadonlySet<string>>
  readonly outputVariablesOfOp: ReadonlyMap<string, ReadonlySet<string>>
  /** Ops whose calls made calls of the key op. */
  readonly parentOps: ReadonlyMap<string, ReadonlySet<string>>
}

function bindingsOf(graph: RunGraph, call: RunGraphCall) {
  const hidAt = (index: number): string => graph.values[index]?.hid ?? `missing-${index}`
  return {
    inputs: call.inputs.map(([name, index]) => [name, hidAt(index)] as const),
    outputs: call.outputs.map(([name, index]) => [name, hidAt(index)] as const),
  }
}

function markOf(call: RunGraphCall, earlier: ReadonlyMap<string, RunGraphCall> | null) {
  if (earlier === null) return null
  const before = earlier.get(call.callId)
  if (before === undefined) return 'added'
  if (before.outcome === call.outcome) return 'unchanged'
  if (call.outcome === 'hit') return 'newlyHit'
  if (call.outcome === 'executed') return 'newlyExecuted'
  return 'newlyFailed'
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key)
  if (value === undefined) {
    value = create()
    map.set(key, value)
  }
  return value
}

/** `compareTo` is the earlier run: marks say what changed from it to `graph`. */
export function indexRun(graph: RunGraph, compareTo: RunGraph | null = null): RunIndex {
  const earlierById = compareTo === null ? null : new Map(compareTo.calls.map((c) => [c.callId, c]))
  const valueByHid = new Map<string, ValueRef>()
  for (const value of compareTo?.values ?? []) valueByHid.set(value.hid, value)
  for (const value of graph.values) valueByHid.set(value.hid, value)

  type Draft = Omit<IndexedCall, 'inputVariables' | 'index' | 'nodeId'>
  const drafts: Draft[] = graph.calls.map((call) => ({
    ...call,
    ...bindingsOf(graph, call),
    mark: markOf(call, earlierById),
  }))
  if (compareTo !== null) {
    const present = new Set(graph.calls.map((c) => c.callId))
    for (const call of compareTo.calls) {
      if (present.has(call.callId)) continue
      drafts.push({
        ...call,
        ...bindingsOf(compareTo, call),
        outcome: null,
        reasonCode: null,
        reason: 'not in this run',
        mark: 'removed',
      })
    }
  }

  // Producers first: a value's variable is the output that made it, wherever its reader sits.
  const variables = new Map<string, VariableInfo>()
  const producerOfHid = new Map<string, string>()
  const outputVariablesOfOp = new Map<string, Set<string>>()
  const newVariable = (id: string, role: VariableInfo['role'], op: string, name: string) => ({
    id,
    role,
    op,
    name,
    label: name,
    hids: new Set<string>(),
    bindings: 0,
    producingCalls: [],
    consumers: new Set<string>(),
  })
  const ops: string[] = []
  const callsByOp = new Map<string, IndexedCall[]>()
  const indexed: IndexedCall[] = []
  const occurrences = new Map<string, number>()
  for (const draft of drafts) {
    const occurrence = (occurrences.get(draft.callId) ?? 0) + 1
    occurrences.set(draft.callId, occurrence)
    const nodeId = callNodeId(draft.callId) + (occurrence === 1 ? '' : `@${occurrence}`)
    const calls = getOrCreate(callsByOp, draft.op, () => {
      ops.push(draft.op)
      return []
    })
    const call: IndexedCall = { ...draft, nodeId, inputVariables: [], index: calls.length + 1 }
    calls.push(call)
    indexed.push(call)
    const outputs = getOrCreate(outputVariablesOfOp, draft.op, () => new Set())
    for (const [name, hid] of draft.outputs) {
      const id = outputNodeId(draft.op, name)
      const variable = getOrCreate(variables, id, () => newVariable(id, 'output', draft.op, name))
      variable.hids.add(hid)
      variable.producingCalls.push(call)
      outputs.add(id)
      if (!producerOfHid.has(hid)) producerOfHid.set(hid, id)
    }
  }

  // The first occurrence stands for the call (selection from outside, nesting).
  const callById = new Map<string, IndexedCall>()
  for (const call of indexed) if (!callById.has(call.callId)) callById.set(call.callId, call)
  const producedBy = (call: IndexedCall, hid: string, depth: number): string | undefined => {
    const direct = producerOfHid.get(hid)
    if (direct !== undefined || call.parentCallId === null || depth > 64) return direct
    // A nested call reading what its caller was given gets it as a new ref with the same
    // content: it is the caller's input passed through, so it comes from the same producer.
    const parent = callById.get(call.parentCallId)
    const cid = valueByHid.get(hid)?.cid
    if (parent === undefined || cid === undefined) return undefined
    for (const [, parentHid] of parent.inputs) {
      if (valueByHid.get(parentHid)?.cid === cid) return producedBy(parent, parentHid, depth + 1)
    }
    return undefined
  }

  const inputVariablesOfOp = new Map<string, Set<string>>()
  for (const call of indexed) {
    const inputs = getOrCreate(inputVariablesOfOp, call.op, () => new Set())
    const reads = call.inputVariables as string[]
    for (const [name, hid] of call.inputs) {
      const produced = producedBy(call, hid, 0)
      const id = produced ?? inputNodeId(call.op, name)
      const variable = getOrCreate(variables, id, () => newVariable(id, 'input', call.op, name))
      if (produced === undefined) variable.hids.add(hid)
      variable.bindings++
      variable.consumers.add(call.op)
      inputs.add(id)
      reads.push(id)
    }
  }

  const parentOps = new Map<string, Set<string>>()
  for (const call of indexed) {
    if (call.parentCallId === null) continue
    const parent = callById.get(call.parentCallId)
    if (parent !== undefined && parent.op !== call.op) {
      getOrCreate(parentOps, call.op, () => new Set()).add(parent.op)
    }
  }

  labelVariables(variables)
  return {
    runId: graph.runId,
    comparing: compareTo !== null,
    ops,
    callsByOp,
    callById,
    valueByHid,
    variables,
    inputVariablesOfOp,
    outputVariablesOfOp,
    parentOps,
  }
}

/** A variable is called by its name unless another variable has that name too. */
function labelVariables(variables: Map<string, VariableInfo>): void {
  const uses = new Map<string, number>()
  for (const variable of variables.values()) {
    uses.set(variable.name, (uses.get(variable.name) ?? 0) + 1)
  }
  for (const variable of variables.values()) {
    const ambiguous = (uses.get(variable.name) ?? 0) > 1
    variable.label = ambiguous ? `${variable.op}.${variable.name}` : variable.name
  }
}
