/** What the colours, shapes and icons mean; outcome is never told by colour alone. */
import { MARK_WORDS, OUTCOME_WORDS } from '../model/labels'
import { type CompareMark } from '../model/types'
import { useGraphSettings } from '../graph-settings'
import { MARK_ICON, OUTCOME_ICON } from './outcome-icons'

const OUTCOMES = ['hit', 'executed', 'failed', 'mixed'] as const
const SHAPES: Readonly<Record<(typeof OUTCOMES)[number], string>> = {
  hit: 'rounded',
  executed: 'square',
  failed: 'dashed',
  mixed: 'double border',
}
const MARKS: readonly CompareMark[] = ['newlyHit', 'newlyExecuted', 'added', 'removed']

export function Legend(props: { comparing: boolean; highlighting: boolean; lineage: boolean }) {
  const open = useGraphSettings((s) => s.legendOpen)
  const toggle = useGraphSettings((s) => s.legendToggled)
  return (
    <section className="graph-legend" aria-label="Graph legend">
      <button type="button" className="graph-legend-toggle" aria-expanded={open} onClick={toggle}>
        Legend
      </button>
      {open ? (
        <ul className="graph-legend-list">
          {OUTCOMES.map((outcome) => (
            <li key={outcome}>
              <span className={`graph-legend-swatch graph-outcome-${outcome}`} aria-hidden="true">
                {OUTCOME_ICON[outcome]}
              </span>
              {OUTCOME_WORDS[outcome]}{' '}
              <span className="graph-legend-note">({SHAPES[outcome]})</span>
            </li>
          ))}
          <li>
            <span className="graph-legend-swatch graph-legend-pill" aria-hidden="true" />
            variable (pill)
          </li>
          {props.lineage ? (
            <>
              <li>
                <span className="graph-legend-swatch graph-lineage-upstream" aria-hidden="true">
                  ↑
                </span>
                upstream
              </li>
              <li>
                <span className="graph-legend-swatch graph-lineage-downstream" aria-hidden="true">
                  ↓
                </span>
                downstream
              </li>
            </>
          ) : null}
          {props.highlighting ? (
            <li>
              <span className="graph-legend-swatch graph-highlight-on" aria-hidden="true">
                ↻
              </span>
              would recompute
            </li>
          ) : null}
          {props.comparing
            ? MARKS.map((mark) => (
                <li key={mark}>
                  <span
                    className={`graph-legend-mark graph-mark graph-mark-${mark}`}
                    aria-hidden="true"
                  >
                    {MARK_ICON[mark]}
                  </span>
                  {MARK_WORDS[mark]}
                </li>
              ))
            : null}
        </ul>
      ) : null}
    </section>
  )
}
