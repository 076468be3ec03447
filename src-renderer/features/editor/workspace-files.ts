import { MAX_EDITABLE_FILE_BYTES, type WorkspaceFile } from '../../../src-shared/host/contract'

/** Monaco's language id for a project file, by extension. */
export function languageOf(path: string): string {
  const extension = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? ''
  if (['ts', 'tsx', 'mts', 'cts'].includes(extension)) return 'typescript'
  if (['js', 'jsx', 'mjs', 'cjs'].includes(extension)) return 'javascript'
  if (extension === 'json') return 'json'
  if (extension === 'md') return 'markdown'
  return 'plaintext'
}

export interface FileListEntry {
  readonly path: string
  /** The folder part with its trailing slash (`lib/`), empty at the top level. */
  readonly folder: string
  readonly name: string
  readonly editable: boolean
  readonly size: number
}

/** Files in folder order: a folder's files after its parent's, each level by name. */
export function fileListEntries(files: readonly WorkspaceFile[]): readonly FileListEntry[] {
  return files
    .map((file) => {
      const slash = file.path.lastIndexOf('/')
      return {
        path: file.path,
        folder: file.path.slice(0, slash + 1),
        name: file.path.slice(slash + 1),
        editable: file.size <= MAX_EDITABLE_FILE_BYTES,
        size: file.size,
      }
    })
    .sort((a, b) =>
      a.folder === b.folder ? a.name.localeCompare(b.name) : a.folder.localeCompare(b.folder),
    )
}

/** The file to open first: the entry when the project has one, else the first TypeScript file. */
export function defaultOpenFile(
  files: readonly WorkspaceFile[],
  entry: string | null,
): string | null {
  if (entry !== null && files.some((file) => file.path === entry)) return entry
  const entries = fileListEntries(files).filter((file) => file.editable)
  return (
    (entries.find((file) => languageOf(file.path) === 'typescript') ?? entries[0])?.path ?? null
  )
}
