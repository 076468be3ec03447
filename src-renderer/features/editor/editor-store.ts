import { create } from 'zustand'
import { type ErrorData } from '../../../src-shared/errors'
import { type WorkspaceFile } from '../../../src-shared/host/contract'

export type FilesStatus = 'idle' | 'loading' | 'loaded' | 'failed'

/** The workspace view's own state; the texts themselves live in Monaco models (editor-models). */
export interface EditorState {
  /** The storage directory the state belongs to; another workspace resets it. */
  readonly workspaceKey: string | null
  readonly files: readonly WorkspaceFile[]
  readonly filesStatus: FilesStatus
  readonly filesError: ErrorData | null
  /** The file the editor shows. */
  readonly activePath: string | null
  /** Text read from disk for files whose model is not created yet. */
  readonly loadedTexts: Readonly<Record<string, string>>
  readonly dirty: Readonly<Record<string, boolean>>
  readonly saving: boolean
  /** A failure to read or save a file. */
  readonly fileError: { readonly context: string; readonly error: ErrorData } | null
  /** The run result whose error location was last opened, so it opens only once. */
  readonly revealedResult: object | null
  /** Asks the editor to move the cursor there (a click on an error's location). */
  readonly reveal: { readonly path: string; readonly line: number; readonly column: number } | null
}

export const useEditorStore = create<EditorState>()(() => ({
  workspaceKey: null,
  files: [],
  filesStatus: 'idle',
  filesError: null,
  activePath: null,
  loadedTexts: {},
  dirty: {},
  saving: false,
  fileError: null,
  revealedResult: null,
  reveal: null,
}))

export function setDirty(path: string, dirty: boolean): void {
  const current = useEditorStore.getState().dirty
  if ((current[path] ?? false) === dirty) return
  useEditorStore.setState({ dirty: { ...current, [path]: dirty } })
}
