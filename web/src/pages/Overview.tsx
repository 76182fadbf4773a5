import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, unwrap } from '../api/client';
import { QueryError } from '../components/QueryError';
import { formatDate, formatDateTime } from '../lib/format';
import { Link, useTitle } from '../lib/router';
import type { Principal } from '../lib/session';
import { SHORTLIST_STATUS, STATE_LABELS } from '../lib/text';

function Section({
  id,
  title,
  count,
  empty,
  children,
}: {
  id: string;
  title: string;
  count: number;
  empty: string;
  children: ReactNode;
}) {
  return (
    <section className="col-12 col-lg-6 mb-6" aria-labelledby={`ov-${id}`} data-testid={`overview-${id}`}>
      <h2 id={`ov-${id}`} className="h3">
        {title} <span className="badge">{count}</span>
      </h2>
      {count === 0 ? <p className="vm-muted">{empty}</p> : <ul className="vm-overview-list">{children}</ul>}
    </section>
  );
}

const person = (p: { name: string | null; externalId: string | null; candidateId: string }) =>
  p.name ?? p.externalId ?? 'Ikke længere delt';

export function OverviewPage({ principal }: { principal: Principal }) {
  useTitle('Oversigt');
  const overview = useQuery({
    queryKey: ['overview'],
    queryFn: () => unwrap(api.GET('/v1/overview', {})),
    // Lists finish and companies answer while the page is open.
    refetchInterval: 15_000,
  });
  const o = overview.data;
  return (
    <div>
      <div className="vm-title-row">
        <h1>Oversigt</h1>
        <Link href="/jobordrer/ny" className="button button-primary">
          Opret jobordre
        </Link>
      </div>
      <p className="font-lead">
        {principal.jobcenter ? `Jobcenter ${principal.jobcenter}` : 'Alle jobcentre'}: det, der venter på dig.
      </p>
      <QueryError error={overview.error} />
      {!o && !overview.error && <p>Henter oversigten …</p>}
      {o && (
        <div className="row">
          <Section
            id="awaitingReply"
            title="Venter på svar"
            count={o.awaitingReply.length}
            empty="Ingen venter på svar."
          >
            {o.awaitingReply.slice(0, 10).map((a) => (
              <li key={`${a.jobOrderId}${a.candidateId}`}>
                <Link href={`/jobordrer/${a.jobOrderId}/kandidater/${encodeURIComponent(a.candidateId)}`}>
                  {person(a)}
                </Link>{' '}
                – {STATE_LABELS[a.state]} på «{a.jobOrderTitle}»{' '}
                <span className="vm-muted">siden {formatDateTime(a.since)}</span>
              </li>
            ))}
          </Section>
          <Section
            id="recentChoices"
            title="Virksomhedernes seneste valg"
            count={o.recentChoices.length}
            empty="Ingen valg de sidste 14 dage."
          >
            {o.recentChoices.slice(0, 10).map((c) => (
              <li key={`${c.jobOrderId}${c.candidateId}${c.at}`}>
                <Link href={`/jobordrer/${c.jobOrderId}/kandidater/${encodeURIComponent(c.candidateId)}`}>
                  {person(c)}
                </Link>{' '}
                – <strong>{STATE_LABELS[c.choice]}</strong> til «{c.jobOrderTitle}»{' '}
                <span className="vm-muted">{formatDateTime(c.at)}</span>
              </li>
            ))}
          </Section>
          <Section
            id="openJobOrders"
            title="Åbne jobordrer"
            count={o.openJobOrders.length}
            empty="Ingen åbne jobordrer."
          >
            {o.openJobOrders.slice(0, 10).map((j) => (
              <li key={j.id}>
                <Link href={`/jobordrer/${j.id}`}>{j.title}</Link>
                {j.company.name ? `, ${j.company.name}` : ''}{' '}
                <span className="vm-muted">
                  {formatDate(j.period.from)} – {formatDate(j.period.to)} ·{' '}
                  {j.lastShortlist
                    ? `bruttoliste: ${SHORTLIST_STATUS[j.lastShortlist.status]?.toLowerCase()}`
                    : 'ingen bruttoliste'}
                </span>
              </li>
            ))}
          </Section>
          <Section
            id="bundlesNotOpened"
            title="CV-pakker, virksomheden ikke har åbnet"
            count={o.bundlesNotOpened.length}
            empty="Alle sendte CV-pakker er åbnet."
          >
            {o.bundlesNotOpened.slice(0, 10).map((b) => (
              <li key={b.id}>
                <Link href={`/jobordrer/${b.jobOrderId}`}>{b.jobOrderTitle}</Link>{' '}
                <span className="vm-muted">
                  sendt {formatDateTime(b.createdAt)}
                  {b.expiresAt ? `, linket virker til ${formatDate(b.expiresAt)}` : ''}
                </span>
              </li>
            ))}
          </Section>
          <Section
            id="shortlistsInProgress"
            title="Bruttolister under beregning"
            count={o.shortlistsInProgress.length}
            empty="Ingen bruttolister beregnes lige nu."
          >
            {o.shortlistsInProgress.map((s) => (
              <li key={s.id}>
                <Link href={`/jobordrer/${s.jobOrderId}`}>Bruttoliste</Link> – {SHORTLIST_STATUS[s.status]}{' '}
                <span className="vm-muted">siden {formatDateTime(s.createdAt)}</span>
              </li>
            ))}
          </Section>
        </div>
      )}
    </div>
  );
}
