import { type WorkspaceInfo } from '../../../src-shared/host/contract'

/** Why the code cannot run right now, in words; null when it can. */
export function runBlockedReason(workspace: WorkspaceInfo | null): string | null {
  if (workspace === null) return 'Open a workspace to run its code.'
  if (workspace.codeDir === null) {
    return 'This is a storage folder without its code: open the project folder to run it.'
  }
  if (workspace.entry === null) {
    return 'No entry file: add main.ts, or memograph.json with an "entry".'
  }
  if (!workspace.trusted) return 'Trust this folder to run its code.'
  return null
}
