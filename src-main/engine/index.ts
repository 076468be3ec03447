/**
 * Memograph's engine: persistent, content-addressed memoization. This file is the library's
 * only public surface (the package's main export); SPEC.md states the rules behind it.
 */
export { op, type Op, type TupleOp, type MaybeRef, type OpInfo } from './memo/op'
export { type OpOptions, type Behavior } from './memo/op-definition'
export { Storage, type StorageOptions } from './memo/storage'
export {
  type RunOptions,
  type RunProgress,
  type RunVersioning,
  type ProposalReply,
} from './memo/active-run'
// Versioning (SPEC D rules): the code state the runner provides, and what storage reports.
export {
  TRACKER_KEY,
  type CodeState,
  type TrackerHooks,
  type WorkspaceComponent,
} from './versioning/code-state'
export { type OpReference, type VersionDiff } from './versioning/version-history'
export type {
  ChangePolicy,
  ChangeProposal,
  ComponentRef,
  DecisionKind,
  DecisionRecord,
  DependencyRevision,
  OpVersionInfo,
  ProposalAnswer,
  SourceRevision,
} from '../../src-shared/model/versions'
export {
  type CallValue,
  type RunGraphData,
  type RunGraphCallData,
  type StoredCallRecord,
  type ValueBinding,
} from './memo/call-records'
export { type SketchItem, type SketchOptions, type ValueSketch } from './memo/value-sketches'
export { type DropCallsOptions, type DropSummary } from './memo/drop-calls'
export { type GcSummary } from './memo/garbage-collection'
export { type StorageStats } from './memo/storage-stats'
export { Ref, isRef, type Unwrapped } from './memo/ref'
export { unwrap } from './memo/unwrap'
export { registerCodec, CodecRegistry, type Codec } from './values'
export { EngineError } from './errors'
export { type ContentId, type HistoryId } from './ids'
export type { CheckpointPolicy, LockHolder } from './store'
export type {
  CallEvent,
  CallOutcome,
  CallReasonCode,
  RunRecord,
  RunStatus,
  RunSummary,
} from '../../src-shared/model/runs'
export { ERROR_CODES, type ErrorCode, type ErrorData } from '../../src-shared/errors'
// Queries (SPEC Q rules): storage.query(...) and what it returns.
export { QueryTable, type QueryCell, type QueryKey } from './query/query-table'
export { QueryVariable } from './query/query-variable'
export {
  type QueryBuilder,
  type QueryBuild,
  type QueryRef,
  type OpCallOptions,
  type NamedOpResult,
} from './query/query-builder'
export { type QueryOptions, type QuerySource } from './query/run-query'
// similar() and computation frames (SPEC Q6, Q7).
export {
  ComputationFrame,
  type ExpandOptions,
  type FrameOptions,
  type FrameSource,
} from './query/frame'
export { type SimilarOptions, type SimilarResult, type SimilarTarget } from './query/similar'
export type {
  FrameCallEdge,
  FrameEdge,
  FrameElementEdge,
  FrameGraph,
  FrameOpNode,
  FrameVariableNode,
} from '../../src-shared/query/frame'
