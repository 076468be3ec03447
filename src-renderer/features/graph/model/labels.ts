/** Words for what nodes show by colour and shape: aria labels, legends, tooltips. */
import { type CompareMark, type GraphNode, type MarkCounts, type NodeOutcome } from './types'

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

export const OUTCOME_WORDS: Readonly<Record<NodeOutcome, string>> = {
  hit: 'cache hit',
  executed: 'executed',
  failed: 'failed',
  mixed: 'mixed outcomes',
  none: 'not in this run',
}

export const MARK_WORDS: Readonly<Record<CompareMark, string>> = {
  added: 'added',
  removed: 'removed',
  newlyHit: 'newly hit',
  newlyExecuted: 'newly executed',
  newlyFailed: 'newly failed',
  unchanged: 'unchanged',
}

export function marksInWords(marks: MarkCounts | null): string {
  if (marks === null) return ''
  const parts = (Object.keys(marks) as (keyof MarkCounts)[])
    .filter((mark) => marks[mark] > 0)
    .map((mark) => `${marks[mark]} ${MARK_WORDS[mark]}`)
  return parts.length === 0 ? 'unchanged' : parts.join(', ')
}

export function formatDuration(ms: number): string {
  if (ms < 1) return ms === 0 ? '0 ms' : '<1 ms'
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

export function nodeAriaLabel(node: GraphNode): string {
  switch (node.kind) {
    case 'op': {
      const { calls, hit, executed, failed } = node.counts
      const base =
        `op ${node.op}, ${plural(calls, 'call')}: ${plural(hit, 'cache hit')}, ` +
        `${executed} executed, ${failed} failed`
      const changes = node.marks === null ? '' : `; compared: ${marksInWords(node.marks)}`
      return `${base}${changes}`
    }
    case 'call': {
      const why = node.reason === '' ? '' : ` (${node.reason})`
      const mark = node.mark === null ? '' : `; ${MARK_WORDS[node.mark]}`
      return `call ${node.op} #${node.index}: ${OUTCOME_WORDS[node.outcome]}${why}${mark}`
    }
    case 'variable': {
      const what = node.role === 'output' ? `output of ${node.op}` : `input of ${node.op}`
      const value =
        node.singleValue === null ? plural(node.values, 'value') : node.singleValue.summary
      const outcome = node.role === 'output' ? `, ${OUTCOME_WORDS[node.outcome]}` : ''
      return `variable ${node.label}, ${what}: ${value}${outcome}`
    }
    case 'more':
      return node.label
  }
}
