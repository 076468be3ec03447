import { memo } from 'react'
import { splitByRanges, type PaletteCategory, type PaletteMatch } from './palette-search'

/** A shape per category, so the list is scannable without relying on colour. */
const CATEGORY_GLYPHS: Readonly<Record<PaletteCategory, string>> = {
  command: '›',
  op: 'ƒ',
  run: '▶',
  version: '⎇',
  query: '⌕',
}

interface PaletteOptionProps {
  readonly id: string
  readonly match: PaletteMatch
  readonly active: boolean
  readonly onHover: () => void
  readonly onChoose: () => void
}

/** One result. The matched letters are <mark> around text nodes: never HTML from user strings. */
export const PaletteOption = memo(function PaletteOption({
  id,
  match,
  active,
  onHover,
  onChoose,
}: PaletteOptionProps) {
  const { item, ranges } = match
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      className="shell-palette-option"
      data-category={item.category}
      onMouseMove={active ? undefined : onHover}
      // Keep focus in the search field; the click chooses.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onChoose}
    >
      <span className="shell-palette-glyph" aria-hidden="true">
        {CATEGORY_GLYPHS[item.category]}
      </span>
      <span className="shell-palette-text">
        <span className="shell-palette-label">
          {splitByRanges(item.label, ranges).map((part, index) =>
            part.matched ? <mark key={index}>{part.text}</mark> : part.text,
          )}
        </span>
        {item.detail !== '' && <span className="shell-palette-detail">{item.detail}</span>}
      </span>
      {item.keys !== null && <kbd className="shell-palette-keys">{item.keys}</kbd>}
    </div>
  )
})
