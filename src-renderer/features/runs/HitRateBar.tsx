export function HitRateBar({ rate }: { rate: number | null }) {
  if (rate === null) {
    return <span className="hit-rate hit-rate-none">no calls</span>
  }
  const percent = Math.round(rate * 100)
  return (
    <span className="hit-rate">
      <span className="hit-rate-track" aria-hidden="true">
        <span className="hit-rate-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="hit-rate-text">{percent}%</span>
    </span>
  )
}
