import { type CallOutcome, type CallReasonCode } from '../../../src-shared/model/runs'

/** Codes stored in run events (by position); the order is part of the workspace format. */
export const OUTCOMES: readonly CallOutcome[] = ['hit', 'executed', 'failed']
export const REASON_CODES: readonly CallReasonCode[] = [
  'hitByHistory',
  'hitByContent',
  'newInputs',
  'newOpVersion',
  'recomputeRequested',
  'cachingDisabled',
  'error',
]

const REASON_WORDS: Readonly<Record<CallReasonCode, string>> = {
  hitByHistory: 'hit by history',
  hitByContent: 'hit by content',
  newInputs: 'new inputs',
  newOpVersion: 'new op version',
  recomputeRequested: 'recompute requested',
  cachingDisabled: 'caching disabled',
  error: 'error',
}

export const OUTCOME_OF_REASON: Readonly<Record<CallReasonCode, CallOutcome>> = {
  hitByHistory: 'hit',
  hitByContent: 'hit',
  newInputs: 'executed',
  newOpVersion: 'executed',
  recomputeRequested: 'executed',
  cachingDisabled: 'executed',
  error: 'failed',
}

/** "new inputs", or "hit by content: same inputs as call <id>" when there is a detail. */
export function describeReason(code: CallReasonCode, detail: string | null): string {
  return detail === null || detail === '' ? REASON_WORDS[code] : `${REASON_WORDS[code]}: ${detail}`
}
