import { digestParts, digestTuple, type ContentId, type HistoryId } from '../ids'

/**
 * The id formulas (SPEC rules I1–I6). Every formula starts with its own domain tag, so no
 * two kinds of id can be computed from the same preimage.
 */

/** I1: a value that enters from outside any call has no history but itself. */
export function rawValueHid(cid: ContentId): HistoryId {
  return cid as unknown as HistoryId
}

export interface NamedId {
  readonly name: string
  readonly id: string
}

function flatten(entries: readonly NamedId[]): string[] {
  const parts: string[] = []
  for (const entry of entries) parts.push(entry.name, entry.id)
  return parts
}

function digestNamed(domain: string, head: readonly string[], entries: readonly NamedId[]): string {
  return digestParts(domain, [...head, ...flatten(entries)])
}

/** I2: a call is identified by its op version and its inputs' history ids (sorted by name). */
export function callHid(versionKey: string, inputs: readonly NamedId[]): HistoryId {
  return digestNamed('call', [versionKey], inputs) as HistoryId
}

/**
 * I3: the content key of a call: op name and the inputs' content ids. It does not include
 * the version, so a lookup can tell "new op version" from "new inputs".
 */
export function callInputKey(opName: string, inputs: readonly NamedId[]): string {
  return digestNamed('call-inputs', [opName], inputs)
}

/** I4: output refs take their history from the call that made them. */
export function outputHid(callId: HistoryId, outputName: string): HistoryId {
  return digestTuple('output', callId, outputName) as HistoryId
}

/** I5: a recomputation that produced different outputs is a call of its own. */
export function recomputedCallHid(baseCallId: HistoryId, outputCids: readonly string[]): HistoryId {
  return digestTuple('recomputed', baseCallId, ...outputCids) as HistoryId
}

/** I6: an element of an op's output collection takes its history from the collection. */
export function itemHid(collectionHid: HistoryId, keyDescriptor: string): HistoryId {
  return digestTuple('item', collectionHid, keyDescriptor) as HistoryId
}

/** I6: a collection assembled from refs has the history of its elements. */
export function collectionHid(kind: string, entries: readonly NamedId[]): HistoryId {
  return digestNamed('collection-history', [kind], entries) as HistoryId
}

/** V: a collection's content id is built from its elements' content ids (Merkle style). */
export function collectionCid(kind: string, entries: readonly NamedId[]): ContentId {
  return digestNamed('collection-content', [kind], entries) as ContentId
}
