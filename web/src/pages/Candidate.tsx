import { useQuery } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../api/client';
import { QueryError } from '../components/QueryError';
import { formatDate, formatNumber } from '../lib/format';
import { Link, useTitle } from '../lib/router';
import { BENEFITS } from '../lib/text';
import { NotFound } from './NotFound';

export default function CandidatePage({ id }: { id: string }) {
  const q = useQuery({
    queryKey: ['candidate', id],
    queryFn: () => unwrap(api.GET('/v1/candidates/{id}', { params: { path: { id } } })),
  });
  useTitle(q.data?.name ?? 'Kandidat');
  if (q.error instanceof ApiError && [400, 403, 404].includes(q.error.status))
    return <NotFound what="Kandidaten" />;
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return <p>Henter kandidaten …</p>;
  const c = q.data;
  return (
    <div>
      <p>
        <Link href="/kandidater" className="back-link">
          Alle kandidater
        </Link>
      </p>
      <h1>{c.name ?? c.externalId}</h1>
      {c.incomplete.length > 0 && <p className="vm-muted">Ufuldstændig: mangler {c.incomplete.join(', ')}</p>}
      <dl className="vm-facts">
        <dt>Reference</dt>
        <dd>{c.externalId}</dd>
        <dt>Jobcenter</dt>
        <dd>{c.jobcenter}</dd>
        <dt>Postnummer</dt>
        <dd>{c.postalCode ?? '–'}</dd>
        <dt>Ledig siden</dt>
        <dd>{formatDate(c.unemployedSince) || '–'}</dd>
        <dt>Ydelse</dt>
        <dd>{c.benefit ? BENEFITS[c.benefit] : '–'}</dd>
        <dt>Timer pr. uge</dt>
        <dd>{c.weeklyHours === undefined ? '–' : formatNumber(c.weeklyHours)}</dd>
        <dt>Kan starte</dt>
        <dd>{c.availableFrom ? formatDate(c.availableFrom) : 'Straks'}</dd>
        <dt>Kompetencer</dt>
        <dd>{c.competences.join(', ') || '–'}</dd>
        <dt>Erfaring</dt>
        <dd>{c.experience.map((x) => x.title).join(', ') || '–'}</dd>
        <dt>Uddannelse</dt>
        <dd>{c.educations.map((x) => x.title).join(', ') || '–'}</dd>
        <dt>Sprog</dt>
        <dd>{c.languages.join(', ') || '–'}</dd>
        <dt>Kørekort</dt>
        <dd>{c.driversLicences.join(', ') || 'Intet'}</dd>
        <dt>Samtykke</dt>
        <dd>
          {c.consent.searchable ? 'Kan søges frem' : 'Kan ikke søges frem'};{' '}
          {c.consent.shareWithPool ? 'deles med fællesskabet' : 'deles ikke med fællesskabet'}
        </dd>
        <dt>E-mail og telefon</dt>
        <dd>{[c.email, c.phone].filter(Boolean).join(', ') || '–'}</dd>
      </dl>
    </div>
  );
}
