/**
 * The computation-frame view of a run: one node per op (or per call when the op is expanded)
 * and per variable, edges through the variables. Nodes come in model order (the run's order,
 * each op between its inputs and its outputs) so elk keeps related nodes together.
 */
import { type CallOutcome } from '../../../../src-shared/model/runs'
import { type IndexedCall, type RunIndex, type VariableInfo } from './run-index'
import {
  type CallNode,
  type GraphEdge,
  type GraphModel,
  type GraphNode,
  type MarkCounts,
  type NodeOutcome,
  type OutcomeCounts,
  type ViewState,
  moreNodeId,
  opNodeId,
  outputNodeId,
} from './types'

export function countOutcomes(calls: readonly IndexedCall[]): OutcomeCounts {
  let hit = 0
  let executed = 0
  let failed = 0
  for (const call of calls) {
    if (call.outcome === 'hit') hit++
    else if (call.outcome === 'executed') executed++
    else if (call.outcome === 'failed') failed++
  }
  return { calls: hit + executed + failed, hit, executed, failed }
}

export function outcomeOfCounts(counts: OutcomeCounts): NodeOutcome {
  if (counts.calls === 0) return 'none'
  if (counts.hit === counts.calls) return 'hit'
  if (counts.executed === counts.calls) return 'executed'
  if (counts.failed === counts.calls) return 'failed'
  return 'mixed'
}

export function countMarks(calls: readonly IndexedCall[]): MarkCounts {
  const marks = { added: 0, removed: 0, newlyHit: 0, newlyExecuted: 0, newlyFailed: 0 }
  for (const call of calls) {
    if (call.mark !== null && call.mark !== 'unchanged') marks[call.mark]++
  }
  return marks
}

/** Whether an op has anything to show under "differences only". */
export function opChanged(calls: readonly IndexedCall[]): boolean {
  return calls.some((call) => call.mark !== null && call.mark !== 'unchanged')
}

function cut(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`
}

/** `seed=0, nTrees=5` from a call's inputs, short enough for a node. */
export function inputSummary(index: RunIndex, call: IndexedCall): string {
  const parts = call.inputs.map(([name, hid]) => {
    const summary = index.valueByHid.get(hid)?.summary ?? '?'
    return `${name}=${cut(summary, 12)}`
  })
  return cut(parts.join(', '), 44)
}

function callNode(index: RunIndex, call: IndexedCall): CallNode {
  return {
    kind: 'call',
    id: call.nodeId,
    callId: call.callId,
    op: call.op,
    index: call.index,
    label: `${call.op} #${call.index}`,
    inputSummary: inputSummary(index, call),
    outcome: call.outcome ?? 'none',
    reasonCode: call.reasonCode,
    reason: call.reason,
    durationMs: call.durationMs,
    mark: call.mark,
  }
}

function shownCalls(
  calls: readonly IndexedCall[],
  view: ViewState,
  op: string,
  comparing: boolean,
) {
  const filter = view.expanded.get(op)
  if (filter === undefined) return null
  const diffOnly = comparing && view.differencesOnly
  const matching = calls.filter(
    (call) =>
      (filter.outcome === null || call.outcome === filter.outcome) &&
      (!diffOnly || call.mark !== 'unchanged'),
  )
  const shown = filter.limit === null ? matching : matching.slice(0, filter.limit)
  return { shown, hidden: calls.length - shown.length }
}

function countOutside(ops: Iterable<string>, visible: ReadonlySet<string> | null): number {
  if (visible === null) return 0
  let hidden = 0
  for (const op of ops) if (!visible.has(op)) hidden++
  return hidden
}

function variableOutcome(variable: VariableInfo): NodeOutcome {
  if (variable.role === 'input') return 'none'
  return outcomeOfCounts(countOutcomes(variable.producingCalls))
}

/** Ops producing the inputs of `op` (back) or consuming its outputs (forward). */
export function neighbourOps(index: RunIndex, op: string, direction: 'back' | 'forward') {
  const result = new Set<string>()
  if (direction === 'back') {
    for (const id of index.inputVariablesOfOp.get(op) ?? []) {
      const variable = index.variables.get(id)
      if (variable?.role === 'output') result.add(variable.op)
    }
  } else {
    for (const id of index.outputVariablesOfOp.get(op) ?? []) {
      for (const consumer of index.variables.get(id)?.consumers ?? []) result.add(consumer)
    }
  }
  result.delete(op)
  return result
}

