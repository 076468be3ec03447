/**
 * calls.get: one stored call with previews of its values, and why it hit or executed, in
 * words, compared with the nearest earlier call of the same op.
 */
import { ERROR_CODES } from '../../src-shared/errors'
import {
  type CallChange,
  type CallDetails,
  type CallExplanation,
} from '../../src-shared/model/run-graph'
import { type CallEvent } from '../../src-shared/model/runs'
import { type ValueDetails } from '../../src-shared/model/values'
import { type CallValue, type Storage, type StoredCallRecord } from '../engine'
import { HostError } from './host-error'
import { previewValue } from './value-previews'
import { typeOfValue, valueRefOf } from './value-summaries'

const MAX_SUMMARIZED_CHANGES = 2
/** Values bigger than this are described, not loaded, for a preview. */
const MAX_LOADED_PREVIEW_BYTES = 64 * 1024 * 1024

function valueDetails(
  storage: Storage,
  { name, value, bytes }: CallValue,
): ValueDetails & {
  name: string
} {
  const base = { name, ...valueRefOf(value), size: bytes }
  if (bytes > MAX_LOADED_PREVIEW_BYTES) {
    return {
      ...base,
      type: value.typeName,
      preview: {
        kind: 'unavailable',
        reason: `The value is ${Math.round(bytes / 1e6)} MB, too big to preview here.`,
      },
    }
  }
  try {
    const loaded = storage.loadValue(value.hid)
    return { ...base, type: typeOfValue(loaded), preview: previewValue(loaded) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      ...base,
      type: value.typeName,
      preview: { kind: 'unavailable', reason: `The value could not be loaded: ${reason}` },
    }
  }
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0')
}

/** `10:42` today, `2025-03-02 10:42` another day. */
export function formatDecisionTime(epochMs: number, now = Date.now()): string {
  const time = new Date(epochMs)
  const clock = `${twoDigits(time.getHours())}:${twoDigits(time.getMinutes())}`
  if (new Date(now).toDateString() === time.toDateString()) return clock
  return `${time.getFullYear()}-${twoDigits(time.getMonth() + 1)}-${twoDigits(time.getDate())} ${clock}`
}

function versionChange(
  storage: Storage,
  op: string,
  fromVersion: number,
  toVersion: number,
): CallChange {
  const versions = storage.versions(op)
  const from = versions.find((version) => version.id === fromVersion)
  const to = versions.find((version) => version.id === toVersion)
  const hashes = (dependencies: typeof from) =>
    new Map(
      (dependencies?.dependencies ?? []).map((dependency) => [
        dependency.component.id,
        dependency.contentHash,
      ]),
    )
  const before = hashes(from)
  const after = hashes(to)
  const components = [...new Set([...before.keys(), ...after.keys()])]
    .filter((id) => before.get(id) !== after.get(id))
    .sort()
  const decisions = components.flatMap((id) => {
    // Newest first: the decision that gave the later version its revision of the component.
    const decision = to?.decisions.find((item) => item.componentId === id)
    if (decision === undefined) return []
    const kind = decision.kind === 'breaking' ? 'breaking' : 'non-breaking'
    return [`\`${id}\` changed (${kind}, decided ${formatDecisionTime(decision.decidedAt)})`]
  })
  return { kind: 'versionChanged', fromVersion, toVersion, components, decisions }
}

function compare(
  storage: Storage,
  call: StoredCallRecord,
  previous: StoredCallRecord | undefined,
): CallChange[] {
  if (previous === undefined) return []
  const changes: CallChange[] = []
  const before = new Map(previous.inputs.map((input) => [input.name, input.value]))
  const after = new Map(call.inputs.map((input) => [input.name, input.value]))
  for (const [name, value] of after) {
    const old = before.get(name)
    if (old === undefined) changes.push({ kind: 'inputAdded', name, to: valueRefOf(value) })
    else if (old.cid !== value.cid) {
      changes.push({ kind: 'inputChanged', name, from: valueRefOf(old), to: valueRefOf(value) })
    }
  }
  for (const [name, value] of before) {
    if (!after.has(name)) changes.push({ kind: 'inputRemoved', name, from: valueRefOf(value) })
  }
  if (previous.versionId !== call.versionId) {
    changes.push(versionChange(storage, call.op, previous.versionId, call.versionId))
  }
  return changes
}

function describeChange(change: CallChange, previousRun: string): string {
  switch (change.kind) {
    case 'inputChanged':
      if (change.to.summary === change.from.summary) {
        return `input \`${change.name}\` has other values than in the previous call (${previousRun}), both ${change.to.summary}`
      }
      return `input \`${change.name}\` is ${change.to.summary} where the previous call (${previousRun}) had ${change.from.summary}`
    case 'inputAdded':
      return `input \`${change.name}\` (${change.to.summary}) is new since the previous call (${previousRun})`
    case 'inputRemoved':
      return `input \`${change.name}\` (${change.from.summary} in the previous call, ${previousRun}) is no longer given`
    case 'versionChanged': {
      const what =
        change.decisions.length > 0
          ? change.decisions.join(', ')
          : change.components.length > 0
            ? `${change.components.map((id) => `\`${id}\``).join(', ')} changed`
            : `the op's version changed (${change.fromVersion} → ${change.toVersion})`
      return `${what} since the previous call (${previousRun})`
    }
  }
}

