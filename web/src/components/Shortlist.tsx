import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, request, type Schemas, unwrap } from '../api/client';
import { danishDatesIn, formatDateTime, formatNumber, formatPercent } from '../lib/format';
import { Link } from '../lib/router';
import { breakdownText, evidenceFor } from '../lib/shortlist';
import {
  danishProblem,
  FIT_BANDS,
  FIT_TIERS,
  SCOPES,
  SHORTLIST_STATUS,
  STATE_LABELS,
  STRATEGIES,
} from '../lib/text';
import { DistancePicture } from './DistancePicture';
import { Alert, Button, Select, Spinner, Table, Tag, TextField } from './ds';
import { QueryError } from './QueryError';
import { ScoreBars } from './ScoreBars';

type JobOrder = Schemas['JobOrder'];
type Entry = Schemas['Shortlist']['entries'][number];

/**
 * The API names only the order's own jobcenter's people; another jobcenter's candidate is shown by jobcenter and
 * reference until the konsulent opens them (that read is audited).
 */
export function personLabel(p: { name?: string | null; jobcenter: string; externalId: string }): string {
  return p.name ?? `Kandidat fra jobcenter ${p.jobcenter} · ${p.externalId}`;
}

export function useShortlists(jobOrderId: string) {
  return useQuery({
    queryKey: ['shortlists', jobOrderId],
    queryFn: () =>
      unwrap(
        api.GET('/v1/job-orders/{id}/shortlists', {
          params: { path: { id: jobOrderId }, query: { limit: 20 } },
        }),
      ),
  });
}

export function useWorkflow(jobOrderId: string) {
  return useQuery({
    queryKey: ['workflow', jobOrderId],
    queryFn: () => unwrap(api.GET('/v1/job-orders/{id}/workflow', { params: { path: { id: jobOrderId } } })),
  });
}

