import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { writeFileAtomically } from './atomic-file'

export const RECENT_FILE_NAME = 'recent-workspaces.json'
export const MAX_RECENT_WORKSPACES = 10
const RECENT_FILE_VERSION = 1

interface RecentFile {
  readonly version: typeof RECENT_FILE_VERSION
  /** Absolute paths, newest first. */
  readonly workspaces: readonly string[]
}

/**
 * The workspaces the user opened, newest first, remembered per user next to the trusted
 * folders. A damaged file only costs the list: it is reported and rewritten on the next open.
 */
export class RecentWorkspaces {
  readonly file: string
  /** Read-modify-write is serialized so two quick opens cannot lose one. */
  private writes: Promise<unknown> = Promise.resolve()

  constructor(
    configDir: string,
    private readonly report: (message: string) => void,
  ) {
    this.file = join(configDir, RECENT_FILE_NAME)
  }

  async list(): Promise<string[]> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return []
      this.report(`Could not read ${this.file}: ${String(error)}`)
      return []
    }
    try {
      const parsed = JSON.parse(text) as Partial<RecentFile>
      if (
        parsed.version === RECENT_FILE_VERSION &&
        Array.isArray(parsed.workspaces) &&
        parsed.workspaces.every((path) => typeof path === 'string')
      ) {
        return parsed.workspaces.slice(0, MAX_RECENT_WORKSPACES)
      }
    } catch {
      // Reported below, like a file of the wrong shape.
    }
    this.report(`${this.file} is not a recent-workspaces file; the list starts afresh`)
    return []
  }

  /** Puts `path` first. */
  remember(path: string): Promise<void> {
    const next = this.writes.then(async () => {
      const absolute = resolve(path)
      const workspaces = [absolute, ...(await this.list()).filter((item) => item !== absolute)]
      const content: RecentFile = {
        version: RECENT_FILE_VERSION,
        workspaces: workspaces.slice(0, MAX_RECENT_WORKSPACES),
      }
      await writeFileAtomically(this.file, `${JSON.stringify(content, null, 2)}\n`)
    })
    this.writes = next.catch(() => undefined)
    return next
  }
}
