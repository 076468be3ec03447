import { copyFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ERROR_CODES } from '../../src-shared/errors'
import { type SavedQuery } from '../../src-shared/query/results'
import { writeFileAtomically } from './atomic-file'
import { HostError } from './host-error'

export const SAVED_QUERIES_FOLDER = 'app'
export const SAVED_QUERIES_FILE_NAME = 'saved-queries.json'
const SAVED_QUERIES_VERSION = 1

interface SavedQueriesFile {
  readonly version: typeof SAVED_QUERIES_VERSION
  readonly queries: readonly SavedQuery[]
}

type FileState =
  | { readonly kind: 'ok'; readonly queries: SavedQuery[] }
  | { readonly kind: 'damaged'; readonly problem: string }

function isSavedQuery(value: unknown): value is SavedQuery {
  if (typeof value !== 'object' || value === null) return false
  const { name, code, savedAt } = value as Partial<SavedQuery>
  return typeof name === 'string' && typeof code === 'string' && typeof savedAt === 'number'
}

function byName(a: SavedQuery, b: SavedQuery): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

/**
 * Named queries kept with a workspace, in `<storage>/app/saved-queries.json`. A damaged file is
 * an error the user sees (never an empty list that a save would then overwrite); saving over it
 * first keeps a copy next to it.
 */
export class SavedQueries {
  readonly file: string
  private writes: Promise<unknown> = Promise.resolve()

  constructor(
    storageDir: string,
    private readonly report: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.file = join(storageDir, SAVED_QUERIES_FOLDER, SAVED_QUERIES_FILE_NAME)
  }

  async list(): Promise<SavedQuery[]> {
    const state = await this.read()
    if (state.kind === 'ok') return state.queries
    throw new HostError(
      ERROR_CODES.workspaceCorrupted,
      `The saved queries in ${this.file} cannot be read (${state.problem}). Saving a query ` +
        `starts a new list and keeps the damaged file as a backup next to it.`,
      { path: this.file },
    )
  }

  save(name: string, code: string): Promise<SavedQuery> {
    return this.update((queries) => {
      const saved: SavedQuery = { name, code, savedAt: this.now() }
      return { queries: [...queries.filter((query) => query.name !== name), saved], result: saved }
    })
  }

  delete(name: string): Promise<{ deleted: boolean }> {
    return this.update((queries) => {
      const kept = queries.filter((query) => query.name !== name)
      return { queries: kept, result: { deleted: kept.length !== queries.length } }
    })
  }

  private update<T>(
    change: (queries: readonly SavedQuery[]) => { queries: SavedQuery[]; result: T },
  ): Promise<T> {
    const next = this.writes.then(async () => {
      const state = await this.read()
      if (state.kind === 'damaged') await this.backUp(state.problem)
      const { queries, result } = change(state.kind === 'ok' ? state.queries : [])
      const content: SavedQueriesFile = {
        version: SAVED_QUERIES_VERSION,
        queries: queries.sort(byName),
      }
      await writeFileAtomically(this.file, `${JSON.stringify(content, null, 2)}\n`, 0o644)
      return result
    })
    this.writes = next.catch(() => undefined)
    return next
  }

  private async backUp(problem: string): Promise<void> {
    const backup = `${this.file}.damaged-${this.now()}`
    await copyFile(this.file, backup)
    this.report(`${this.file} could not be read (${problem}); kept it as ${backup}`)
  }

  private async read(): Promise<FileState> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return { kind: 'ok', queries: [] }
      throw error
    }
    let parsed: Partial<SavedQueriesFile>
    try {
      parsed = JSON.parse(text) as Partial<SavedQueriesFile>
    } catch (error) {
      return { kind: 'damaged', problem: `not JSON: ${(error as Error).message}` }
    }
    if (typeof parsed !== 'object' || parsed === null || parsed.version !== SAVED_QUERIES_VERSION) {
      return {
        kind: 'damaged',
        problem: `not a version ${SAVED_QUERIES_VERSION} saved-queries file`,
      }
    }
    if (!Array.isArray(parsed.queries) || !parsed.queries.every(isSavedQuery)) {
      return { kind: 'damaged', problem: 'its queries are not a list of { name, code, savedAt }' }
    }
    return { kind: 'ok', queries: [...parsed.queries].sort(byName) }
  }
}