/** Polls until the list is done or failed: TanStack Query stops the interval once the status is final. */
function useShortlist(id: string | undefined) {
  return useQuery({
    queryKey: ['shortlist', id],
    queryFn: () => unwrap(api.GET('/v1/shortlists/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'done' || s === 'failed' ? false : 700;
    },
  });
}

function RequestForm({ order, onCreated }: { order: JobOrder; onCreated: (id: string) => void }) {
  const [size, setSize] = useState('10');
  const [scope, setScope] = useState('auto');
  const [strategy, setStrategy] = useState(order.rankingStrategy);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      request<{ id: string; status: string }>('POST', `/v1/job-orders/${order.id}/shortlists`, {
        size: Number(size),
        scope,
        strategy,
      }),
    onSuccess: (r) => {
      setError(null);
      onCreated(r.id);
    },
    onError: (e) =>
      setError(
        e instanceof ApiError ? danishProblem(e.status, e.problem.detail) : 'Serveren kunne ikke nås.',
      ),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  return (
    <form onSubmit={submit} className="vm-inline vm-request" noValidate>
      <TextField
        id="sl-size"
        label="Antal kandidater"
        inputMode="numeric"
        className="input-width-xs"
        value={size}
        onChange={(e) => setSize(e.target.value)}
      />
      <Select
        id="sl-scope"
        label="Hvor søges"
        value={scope}
        onChange={(e) => setScope(e.target.value)}
        options={Object.entries(SCOPES).map(([value, label]) => ({ value, label }))}
      />
      <Select
        id="sl-strategy"
        label="Rangering"
        value={strategy}
        onChange={(e) => setStrategy(e.target.value as typeof strategy)}
        options={Object.entries(STRATEGIES).map(([value, label]) => ({ value, label }))}
      />
      <div className="form-group">
        <Button type="submit" disabled={mutation.isPending}>
          Lav bruttoliste
        </Button>
      </div>
      {error && (
        <Alert kind="error" live>
          {error}
        </Alert>
      )}
    </form>
  );
}

export function ShortlistSection({ order }: { order: JobOrder }) {
  const qc = useQueryClient();
  const lists = useShortlists(order.id);
  const workflow = useWorkflow(order.id);
  const [chosen, setChosen] = useState<string | undefined>();
  const sorted = [...(lists.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const currentId = chosen ?? sorted[0]?.id;
  const current = useShortlist(currentId);
  const list = current.data;
  const done = list?.status === 'done';
  const finishedId = done ? list.id : undefined;
  useEffect(() => {
    // The summary list and the workflow ("ny", states) follow the finished list.
    if (!finishedId) return;
    void qc.invalidateQueries({ queryKey: ['shortlists', order.id] });
    void qc.invalidateQueries({ queryKey: ['workflow', order.id] });
  }, [finishedId, order.id, qc]);
  const states = new Map((workflow.data?.entries ?? []).map((e) => [e.candidateId, e]));
  const isLatest = currentId === sorted[0]?.id;

  return (
    <section aria-labelledby="bruttoliste-heading" className="mt-7">
      <h2 id="bruttoliste-heading">Bruttoliste</h2>
      <RequestForm
        order={order}
        onCreated={(id) => {
          setChosen(id);
          void qc.invalidateQueries({ queryKey: ['shortlists', order.id] });
        }}
      />
      <QueryError error={lists.error ?? current.error} />
      {sorted.length > 1 && (
        <Select
          id="sl-pick"
          label="Vis bruttoliste"
          value={currentId}
          onChange={(e) => setChosen(e.target.value)}
          options={sorted.map((s, i) => ({
            value: s.id,
            label: `${formatDateTime(s.createdAt)} – ${SHORTLIST_STATUS[s.status]}${i === 0 ? ' (nyeste)' : ''}`,
          }))}
        />
      )}
      {!currentId && <p>Der er ikke lavet en bruttoliste for denne jobordre endnu.</p>}
      {list && !done && (
        <div aria-live="polite" data-testid="shortlist-status">
          {list.status === 'failed' ? (
            <Alert kind="error" heading="Bruttolisten kunne ikke laves">
              <p>{list.error ?? 'Ukendt fejl'}</p>
            </Alert>
          ) : (
            <Spinner label={`Status: ${SHORTLIST_STATUS[list.status]} …`} />
          )}
        </div>
      )}
      {list && done && (
        <div data-testid="shortlist">
          <div className="vm-shortlist-layout">
            <p aria-live="polite" data-testid="shortlist-status">
              Status: {SHORTLIST_STATUS[list.status]}. {formatNumber(list.candidatesConsidered, 0)} kandidater
              vurderet, {list.entries.length} på listen
              {list.effectiveScope
                ? ` (søgt i: ${SCOPES[list.effectiveScope]?.toLowerCase()}${list.widened ? ', udvidet' : ''})`
                : ''}
              .{list.completedAt ? ` Færdig ${formatDateTime(list.completedAt)}.` : ''}
            </p>
            <DistancePicture
              full={order.radiusKm.full}
              max={order.radiusKm.max}
              dots={list.entries.map((e) => ({
                id: e.candidateId,
                label: personLabel(e),
                km: e.distanceKm,
                rank: e.rank,
              }))}
            />
          </div>
          <EntriesTable entries={list.entries} order={order} states={states} markNew={isLatest} />
          <h3>Tæt på, men ikke med</h3>
          {list.nearMisses.length === 0 ? (
            <p>Ingen.</p>
          ) : (
            <ul className="vm-near-misses">
              {list.nearMisses.map((n) => (
                <li key={n.candidateId}>
                  <strong>{personLabel(n)}</strong>
                  {n.name ? ` (jobcenter ${n.jobcenter})` : ''}: {danishDatesIn(n.reasons.join('; '))}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

type WorkflowEntry = Schemas['OrderWorkflow']['entries'][number];

export function EntriesTable({
  entries,
  order,
  states,
  markNew,
}: {
  entries: Entry[];
  order: JobOrder;
  states: Map<string, WorkflowEntry>;
  markNew: boolean;
}) {
  return (
    <Table
      caption="Bruttoliste"
      className="vm-entries"
      head={
        <tr>
          <th scope="col">Nr.</th>
          <th scope="col">Kandidat</th>
          <th scope="col">Score og match</th>
          <th scope="col">Kompetencer</th>
          <th scope="col">Km</th>
          <th scope="col">Ledig (mdr.)</th>
          <th scope="col">Jobrotation</th>
          <th scope="col">Status</th>
        </tr>
      }
    >
      {entries.map((e) => {
        const wf = states.get(e.candidateId);
        return (
          <tr key={e.candidateId} data-testid="entry">
            <td>{e.rank}</td>
            <td>
              <Link href={`/jobordrer/${order.id}/kandidater/${encodeURIComponent(e.candidateId)}`}>
                {personLabel(e)}
              </Link>
              {markNew && wf?.new && (
                <>
                  {' '}
                  <Tag tone="new">ny</Tag>
                </>
              )}
              <div className="vm-muted">Jobcenter {e.jobcenter}</div>
              <p className="vm-explanation">{danishDatesIn(e.explanation)}</p>
            </td>
            <td>
              <span className="sr-only">{breakdownText(e.breakdown)}</span>
              <div aria-hidden="true">
                <strong>{formatPercent(e.score)}</strong>
                <ScoreBars breakdown={e.breakdown} />
              </div>
              <div className="vm-fit">
                {e.fitTier !== undefined ? (
                  <>
                    {FIT_TIERS[e.fitTier]} <span className="vm-muted">(trin {e.fitTier})</span>
                  </>
                ) : (
                  FIT_BANDS[e.fitBand]
                )}
              </div>
            </td>
            <td>
              <ul className="vm-chips">
                {e.matched.map((m) => {
                  const ev = evidenceFor(e, m);
                  return (
                    <li key={`m-${m}`}>
                      <Tag tone="ok">✓ {m}</Tag>
                      {ev && <div className="vm-evidence">{ev}</div>}
                    </li>
                  );
                })}
                {e.missing.map((m) => (
                  <li key={`x-${m}`}>
                    <Tag tone="missing">
                      <span className="sr-only">mangler: </span>✗ {m}
                    </Tag>
                  </li>
                ))}
              </ul>
            </td>
            <td>{formatNumber(e.distanceKm)}</td>
            <td>{e.unemployedMonths}</td>
            <td>
              {order.jobrotation || e.eligibility.reasons.length > 0 ? (
                <>
                  {e.eligibility.eligible ? 'Opfylder' : 'Opfylder ikke'}
                  {e.eligibility.reasons.length > 0 && (
                    <ul className="vm-reasons">
                      {e.eligibility.reasons.map((r) => (
                        <li key={r}>{danishDatesIn(r)}</li>
                      ))}
                    </ul>
                  )}
                </>
              ) : (
                <span className="vm-muted">Ikke relevant</span>
              )}
            </td>
            <td>{wf ? STATE_LABELS[wf.state] : STATE_LABELS.suggested}</td>
          </tr>
        );
      })}
    </Table>
  );
}
