import { stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { ERROR_CODES } from '../../src-shared/errors'
import { HostError } from './host-error'

/** The folder a project keeps its storage in, next to the user's scripts. */
export const PROJECT_STORAGE_FOLDER = '.memograph'

export interface WorkspaceLocation {
  /** What the user asked for, made absolute. */
  readonly path: string
  /** The storage directory to open: `path/.memograph` for a project folder, else `path`. */
  readonly storageDir: string
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

function expandHome(path: string): string {
  if (path === '~') return homedir()
  if (path.startsWith('~/')) return join(homedir(), path.slice(2))
  return path
}

/**
 * A workspace path is either a project folder holding `.memograph/` or a storage directory
 * itself. The folder must exist: opening a mistyped path from the UI should say so rather than
 * create an empty workspace there. Whether a directory really is storage is the engine's call.
 */
export async function resolveWorkspaceLocation(input: string): Promise<WorkspaceLocation> {
  const path = resolve(expandHome(input.trim()))
  let isFolder: boolean
  try {
    isFolder = (await stat(path)).isDirectory()
  } catch {
    throw new HostError(ERROR_CODES.hostBadRequest, `No folder at ${path}`, { path })
  }
  if (!isFolder) {
    throw new HostError(ERROR_CODES.hostBadRequest, `${path} is a file, not a folder`, { path })
  }
  const projectStorage = join(path, PROJECT_STORAGE_FOLDER)
  return { path, storageDir: (await isDirectory(projectStorage)) ? projectStorage : path }
}
