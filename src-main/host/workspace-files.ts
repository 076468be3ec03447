/**
 * The project folder's files as the editor sees them: listed, read and saved, never outside
 * the folder (no absolute paths, no `..`, no symlink that leads out).
 */
import { randomUUID } from 'node:crypto'
import { mkdir, open, readdir, readFile, realpath, rename, rm, stat } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, sep } from 'node:path'
import { ERROR_CODES } from '../../src-shared/errors'
import {
  MAX_EDITABLE_FILE_BYTES,
  type FileText,
  type WorkspaceFile,
} from '../../src-shared/host/contract'
import { HostError } from './host-error'
import { PROJECT_STORAGE_FOLDER } from './workspace-location'

/** The files the editor offers: code, data and notes. */
export const SOURCE_FILE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.json', '.md']
/** Dependencies and storage, never the user's own code. */
const SKIPPED_FOLDERS = new Set(['node_modules', PROJECT_STORAGE_FOLDER])
/** A folder tree this deep is a symlink loop or generated output, not a project. */
const MAX_LIST_DEPTH = 32
const MAX_LISTED_FILES = 20_000

function isSourceFile(name: string): boolean {
  return SOURCE_FILE_EXTENSIONS.some((extension) => name.endsWith(extension))
}

export async function listWorkspaceFiles(codeDir: string): Promise<WorkspaceFile[]> {
  const files: WorkspaceFile[] = []
  const visit = async (folder: string, depth: number): Promise<void> => {
    if (depth > MAX_LIST_DEPTH || files.length >= MAX_LISTED_FILES) return
    const entries = await readdir(join(codeDir, folder), { withFileTypes: true })
    for (const entry of entries) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`
      // Symlinked folders are not followed: they may lead anywhere (and loop).
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue
        await visit(path, depth + 1)
      } else if (entry.isFile() && isSourceFile(entry.name)) {
        const { size } = await stat(join(codeDir, path))
        files.push({ path, size })
      }
    }
  }
  await visit('', 0)
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function invalidPath(path: string, why: string): HostError {
  return new HostError(ERROR_CODES.fileInvalidPath, `Cannot use \`${path}\`: ${why}`, { path })
}

function isInside(folder: string, target: string): boolean {
  const fromFolder = relative(folder, target)
  return (
    fromFolder !== '' &&
    fromFolder !== '..' &&
    !fromFolder.startsWith(`..${sep}`) &&
    !isAbsolute(fromFolder)
  )
}

/** The absolute path of a project-relative path, or file.invalidPath when it leaves the folder. */
function lexicalPath(codeDir: string, path: string): string {
  if (path.includes('\0') || isAbsolute(path) || /^[A-Za-z]:/.test(path)) {
    throw invalidPath(path, 'it must be relative to the project folder')
  }
  const segments = path.split(/[\\/]/)
  if (segments.includes('..')) throw invalidPath(path, '`..` is not allowed')
  // The editor must never touch the stored calls: a stray save there would corrupt them.
  if (segments.includes(PROJECT_STORAGE_FOLDER)) {
    throw invalidPath(path, `\`${PROJECT_STORAGE_FOLDER}\` holds the workspace storage, not code`)
  }
  const absolute = join(codeDir, ...segments.filter((segment) => segment !== ''))
  if (!isInside(codeDir, absolute)) throw invalidPath(path, 'it is not a file of the project')
  return absolute
}

/** The real path of `absolute` (or of its nearest existing ancestor) must stay inside codeDir. */
async function assertRealPathInside(codeDir: string, path: string, absolute: string) {
  const realRoot = await realpath(codeDir)
  let probe = absolute
  for (;;) {
    try {
      const real = await realpath(probe)
      if (real !== realRoot && !isInside(realRoot, real)) {
        throw invalidPath(path, 'it leads outside the project folder (through a symbolic link)')
      }
      return
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error
      const parent = dirname(probe)
      if (parent === probe) return
      probe = parent
    }
  }
}

async function resolveFile(codeDir: string, path: string): Promise<string> {
  const absolute = lexicalPath(codeDir, path)
  await assertRealPathInside(codeDir, path, absolute)
  return absolute
}

function notFound(path: string): HostError {
  return new HostError(ERROR_CODES.fileNotFound, `There is no file \`${path}\` in the project`, {
    path,
  })
}

function tooLarge(path: string, size: number): HostError {
  return new HostError(
    ERROR_CODES.fileTooLarge,
    `\`${path}\` is ${size} bytes, more than the editor opens (${MAX_EDITABLE_FILE_BYTES})`,
    { path, size, limit: MAX_EDITABLE_FILE_BYTES },
  )
}

export async function readWorkspaceFile(codeDir: string, path: string): Promise<FileText> {
  const absolute = await resolveFile(codeDir, path)
  let info
  try {
    info = await stat(absolute)
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') throw notFound(path)
    throw error
  }
  if (info.isDirectory()) throw invalidPath(path, 'it is a folder, not a file')
  if (!info.isFile()) throw invalidPath(path, 'it is not a regular file')
  if (info.size > MAX_EDITABLE_FILE_BYTES) throw tooLarge(path, info.size)
  return { path, text: await readFile(absolute, 'utf8') }
}

export async function writeWorkspaceFile(
  codeDir: string,
  path: string,
  text: string,
): Promise<WorkspaceFile> {
  const absolute = await resolveFile(codeDir, path)
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.length > MAX_EDITABLE_FILE_BYTES) throw tooLarge(path, bytes.length)
  // A saved file keeps its permissions; a new one gets the usual ones.
  let mode = 0o644
  try {
    const existing = await stat(absolute)
    if (existing.isDirectory()) throw invalidPath(path, 'it is a folder, not a file')
    mode = existing.mode & 0o777
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error
  }
  await mkdir(dirname(absolute), { recursive: true })
  // The folder may have been created through a symlink we just followed: check again.
  await assertRealPathInside(codeDir, path, absolute)
  // A symlinked file is written where it points (inside the project, checked above).
  const target = await realpath(absolute).catch(() => absolute)
  const temporary = join(dirname(target), `.${randomUUID()}.memograph-save.tmp`)
  try {
    const handle = await open(temporary, 'w', mode)
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  return {
    path: path
      .split(/[\\/]/)
      .filter((segment) => segment !== '')
      .join('/'),
    size: bytes.length,
  }
}
