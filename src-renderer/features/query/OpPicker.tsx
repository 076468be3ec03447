import { useMemo, useState, type KeyboardEvent } from 'react'
import { type OpCatalog, type Pattern } from '../../../src-shared/query/pattern'
import { type PickerAnchor } from './pattern-edit'
import {
  optionKey,
  optionLabel,
  pickerOptions,
  searchOptions,
  type PickerOption,
} from './picker-options'

export interface OpPickerProps {
  readonly pattern: Pattern
  readonly catalog: OpCatalog
  readonly anchor: PickerAnchor
  /** Where it opens, in pixels inside the canvas. */
  readonly left: number
  readonly top: number
  readonly onPick: (option: PickerOption) => void
  readonly onClose: () => void
}

function anchorText(anchor: PickerAnchor): string {
  if (anchor === null) return 'Add an op'
  if (anchor.kind === 'variable') return `Feed ${anchor.variable} into…`
  if (anchor.kind === 'output') return `Feed ${anchor.output} into…`
  return `Compute ${anchor.input} with…`
}

/** The searchable op picker that opens where a wire was dropped (a listbox, keyboard first). */
export function OpPicker({ pattern, catalog, anchor, left, top, onPick, onClose }: OpPickerProps) {
  const [search, setSearch] = useState('')
  const [active, setActive] = useState(0)
  const all = useMemo(() => pickerOptions(pattern, catalog, anchor), [pattern, catalog, anchor])
  const shown = useMemo(() => searchOptions(all, search), [all, search])
  const current = Math.min(active, Math.max(shown.length - 1, 0))

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((current + step + shown.length) % Math.max(shown.length, 1))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const option = shown[current]
      if (option !== undefined) onPick(option)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onClose()
    }
  }

  const listId = 'query-op-picker-list'
  const activeOption = shown[current]
  return (
    <div
      className="query-picker nodrag nowheel"
      data-testid="op-picker"
      style={{ left, top }}
      role="dialog"
      aria-label={anchorText(anchor)}
      onKeyDown={onKeyDown}
    >
      <div className="query-picker-title">{anchorText(anchor)}</div>
      <input
        className="query-picker-search"
        data-testid="op-picker-search"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={
          activeOption === undefined ? undefined : `query-pick-${optionKey(activeOption)}`
        }
        aria-label="Search ops"
        placeholder="Search ops…"
        autoFocus
        spellCheck={false}
        value={search}
        onChange={(event) => {
          setSearch(event.target.value)
          setActive(0)
        }}
      />
      <ul className="query-picker-list" id={listId} role="listbox" aria-label="Ops">
        {shown.length === 0 && (
          <li className="query-picker-empty" role="presentation">
            {catalog.size === 0 ? 'No ops are stored yet: run some code first.' : 'No match.'}
          </li>
        )}
        {shown.map((option, index) => (
          <li
            key={optionKey(option)}
            id={`query-pick-${optionKey(option)}`}
            role="option"
            aria-selected={index === current}
            aria-label={optionLabel(option)}
            title={option.kind === 'op' ? `${option.op}${option.detail}` : undefined}
            className={index === current ? 'query-picker-option is-active' : 'query-picker-option'}
            onMouseMove={() => {
              if (index !== current) setActive(index)
            }}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onPick(option)}
          >
            <span className="query-picker-name">{optionLabel(option)}</span>
            {option.kind === 'op' && <span className="query-picker-detail">{option.detail}</span>}
          </li>
        ))}
      </ul>
    </div>
  )
}
