import { formatPercent } from '../lib/format';

const PARTS = [
  ['competence', 'Kompetencer'],
  ['distance', 'Afstand'],
  ['unemployment', 'Ledighed'],
] as const;

/** One small bar per score component; the numbers are also in text for screen readers. */
export function ScoreBars({
  breakdown,
}: {
  breakdown: { competence: number; distance: number; unemployment: number };
}) {
  return (
    <ul className="vm-bars">
      {PARTS.map(([key, label]) => (
        <li key={key}>
          <span className="vm-bar-label">{label}</span>
          <span className="vm-bar" aria-hidden="true">
            <span
              className={`vm-bar-fill vm-bar-${key}`}
              style={{ width: `${Math.round(breakdown[key] * 100)}%` }}
            />
          </span>
          <span className="vm-bar-value">{formatPercent(breakdown[key])}</span>
        </li>
      ))}
    </ul>
  );
}
