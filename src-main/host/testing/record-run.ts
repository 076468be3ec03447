/**
 * Test support: records runs of a trivial op through the real engine, in-process or as a
 * separate process (to check that the host sees work other processes commit).
 *   node --import tsx src-main/host/testing/record-run.ts <dir> <label> <input>...
 */
import { pathToFileURL } from 'node:url'
import { op, Storage } from '../../engine'

export const inc = op(function inc(x: number) {
  return x + 1
})

export interface RecordedRun {
  readonly label: string
  /** inc is called once per input, in order. */
  readonly inputs: readonly number[]
}

export async function recordRuns(directory: string, runs: readonly RecordedRun[]): Promise<void> {
  const storage = await Storage.open(directory)
  try {
    for (const { label, inputs } of runs) {
      await storage.run(
        () => {
          for (const input of inputs) inc(input)
        },
        { label },
      )
    }
  } finally {
    storage.close()
  }
}

const entry = process.argv[1]
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  const [directory, label, ...inputs] = process.argv.slice(2)
  if (directory === undefined || label === undefined) {
    console.error('usage: record-run.ts <dir> <label> <input>...')
    process.exit(2)
  }
  await recordRuns(directory, [{ label, inputs: inputs.map(Number) }])
}
