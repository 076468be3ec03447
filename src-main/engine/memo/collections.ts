import { EngineError } from '../errors'
import { type HistoryId } from '../ids'
import {
  encodeValue,
  RefFoundSignal,
  type CodecRegistry,
  type EncodedValue,
  type EncodeSite,
} from '../values'
import { collectionHid, itemHid, rawValueHid } from './history-ids'
import { isRef, type Ref } from './ref'
import { RefKind, REF_KIND_NAMES } from './schema'

/**
 * A value on its way into storage: an existing ref, an encoded atom, or a collection whose
 * elements are nodes themselves (C rules: collections of refs are stored element-wise).
 */
export type ValueNode =
  | { readonly type: 'ref'; readonly ref: Ref }
  | {
      readonly type: 'atom'
      readonly hid: HistoryId
      readonly encoded: EncodedValue
      readonly value: unknown
    }
  | { readonly type: 'collection'; readonly draft: CollectionDraft }

export type CollectionKind =
  typeof RefKind.List | typeof RefKind.Object | typeof RefKind.Map | typeof RefKind.Set

export interface CollectionItem {
  readonly position: number
  /** Object keys and Map keys, encoded; null for lists and sets. */
  readonly key: EncodedValue | null
  /** The key as given (null for lists and sets). */
  readonly keyValue: unknown
  /** Orders and identifies the element: list index, object key, Map key cid, Set element. */
  readonly descriptor: string
  readonly node: ValueNode
}

export interface CollectionDraft {
  readonly kind: CollectionKind
  readonly hid: HistoryId
  readonly items: readonly CollectionItem[]
  /** The container as the user gave or returned it. */
  readonly value: unknown
}

/** Where a value is encoded (for error messages) and with which codecs. */
export interface ValueSite extends EncodeSite {
  readonly codecs: CodecRegistry
}

/** Where a collection's history comes from. */
export type CollectionPlacement =
  { readonly mode: 'input' } | { readonly mode: 'output'; readonly hid: HistoryId }

export function collectionKindOf(value: unknown): CollectionKind | null {
  if (Array.isArray(value)) return RefKind.List
  const tag = Object.prototype.toString.call(value)
  if (tag === '[object Map]' && isExactBuiltin(value, 'Map')) return RefKind.Map
  if (tag === '[object Set]' && isExactBuiltin(value, 'Set')) return RefKind.Set
  if (tag === '[object Object]' && isPlainObject(value)) return RefKind.Object
  return null
}

/** Turns a value into a node: an atom when it holds no refs, otherwise a collection. */
export function nodeFromValue(
  value: unknown,
  site: ValueSite,
  placement: CollectionPlacement,
  path: string,
): ValueNode {
  if (isRef(value)) return { type: 'ref', ref: value }
  try {
    const encoded = encodeValue(value, site, site.codecs)
    const hid = placement.mode === 'output' ? placement.hid : rawValueHid(encoded.cid)
    return { type: 'atom', hid, encoded, value }
  } catch (error) {
    if (!(error instanceof RefFoundSignal)) throw error
    return { type: 'collection', draft: buildCollection(value, site, placement, path) }
  }
}

export function buildCollection(
  value: unknown,
  site: ValueSite,
  placement: CollectionPlacement,
  path: string,
): CollectionDraft {
  const kind = collectionKindOf(value)
  if (kind === null) {
    throw new EngineError(
      'value.unencodable',
      `${describeSite(site)}: a ref is nested inside a value at ${path} that is not an array, plain object, Map or Set; only those containers can hold refs`,
      { ...site, path },
    )
  }
  const entries = collectionEntries(kind, value)
  const items: CollectionItem[] = entries.map(([key, element], position) => {
    const encodedKey =
      kind === RefKind.Object || kind === RefKind.Map ? encodeValue(key, site, site.codecs) : null
    const descriptor = describeKey(kind, key, position, encodedKey, element, site)
    const elementPath = kind === RefKind.List ? `${path}[${position}]` : `${path}.${descriptor}`
    const elementPlacement: CollectionPlacement =
      placement.mode === 'output'
        ? { mode: 'output', hid: itemHid(placement.hid, descriptor) }
        : placement
    return {
      position,
      key: encodedKey,
      keyValue: encodedKey === null ? null : key,
      descriptor,
      node: nodeFromValue(element, site, elementPlacement, elementPath),
    }
  })
  const hid =
    placement.mode === 'output'
      ? placement.hid
      : collectionHid(
          REF_KIND_NAMES[kind],
          canonicalOrder(
            kind,
            items.map((item) => ({ name: item.descriptor, id: nodeHid(item.node) })),
          ),
        )
  return { kind, hid, items, value }
}

export function nodeHid(node: ValueNode): HistoryId {
  switch (node.type) {
    case 'ref':
      return node.ref.hid
    case 'atom':
      return node.hid
    case 'collection':
      return node.draft.hid
  }
}

/** Entries in the order that identifies the collection: sets and keyed ones are unordered. */
export function canonicalOrder<T extends { readonly name: string; readonly id: string }>(
  kind: CollectionKind,
  entries: readonly T[],
): T[] {
  if (kind === RefKind.List) return [...entries]
  const key = kind === RefKind.Set ? (entry: T) => entry.id : (entry: T) => entry.name
  return [...entries].sort((left, right) =>
    key(left) < key(right) ? -1 : key(left) > key(right) ? 1 : 0,
  )
}

function collectionEntries(kind: CollectionKind, value: unknown): [unknown, unknown][] {
  switch (kind) {
    case RefKind.List:
      return Array.from(value as unknown[], (element, index) => [index, element])
    case RefKind.Object:
      return Object.entries(value as Record<string, unknown>)
    case RefKind.Map:
      return [...(value as Map<unknown, unknown>).entries()]
    case RefKind.Set:
      return [...(value as Set<unknown>)].map((element) => [null, element])
  }
}

function describeKey(
  kind: CollectionKind,
  key: unknown,
  position: number,
  encodedKey: EncodedValue | null,
  element: unknown,
  site: ValueSite,
): string {
  switch (kind) {
    case RefKind.List:
      return String(position)
    case RefKind.Object:
      return key as string
    case RefKind.Map:
      return (encodedKey as EncodedValue).cid
    case RefKind.Set:
      return describeSetElement(element, position, site)
  }
}

/** Set elements have no key; identify them by what they are, so insertion order cannot matter. */
function describeSetElement(element: unknown, position: number, site: ValueSite): string {
  if (isRef(element)) return element.hid
  try {
    return encodeValue(element, site, site.codecs).cid
  } catch (error) {
    if (error instanceof RefFoundSignal) return `#${position}`
    throw error
  }
}

export function describeSite(site: ValueSite): string {
  if (site.op !== undefined && site.argument !== undefined)
    return `op '${site.op}', argument '${site.argument}'`
  if (site.op !== undefined) return `op '${site.op}'`
  return 'value'
}

function isPlainObject(value: unknown): boolean {
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === null || Object.getPrototypeOf(prototype) === null
}

function isExactBuiltin(value: unknown, name: 'Map' | 'Set'): boolean {
  const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null
  return prototype?.constructor?.name === name
}
