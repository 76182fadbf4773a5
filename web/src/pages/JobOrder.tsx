import { useQuery } from '@tanstack/react-query';
import { ApiError, api, type Schemas, unwrap } from '../api/client';
import { BundleSection } from '../components/Bundles';
import { Table } from '../components/ds';
import { QueryError } from '../components/QueryError';
import { ShortlistSection, useShortlists, useWorkflow } from '../components/Shortlist';
import { formatDate, formatDateTime, formatKr, formatNumber } from '../lib/format';
import { Link, useTitle } from '../lib/router';
import type { Principal } from '../lib/session';
import { STATE_LABELS, STRATEGIES } from '../lib/text';
import { NotFound } from './NotFound';

type Estimate =
  | { vikarHours: number; ratePerHour: number; amount: number; ruleSet: string }
  | null
  | undefined;
type JobOrder = Schemas['JobOrder'] & { jobrotationEstimate?: Estimate };

export function useJobOrder(id: string) {
  return useQuery({
    queryKey: ['job-order', id],
    queryFn: () => unwrap(api.GET('/v1/job-orders/{id}', { params: { path: { id } } })),
  });
}

/** Names for candidate ids from the newest finished list (entries carry `name` where the server gives it). */
export function useCandidateNames(jobOrderId: string): Map<string, string> {
  const lists = useShortlists(jobOrderId);
  const latest = [...(lists.data?.items ?? [])]
    .filter((s) => s.status === 'done')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const list = useQuery({
    queryKey: ['shortlist', latest?.id],
    queryFn: () => unwrap(api.GET('/v1/shortlists/{id}', { params: { path: { id: latest?.id ?? '' } } })),
    enabled: Boolean(latest),
  });
  const out = new Map<string, string>();
  for (const e of list.data?.entries ?? []) {
    out.set(e.candidateId, (e as { name?: string | null }).name ?? e.externalId);
  }
  return out;
}

function Facts({ order }: { order: JobOrder }) {
  const est = order.jobrotationEstimate;
  return (
    <dl className="vm-facts">
      <dt>Virksomhed</dt>
      <dd>
        {order.company.name ?? '–'} (CVR {order.company.cvr})
      </dd>
      <dt>Arbejdssted</dt>
      <dd>
        {order.postalCode ?? `${formatNumber(order.location.lat, 4)}, ${formatNumber(order.location.lon, 4)}`}
      </dd>
      <dt>Periode</dt>
      <dd>
        {formatDate(order.period.from)} – {formatDate(order.period.to)}
      </dd>
      <dt>Timer pr. uge</dt>
      <dd>{formatNumber(order.weeklyHours)}</dd>
      <dt>Antal vikarer</dt>
      <dd>{order.positions}</dd>
      <dt>Afstand</dt>
      <dd>
        Fuld score inden for {formatNumber(order.radiusKm.full)} km, højst {formatNumber(order.radiusKm.max)}{' '}
        km
      </dd>
      <dt>Skal-krav</dt>
      <dd>{order.mustHave.length ? order.mustHave.join(', ') : 'Ingen'}</dd>
      <dt>Gerne-krav</dt>
      <dd>{order.niceToHave.length ? order.niceToHave.join(', ') : 'Ingen'}</dd>
      {order.tasks && (
        <>
          <dt>Arbejdsopgaver</dt>
          <dd>{order.tasks}</dd>
        </>
      )}
      <dt>Jobrotation</dt>
      <dd>{order.jobrotation ? `Ja, regelsæt «${order.ruleSet}»` : 'Nej'}</dd>
      <dt>Rangering</dt>
      <dd>{STRATEGIES[order.rankingStrategy]}</dd>
      {order.jobrotation && est && (
        <>
          <dt>Forventet jobrotationsydelse</dt>
          <dd data-testid="estimate">
            {formatNumber(est.vikarHours)} vikartimer × {formatKr(est.ratePerHour)} ={' '}
            <strong>{formatKr(est.amount)}</strong>{' '}
            <span className="vm-muted">(regelsæt «{est.ruleSet}»)</span>
          </dd>
        </>
      )}
    </dl>
  );
}

function Progress({ jobOrderId, names }: { jobOrderId: string; names: Map<string, string> }) {
  const workflow = useWorkflow(jobOrderId);
  const active = (workflow.data?.entries ?? []).filter((e) => e.state !== 'suggested');
  return (
    <section aria-labelledby="forloeb-heading" className="mt-7">
      <h2 id="forloeb-heading">Kandidater i forløb</h2>
      {active.length === 0 ? (
        <p>Ingen kandidater er kontaktet endnu.</p>
      ) : (
        <Table
          caption="Kandidater i forløb"
          head={
            <tr>
              <th scope="col">Kandidat</th>
              <th scope="col">Status</th>
              <th scope="col">Senest ændret</th>
            </tr>
          }
        >
          {active.map((e) => (
            <tr key={e.candidateId} data-testid="progress-row">
              <td>
                <Link href={`/jobordrer/${jobOrderId}/kandidater/${encodeURIComponent(e.candidateId)}`}>
                  {names.get(e.candidateId) ?? e.candidateId}
                </Link>
              </td>
              <td>
                {e.withdrawn ? STATE_LABELS.withdrawn : STATE_LABELS[e.state]}
                {e.companyReason ? ` (${e.companyReason})` : ''}
              </td>
              <td>{formatDateTime(e.updatedAt)}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

export function JobOrderPage({ id }: { id: string; principal: Principal }) {
  const order = useJobOrder(id);
  const names = useCandidateNames(id);
  useTitle(order.data?.title ?? 'Jobordre');
  if (
    order.error instanceof ApiError &&
    (order.error.status === 404 || order.error.status === 403 || order.error.status === 400)
  )
    return <NotFound what="Jobordren" />;
  if (order.error) return <QueryError error={order.error} />;
  if (!order.data) return <p>Henter jobordren …</p>;
  const o = order.data;
  return (
    <div>
      <p>
        <Link href="/jobordrer" className="back-link">
          Alle jobordrer
        </Link>
      </p>
      <div className="vm-title-row">
        <h1>{o.title}</h1>
        <Link href={`/jobordrer/${o.id}/rediger`} className="button button-secondary">
          Ret jobordre
        </Link>
      </div>
      <Facts order={o} />
      <ShortlistSection order={o} />
      <Progress jobOrderId={o.id} names={names} />
      <BundleSection jobOrderId={o.id} names={names} />
    </div>
  );
}