/** Differences a reader can see first: values that read differently, then code changes. */
function rank(change: CallChange): number {
  if (change.kind === 'versionChanged') return 1
  if (change.kind === 'inputChanged' && change.from.summary === change.to.summary) return 2
  return 0
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function summarize(
  call: StoredCallRecord,
  event: CallEvent | undefined,
  changes: readonly CallChange[],
  previous: StoredCallRecord | undefined,
): string {
  const previousRun = previous === undefined ? '' : `run #${previous.runId}`
  // The first differences say why; a long list would bury it.
  const shown = [...changes].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_SUMMARIZED_CHANGES)
  const more = changes.length - shown.length
  const differences =
    shown.map((change) => describeChange(change, previousRun)).join('; ') +
    (more > 0 ? `; and ${more} more difference${more === 1 ? '' : 's'}` : '')
  if (event === undefined) {
    const stored = `Stored by run #${call.runId}.`
    if (previous === undefined) return `${stored} It is the first stored call of \`${call.op}\`.`
    if (differences === '') {
      return `${stored} Same inputs and version as the previous call (${previousRun}).`
    }
    return `${stored} ${capitalized(differences)}.`
  }
  switch (event.reasonCode) {
    case 'hitByHistory':
      return `Hit: stored by run #${call.runId} with the same inputs and version; nothing was computed.`
    case 'hitByContent':
      return (
        'Hit: the inputs were computed differently but have the same values as a stored call ' +
        'of the same version; nothing was computed.'
      )
    case 'recomputeRequested':
      return 'Executed: recomputing was requested for this op.'
    case 'cachingDisabled':
      return `Executed: caching is disabled for \`${call.op}\`, so it always runs.`
    case 'error':
      return `Failed: ${event.reason}`
    case 'newOpVersion': {
      // The inputs were computed before, by another version: the version is the reason.
      const version = changes.find((change) => change.kind === 'versionChanged')
      if (version !== undefined) return `Executed: ${describeChange(version, previousRun)}.`
      return `Executed: ${event.reason}.`
    }
    default:
      if (previous === undefined) return `Executed: the first call of \`${call.op}\`.`
      if (differences === '') return `Executed: ${event.reason}.`
      return `Executed: ${differences}.`
  }
}

function failedDetails(event: CallEvent, createdAt: number): CallDetails {
  return {
    callId: event.callId,
    op: event.op,
    versionId: null,
    runId: null,
    createdAt,
    durationMs: event.durationMs,
    inputs: [],
    outputs: [],
    children: [],
    explanation: {
      outcome: 'failed',
      summary: `Failed: ${event.reason}. Nothing was stored.`,
      previous: null,
      changes: [],
    },
  }
}

export function readCallDetails(storage: Storage, callId: string, runId?: number): CallDetails {
  let event: CallEvent | undefined
  let runStartedAt = 0
  if (runId !== undefined) {
    const run = storage.getRun(runId)
    if (run === undefined) {
      throw new HostError(
        ERROR_CODES.hostBadRequest,
        `There is no run #${runId} in this workspace`,
        {
          runId,
        },
      )
    }
    runStartedAt = run.startedAt
    event = run.events.find((item) => item.callId === callId)
  }
  const call = storage.storedCall(callId)
  if (call === undefined) {
    if (event?.outcome === 'failed') return failedDetails(event, runStartedAt)
    throw new HostError(
      ERROR_CODES.callUnknown,
      `There is no stored call ${callId}: it never completed, or it was dropped.`,
      { callId },
    )
  }
  // A call executed for a new op version is explained by the same inputs' older result.
  const previous =
    (event?.reasonCode === 'newOpVersion'
      ? storage.previousCall(callId, { sameInputs: true })
      : undefined) ?? storage.previousCall(callId)
  const changes = compare(storage, call, previous)
  const explanation: CallExplanation = {
    outcome: event?.outcome ?? null,
    summary: summarize(call, event, changes, previous),
    previous:
      previous === undefined
        ? null
        : { callId: previous.callId, runId: previous.runId, createdAt: previous.createdAt },
    changes,
  }
  return {
    callId: call.callId,
    op: call.op,
    versionId: call.versionId,
    runId: call.runId,
    createdAt: call.createdAt,
    durationMs: call.durationMs,
    inputs: call.inputs.map((input) => valueDetails(storage, input)),
    outputs: call.outputs.map((output) => valueDetails(storage, output)),
    children: call.children,
    explanation,
  }
}
