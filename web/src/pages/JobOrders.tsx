import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { Button, Table, TextField } from '../components/ds';
import { QueryError } from '../components/QueryError';
import { formatDate, formatNumber } from '../lib/format';
import { Link, useTitle } from '../lib/router';

export function useJobOrders() {
  return useInfiniteQuery({
    queryKey: ['job-orders'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/v1/job-orders', { params: { query: { limit: 100, after: pageParam } } })),
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function JobOrdersPage() {
  useTitle('Jobordrer');
  const orders = useJobOrders();
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  const items = (orders.data?.pages ?? [])
    .flatMap((p) => p.items)
    .filter(
      (o) =>
        !needle ||
        [o.title, o.company.name ?? '', o.company.cvr, o.externalId, o.postalCode ?? ''].some((s) =>
          s.toLowerCase().includes(needle),
        ),
    );

  return (
    <div>
      <div className="vm-title-row">
        <h1>Jobordrer</h1>
        <Link href="/jobordrer/ny" className="button button-primary">
          Opret jobordre
        </Link>
      </div>
      <div className="vm-search">
        <TextField
          id="search"
          label="Søg i jobordrer"
          hint="Titel, virksomhed, CVR, reference eller postnummer"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <QueryError error={orders.error} />
      {orders.isPending ? (
        <p>Henter jobordrer …</p>
      ) : items.length === 0 ? (
        <p>Ingen jobordrer{needle ? ' matcher søgningen' : ' endnu'}.</p>
      ) : (
        <Table
          caption="Jobordrer"
          head={
            <tr>
              <th scope="col">Titel</th>
              <th scope="col">Virksomhed</th>
              <th scope="col">Postnummer</th>
              <th scope="col">Periode</th>
              <th scope="col">Timer/uge</th>
              <th scope="col">Jobrotation</th>
            </tr>
          }
        >
          {items.map((o) => (
            <tr key={o.id}>
              <td>
                <Link href={`/jobordrer/${o.id}`}>{o.title}</Link>
                <div className="vm-muted">{o.externalId}</div>
              </td>
              <td>
                {o.company.name ?? '–'} <span className="vm-muted">CVR {o.company.cvr}</span>
              </td>
              <td>{o.postalCode ?? '–'}</td>
              <td>
                {formatDate(o.period.from)} – {formatDate(o.period.to)}
              </td>
              <td>{formatNumber(o.weeklyHours)}</td>
              <td>{o.jobrotation ? 'Ja' : 'Nej'}</td>
            </tr>
          ))}
        </Table>
      )}
      {orders.hasNextPage && (
        <Button
          variant="secondary"
          onClick={() => orders.fetchNextPage()}
          disabled={orders.isFetchingNextPage}
        >
          Vis flere
        </Button>
      )}
    </div>
  );
}