export function buildFrame(index: RunIndex, view: ViewState): GraphModel {
  const diffOnly = index.comparing && view.differencesOnly
  const nodes: GraphNode[] = []
  const emitted = new Set<string>()
  const edgeCounts = new Map<string, { source: string; target: string; count: number }>()
  const executedEndpoints = new Set<string>()
  const addEdge = (source: string, target: string) => {
    const key = `${source}->${target}`
    const edge = edgeCounts.get(key)
    if (edge === undefined) edgeCounts.set(key, { source, target, count: 1 })
    else edge.count++
  }

  const visibleOps = index.ops.filter(
    (op) =>
      (view.visibleOps === null || view.visibleOps.has(op)) &&
      (!diffOnly || opChanged(index.callsByOp.get(op) ?? [])),
  )
  for (const op of visibleOps) {
    const calls = index.callsByOp.get(op) ?? []
    const wired: { call: IndexedCall; endpoint: string }[] = []
    const opNodes: GraphNode[] = []
    const expansion = shownCalls(calls, view, op, index.comparing)
    if (expansion === null) {
      const counts = countOutcomes(calls)
      const ran = calls.filter((call) => call.outcome !== null)
      const versions = new Set(ran.map((call) => call.versionId).filter((v) => v !== null))
      opNodes.push({
        kind: 'op',
        id: opNodeId(op),
        op,
        label: op,
        outcome: outcomeOfCounts(counts),
        counts,
        meanDurationMs:
          ran.length === 0 ? 0 : ran.reduce((t, c) => t + c.durationMs, 0) / ran.length,
        versions: versions.size,
        parentOps: [...(index.parentOps.get(op) ?? [])],
        marks: index.comparing ? countMarks(calls) : null,
        expanded: false,
        hiddenProducers: countOutside(neighbourOps(index, op, 'back'), view.visibleOps),
        hiddenConsumers: countOutside(neighbourOps(index, op, 'forward'), view.visibleOps),
      })
      if (counts.executed > 0) executedEndpoints.add(opNodeId(op))
      for (const call of calls) wired.push({ call, endpoint: opNodeId(op) })
    } else {
      for (const call of expansion.shown) {
        const node = callNode(index, call)
        opNodes.push(node)
        if (call.outcome === 'executed') executedEndpoints.add(node.id)
        wired.push({ call, endpoint: node.id })
      }
      if (expansion.hidden > 0) {
        opNodes.push({
          kind: 'more',
          id: moreNodeId(op),
          op,
          label: `${expansion.hidden.toLocaleString('en-US')} more ${op} calls not shown`,
          hidden: expansion.hidden,
        })
      }
    }
    const inputs = new Set<string>()
    const outputs = new Set<string>()
    for (const { call, endpoint } of wired) {
      call.inputVariables.forEach((id) => {
        addEdge(id, endpoint)
        inputs.add(id)
      })
      for (const [name] of call.outputs) {
        const id = outputNodeId(op, name)
        addEdge(endpoint, id)
        outputs.add(id)
      }
    }
    nodes.push(...variableNodes(index, view, [...inputs], emitted), ...opNodes)
    nodes.push(...variableNodes(index, view, [...outputs], emitted))
  }

  const edges: GraphEdge[] = []
  for (const [key, edge] of edgeCounts) {
    edges.push({ id: key, ...edge, intoExecuted: executedEndpoints.has(edge.target) })
  }
  return { nodes, edges }
}

function variableNodes(
  index: RunIndex,
  view: ViewState,
  ids: readonly string[],
  emitted: Set<string>,
): GraphNode[] {
  const nodes: GraphNode[] = []
  for (const id of ids) {
    const variable = index.variables.get(id)
    if (variable === undefined || emitted.has(id)) continue
    emitted.add(id)
    const [onlyHid] = variable.hids.size === 1 ? [...variable.hids] : []
    const producers = variable.role === 'output' ? [variable.op] : []
    nodes.push({
      kind: 'variable',
      id,
      role: variable.role,
      op: variable.op,
      name: variable.name,
      label: variable.label,
      outcome: variableOutcome(variable),
      values: variable.hids.size,
      bindings: variable.bindings,
      singleValue:
        onlyHid === undefined
          ? null
          : { hid: onlyHid, summary: index.valueByHid.get(onlyHid)?.summary ?? '' },
      hiddenProducers: countOutside(producers, view.visibleOps),
      hiddenConsumers: countOutside(variable.consumers, view.visibleOps),
    })
  }
  return nodes
}

/** Outcomes an expanded op's calls can be filtered to, with how many calls each keeps. */
export function outcomeChoices(calls: readonly IndexedCall[]): [CallOutcome, number][] {
  const counts = countOutcomes(calls)
  return (
    [
      ['executed', counts.executed],
      ['failed', counts.failed],
      ['hit', counts.hit],
    ] as [CallOutcome, number][]
  ).filter(([, count]) => count > 0)
}
