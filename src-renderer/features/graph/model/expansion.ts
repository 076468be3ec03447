/**
 * Expanding ops into calls, guarded by the pre-flight: an expansion that would draw too much
 * is refused, with ready-made smaller alternatives (one outcome only, or the first N calls)
 * that have already passed the same check.
 */
import { type CallOutcome } from '../../../../src-shared/model/runs'
import { buildFrame, outcomeChoices } from './build-frame'
import { OUTCOME_WORDS } from './labels'
import { DEFAULT_LIMITS, type PreflightLimits, preflight } from './preflight'
import { type RunIndex } from './run-index'
import { ALL_CALLS, type ExpansionFilter, type ViewState } from './types'

export type Expanded = ReadonlyMap<string, ExpansionFilter>

export interface ExpansionChoice {
  readonly label: string
  readonly expanded: Expanded
}

export interface Refusal {
  readonly message: string
  readonly choices: readonly ExpansionChoice[]
}

export type ExpansionAttempt =
  | { readonly ok: true; readonly expanded: Expanded }
  | { readonly ok: false; readonly refusal: Refusal }

const FIRST_N = [200, 100, 50, 20, 10] as const

function fits(index: RunIndex, view: ViewState, expanded: Expanded, limits: PreflightLimits) {
  return preflight(buildFrame(index, { ...view, expanded }), limits)
}

function withOp(expanded: Expanded, op: string, filter: ExpansionFilter): Expanded {
  return new Map(expanded).set(op, filter)
}

const outcomeLabel = (outcome: CallOutcome, count: number) =>
  `Only ${OUTCOME_WORDS[outcome]} calls (${count.toLocaleString('en-US')})`

export function expandOp(
  index: RunIndex,
  view: ViewState,
  op: string,
  filter: ExpansionFilter = ALL_CALLS,
  limits: PreflightLimits = DEFAULT_LIMITS,
): ExpansionAttempt {
  const wanted = withOp(view.expanded, op, filter)
  const verdict = fits(index, view, wanted, limits)
  if (verdict.ok) return { ok: true, expanded: wanted }
  const calls = index.callsByOp.get(op) ?? []
  const choices: ExpansionChoice[] = []
  for (const [outcome, count] of outcomeChoices(calls)) {
    if (count === calls.length) continue
    const expanded = withOp(view.expanded, op, { outcome, limit: null })
    if (fits(index, view, expanded, limits).ok) {
      choices.push({ label: outcomeLabel(outcome, count), expanded })
    }
  }
  for (const limit of FIRST_N) {
    if (limit >= calls.length) continue
    const expanded = withOp(view.expanded, op, { outcome: filter.outcome, limit })
    if (fits(index, view, expanded, limits).ok) {
      choices.push({ label: `First ${limit} calls`, expanded })
      break
    }
  }
  const total = calls.length.toLocaleString('en-US')
  return {
    ok: false,
    refusal: { message: `${op} has ${total} calls. ${verdict.message}`, choices },
  }
}

export function collapseOp(view: ViewState, op: string): Expanded {
  const expanded = new Map(view.expanded)
  expanded.delete(op)
  return expanded
}

export function expandAll(
  index: RunIndex,
  view: ViewState,
  limits: PreflightLimits = DEFAULT_LIMITS,
): ExpansionAttempt {
  const ops = index.ops.filter((op) => view.visibleOps === null || view.visibleOps.has(op))
  const all: Expanded = new Map(ops.map((op) => [op, ALL_CALLS]))
  const verdict = fits(index, view, all, limits)
  if (verdict.ok) return { ok: true, expanded: all }
  const choices: ExpansionChoice[] = []
  for (const limit of FIRST_N) {
    const expanded: Expanded = new Map(ops.map((op) => [op, { outcome: null, limit }]))
    if (fits(index, view, expanded, limits).ok) {
      choices.push({ label: `First ${limit} calls of each op`, expanded })
      break
    }
  }
  return { ok: false, refusal: { message: `Expanding every op: ${verdict.message}`, choices } }
}
