import { formatPercent } from './run-format'

/** The share of calls answered from storage, as a bar and in words. */
export function HitRateBar({ rate }: { rate: number | null }) {
  if (rate === null) {
    return <span className="runs-hit-rate runs-hit-rate-none">no calls</span>
  }
  const text = formatPercent(rate)
  return (
    <span className="runs-hit-rate" title={`${text} of calls were cache hits`}>
      <span className="runs-hit-rate-track" aria-hidden="true">
        <span className="runs-hit-rate-fill" style={{ width: `${rate * 100}%` }} />
      </span>
      <span className="runs-hit-rate-text">
        {text}
        <span className="visually-hidden"> hit rate</span>
      </span>
    </span>
  )
}
