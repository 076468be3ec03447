/**
 * The app's Monaco editors. Monaco is several megabytes, so it loads on first use (a chunk of
 * its own) instead of delaying the first paint. Props are @monaco-editor/react's; `onMount`
 * receives the editor and the `monaco` namespace (markers, models, themes).
 */
import { type DiffEditorProps, type EditorProps } from '@monaco-editor/react'
import { lazy, Suspense } from 'react'
import { useAppStore } from './store-context'

const LoadedEditor = lazy(() =>
  import('./monaco-editors').then((module) => ({ default: module.Editor })),
)
const LoadedDiffEditor = lazy(() =>
  import('./monaco-editors').then((module) => ({ default: module.DiffEditor })),
)

function Loading() {
  return (
    <div className="monaco-loading" role="status">
      Loading editor…
    </div>
  )
}

function useMonacoTheme(): string {
  return useAppStore((state) => (state.theme === 'dark' ? 'vs-dark' : 'vs'))
}

export function CodeEditor(props: EditorProps) {
  const theme = useMonacoTheme()
  return (
    <Suspense fallback={<Loading />}>
      <LoadedEditor theme={theme} loading={<Loading />} {...props} />
    </Suspense>
  )
}

export function CodeDiffEditor(props: DiffEditorProps) {
  const theme = useMonacoTheme()
  return (
    <Suspense fallback={<Loading />}>
      <LoadedDiffEditor theme={theme} loading={<Loading />} {...props} />
    </Suspense>
  )
}
