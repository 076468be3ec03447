import { EngineError } from '../errors'
import { type ContentId, type HistoryId } from '../ids'
import { type WorkspaceStore } from '../store'
import { type CodecRegistry, type EncodedValue } from '../values'
import { CallRepository } from './call-repository'
import { canonicalOrder, type CollectionDraft, type ValueNode } from './collections'
import { collectionCid } from './history-ids'
import { OpRegistry } from './op-registry'
import { Ref, type RefOwner } from './ref'
import { RefRepository, type StoredRef } from './ref-repository'
import { RefKind, REF_KIND_NAMES, type RefKindName } from './schema'
import { unwrapDeep } from './unwrap'
import { storesInline, ValueRepository } from './value-repository'

/**
 * The storage-side half of memoization: refs, values and calls of one workspace. The call
 * algorithm itself is in call-pipeline.ts.
 */
export class MemoEngine implements RefOwner {
  readonly values: ValueRepository
  readonly refs: RefRepository
  readonly calls: CallRepository
  readonly ops: OpRegistry
  /** Refs whose value is known but not stored yet (outputs of ops with caching disabled). */
  private readonly unsaved = new WeakMap<Ref, ValueNode>()

  constructor(
    readonly store: WorkspaceStore,
    readonly codecs: CodecRegistry,
    readonly label: string,
  ) {
    this.values = new ValueRepository(store, codecs)
    this.refs = new RefRepository(store)
    this.calls = new CallRepository(store)
    this.ops = new OpRegistry(store)
  }

  // ---- refs handed to user code ----

  /** A ref to a stored value; nothing is read until it is needed. */
  lazyRef(hid: HistoryId, cid?: ContentId, kind?: RefKindName): Ref {
    return new Ref(hid, cid, kind, this, false)
  }

  /** A ref for a value computed in this process, stored only when a stored call needs it. */
  unsavedRef(node: ValueNode, value: unknown): Ref {
    const ref = new Ref(this.nodeHid(node), undefined, undefined, this, true, value)
    this.unsaved.set(ref, node)
    return ref
  }

  /** A ref for a value that was just stored (its value is in memory). */
  storedRef(hid: HistoryId, cid: ContentId, kind: RefKindName, value: unknown): Ref {
    return new Ref(hid, cid, kind, this, true, value)
  }

  cidOf(ref: Ref): ContentId {
    const node = this.unsaved.get(ref)
    if (node !== undefined) return this.nodeCid(node)
    return this.requireStored(ref).cid
  }

  kindOf(ref: Ref): RefKindName {
    const node = this.unsaved.get(ref)
    if (node !== undefined) return REF_KIND_NAMES[this.nodeKind(node)]
    return REF_KIND_NAMES[this.requireStored(ref).kind]
  }

  load(ref: Ref): unknown {
    return this.loadStored(this.requireStored(ref), `ref ${ref.hid}`)
  }

  /** The element refs of a collection ref, in the collection's own shape. */
  elements(ref: Ref): unknown {
    const node = this.unsaved.get(ref)
    if (node?.type === 'collection') {
      return assemble(
        node.draft.kind,
        node.draft.items.map((item) => [item.keyValue, this.refForNode(item.node)]),
      )
    }
    const stored = this.requireStored(ref)
    if (stored.kind === RefKind.Atom) {
      throw new EngineError(
        'ref.unknown',
        `ref ${ref.hid} is not a collection; elements() needs a list, object, map or set ref`,
      )
    }
    return assemble(
      stored.kind,
      this.refs
        .items(stored.id)
        .map(({ keyCid, item }) => [
          keyCid === null ? null : this.values.load(keyCid, `a key of ${ref.hid}`),
          this.lazyRef(item.hid, item.cid, REF_KIND_NAMES[item.kind]),
        ]),
    )
  }

  private refForNode(node: ValueNode): Ref {
    if (node.type === 'ref') return node.ref
    const value = node.type === 'atom' ? node.value : unwrapDeep(node.draft.value)
    return this.unsavedRef(node, value)
  }

  private requireStored(ref: Ref): StoredRef {
    const stored = this.refs.find(ref.hid)
    if (stored === undefined) {
      throw new EngineError(
        'ref.unknown',
        `ref ${ref.hid} is not in storage ${this.label}; it may have been dropped, or it belongs to another storage`,
        { hid: ref.hid },
      )
    }
    return stored
  }

