import { useMemo } from 'react'
import { type OpVersionInfo } from '../../../src-shared/model/versions'
import { type SavedQuery } from '../../../src-shared/query/results'
import { useAppStore } from '../../app/store-context'

/** The host requests the palette and the header make (besides the app slices' actions). */
export interface ShellHostCalls {
  readonly listOpNames: () => Promise<readonly string[]>
  readonly listVersions: (op: string) => Promise<readonly OpVersionInfo[]>
  readonly listSavedQueries: () => Promise<readonly SavedQuery[]>
  readonly listRecentWorkspaces: () => Promise<readonly string[]>
}

export function useShellHostCalls(): ShellHostCalls {
  const listOpNames = useAppStore((state) => state.listOpNames)
  const listVersions = useAppStore((state) => state.listVersions)
  const listSavedQueries = useAppStore((state) => state.listSavedQueries)
  const listRecentWorkspaces = useAppStore((state) => state.listRecentWorkspaces)
  return useMemo(
    () => ({ listOpNames, listVersions, listSavedQueries, listRecentWorkspaces }),
    [listOpNames, listVersions, listSavedQueries, listRecentWorkspaces],
  )
}
