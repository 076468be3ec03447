// Writes memoized calls forever, committing after each one, until it is killed:
//   crash-writer.ts <workspace>
// Prints "committed <i>" once call i is durable. Every 7th call stores a chunked array (blobs).
import { op, Storage } from '../../index'

const step = op(function step(i: number) {
  if (i % 7 === 0) return Float64Array.from({ length: 40_000 }, (_, k) => i + k)
  return { i, square: i * i, label: `step ${i}` }
})

const [dir] = process.argv.slice(2)
const storage = await Storage.open(dir, {
  checkpointPolicy: { minJournalBytes: 64 * 1024, imageFraction: 0.1 },
})
await storage.run(
  () => {
    for (let i = 0; ; i++) {
      step(i)
      process.stdout.write(`committed ${i}\n`)
    }
  },
  { commitIntervalMs: 0, label: 'crash writer' },
)
