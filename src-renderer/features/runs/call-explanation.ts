/**
 * "Why hit / why executed" in words: each difference between a call and the nearest earlier
 * call of the same op becomes a line a user can act on. Values stay as refs so the view can
 * offer "Find similar" on them; everything here is plain text, never markup.
 */
import { type CallChange, type CallExplanation } from '../../../src-shared/model/run-graph'
import { type ValueRef } from '../../../src-shared/model/values'
import { OUTCOME_LABELS } from './run-format'

export interface ChangeLine {
  /** Stable within one explanation (React key). */
  readonly key: string
  /** What changed, e.g. `Input X changed` or `Version changed: v2 → v3`. */
  readonly title: string
  readonly from: ValueRef | null
  readonly to: ValueRef | null
  /** Further lines: changed components and the decisions behind a version change. */
  readonly details: readonly string[]
}

export function describeChange(change: CallChange, index: number): ChangeLine {
  switch (change.kind) {
    case 'inputChanged':
      return {
        key: `${index}:${change.name}`,
        title: `Input ${change.name} changed`,
        from: change.from,
        to: change.to,
        details: [],
      }
    case 'inputAdded':
      return {
        key: `${index}:${change.name}`,
        title: `New input ${change.name}`,
        from: null,
        to: change.to,
        details: [],
      }
    case 'inputRemoved':
      return {
        key: `${index}:${change.name}`,
        title: `Input ${change.name} removed`,
        from: change.from,
        to: null,
        details: [],
      }
    case 'versionChanged': {
      const components =
        change.components.length === 0 ? [] : [`Changed code: ${change.components.join(', ')}`]
      return {
        key: `${index}:version`,
        title: `Version changed: v${change.fromVersion} → v${change.toVersion}`,
        from: null,
        to: null,
        details: [...components, ...change.decisions],
      }
    }
  }
}

/** The heading over the explanation: "Why it hit", "Why it executed", "Why it failed". */
export function explanationHeading(explanation: CallExplanation): string {
  if (explanation.outcome === null) return 'Compared with the earlier call'
  return `Why it ${OUTCOME_LABELS[explanation.outcome].toLowerCase()}`
}

/**
 * A sentence for when nothing differs, so an empty list is never left unexplained; null when
 * there was no earlier call (the summary already says so: "the first call of `op`").
 */
export function noChangesSentence(explanation: CallExplanation): string | null {
  if (explanation.previous === null) return null
  return 'Inputs and version are the same as in the earlier call.'
}
