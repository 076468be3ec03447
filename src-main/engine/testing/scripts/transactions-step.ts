// One step of Hamilton's caching tutorial, in a process of its own:
//   transactions-step.ts <workspace> <cutoffDate> <processed|amount>
// Prints the run's events as JSON lines: [op, outcome, reasonCode].
import { Storage } from '../../index'
import {
  amountPerCountry,
  processedData,
  rawData,
} from '../../../../resources/examples/transactions/pipeline'

const [dir, cutoffDate = '2024-09-01', request = 'amount'] = process.argv.slice(2)
const storage = await Storage.open(dir)
const result = await storage.run(
  () => {
    const processed = processedData(rawData(), cutoffDate)
    return storage.unwrap(request === 'amount' ? amountPerCountry(processed) : processed)
  },
  { label: `cutoff ${cutoffDate}` },
)
const [run] = storage.runs({ limit: 1 })
console.log(
  JSON.stringify({
    events: run?.events.map((event) => [event.op, event.outcome, event.reasonCode]),
    result,
  }),
)
storage.close()
