import { type OpVersionInfo } from '../../../src-shared/model/versions'
import { formatTime } from '../format'
import { openExisting } from './history'

const SHORT = 12

/** `memograph versions <op>`: the op's versions with their dependencies and decisions. */
export async function versionsCommand(
  op: string,
  options: { workspace: string; json: boolean; sources: boolean },
): Promise<number> {
  const storage = await openExisting(options.workspace)
  let versions: OpVersionInfo[]
  try {
    versions = storage.versions(op)
  } finally {
    storage.close()
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(versions, null, 2)}\n`)
    return 0
  }
  if (versions.length === 0) {
    process.stdout.write(`op '${op}' has no stored versions in ${options.workspace}\n`)
    return 0
  }
  const semanticNumbers = new Map<string, number>()
  for (const version of versions) {
    if (!semanticNumbers.has(version.semanticVersion))
      semanticNumbers.set(version.semanticVersion, semanticNumbers.size + 1)
  }
  const blocks = versions.map((version) => {
    const lines = [
      `version ${version.id}  content ${version.contentVersion.slice(0, SHORT)}  semantic ${version.semanticVersion.slice(0, SHORT)} (#${semanticNumbers.get(version.semanticVersion)})${version.manualVersion === null ? '' : `  manual ${version.manualVersion}`}`,
      `  created ${formatTime(version.createdAt)}, ${version.calls} stored call${version.calls === 1 ? '' : 's'}`,
      '  depends on:',
      ...version.dependencies.map(
        (dependency) =>
          `    ${dependency.component.kind === 'value' ? 'value   ' : 'function'} ${dependency.component.id}  ${dependency.contentHash.slice(0, SHORT)}`,
      ),
    ]
    for (const decision of version.decisions) {
      lines.push(
        `  decided ${decision.kind} for ${decision.componentId} at ${formatTime(decision.decidedAt)} (${decision.decidedBy})`,
      )
    }
    if (options.sources) {
      for (const dependency of version.dependencies) {
        lines.push(`  --- ${dependency.component.id}`, indent(dependency.source, '  | '))
      }
    }
    return lines.join('\n')
  })
  process.stdout.write(
    `${versions.length} version${versions.length === 1 ? '' : 's'} of '${op}' (${semanticNumbers.size} semantic):\n\n${blocks.join('\n\n')}\n`,
  )
  return 0
}

/** `memograph diff <op> <a> <b>`: dependency diffs between two versions of an op. */
export async function diffCommand(
  op: string,
  a: string,
  b: string,
  options: { workspace: string; json: boolean },
): Promise<number> {
  const storage = await openExisting(options.workspace)
  try {
    const diff = storage.diff(op, a, b)
    if (options.json) {
      process.stdout.write(`${JSON.stringify(diff, null, 2)}\n`)
    } else if (diff.changes.length === 0) {
      process.stdout.write(
        `versions ${diff.from.id} and ${diff.to.id} of '${op}' have the same dependencies\n`,
      )
    } else {
      process.stdout.write(`${diff.text}\n`)
    }
    return 0
  } finally {
    storage.close()
  }
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n')
}
