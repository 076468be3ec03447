import { op } from 'memograph'

/**
 * The transactions dataflow from Hamilton's caching tutorial: raw data → processed data (rows
 * after a cutoff date, amounts converted to USD) → amount per country.
 */
export interface Transaction {
  readonly city: string
  readonly date: string
  readonly amount: number
  readonly country: string
  readonly currency: string
}

export interface ProcessedTransaction extends Transaction {
  readonly amountInUsd: number
}

const DATA: readonly Transaction[] = [
  { city: 'New York', date: '2024-09-13', amount: 478.23, country: 'USA', currency: 'USD' },
  { city: 'Los Angeles', date: '2024-09-12', amount: 251.67, country: 'USA', currency: 'USD' },
  { city: 'Chicago', date: '2024-09-11', amount: 989.34, country: 'USA', currency: 'USD' },
  { city: 'Montréal', date: '2024-09-11', amount: 742.14, country: 'Canada', currency: 'CAD' },
  { city: 'Vancouver', date: '2024-09-09', amount: 584.56, country: 'Canada', currency: 'CAD' },
]

/** Loading raw data; in real life a file, a database or a paid API. */
export const rawData = op(function rawData(): Transaction[] {
  return DATA.map((row) => ({ ...row }))
})

/** Rows after the cutoff date, with amounts converted to USD. */
export const processedData = op(function processedData(
  rawData: Transaction[],
  cutoffDate: string,
): ProcessedTransaction[] {
  return rawData
    .filter((row) => row.date > cutoffDate)
    .map((row) => ({
      ...row,
      amountInUsd: row.country === 'Canada' ? row.amount * 0.73 : row.amount,
    }))
})

/** Sum of the USD amounts per country. */
export const amountPerCountry = op(function amountPerCountry(
  processedData: ProcessedTransaction[],
): Record<string, number> {
  const totals: Record<string, number> = {}
  for (const row of processedData)
    totals[row.country] = (totals[row.country] ?? 0) + row.amountInUsd
  return totals
})
