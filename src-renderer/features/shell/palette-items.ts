/** The palette's entries, built from what the app knows (pure: the data comes in). */
import { type OpVersionInfo } from '../../../src-shared/model/versions'
import { type RunSummary } from '../../../src-shared/model/runs'
import { type SavedQuery } from '../../../src-shared/query/results'
import { VIEW_NAMES } from '../../store/navigation-slice'
import { type PaletteItem } from './palette-search'
import { formatKeyChord } from './shortcut-keys'
import { keysOfCommand, type ShellCommandId } from './shortcut-registry'

export interface PaletteSources {
  readonly isMac: boolean
  readonly workspaceOpen: boolean
  readonly trusted: boolean
  readonly canRunCode: boolean
  readonly codeRunning: boolean
  readonly theme: 'light' | 'dark'
  readonly runs: readonly RunSummary[]
  /** Names of the stored ops (host `query.catalog`). */
  readonly ops: readonly string[]
  /** Each op's versions, oldest first, once `versions.list` answered for it. */
  readonly versions: Readonly<Record<string, readonly OpVersionInfo[]>>
  readonly savedQueries: readonly SavedQuery[]
  /** Workspaces opened before, newest first (host `workspace.recent`). */
  readonly recentWorkspaces: readonly string[]
  /** The open workspace's path, left out of the recent ones. */
  readonly workspacePath: string | null
}

interface CommandSpec {
  readonly command: ShellCommandId
  readonly label: string
  readonly keywords: string
}

function capitalized(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`
}

function commandSpecs(sources: PaletteSources): readonly CommandSpec[] {
  const specs: CommandSpec[] = VIEW_NAMES.map((view) => ({
    command: `view.${view}`,
    label: `Go to ${capitalized(view)}`,
    keywords: 'view tab switch',
  }))
  specs.push({
    command: 'theme.toggle',
    label: sources.theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme',
    keywords: 'theme appearance colours mode',
  })
  if (sources.canRunCode && !sources.codeRunning) {
    specs.push({ command: 'code.run', label: 'Run code', keywords: 'execute start entry' })
  }
  if (sources.codeRunning) {
    specs.push({ command: 'code.cancel', label: 'Cancel run', keywords: 'stop abort' })
  }
  specs.push({ command: 'workspace.open', label: 'Open workspace…', keywords: 'folder project' })
  specs.push({ command: 'shortcuts.show', label: 'Show keyboard shortcuts', keywords: 'keys help' })
  if (sources.workspaceOpen && !sources.trusted) {
    specs.push({
      command: 'workspace.trust',
      label: 'Trust this workspace',
      keywords: 'allow running code security',
    })
  }
  return specs
}

function lastPathPart(path: string): string {
  const parts = path.split(/[\\/]/).filter((part) => part !== '')
  return parts[parts.length - 1] ?? path
}

function runLabel(run: RunSummary): string {
  return `Run ${run.id} · ${run.label}`
}

function runDetail(run: RunSummary): string {
  const when = new Date(run.startedAt).toLocaleString()
  return `${run.status}, ${run.hits} hit, ${run.executed} executed, ${run.failed} failed · ${when}`
}

function versionItems(op: string, versions: readonly OpVersionInfo[]): PaletteItem[] {
  return versions.map((version, index) => ({
    id: `version:${op}:${version.id}`,
    category: 'version',
    label: `${op} v${index + 1}`,
    detail:
      `${version.contentVersion.slice(0, 12)} · ${version.calls} calls` +
      (version.manualVersion === null ? '' : ` · version ${version.manualVersion}`) +
      (index === versions.length - 1 ? ' · latest' : ''),
    keywords: version.semanticVersion.slice(0, 12),
    keys: null,
    action: { kind: 'version', op },
  }))
}

export function buildPaletteItems(sources: PaletteSources): readonly PaletteItem[] {
  const items: PaletteItem[] = commandSpecs(sources).map((spec) => {
    const keys = keysOfCommand(spec.command)
    return {
      id: `command:${spec.command}`,
      category: 'command',
      label: spec.label,
      detail: '',
      keywords: spec.keywords,
      keys: keys === null ? null : formatKeyChord(keys, sources.isMac),
      action: { kind: 'command', command: spec.command },
    }
  })
  for (const path of sources.recentWorkspaces) {
    if (path === sources.workspacePath) continue
    items.push({
      id: `workspace:${path}`,
      category: 'command',
      label: `Open recent: ${lastPathPart(path)}`,
      detail: path,
      keywords: 'recent workspace folder',
      keys: null,
      action: { kind: 'workspace', path },
    })
  }
  const newestRun = sources.runs[0]
  for (const op of sources.ops) {
    items.push({
      id: `op:${op}`,
      category: 'op',
      label: op,
      detail: newestRun === undefined ? '' : `show in the graph of run ${newestRun.id}`,
      keywords: 'op function',
      keys: null,
      action: { kind: 'op', op },
    })
  }
  for (const run of sources.runs) {
    items.push({
      id: `run:${run.id}`,
      category: 'run',
      label: runLabel(run),
      detail: runDetail(run),
      keywords: `#${run.id}`,
      keys: null,
      action: { kind: 'run', runId: run.id },
    })
  }
  for (const op of sources.ops) items.push(...versionItems(op, sources.versions[op] ?? []))
  for (const query of sources.savedQueries) {
    items.push({
      id: `query:${query.name}`,
      category: 'query',
      label: query.name,
      detail: query.code.replace(/\s+/g, ' ').slice(0, 80),
      keywords: query.code,
      keys: null,
      action: { kind: 'query', code: query.code },
    })
  }
  return items
}
