/**
 * Turns a storage encoding into the canonical encoding: the same bytes, except that the
 * entries of every object, Map and Set are sorted by their own canonical bytes, so insertion
 * order no longer shows. The encoder logs where those entries lie, innermost container first;
 * sorting in that order means every entry is already canonical when its container is sorted.
 *
 * Entries compare by their whole byte range. Every node encoding is self-delimiting, so no
 * key's bytes are a prefix of another's: the first difference falls inside the keys when they
 * differ, and objects and Maps sort by key, then (equal keys, like two distinct `{}` in a Map)
 * by value. Sorting permutes entries within their container, so lengths and the logged
 * offsets of everything else stay valid.
 */
const RETAINED_CAPACITY = 16 * 1024 * 1024

export class Canonicalizer {
  private buffer = new Uint8Array(4096)
  private region = new Uint8Array(256)
  private readonly order: number[] = []
  // The sort in progress; on the instance so the comparator is one long-lived function.
  private log: readonly number[] = []
  /** Index in `log` of the current container's first entry start. */
  private startsAt = 0
  private entryCount = 0

  /** The canonical bytes; a view that is valid until the next call. */
  canonicalize(storage: Uint8Array, sortLog: readonly number[]): Uint8Array {
    // Grow as needed; after one huge value, give the memory back on the next ordinary one.
    if (this.buffer.length < storage.length || this.buffer.length > RETAINED_CAPACITY) {
      this.buffer = new Uint8Array(Math.max(4096, storage.length * 2))
      this.region = new Uint8Array(256)
    }
    this.buffer.set(storage)
    this.log = sortLog
    for (let at = 0; at < sortLog.length; at += (sortLog[at] as number) + 2) {
      this.startsAt = at + 1
      this.entryCount = sortLog[at] as number
      this.sortContainer()
    }
    this.log = []
    return this.buffer.subarray(0, storage.length)
  }

  private sortContainer(): void {
    const count = this.entryCount
    const order = this.order
    order.length = count
    for (let entry = 0; entry < count; entry++) order[entry] = entry
    let sorted = true
    for (let entry = 1; entry < count && sorted; entry++) {
      sorted = this.compareEntries(entry - 1, entry) <= 0
    }
    if (sorted) return
    order.sort(this.compareEntries)
    const buffer = this.buffer
    const regionStart = this.entryStart(0)
    const regionEnd = this.entryStart(count)
    if (this.region.length < regionEnd - regionStart) {
      this.region = new Uint8Array((regionEnd - regionStart) * 2)
    }
    const region = this.region
    region.set(buffer.subarray(regionStart, regionEnd))
    let at = regionStart
    for (const entry of order) {
      const from = this.entryStart(entry) - regionStart
      const to = this.entryStart(entry + 1) - regionStart
      if (to - from > 32) {
        buffer.set(region.subarray(from, to), at)
        at += to - from
      } else {
        for (let index = from; index < to; index++) buffer[at++] = region[index] as number
      }
    }
  }

  /** Start of entry `entry`; entry `count` gives the container's end. */
  private entryStart(entry: number): number {
    return this.log[this.startsAt + entry] as number
  }

  private readonly compareEntries = (a: number, b: number): number => {
    const buffer = this.buffer
    const aStart = this.entryStart(a)
    const bStart = this.entryStart(b)
    const aLength = this.entryStart(a + 1) - aStart
    const bLength = this.entryStart(b + 1) - bStart
    const length = Math.min(aLength, bLength)
    for (let offset = 0; offset < length; offset++) {
      const difference = (buffer[aStart + offset] as number) - (buffer[bStart + offset] as number)
      if (difference !== 0) return difference
    }
    return aLength - bLength
  }
}
