import { useQuery } from '@tanstack/react-query';
import { ApiError, request } from '../api/client';
import { QueryError } from '../components/QueryError';
import { formatDateTime } from '../lib/format';
import { Link, useTitle } from '../lib/router';
import type { Principal } from '../lib/session';
import { STATE_LABELS } from '../lib/text';

type Item = Record<string, unknown>;
type Overview = Record<string, Item[] | number>;

const SECTIONS: [key: string, title: string, empty: string][] = [
  ['openJobOrders', 'Åbne jobordrer', 'Ingen åbne jobordrer.'],
  ['shortlistsInProgress', 'Bruttolister under beregning', 'Ingen bruttolister beregnes lige nu.'],
  ['awaitingReply', 'Kandidater, der venter på svar', 'Ingen venter på svar.'],
  ['bundlesNotOpened', 'CV-pakker, virksomheden ikke har åbnet', 'Alle CV-pakker er åbnet.'],
  ['recentChoices', 'Seneste valg fra virksomheder', 'Ingen valg endnu.'],
];

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function label(item: Item): string {
  const name = str(item.name) ?? str(item.candidateName) ?? str(item.externalId);
  const title = str(item.title) ?? str(item.jobOrderTitle);
  const state = str(item.state) ?? str(item.decision) ?? str(item.status);
  return (
    [name, title, state ? (STATE_LABELS[state] ?? state) : undefined].filter(Boolean).join(' – ') ||
    str(item.id) ||
    ''
  );
}

export function OverviewPage({ principal }: { principal: Principal }) {
  useTitle('Oversigt');
  const overview = useQuery({
    queryKey: ['overview'],
    queryFn: () => request<Overview>('GET', '/v1/overview'),
    refetchInterval: 15_000,
  });
  return (
    <div>
      <h1>Oversigt</h1>
      <p className="font-lead">
        {principal.jobcenter ? `Jobcenter ${principal.jobcenter}` : 'Alle jobcentre'}: det, der venter på dig.
      </p>
      <p>
        <Link href="/jobordrer/ny" className="button button-primary">
          Opret jobordre
        </Link>
      </p>
      {overview.error instanceof ApiError && overview.error.status === 404 ? (
        <p>
          Oversigten er ikke tilgængelig på denne server. Se <Link href="/jobordrer">jobordrerne</Link>.
        </p>
      ) : (
        <QueryError error={overview.error} />
      )}
      {overview.data && (
        <div className="row">
          {SECTIONS.map(([key, title, empty]) => {
            const v = overview.data[key];
            const items = Array.isArray(v) ? v : [];
            const count = typeof v === 'number' ? v : items.length;
            return (
              <section
                key={key}
                className="col-12 col-md-6 mb-6"
                aria-labelledby={`ov-${key}`}
                data-testid={`overview-${key}`}
              >
                <h2 id={`ov-${key}`} className="h3">
                  {title} <span className="badge">{count}</span>
                </h2>
                {count === 0 ? (
                  <p className="vm-muted">{empty}</p>
                ) : (
                  <ul className="vm-overview-list">
                    {items.slice(0, 8).map((item) => {
                      const jobOrderId =
                        str(item.jobOrderId) ?? (key === 'openJobOrders' ? str(item.id) : undefined);
                      const at = str(item.at) ?? str(item.updatedAt) ?? str(item.createdAt);
                      const text = label(item);
                      return (
                        <li key={`${str(item.id) ?? ''}${str(item.candidateId) ?? ''}${at ?? ''}${text}`}>
                          {jobOrderId ? <Link href={`/jobordrer/${jobOrderId}`}>{text}</Link> : text}
                          {at && <span className="vm-muted"> · {formatDateTime(at)}</span>}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
