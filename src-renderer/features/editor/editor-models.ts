/**
 * The Monaco models of the open files. They outlive the editor widget (switching views unmounts
 * it), so each file keeps its text, undo history and dirty state until the workspace changes.
 */
// Types only: the code of monaco-editor stays in its lazy chunk (app/LazyMonaco).
import type * as MonacoApi from 'monaco-editor'
import { type RunErrorMarker } from './run-error'

export type MonacoNamespace = typeof MonacoApi
export type CodeEditorInstance = MonacoApi.editor.IStandaloneCodeEditor
export type TextModel = MonacoApi.editor.ITextModel

interface OpenModel {
  readonly model: TextModel
  /** The model's alternative version id when it last matched the file on disk. */
  savedVersion: number
}

const RUN_MARKER_OWNER = 'memograph-run'
const openModels = new Map<string, OpenModel>()
/** Cursor, selection and scroll per open file, kept across file switches and view switches. */
const viewStates = new Map<string, MonacoApi.editor.ICodeEditorViewState>()
// Model URIs carry the workspace generation, so a file of the next workspace with the same
// path never reuses this one's model or view state.
let generation = 1
let monacoInstance: MonacoNamespace | null = null

export function modelPath(path: string): string {
  return `file:///workspace-${generation}/${path}`
}

export function monacoLoaded(monaco: MonacoNamespace): void {
  monacoInstance = monaco
}

/** Called once the editor shows `path`: its model becomes one of the open files. */
export function modelShown(path: string, model: TextModel): void {
  if (!openModels.has(path))
    openModels.set(path, { model, savedVersion: model.getAlternativeVersionId() })
}

export function isModelOpen(path: string): boolean {
  return openModels.has(path)
}

export function isDirty(path: string): boolean {
  const open = openModels.get(path)
  return open !== undefined && open.model.getAlternativeVersionId() !== open.savedVersion
}

export function dirtyPaths(): readonly string[] {
  return [...openModels.keys()].filter(isDirty)
}

/** The text to save and the version it is, so edits made while saving stay dirty. */
export function textToSave(
  path: string,
): { readonly text: string; readonly version: number } | null {
  const open = openModels.get(path)
  if (open === undefined) return null
  return { text: open.model.getValue(), version: open.model.getAlternativeVersionId() }
}

export function modelSaved(path: string, version: number): void {
  const open = openModels.get(path)
  if (open !== undefined) open.savedVersion = version
}

/** Marks the run error in its file's model and clears it everywhere else. */
export function showRunMarker(marker: RunErrorMarker | null): void {
  const monaco = monacoInstance
  if (monaco === null) return
  for (const [path, { model }] of openModels) {
    const markers =
      marker !== null && marker.file === path
        ? [
            {
              severity: monaco.MarkerSeverity.Error,
              message: marker.message,
              source: 'run',
              startLineNumber: marker.line,
              startColumn: marker.column,
              endLineNumber: marker.line,
              endColumn: Math.max(
                marker.column + 1,
                model.getLineMaxColumn(Math.min(marker.line, model.getLineCount())),
              ),
            },
          ]
        : []
    monaco.editor.setModelMarkers(model, RUN_MARKER_OWNER, markers)
  }
}

export function viewStateSaved(path: string, editor: CodeEditorInstance): void {
  const state = editor.getModel() === null ? null : editor.saveViewState()
  if (state !== null) viewStates.set(path, state)
}

export function viewStateRestored(path: string, editor: CodeEditorInstance): void {
  const state = viewStates.get(path)
  if (state !== undefined) editor.restoreViewState(state)
}

/** The workspace changed: its files' models go, and the next ones get fresh URIs. */
export function closeAllModels(): void {
  for (const { model } of openModels.values()) model.dispose()
  openModels.clear()
  viewStates.clear()
  generation++
}
