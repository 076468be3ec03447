/**
 * One desktop instance per workspace. Electron's single-instance lock (a Chromium
 * ProcessSingleton) belongs to the userData folder: two processes with the same userData share
 * one lock, processes with different userData folders never see each other. So before asking
 * for the lock, each process moves its userData into a folder named after its workspace:
 *   - a second launch for the same workspace finds the lock taken; the running instance gets
 *     'second-instance' (it focuses its window) and the new process quits;
 *   - a launch for another workspace takes a different lock and runs as its own instance.
 * The alternative, one global lock plus a comparison in 'second-instance', cannot let the
 * second process go on when the workspaces differ: once refused, it must quit.
 * Per-workspace userData also gives each workspace its own window state (theme, zoom), and
 * it keeps Chromium from sharing one profile between two live processes.
 */
import { createHash } from 'node:crypto'
import { existsSync, realpathSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PROJECT_STORAGE_FOLDER } from '../host/workspace-location'

/** The key of launches without a workspace (they share one instance). */
export const NO_WORKSPACE_KEY = 'no-workspace'

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function canonical(path: string): string {
  try {
    // The native form also settles letter case on macOS and Windows, and resolves symlinks.
    return realpathSync.native(path)
  } catch {
    return path
  }
}

/**
 * The storage a workspace path opens, canonical: `<project>` and `<project>/.memograph` are
 * the same workspace, as are two spellings of one folder (symlinks, `..`, trailing slashes).
 */
export function workspaceStorageIdentity(path: string, cwd: string = process.cwd()): string {
  const absolute = resolve(cwd, path)
  const projectStorage = join(absolute, PROJECT_STORAGE_FOLDER)
  const storage = isDirectory(projectStorage) ? projectStorage : absolute
  const identity = canonical(storage)
  // Case-insensitive file systems (the defaults on macOS and Windows) name one folder many ways.
  return process.platform === 'win32' || process.platform === 'darwin'
    ? identity.toLowerCase()
    : identity
}

/** A short, file-name-safe key for a workspace (NO_WORKSPACE_KEY without one). */
export function workspaceInstanceKey(path: string | undefined, cwd?: string): string {
  if (path === undefined || path.trim() === '') return NO_WORKSPACE_KEY
  const identity = workspaceStorageIdentity(path, cwd)
  return createHash('sha256').update(identity).digest('hex').slice(0, 20)
}

/** Where an instance keeps its Chromium profile: under the default userData, per workspace. */
export function instanceUserDataDir(defaultUserData: string, key: string): string {
  return join(defaultUserData, 'workspaces', key)
}

/** What a second launch passes to the running instance (plain JSON, via the lock). */
export interface SecondLaunchRequest {
  /** The workspace it was launched for, absolute; null when none was given. */
  readonly workspace: string | null
}

export function isSecondLaunchRequest(data: unknown): data is SecondLaunchRequest {
  if (typeof data !== 'object' || data === null) return false
  const workspace = (data as { workspace?: unknown }).workspace
  return workspace === null || typeof workspace === 'string'
}

/** True when the launch asked for the workspace this instance shows (or for none in particular). */
export function launchWantsOpenWorkspace(
  request: SecondLaunchRequest,
  openWorkspace: string | null,
): boolean {
  if (request.workspace === null) return true
  if (openWorkspace === null || !existsSync(request.workspace)) return false
  return workspaceInstanceKey(request.workspace) === workspaceInstanceKey(openWorkspace)
}
