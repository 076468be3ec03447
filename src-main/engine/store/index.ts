export {
  BlobStore,
  type CommitStats,
  type LockHolder,
  type OpenWorkspaceOptions,
  type RunResult,
  type SqlParams,
  type SqlValue,
  type WorkspaceStats,
  WorkspaceStore,
} from './workspace-store'
export { type CheckpointPolicy } from './workspace-files'
