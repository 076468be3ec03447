import { type ErrorData } from '../../src-shared/errors'
import { type HostDescription, type WorkspaceInfo } from '../../src-shared/host/contract'
import { type SavedQuery } from '../../src-shared/query/results'
import { errorDataOf } from '../api/client'
import { type SliceCreator } from './app-store'

export type WorkspaceStatus = 'starting' | 'ready' | 'opening'

export interface WorkspaceSlice {
  readonly workspace: WorkspaceInfo | null
  readonly hostDescription: HostDescription | null
  readonly workspaceStatus: WorkspaceStatus
  /** The last failure to start or open; cleared by the next success. */
  readonly workspaceError: ErrorData | null
  /** The page loaded: learn what the host offers and which workspace is open. */
  readonly appStarted: () => Promise<void>
  readonly workspaceOpenRequested: (path: string) => Promise<void>
  /** Browse…: the host shows a native folder dialog (desktop app only). */
  readonly workspaceBrowseRequested: () => Promise<void>
  /** A workspace is open, whether this page asked for it or the host pushed it. */
  readonly workspaceChanged: (workspace: WorkspaceInfo) => void
  readonly workspaceFailed: (error: ErrorData) => void
  /** Workspaces opened before, newest first (for the open form and the palette). */
  readonly listRecentWorkspaces: () => Promise<readonly string[]>
  /** The open workspace's saved queries (for the palette). */
  readonly listSavedQueries: () => Promise<readonly SavedQuery[]>
}

export const createWorkspaceSlice: SliceCreator<WorkspaceSlice> = (host) => (set, get) => {
  async function opening(open: () => Promise<WorkspaceInfo | null>): Promise<void> {
    set({ workspaceStatus: 'opening', workspaceError: null })
    try {
      const workspace = await open()
      if (workspace !== null) get().workspaceChanged(workspace)
      set({ workspaceStatus: 'ready' })
    } catch (error) {
      get().workspaceFailed(errorDataOf(error))
    }
  }

  return {
    workspace: null,
    hostDescription: null,
    workspaceStatus: 'starting',
    workspaceError: null,
    async appStarted() {
      try {
        const [hostDescription, workspace] = await Promise.all([
          host.call('host.describe', {}),
          host.call('workspace.current', {}),
        ])
        set({ hostDescription, workspaceStatus: 'ready' })
        if (workspace !== null) get().workspaceChanged(workspace)
      } catch (error) {
        get().workspaceFailed(errorDataOf(error))
      }
    },
    workspaceOpenRequested(path) {
      return opening(() => host.call('workspace.open', { path }))
    },
    workspaceBrowseRequested() {
      return opening(() => host.call('workspace.pick', {}))
    },
    workspaceChanged(workspace) {
      const previous = get().workspace
      set({ workspace, workspaceError: null })
      // The host pushes onDidChangeWorkspace and also answers the open request; load once.
      if (previous?.storageDir !== workspace.storageDir) {
        get().runsCleared()
        get().runSelected(null)
        set({ runGraphs: {} })
        void get().runsRequested()
        void get().codeStatusRequested()
      }
      // Trust or code may have changed: what the code would ask about may differ too.
      void get().proposalsRequested()
    },
    workspaceFailed(error) {
      set({ workspaceStatus: 'ready', workspaceError: error })
    },
    listRecentWorkspaces: () => host.call('workspace.recent', {}),
    listSavedQueries: () => host.call('queries.list', {}),
  }
}
