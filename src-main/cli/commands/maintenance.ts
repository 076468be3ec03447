import { formatBytes } from '../format'
import { openExisting } from './history'

/** `memograph gc`: removes unreferenced values and blobs, then compacts. */
export async function gcCommand(options: { workspace: string }): Promise<number> {
  const storage = await openExisting(options.workspace)
  const before = storage.stats()
  const summary = await storage.gc()
  const after = storage.stats()
  storage.close()
  process.stdout.write(
    `Removed ${summary.refs} refs, ${summary.values} values and ${summary.blobs} blobs (${formatBytes(summary.blobBytes)}).\n` +
      `Database image: ${formatBytes(before.imageBytes + before.journalBytes)} → ${formatBytes(after.imageBytes + after.journalBytes)}.\n`,
  )
  return 0
}

/** `memograph stats`: what the workspace holds and what it takes on disk. */
export async function statsCommand(options: { workspace: string; json: boolean }): Promise<number> {
  const storage = await openExisting(options.workspace)
  const stats = storage.stats()
  storage.close()
  if (options.json) {
    process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`)
    return 0
  }
  const lines: [string, string][] = [
    ['workspace', options.workspace],
    ['runs', String(stats.runs)],
    ['ops', `${stats.ops} (${stats.opVersions} versions)`],
    ['calls', String(stats.calls)],
    ['refs', String(stats.refs)],
    ['values', `${stats.values} (${formatBytes(stats.valueBytes)} encoded)`],
    ['blobs', `${stats.blobs} files (${formatBytes(stats.blobBytes)})`],
    [
      'database',
      `${formatBytes(stats.imageBytes)} image + ${formatBytes(stats.journalBytes)} journal`,
    ],
  ]
  const width = Math.max(...lines.map(([key]) => key.length))
  process.stdout.write(
    `${lines.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join('\n')}\n`,
  )
  return 0
}
