import { type ChangeAnswer } from '../../../src-shared/host/contract'
import { type DecisionKind } from '../../../src-shared/model/versions'

export function shortHash(hash: string | null): string {
  return hash === null ? '—' : hash.slice(0, 12)
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export function formatTime(epochMilliseconds: number): string {
  return timeFormat.format(epochMilliseconds)
}

export const ANSWER_LABELS: Readonly<Record<ChangeAnswer, string>> = {
  breaking: 'Breaking',
  nonBreaking: 'Non-breaking',
  defer: 'Deferred',
}

/** Shape as well as colour: ↻ recompute, = keep. */
export const DECISION_ICONS: Readonly<Record<DecisionKind, string>> = {
  breaking: '↻',
  nonBreaking: '=',
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

/** "12 calls would recompute if breaking; all 12 kept if non-breaking" */
export function blastRadiusText(affectedCalls: number): string {
  if (affectedCalls === 0) return 'No stored calls depend on this change.'
  const calls = plural(affectedCalls, 'call')
  return `${calls} would recompute if breaking; all ${affectedCalls} kept if non-breaking.`
}

/** What an answer did, for the announcement after deciding. */
export function decisionAnnouncement(
  componentId: string,
  answer: ChangeAnswer,
  answeredTo: 'run' | 'storage',
): string {
  const what =
    answer === 'breaking'
      ? 'marked breaking: dependent calls recompute'
      : answer === 'nonBreaking'
        ? 'marked non-breaking: stored calls are kept'
        : 'deferred'
  const where =
    answeredTo === 'run' ? (answer === 'defer' ? '; the run stops' : '; the run goes on') : ''
  return `${componentId} ${what}${where}.`
}
