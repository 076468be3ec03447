import { Buffer } from 'node:buffer'

const INITIAL_CAPACITY = 4096
// V8 keeps typed arrays up to 64 bytes on its heap (cheap); a bigger one needs its own
// backing store, which costs about a microsecond. Node's Buffer pool hands out slices of a
// shared 8 KiB slab below 4 KiB, so mid-sized results come from there.
const ON_HEAP_LIMIT = 64
const POOLED_LIMIT = 4096
/** A writer that grew past this for one huge value gives the memory back on the next reset. */
const RETAINED_CAPACITY = 16 * 1024 * 1024

const textEncoder = new TextEncoder()

const NAN_BITS = [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x7f] as const

/**
 * A growable byte buffer reused across encodes, so the hot path allocates only the final copy.
 * Multi-byte numbers are little-endian; lengths are unsigned LEB128 varints.
 */
export class ByteWriter {
  buffer = new Uint8Array(INITIAL_CAPACITY)
  view = new DataView(this.buffer.buffer)
  position = 0

  reset(): void {
    if (this.buffer.length > RETAINED_CAPACITY) this.replaceBuffer(INITIAL_CAPACITY)
    this.position = 0
  }

  ensure(extra: number): void {
    const needed = this.position + extra
    if (needed > this.buffer.length) {
      let capacity = this.buffer.length * 2
      while (capacity < needed) capacity *= 2
      this.replaceBuffer(capacity)
    }
  }

  byte(value: number): void {
    if (this.position >= this.buffer.length) this.ensure(1)
    this.buffer[this.position++] = value
  }

  varint(value: number): void {
    this.ensure(8)
    this.position = writeVarintAt(this.buffer, this.position, value)
  }

  /** Writes a float64; every NaN is written as the one canonical quiet NaN. */
  float64(value: number): void {
    this.ensure(8)
    if (value !== value) {
      this.buffer.set(NAN_BITS, this.position)
    } else {
      this.view.setFloat64(this.position, value, true)
    }
    this.position += 8
  }

  bytes(source: Uint8Array): void {
    this.ensure(source.length)
    this.buffer.set(source, this.position)
    this.position += source.length
  }

  /** Copies `source[start, end)`; short runs by hand because subarray() allocates. */
  bytesOf(source: Uint8Array, start: number, end: number): void {
    const length = end - start
    this.ensure(length)
    if (length <= 16) {
      const target = this.buffer
      let at = this.position
      for (let index = start; index < end; index++) target[at++] = source[index] as number
    } else {
      this.buffer.set(source.subarray(start, end), this.position)
    }
    this.position += length
  }

  /** Writes an ASCII string (chunk ids, which are base64url). */
  ascii(text: string): void {
    this.ensure(text.length)
    const target = this.buffer
    let at = this.position
    for (let index = 0; index < text.length; index++) target[at++] = text.charCodeAt(index)
    this.position = at
  }

  /** A UTF-8 string with its byte length in front (as a varint). */
  utf8(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit; reserve that, then write the real length.
    this.ensure(text.length * 3 + 8)
    const lengthAt = this.position
    const { written } = textEncoder.encodeInto(text, this.buffer.subarray(lengthAt + 5))
    this.varint(written)
    const prefixLength = this.position - lengthAt
    if (prefixLength !== 5)
      this.buffer.copyWithin(this.position, lengthAt + 5, lengthAt + 5 + written)
    this.position += written
  }

  /** Bytes with their length in front (as a varint). */
  lengthPrefixed(source: Uint8Array): void {
    this.varint(source.length)
    this.bytes(source)
  }

  /** A copy of everything written since the last reset. */
  copy(): Uint8Array {
    const length = this.position
    if (length <= ON_HEAP_LIMIT) {
      const result = new Uint8Array(length)
      for (let index = 0; index < length; index++) result[index] = this.buffer[index] as number
      return result
    }
    if (length < POOLED_LIMIT) {
      const pooled = Buffer.allocUnsafe(length)
      pooled.set(this.buffer.subarray(0, length))
      return new Uint8Array(pooled.buffer, pooled.byteOffset, length)
    }
    return this.buffer.slice(0, length)
  }

  private replaceBuffer(capacity: number): void {
    const next = new Uint8Array(capacity)
    next.set(this.buffer.subarray(0, Math.min(this.position, capacity)))
    this.buffer = next
    this.view = new DataView(next.buffer)
  }
}

/** Writes an unsigned varint at `at` (caller ensured 8 bytes of room) and returns the new end. */
export function writeVarintAt(target: Uint8Array, at: number, value: number): number {
  let rest = value
  // Bit operations only hold 32 bits; lengths can exceed that (huge ArrayBuffers).
  while (rest >= 0x80000000) {
    target[at++] = (rest % 128) | 0x80
    rest = Math.floor(rest / 128)
  }
  while (rest >= 0x80) {
    target[at++] = (rest & 0x7f) | 0x80
    rest >>>= 7
  }
  target[at++] = rest
  return at
}

export function varintSize(value: number): number {
  let size = 1
  let rest = value
  while (rest >= 0x80) {
    rest = Math.floor(rest / 128)
    size++
  }
  return size
}
