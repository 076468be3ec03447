// Holds the workspace's write lock inside a run for <ms> milliseconds:
//   lock-holder.ts <workspace> <ms> <calls>
// Prints "running" once the run has started, then makes <calls> calls of op `work`.
import { op, Storage } from '../../index'

const work = op(function work(owner: string, i: number) {
  return `${owner}:${i}`
})

const [dir, ms = '1000', calls = '0', owner = `pid ${process.pid}`] = process.argv.slice(2)
const storage = await Storage.open(dir)
await storage.run(
  async () => {
    console.log('running')
    for (let i = 0; i < Number(calls); i++) work(owner, i)
    await new Promise((resolve) => setTimeout(resolve, Number(ms)))
  },
  { label: `holder ${owner}` },
)
storage.close()
console.log('done')
