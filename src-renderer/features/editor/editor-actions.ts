/**
 * What the workspace view does with files: list, open, save. Texts live in Monaco models
 * (editor-models), everything the UI shows in the editor store.
 */
import { type FileText, type WorkspaceFile } from '../../../src-shared/host/contract'
import { errorDataOf } from '../../api/client'
import {
  closeAllModels,
  dirtyPaths,
  isDirty,
  isModelOpen,
  modelSaved,
  textToSave,
} from './editor-models'
import { setDirty, useEditorStore } from './editor-store'
import { defaultOpenFile } from './workspace-files'

/** The host calls the view needs, from the app store's code-run slice. */
export interface CodeFileAccess {
  readonly listCodeFiles: () => Promise<readonly WorkspaceFile[]>
  readonly readCodeFile: (path: string) => Promise<FileText>
  readonly writeCodeFile: (path: string, text: string) => Promise<WorkspaceFile>
}

let latestOpen = 0

/** A different workspace is open: forget the previous one's files and models. */
export function workspaceSwitched(workspaceKey: string | null): void {
  if (useEditorStore.getState().workspaceKey === workspaceKey) return
  closeAllModels()
  useEditorStore.setState({
    workspaceKey,
    files: [],
    filesStatus: 'idle',
    filesError: null,
    activePath: null,
    loadedTexts: {},
    dirty: {},
    fileError: null,
    revealedResult: null,
    reveal: null,
  })
}

export async function loadFiles(access: CodeFileAccess, entry: string | null): Promise<void> {
  const workspaceKey = useEditorStore.getState().workspaceKey
  useEditorStore.setState({ filesStatus: 'loading', filesError: null })
  try {
    const files = await access.listCodeFiles()
    if (useEditorStore.getState().workspaceKey !== workspaceKey) return
    useEditorStore.setState({ files, filesStatus: 'loaded' })
    const first = defaultOpenFile(files, entry)
    if (useEditorStore.getState().activePath === null && first !== null) {
      await openFile(access, first)
    }
  } catch (error) {
    useEditorStore.setState({ filesStatus: 'failed', filesError: errorDataOf(error) })
  }
}

export async function openFile(access: CodeFileAccess, path: string): Promise<void> {
  const request = ++latestOpen
  const state = useEditorStore.getState()
  if (isModelOpen(path) || state.loadedTexts[path] !== undefined) {
    useEditorStore.setState({ activePath: path, fileError: null })
    return
  }
  try {
    const { text } = await access.readCodeFile(path)
    if (request !== latestOpen) return
    useEditorStore.setState({
      activePath: path,
      loadedTexts: { ...useEditorStore.getState().loadedTexts, [path]: text },
      fileError: null,
    })
  } catch (error) {
    if (request !== latestOpen) return
    useEditorStore.setState({
      fileError: { context: `Could not open ${path}`, error: errorDataOf(error) },
    })
  }
}

/** Saves one file when it has unsaved edits; false when saving failed. */
export async function saveFile(access: CodeFileAccess, path: string): Promise<boolean> {
  const toSave = textToSave(path)
  if (toSave === null || !isDirty(path)) return true
  useEditorStore.setState({ saving: true })
  try {
    await access.writeCodeFile(path, toSave.text)
    modelSaved(path, toSave.version)
    setDirty(path, isDirty(path))
    useEditorStore.setState({ fileError: null })
    return true
  } catch (error) {
    useEditorStore.setState({
      fileError: { context: `Could not save ${path}`, error: errorDataOf(error) },
    })
    return false
  } finally {
    useEditorStore.setState({ saving: false })
  }
}

/** Saves every file with unsaved edits (before a run); false when one could not be saved. */
export async function saveAllFiles(access: CodeFileAccess): Promise<boolean> {
  for (const path of dirtyPaths()) {
    if (!(await saveFile(access, path))) return false
  }
  return true
}