  loadStored(stored: StoredRef, description: string): unknown {
    if (stored.inline !== null) return this.values.decode(stored.inline)
    if (stored.kind === RefKind.Atom) return this.values.load(stored.cid, description)
    const entries = this.refs
      .items(stored.id)
      .map(({ keyCid, item }): [unknown, unknown] => [
        keyCid === null ? null : this.values.load(keyCid, `a key of ${description}`),
        this.loadStored(item, `an element of ${description}`),
      ])
    return assemble(stored.kind, entries)
  }

  // ---- nodes on their way into storage ----

  nodeHid(node: ValueNode): HistoryId {
    if (node.type === 'ref') return node.ref.hid
    return node.type === 'atom' ? node.hid : node.draft.hid
  }

  nodeCid(node: ValueNode): ContentId {
    switch (node.type) {
      case 'ref':
        return node.ref.cid
      case 'atom':
        return node.encoded.cid
      case 'collection':
        return this.draftCid(node.draft)
    }
  }

  nodeKind(node: ValueNode): RefKind {
    switch (node.type) {
      case 'ref':
        return RefKind[capitalize(node.ref.kind)]
      case 'atom':
        return RefKind.Atom
      case 'collection':
        return node.draft.kind
    }
  }

  draftCid(draft: CollectionDraft): ContentId {
    const entries = draft.items.map((item) => ({
      name: item.key === null ? (draft.kind === RefKind.List ? item.descriptor : '') : item.key.cid,
      id: this.nodeCid(item.node),
    }))
    return collectionCid(REF_KIND_NAMES[draft.kind], canonicalOrder(draft.kind, entries))
  }

  /** Stores a node (and everything it contains) and returns its ref row id. */
  persistNode(node: ValueNode): number {
    switch (node.type) {
      case 'ref':
        return this.persistRef(node.ref)
      case 'atom': {
        // A stored ref implies its stored value: a known ref costs one lookup, often cached.
        // A new value's ref is usually new too: insert first, look up only if it was known.
        const cached = this.refs.cachedIdOf(node.hid)
        if (cached !== undefined) return cached
        return this.insertAtom(node.hid, node.encoded).id
      }
      case 'collection':
        return this.persistDraft(node.draft)
    }
  }

  /** A new atom ref: tiny values go inline with it, others to value_data (once per cid). */
  insertAtom(hid: HistoryId, encoded: EncodedValue): { id: number; conflict: StoredRef | null } {
    if (storesInline(encoded))
      return this.refs.insertNew(hid, encoded.cid, RefKind.Atom, encoded.bytes)
    this.values.save(encoded)
    return this.refs.insertNew(hid, encoded.cid, RefKind.Atom)
  }

  persistRef(ref: Ref): number {
    if (ref.owner !== this) {
      throw new EngineError(
        'ref.unknown',
        `ref ${ref.hid} belongs to another storage (${ref.owner?.label ?? 'none'})`,
        {
          hid: ref.hid,
        },
      )
    }
    const node = this.unsaved.get(ref)
    if (node !== undefined) return this.persistNode(node)
    const id = this.refs.idOf(ref.hid)
    if (id === undefined) return this.requireStored(ref).id
    return id
  }

  private persistDraft(draft: CollectionDraft): number {
    const existing = this.refs.idOf(draft.hid)
    if (existing !== undefined) return existing
    const items = draft.items.map((item) => {
      if (item.key !== null) this.values.save(item.key)
      return {
        position: item.position,
        keyCid: item.key?.cid ?? null,
        itemId: this.persistNode(item.node),
      }
    })
    const { id } = this.refs.ensure(draft.hid, this.draftCid(draft), draft.kind)
    this.refs.insertItems(id, items)
    return id
  }
}

type KindName = 'Atom' | 'List' | 'Object' | 'Map' | 'Set'
function capitalize(kind: RefKindName): KindName {
  return (kind.charAt(0).toUpperCase() + kind.slice(1)) as KindName
}

function assemble(kind: RefKind, entries: readonly [unknown, unknown][]): unknown {
  switch (kind) {
    case RefKind.List:
      return entries.map(([, value]) => value)
    case RefKind.Object:
      return Object.fromEntries(entries.map(([key, value]) => [key as string, value]))
    case RefKind.Map:
      return new Map(entries)
    case RefKind.Set:
      return new Set(entries.map(([, value]) => value))
    default:
      throw new Error(`not a collection kind: ${kind}`)
  }
}
