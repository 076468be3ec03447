/** Monaco's editors, configured; loaded lazily through LazyMonaco so the app starts fast. */
import { DiffEditor, Editor } from '@monaco-editor/react'
import './monaco-setup'

export { DiffEditor, Editor }
