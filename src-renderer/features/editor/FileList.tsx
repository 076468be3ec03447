import { ErrorMessage } from '../../app/ErrorMessage'
import { useEditorStore } from './editor-store'
import { fileListEntries } from './workspace-files'

/** The project's files; the open one is marked, unsaved ones carry a dot and the word. */
export function FileList({
  onOpen,
  onRefresh,
}: {
  onOpen: (path: string) => void
  onRefresh: () => void
}) {
  const files = useEditorStore((state) => state.files)
  const status = useEditorStore((state) => state.filesStatus)
  const error = useEditorStore((state) => state.filesError)
  const activePath = useEditorStore((state) => state.activePath)
  const dirty = useEditorStore((state) => state.dirty)
  const entries = fileListEntries(files)

  return (
    <nav className="editor-files" aria-label="Project files">
      <div className="editor-files-header">
        <h2 className="editor-section-title">Files</h2>
        <button
          type="button"
          className="editor-icon-button"
          onClick={onRefresh}
          aria-label="Reload the file list"
          title="Reload the file list"
        >
          <span aria-hidden="true">↻</span>
        </button>
      </div>
      {error !== null && <ErrorMessage error={error} context="Could not list the files" />}
      {status === 'loading' && entries.length === 0 && <p className="panel-note">Loading files…</p>}
      {status === 'loaded' && entries.length === 0 && (
        <p className="panel-note">No source files in the project folder.</p>
      )}
      <ul className="editor-file-list" data-testid="file-tree">
        {entries.map((entry) => {
          const isActive = entry.path === activePath
          const isDirty = dirty[entry.path] === true
          return (
            <li key={entry.path}>
              <button
                type="button"
                className="editor-file-item"
                data-testid={`file-item-${entry.path}`}
                aria-current={isActive ? 'page' : undefined}
                disabled={!entry.editable}
                title={entry.editable ? entry.path : `${entry.path} is too large to edit here`}
                onClick={() => onOpen(entry.path)}
              >
                <span className="editor-file-path">
                  {entry.folder !== '' && (
                    <span className="editor-file-folder">{entry.folder}</span>
                  )}
                  <span className="editor-file-name">{entry.name}</span>
                </span>
                {isDirty && (
                  <span className="editor-dirty-mark" title="Unsaved changes">
                    <span aria-hidden="true">●</span>
                    <span className="visually-hidden"> (unsaved)</span>
                  </span>
                )}
              </button>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
