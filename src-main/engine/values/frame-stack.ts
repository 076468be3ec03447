import { type CodecRegistry } from './codecs'
import { propertySegment, renderMapKey } from './encode-errors'

export const Frame = { array: 0, object: 1, map: 2, set: 3, codec: 4 } as const

/** Ancestors this shallow are found by scanning the stack; deeper ones through a Map. */
const SCANNED_DEPTH = 16

/**
 * The encoder's explicit stack of open containers (and codec values), as parallel arrays so
 * that pushing a frame allocates nothing. Frame `d` holds the container at depth `d`; `next`
 * is the index of the child to write next, so a frame is always inside child `next - 1`.
 */
export class FrameStack {
  top = -1
  readonly kinds: number[] = []
  readonly values: unknown[] = []
  /** Object keys, flattened Map entries, Set elements, or a codec's data. */
  readonly items: unknown[] = []
  readonly next: number[] = []
  readonly count: number[] = []
  /** Per frame: where its entries begin in `entryStarts`, or -1 if its order is kept. */
  readonly entriesBase: number[] = []
  /** Start offsets of the entries of the open unordered containers. */
  readonly entryStarts: number[] = []
  /** See StorageEncoding.sortLog. */
  readonly sortLog: number[] = []
  private readonly deepAncestors = new Map<object, number>()

  reset(): void {
    this.sortLog.length = 0
    this.entryStarts.length = 0
  }

  push(kind: number, value: object, items: unknown, count: number): void {
    const depth = ++this.top
    this.kinds[depth] = kind
    this.values[depth] = value
    this.items[depth] = items
    this.next[depth] = 0
    this.count[depth] = count
    if (depth >= SCANNED_DEPTH) this.deepAncestors.set(value, depth)
    const entries = kind === Frame.map ? count / 2 : count
    const unordered = kind === Frame.object || kind === Frame.map || kind === Frame.set
    this.entriesBase[depth] = unordered && entries >= 2 ? this.entryStarts.length : -1
  }

  /** Pops a finished frame, logging where its entries lie if their order is to be erased. */
  close(endPosition: number): void {
    const base = this.entriesBase[this.top] as number
    if (base >= 0) {
      const starts = this.entryStarts
      this.sortLog.push(starts.length - base)
      for (let index = base; index < starts.length; index++) {
        this.sortLog.push(starts[index] as number)
      }
      this.sortLog.push(endPosition)
      starts.length = base
    }
    this.pop()
  }

  /** Drops every frame, including after a failure. */
  clear(): void {
    while (this.top >= 0) this.pop()
    this.deepAncestors.clear()
  }

  /** The depth of `value` if it is an open container (an ancestor of what is being written). */
  ancestorDepthOf(value: object): number {
    const scanned = Math.min(this.top, SCANNED_DEPTH - 1)
    for (let depth = 0; depth <= scanned; depth++) {
      if (this.values[depth] === value) return depth
    }
    return this.top < SCANNED_DEPTH ? -1 : (this.deepAncestors.get(value) ?? -1)
  }

  /** The path of the value being written, as code: `model.children[2].get("k")`. */
  path(rootName: string, codecs: CodecRegistry): string {
    let path = rootName
    for (let frame = 0; frame <= this.top; frame++) {
      const child = (this.next[frame] as number) - 1
      const items = this.items[frame]
      switch (this.kinds[frame]) {
        case Frame.array:
          path += `[${child}]`
          break
        case Frame.object:
          path += propertySegment((items as string[])[child] as string)
          break
        case Frame.map: {
          const entry = child >> 1
          const key = child % 2 === 0 ? null : renderMapKey((items as unknown[])[child - 1])
          if (child % 2 === 0) path += `.keys()[${entry}]`
          else path += key === null ? `.values()[${entry}]` : `.get(${key})`
          break
        }
        case Frame.set:
          path += `.values()[${child}]`
          break
        default: {
          const prototype = Object.getPrototypeOf(this.values[frame]) as object
          path += `<codec '${codecs.forPrototype(prototype)?.name ?? '?'}'>`
        }
      }
    }
    return path
  }

  private pop(): void {
    const depth = this.top
    if (depth >= SCANNED_DEPTH) this.deepAncestors.delete(this.values[depth] as object)
    // Let go of the caller's objects: the stack outlives the call.
    this.values[depth] = undefined
    this.items[depth] = undefined
    this.top = depth - 1
  }
}
