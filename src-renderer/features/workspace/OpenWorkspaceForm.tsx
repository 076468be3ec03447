import { useState, type FormEvent } from 'react'
import { useAppStore } from '../../app/store-context'

/**
 * Path input + Open; Browse… only where the host can show a folder dialog (the desktop app).
 * `key` it by the open workspace so the input resets to the new path after each open.
 */
export function OpenWorkspaceForm({ initialPath }: { initialPath: string }) {
  const [path, setPath] = useState(initialPath)
  const opening = useAppStore((state) => state.workspaceStatus === 'opening')
  const canPickWorkspace = useAppStore((state) => state.hostDescription?.canPickWorkspace === true)
  const workspaceOpenRequested = useAppStore((state) => state.workspaceOpenRequested)
  const workspaceBrowseRequested = useAppStore((state) => state.workspaceBrowseRequested)

  function submitted(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault()
    if (path.trim() !== '') void workspaceOpenRequested(path.trim())
  }

  return (
    <form className="open-workspace" aria-label="Open workspace" onSubmit={submitted}>
      <label className="visually-hidden" htmlFor="workspace-path-input">
        Workspace folder
      </label>
      <input
        id="workspace-path-input"
        className="open-workspace-input"
        type="text"
        placeholder="/path/to/project or storage folder"
        spellCheck={false}
        autoComplete="off"
        value={path}
        onChange={(event) => setPath(event.target.value)}
      />
      <button type="submit" disabled={opening || path.trim() === ''}>
        {opening ? 'Opening…' : 'Open'}
      </button>
      {canPickWorkspace && (
        <button type="button" disabled={opening} onClick={() => void workspaceBrowseRequested()}>
          Browse…
        </button>
      )}
    </form>
  )
}
