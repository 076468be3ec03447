/** The host: one transport-agnostic implementation of the contract in src-shared/host. */
export { createHost, type Host, type HostOptions } from './host'
export { HostError, toErrorData } from './host-error'
export { resolveWorkspaceLocation, PROJECT_STORAGE_FOLDER } from './workspace-location'
