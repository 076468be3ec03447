const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const floatScratch = new Float64Array(1)
const floatBytes = new Uint8Array(floatScratch.buffer)
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/**
 * Bounds-checked reads of what ByteWriter wrote. Running off the end, or a varint out of range,
 * is reported through `malformed`, so each format names its own error.
 */
export class ByteReader {
  position = 0

  constructor(
    readonly bytes: Uint8Array,
    protected readonly malformed: (problem: string) => Error,
  ) {}

  get remaining(): number {
    return this.bytes.length - this.position
  }

  get done(): boolean {
    return this.position === this.bytes.length
  }

  byte(): number {
    if (this.position >= this.bytes.length) throw this.malformed('it ends in the middle of a value')
    return this.bytes[this.position++] as number
  }

  varint(): number {
    let result = 0
    let scale = 1
    for (let index = 0; index < 8; index++) {
      const byte = this.byte()
      result += (byte & 0x7f) * scale
      if (byte < 0x80) {
        if (result > Number.MAX_SAFE_INTEGER) break
        return result
      }
      scale *= 128
    }
    throw this.malformed('a length or count is out of range')
  }

  float64(): number {
    this.require(8)
    // Copied out rather than read through a DataView: touching `.buffer` of a small typed
    // array makes V8 move it off-heap, which costs more than the whole decode.
    for (let index = 0; index < 8; index++) {
      floatBytes[HOST_IS_LITTLE_ENDIAN ? index : 7 - index] = this.bytes[this.position++] as number
    }
    return floatScratch[0] as number
  }

  /** A view of the next `length` bytes (not a copy). */
  take(length: number): Uint8Array {
    this.require(length)
    const start = this.position
    this.position += length
    return this.bytes.subarray(start, start + length)
  }

  skip(length: number): void {
    this.require(length)
    this.position += length
  }

  require(length: number): void {
    if (length > this.bytes.length - this.position) {
      throw this.malformed('it ends in the middle of a value')
    }
  }

  /** A string written by ByteWriter.utf8(). */
  utf8(): string {
    const bytes = this.take(this.varint())
    try {
      return fatalUtf8.decode(bytes)
    } catch {
      throw this.malformed('a string is not valid UTF-8')
    }
  }

  /** A copy of bytes written by ByteWriter.lengthPrefixed(). */
  lengthPrefixed(): Uint8Array {
    return this.take(this.varint()).slice()
  }
}
