import { unwrap } from 'memograph'
import { amountPerCountry, processedData, rawData } from './pipeline'

// Hamilton's "changing inputs" walkthrough, one cutoff per run:
//   CUTOFF_DATE=2024-09-01 npx memograph run resources/examples/transactions/main.ts --workspace W
// then 2024-09-11 (processedData and amountPerCountry execute), then 2024-09-05: processedData
// executes but returns rows seen before, so amountPerCountry is a hit by content.
const cutoffDate = process.env.CUTOFF_DATE ?? '2024-09-01'
const amounts = amountPerCountry(processedData(rawData(), cutoffDate))
console.log(`cutoff ${cutoffDate}:`, unwrap(amounts))
