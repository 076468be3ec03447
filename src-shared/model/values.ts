/**
 * Previews of stored values as the app shows them. The host builds them (bounded in size, so a
 * 50 MB array never crosses the wire whole) and the renderer draws them as text nodes only:
 * nothing in a preview is ever interpreted as HTML.
 */

/** A cell of a table preview or a leaf of a JSON preview. */
export type PreviewScalar = string | number | boolean | null

/** A JSON-like tree, cut at a depth and a number of entries (cut places say so in `more`). */
export type PreviewTree =
  | { readonly kind: 'leaf'; readonly value: PreviewScalar; readonly type: string }
  | {
      readonly kind: 'array'
      readonly items: readonly PreviewTree[]
      /** How many items there are in all (items may hold fewer). */
      readonly length: number
    }
  | {
      readonly kind: 'object'
      /** `Object`, `Map`, `Set` or a class name. */
      readonly type: string
      readonly entries: readonly (readonly [key: string, value: PreviewTree])[]
      readonly size: number
    }

export type ValuePreview =
  /** Numbers, booleans, null, undefined, bigints, dates and short strings. */
  | {
      readonly kind: 'scalar'
      readonly type: string
      readonly text: string
      /** The value as a number when it is one (for plots and sorting). */
      readonly number: number | null
    }
  /** A long string: the first MAX_PREVIEW_TEXT characters. */
  | { readonly kind: 'text'; readonly text: string; readonly length: number }
  /** An array (or typed array) of numbers: the first MAX_PREVIEW_NUMBERS of them. */
  | {
      readonly kind: 'numbers'
      readonly values: readonly number[]
      readonly length: number
      readonly min: number
      readonly max: number
    }
  /** Arrays of records, or Arrow-like objects of equal-length columns. */
  | {
      readonly kind: 'table'
      readonly columns: readonly string[]
      readonly rows: readonly (readonly PreviewScalar[])[]
      readonly rowCount: number
    }
  /** PNG bytes (recognized by their signature), base64-encoded. */
  | {
      readonly kind: 'image'
      readonly mime: 'image/png'
      readonly base64: string
      readonly bytes: number
    }
  | { readonly kind: 'json'; readonly tree: PreviewTree }
  /** The value could not be loaded (dropped, undecodable); says why. */
  | { readonly kind: 'unavailable'; readonly reason: string }

export const MAX_PREVIEW_TEXT = 4000
export const MAX_PREVIEW_NUMBERS = 2000
export const MAX_PREVIEW_ROWS = 200
export const MAX_PREVIEW_IMAGE_BYTES = 2_000_000

/** A stored value in a list or a table: ids plus a one-line summary, no full preview. */
export interface ValueRef {
  /** History id of the ref (what `find similar` and call lookups take). */
  readonly hid: string
  /** Content id: equal values have equal cids. */
  readonly cid: string
  /** One line, at most ~80 characters: `0.947`, `'abc…'`, `number[300]`, `{ feature, threshold, … }`. */
  readonly summary: string
  /** The value when it is a finite number (sorting, quick plots); else null. */
  readonly number: number | null
}

/** A value with its full (bounded) preview. */
export interface ValueDetails extends ValueRef {
  readonly type: string
  /** Encoded size in bytes. */
  readonly size: number
  readonly preview: ValuePreview
}
