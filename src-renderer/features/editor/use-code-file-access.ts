import { useMemo } from 'react'
import { useAppStore } from '../../app/store-context'
import { type CodeFileAccess } from './editor-actions'

export function useCodeFileAccess(): CodeFileAccess {
  const listCodeFiles = useAppStore((state) => state.listCodeFiles)
  const readCodeFile = useAppStore((state) => state.readCodeFile)
  const writeCodeFile = useAppStore((state) => state.writeCodeFile)
  return useMemo(
    () => ({ listCodeFiles, readCodeFile, writeCodeFile }),
    [listCodeFiles, readCodeFile, writeCodeFile],
  )
}
