import { type ValueRef } from '../../../src-shared/model/values'
import { useAppStore } from '../../app/store-context'
import './values.css'

/** Opens the query view on the pattern of every computation shaped like this value's history. */
export function FindSimilarButton({ hid, label }: { hid: string; label: string }) {
  const similarRequested = useAppStore((state) => state.similarRequested)
  const name = `Find computations similar to ${label}`
  return (
    <button
      type="button"
      className="find-similar"
      aria-label={name}
      title={name}
      onClick={() => similarRequested(hid)}
    >
      <span aria-hidden="true">≈</span> Similar
    </button>
  )
}

/** A value in one line: its summary, and "Find similar". */
export function ValueChip({ value }: { value: ValueRef }) {
  return (
    <span className="value-chip">
      <code className="value-chip-summary" title={value.summary}>
        {value.summary}
      </code>
      <FindSimilarButton hid={value.hid} label={value.summary} />
    </span>
  )
}
