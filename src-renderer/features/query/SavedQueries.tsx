import { useState, type FormEvent } from 'react'
import { ErrorMessage } from '../../app/ErrorMessage'
import { useQueryStore } from './query-store'

function savedAtText(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** Named queries of the workspace: save the current code, load or delete one. */
export function SavedQueries() {
  const saved = useQueryStore((state) => state.saved)
  const savedError = useQueryStore((state) => state.savedError)
  const saveRequested = useQueryStore((state) => state.saveRequested)
  const deleteRequested = useQueryStore((state) => state.deleteRequested)
  const codeLoaded = useQueryStore((state) => state.codeLoaded)
  const [name, setName] = useState('')

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (trimmed === '') return
    void saveRequested(trimmed).then(() => setName(''))
  }

  const sorted = [...saved].sort((a, b) => a.name.localeCompare(b.name))
  return (
    <section className="query-saved" aria-label="Saved queries">
      <h3 className="query-side-title">Saved queries</h3>
      <form className="query-saved-form" onSubmit={onSubmit}>
        <input
          className="query-text-input"
          aria-label="Query name"
          placeholder="Name this query"
          value={name}
          onChange={(event) => setName(event.target.value)}
          data-testid="query-save-name"
        />
        <button type="submit" disabled={name.trim() === ''} data-testid="query-save">
          Save
        </button>
      </form>
      {savedError !== null && <ErrorMessage error={savedError} context="Saved queries" />}
      {sorted.length === 0 ? (
        <p className="query-pane-note">No saved queries yet.</p>
      ) : (
        <ul className="query-saved-list">
          {sorted.map((query) => (
            <li key={query.name} className="query-saved-item">
              <span className="query-saved-name" title={query.code}>
                {query.name}
              </span>
              <span className="query-pane-note query-saved-when">{savedAtText(query.savedAt)}</span>
              <button
                type="button"
                className="query-mini-button"
                onClick={() => void codeLoaded(query.code)}
                aria-label={`Load ${query.name}`}
              >
                Load
              </button>
              <button
                type="button"
                className="query-mini-button"
                onClick={() => void deleteRequested(query.name)}
                aria-label={`Delete ${query.name}`}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
