import { type ErrorData } from '../../src-shared/errors'
import {
  MAX_RUN_OUTPUT_LINES,
  type CodeRunResult,
  type FileText,
  type RunOutput,
  type RunProgress,
  type WorkspaceFile,
} from '../../src-shared/host/contract'
import { errorDataOf } from '../api/client'
import { type SliceCreator } from './app-store'

export interface CodeRunSlice {
  readonly codeRunning: boolean
  /** Totals of the live run (or the last one once it ended); null before any call. */
  readonly codeProgress: RunProgress | null
  /** Console output of the live or last run, oldest first, at most MAX_RUN_OUTPUT_LINES chunks. */
  readonly codeOutput: readonly RunOutput[]
  readonly codeLastResult: CodeRunResult | null
  /** A failure to start or cancel (runner.untrusted, runner.busy, ...). */
  readonly codeRunError: ErrorData | null
  /** Asks the host for the current run state (on start and after reconnecting). */
  readonly codeStatusRequested: () => Promise<void>
  readonly codeRunRequested: (entry?: string) => Promise<void>
  readonly codeCancelRequested: () => Promise<void>
  readonly codeOutputReceived: (output: RunOutput) => void
  readonly codeProgressReceived: (progress: RunProgress) => void
  readonly codeRunFinished: (result: CodeRunResult) => void
  /** The user cleared the console; output that arrives later shows again. */
  readonly codeOutputCleared: () => void
  /** Trusts (or stops trusting) the project's code; the workspace updates from the answer. */
  readonly codeTrustRequested: (trusted: boolean) => Promise<void>
  /** The project's editable files (host `files.list`); throws HostCallError. */
  readonly listCodeFiles: () => Promise<readonly WorkspaceFile[]>
  readonly readCodeFile: (path: string) => Promise<FileText>
  readonly writeCodeFile: (path: string, text: string) => Promise<WorkspaceFile>
}

export const createCodeRunSlice: SliceCreator<CodeRunSlice> = (host) => (set, get) => ({
  codeRunning: false,
  codeProgress: null,
  codeOutput: [],
  codeLastResult: null,
  codeRunError: null,
  async codeStatusRequested() {
    try {
      const status = await host.call('code.status', {})
      set({
        codeRunning: status.running,
        codeProgress: status.progress,
        codeOutput: status.output,
        codeLastResult: status.lastResult,
      })
    } catch (error) {
      set({ codeRunError: errorDataOf(error) })
    }
  },
  async codeRunRequested(entry) {
    set({
      codeRunning: true,
      codeProgress: null,
      codeOutput: [],
      codeLastResult: null,
      codeRunError: null,
    })
    try {
      await host.call('code.run', entry === undefined ? {} : { entry })
    } catch (error) {
      set({ codeRunning: false, codeRunError: errorDataOf(error) })
    }
  },
  async codeCancelRequested() {
    try {
      await host.call('code.cancel', {})
    } catch (error) {
      set({ codeRunError: errorDataOf(error) })
    }
  },
  codeOutputReceived(output) {
    const lines = [...get().codeOutput, output]
    set({
      codeOutput: lines.length > MAX_RUN_OUTPUT_LINES ? lines.slice(-MAX_RUN_OUTPUT_LINES) : lines,
    })
  },
  codeProgressReceived(codeProgress) {
    set({ codeProgress })
  },
  codeRunFinished(result) {
    set({ codeRunning: false, codeLastResult: result })
    // The new run becomes the one the runs and graph views show.
    if (result.runId !== null) get().runSelected(result.runId)
  },
  codeOutputCleared() {
    set({ codeOutput: [] })
  },
  async codeTrustRequested(trusted) {
    try {
      get().workspaceChanged(await host.call('workspace.trust', { trusted }))
    } catch (error) {
      set({ codeRunError: errorDataOf(error) })
    }
  },
  listCodeFiles: () => host.call('files.list', {}),
  readCodeFile: (path) => host.call('files.read', { path }),
  writeCodeFile: (path, text) => host.call('files.write', { path, text }),
})
