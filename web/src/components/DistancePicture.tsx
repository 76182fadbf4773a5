import { formatNumber } from '../lib/format';

export interface Dot {
  id: string;
  label: string;
  km: number;
  rank?: number;
}

/** A stable angle per person, so the picture does not jump between renders; only the distance is real. */
export function angleFor(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return ((h >>> 0) / 2 ** 32) * 2 * Math.PI;
}

/**
 * The workplace in the centre, the inner (full score) and outer (max) rings, candidates as dots at their distance.
 * Plain SVG: no map tiles, so it works on machines without internet.
 */
export function DistancePicture({ dots, full, max }: { dots: Dot[]; full: number; max: number }) {
  const size = 260;
  const c = size / 2;
  const outerKm = Math.max(max, ...dots.map((d) => d.km), 1) * 1.1;
  const r = (km: number) => (km / outerKm) * (c - 8);
  return (
    <figure className="vm-distance">
      <svg
        width={size}
        height={size}
        viewBox={`0 0 ${size} ${size}`}
        role="img"
        aria-labelledby="distance-title distance-desc"
      >
        <title id="distance-title">Afstand fra arbejdsstedet</title>
        <desc id="distance-desc">
          {`Arbejdsstedet i midten, ringe ved ${formatNumber(full)} og ${formatNumber(max)} km. ${dots
            .map((d) => `${d.label}: ${formatNumber(d.km)} km`)
            .join('; ')}`}
        </desc>
        <circle cx={c} cy={c} r={r(max)} className="vm-ring-max" />
        <circle cx={c} cy={c} r={r(full)} className="vm-ring-full" />
        <text x={c + r(full) * 0.72} y={c - r(full) * 0.72} className="vm-ring-label">
          {formatNumber(full)} km
        </text>
        <text x={c + r(max) * 0.72} y={c - r(max) * 0.72} className="vm-ring-label">
          {formatNumber(max)} km
        </text>
        {dots.map((d) => {
          const a = angleFor(d.id);
          return (
            <circle
              key={d.id}
              cx={c + Math.cos(a) * r(d.km)}
              cy={c + Math.sin(a) * r(d.km)}
              r={5}
              className="vm-dot"
            >
              <title>{`${d.rank ? `${d.rank}. ` : ''}${d.label}: ${formatNumber(d.km)} km`}</title>
            </circle>
          );
        })}
        <rect x={c - 6} y={c - 6} width={12} height={12} className="vm-workplace" />
      </svg>
      <figcaption className="vm-muted">
        Firkanten er arbejdsstedet; prikkerne er kandidaterne i deres afstand (retningen er ikke vist).
      </figcaption>
    </figure>
  );
}
