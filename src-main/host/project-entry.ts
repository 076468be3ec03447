import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, join, normalize, sep } from 'node:path'

/** Optional project settings next to the code: `{ "entry": "pipeline.ts" }`. */
export const PROJECT_SETTINGS_FILE = 'memograph.json'
/** The entry a project without settings runs, when the file exists. */
export const DEFAULT_ENTRY = 'main.ts'

export interface ProjectEntry {
  /** Workspace-relative with forward slashes; null when the project names none. */
  readonly entry: string | null
  /** Why the settings file was ignored, for the host's problem log. */
  readonly problem: string | null
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/** A relative path that stays inside the project folder, with forward slashes; else null. */
function insideProject(entry: string): string | null {
  if (entry.trim() === '' || isAbsolute(entry)) return null
  const normalized = normalize(entry)
  if (normalized === '..' || normalized.startsWith(`..${sep}`)) return null
  return normalized.split(sep).join('/')
}

/**
 * The file `code.run` runs by default. A settings file that names an entry wins, whether or
 * not the file exists (running it then says it is missing, which is the useful message); a
 * broken settings file gives no entry at all rather than silently running main.ts instead.
 */
export async function findProjectEntry(codeDir: string): Promise<ProjectEntry> {
  const settingsPath = join(codeDir, PROJECT_SETTINGS_FILE)
  let text: string | null = null
  try {
    text = await readFile(settingsPath, 'utf8')
  } catch {
    // No settings file (or none readable): fall back to the default entry.
  }
  if (text !== null) {
    let entry: unknown
    try {
      entry = (JSON.parse(text) as { entry?: unknown } | null)?.entry
    } catch (error) {
      return { entry: null, problem: `${settingsPath} is not valid JSON: ${String(error)}` }
    }
    if (entry !== undefined) {
      const relative = typeof entry === 'string' ? insideProject(entry) : null
      return relative === null
        ? {
            entry: null,
            problem: `${settingsPath}: "entry" must be a file path inside the project folder`,
          }
        : { entry: relative, problem: null }
    }
  }
  return {
    entry: (await isFile(join(codeDir, DEFAULT_ENTRY))) ? DEFAULT_ENTRY : null,
    problem: null,
  }
}
