/**
 * Monaco, loaded from the bundled package (never a CDN: the app works offline), with its
 * workers built by Vite. Every editor in the app goes through @monaco-editor/react, which gets
 * this instance from `loader.config`. Import this module once, before the first editor mounts.
 */
import { loader } from '@monaco-editor/react'
import * as monaco from 'monaco-editor'
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker'
import TypeScriptWorker from 'monaco-editor/language/typescript/ts.worker.js?worker'
import JsonWorker from 'monaco-editor/language/json/json.worker.js?worker'

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'typescript' || label === 'javascript') return new TypeScriptWorker()
    if (label === 'json') return new JsonWorker()
    return new EditorWorker()
  },
}

// Workspace code imports `memograph` and relative modules the editor's TypeScript service
// cannot see; semantic errors would be noise. Syntax errors still show, and compile and
// runtime errors from runs arrive as markers.
const typescriptDefaults = monaco.typescript.typescriptDefaults
typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false })
typescriptDefaults.setCompilerOptions({
  target: monaco.typescript.ScriptTarget.ES2020,
  module: monaco.typescript.ModuleKind.ESNext,
  allowNonTsExtensions: true,
  strict: true,
})

loader.config({ monaco })

export { monaco }
