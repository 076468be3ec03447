import { type ByteWriter, varintSize, writeVarintAt } from '../bytes/byte-writer'
import { Tag } from './format'
import { stringIsWellFormed } from './intrinsics'

/** Strings up to this length have at most 3 × 42 = 126 UTF-8 bytes: a one-byte length. */
const SHORT_STRING = 42
const MAX_UINT64 = 0xffff_ffff_ffff_ffffn
const textEncoder = new TextEncoder()
const scratch = new DataView(new ArrayBuffer(8))

/** Integers in the int32 range as zigzag varints, everything else as a float64. */
export function writeNumber(writer: ByteWriter, value: number): void {
  if ((value | 0) === value && (value !== 0 || 1 / value > 0)) {
    writer.ensure(6)
    writer.buffer[writer.position++] = Tag.int
    writer.position = writeVarintAt(
      writer.buffer,
      writer.position,
      ((value << 1) ^ (value >> 31)) >>> 0,
    )
  } else {
    writer.byte(Tag.float)
    writer.float64(value)
  }
}

export function writeString(writer: ByteWriter, text: string): void {
  const length = text.length
  if (length > SHORT_STRING) return writeLongString(writer, text)
  writer.ensure(2 + 3 * length)
  const buffer = writer.buffer
  const start = writer.position
  let at = start + 2
  for (let index = 0; index < length; index++) {
    const unit = text.charCodeAt(index)
    if (unit < 0x80) {
      buffer[at++] = unit
    } else if (unit < 0x800) {
      buffer[at++] = 0xc0 | (unit >> 6)
      buffer[at++] = 0x80 | (unit & 0x3f)
    } else if (unit < 0xd800 || unit >= 0xe000) {
      buffer[at++] = 0xe0 | (unit >> 12)
      buffer[at++] = 0x80 | ((unit >> 6) & 0x3f)
      buffer[at++] = 0x80 | (unit & 0x3f)
    } else {
      const low = index + 1 < length ? text.charCodeAt(index + 1) : 0
      if (unit >= 0xdc00 || low < 0xdc00 || low >= 0xe000) return writeString16(writer, text)
      const codePoint = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)
      buffer[at++] = 0xf0 | (codePoint >> 18)
      buffer[at++] = 0x80 | ((codePoint >> 12) & 0x3f)
      buffer[at++] = 0x80 | ((codePoint >> 6) & 0x3f)
      buffer[at++] = 0x80 | (codePoint & 0x3f)
      index++
    }
  }
  buffer[start] = Tag.string
  buffer[start + 1] = at - start - 2
  writer.position = at
}

function writeLongString(writer: ByteWriter, text: string): void {
  if (!stringIsWellFormed.call(text)) return writeString16(writer, text)
  // UTF-8 needs at least one byte per code unit, so this is the smallest the length can take.
  const reserved = varintSize(text.length)
  writer.ensure(1 + 8 + 3 * text.length)
  const start = writer.position
  const bodyStart = start + 1 + reserved
  const { written } = textEncoder.encodeInto(text, writer.buffer.subarray(bodyStart))
  const lengthSize = varintSize(written)
  if (lengthSize !== reserved) {
    writer.buffer.copyWithin(start + 1 + lengthSize, bodyStart, bodyStart + written)
  }
  writer.buffer[start] = Tag.string
  writeVarintAt(writer.buffer, start + 1, written)
  writer.position = start + 1 + lengthSize + written
}

function writeString16(writer: ByteWriter, text: string): void {
  writer.byte(Tag.string16)
  writer.varint(text.length)
  writer.ensure(2 * text.length)
  const buffer = writer.buffer
  let at = writer.position
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index)
    buffer[at++] = unit & 0xff
    buffer[at++] = unit >> 8
  }
  writer.position = at
}

export function writeBigint(writer: ByteWriter, value: bigint): void {
  const negative = value < 0n
  const magnitude = negative ? -value : value
  writer.byte(negative ? Tag.bigintNegative : Tag.bigintPositive)
  if (magnitude <= MAX_UINT64) {
    scratch.setBigUint64(0, magnitude, true)
    const bytes = new Uint8Array(scratch.buffer)
    let length = 8
    while (length > 0 && bytes[length - 1] === 0) length--
    writer.varint(length)
    writer.bytesOf(bytes, 0, length)
    return
  }
  let hex = magnitude.toString(16)
  if (hex.length % 2 === 1) hex = `0${hex}`
  const length = hex.length / 2
  writer.varint(length)
  writer.ensure(length)
  for (let index = 0; index < length; index++) {
    const at = hex.length - 2 * (index + 1)
    writer.buffer[writer.position++] = parseInt(hex.slice(at, at + 2), 16)
  }
}
