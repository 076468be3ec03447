import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile, realpath, rename, rm } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

/** Where per-user settings live unless MEMOGRAPH_CONFIG_DIR says otherwise. */
export function defaultConfigDir(): string {
  const fromEnvironment = process.env.MEMOGRAPH_CONFIG_DIR
  if (fromEnvironment !== undefined && fromEnvironment !== '') return resolve(fromEnvironment)
  return join(homedir(), '.config', 'memograph')
}

export const TRUST_FILE_NAME = 'trusted-folders.json'
const TRUST_FILE_VERSION = 1

interface TrustFile {
  readonly version: typeof TRUST_FILE_VERSION
  /** Real paths (symlinks resolved) of project folders whose code may run. */
  readonly trustedFolders: readonly string[]
}

export interface TrustStoreOptions {
  readonly configDir: string
  /** Trusted for this process only, never written to the file (the bundled example). */
  readonly preTrusted?: readonly string[]
  readonly report: (message: string) => void
}

/**
 * Which project folders the user trusts to run, remembered across sessions in a small JSON
 * file. Folders are keyed by their real path, so a symlink cannot borrow another folder's
 * trust. The file is read on every check rather than cached: another app window may change it.
 */
export class TrustStore {
  readonly file: string
  /** Pre-trusted folders the user withdrew trust from in this session. */
  private readonly withdrawn = new Set<string>()
  private readonly preTrusted: readonly string[]
  /** Read-modify-write of the file is serialized so two quick toggles cannot lose one. */
  private writes: Promise<unknown> = Promise.resolve()
  private lastReadProblem: string | null = null

  constructor(private readonly options: TrustStoreOptions) {
    this.file = join(options.configDir, TRUST_FILE_NAME)
    this.preTrusted = options.preTrusted ?? []
  }

  async isTrusted(folder: string): Promise<boolean> {
    const key = await folderKey(folder)
    if (this.withdrawn.has(key)) return false
    const preTrusted = await Promise.all(this.preTrusted.map(folderKey))
    if (preTrusted.includes(key)) return true
    return (await this.read()).includes(key)
  }

  setTrusted(folder: string, trusted: boolean): Promise<void> {
    const next = this.writes.then(async () => {
      const key = await folderKey(folder)
      const folders = new Set(await this.read())
      if (trusted) folders.add(key)
      else folders.delete(key)
      await writeAtomically(this.file, {
        version: TRUST_FILE_VERSION,
        trustedFolders: [...folders].sort(),
      })
      // Withdrawing trust must also beat a pre-trusted path for the rest of the session.
      if (trusted) this.withdrawn.delete(key)
      else this.withdrawn.add(key)
    })
    this.writes = next.catch(() => undefined)
    return next
  }

  private async read(): Promise<readonly string[]> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return []
      this.readProblem(`Could not read ${this.file}: ${String(error)}`)
      return []
    }
    try {
      const parsed = JSON.parse(text) as Partial<TrustFile>
      if (
        parsed.version === TRUST_FILE_VERSION &&
        Array.isArray(parsed.trustedFolders) &&
        parsed.trustedFolders.every((folder) => typeof folder === 'string')
      ) {
        this.lastReadProblem = null
        return parsed.trustedFolders
      }
    } catch {
      // Reported below, like a file of the wrong shape.
    }
    // Trusting nothing is the safe reading of a damaged file; the next change rewrites it.
    this.readProblem(`${this.file} is not a trusted-folders file; no folder is trusted from it`)
    return []
  }

  private readProblem(message: string): void {
    if (message === this.lastReadProblem) return
    this.lastReadProblem = message
    this.options.report(message)
  }
}

async function folderKey(folder: string): Promise<string> {
  const absolute = resolve(folder)
  try {
    return await realpath(absolute)
  } catch {
    return absolute
  }
}

/** Write-then-rename, so a crash leaves the old file or the new one, never half of either. */
async function writeAtomically(file: string, content: TrustFile): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`
  try {
    const handle = await open(temporary, 'w', 0o600)
    try {
      await handle.writeFile(`${JSON.stringify(content, null, 2)}\n`)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
