import { Buffer } from 'node:buffer'

/**
 * Teaches the encoder one class. `encode` maps an instance to data the encoder already handles
 * (it may use other codecs); the codec's name is written before that data, so it is part of the
 * cid and decoding finds the codec by name.
 */
export interface Codec<T = unknown, D = unknown> {
  /** Stable and unique: renaming a codec changes the cid of every value it encodes. */
  readonly name: string
  /** Matched by exact prototype: instances of subclasses need their own codec. */
  readonly class: abstract new (...args: never[]) => T
  encode(value: T): D
  decode(data: D): T
}

// Classes the encoder handles itself: a codec for one would silently change what they mean.
const NATIVE_CLASSES: ReadonlySet<unknown> = new Set<unknown>([
  Object,
  Array,
  Map,
  Set,
  Date,
  ArrayBuffer,
  SharedArrayBuffer,
  DataView,
  Buffer,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  (globalThis as Record<string, unknown>)['Float16Array'],
])

export class CodecRegistry {
  private readonly byName = new Map<string, Codec>()
  private readonly byPrototype = new Map<object, Codec>()

  /**
   * Adds a codec. Registering the very same codec object again is a no-op (modules can be
   * evaluated twice, e.g. by a test runner); a different codec with a taken name or class is a
   * TypeError, because two meanings for one name would make stored values ambiguous.
   */
  register(codec: Codec): void {
    const { name } = codec
    const codecClass: unknown = codec.class
    if (typeof name !== 'string' || name === '') {
      throw new TypeError('a codec needs a non-empty string name')
    }
    if (typeof codecClass !== 'function') {
      throw new TypeError(`codec '${name}': class must be a class (constructor function)`)
    }
    const prototype: unknown = (codecClass as { prototype?: unknown }).prototype
    if (typeof prototype !== 'object' || prototype === null) {
      throw new TypeError(`codec '${name}': class has no prototype object`)
    }
    if (NATIVE_CLASSES.has(codecClass)) {
      throw new TypeError(
        `codec '${name}': ${(codecClass as { name: string }).name} values are encoded natively and cannot have a codec`,
      )
    }
    const sameName = this.byName.get(name)
    const sameClass = this.byPrototype.get(prototype)
    if (sameName === codec && sameClass === codec) return
    if (sameName !== undefined) {
      throw new TypeError(`a codec named '${name}' is already registered`)
    }
    if (sameClass !== undefined) {
      throw new TypeError(
        `class ${(codecClass as { name: string }).name} already has a codec ('${sameClass.name}'); cannot also register '${name}'`,
      )
    }
    this.byName.set(name, codec)
    this.byPrototype.set(prototype, codec)
  }

  /** The codec registered under `name`, if any. */
  get(name: string): Codec | undefined {
    return this.byName.get(name)
  }

  /** The codec whose class has exactly this prototype, if any. */
  forPrototype(prototype: object | null): Codec | undefined {
    return prototype === null ? undefined : this.byPrototype.get(prototype)
  }
}

export const defaultCodecs = new CodecRegistry()

export function registerCodec<T, D>(codec: Codec<T, D>): void {
  defaultCodecs.register(codec)
}
