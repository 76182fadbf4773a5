import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api, request, type Schemas, unwrap } from '../api/client';
import { formatDate, formatDateTime } from '../lib/format';
import { danishProblem } from '../lib/text';
import { Alert, Button, Checkbox, Table } from './ds';
import { useWorkflow } from './Shortlist';

type Created = Schemas['CreatedBundle'];
type BundleRow = Schemas['BundleDetail'];

const BUNDLE_STATUS: Record<string, string> = {
  queued: 'I kø',
  rendering: 'Laves',
  done: 'Klar',
  failed: 'Fejlede',
  erased: 'Slettet',
};

function useOrderBundles(jobOrderId: string) {
  return useQuery({
    queryKey: ['bundles', jobOrderId],
    queryFn: async () =>
      (await unwrap(api.GET('/v1/job-orders/{id}/bundles', { params: { path: { id: jobOrderId } } }))).items,
    refetchInterval: (q) =>
      (q.state.data ?? []).some((b) => b.status === 'queued' || b.status === 'rendering') ? 800 : 10_000,
  });
}

function useBundle(id: string | undefined) {
  return useQuery({
    queryKey: ['bundle', id],
    queryFn: () => unwrap(api.GET('/v1/bundles/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
    refetchInterval: (q) =>
      q.state.data?.status === 'done' || q.state.data?.status === 'failed' ? false : 700,
  });
}

function linkState(b: BundleRow): string {
  const l = b.companyLink;
  if (!l) return 'Intet link';
  if (l.revokedAt) return `Linket er lukket ${formatDate(l.revokedAt)}`;
  if (!l.active) return 'Linket er udløbet';
  return l.expiresAt ? `Linket virker til ${formatDate(l.expiresAt)}` : 'Linket virker';
}

export function BundleSection({ jobOrderId, names }: { jobOrderId: string; names: Map<string, string> }) {
  const qc = useQueryClient();
  const workflow = useWorkflow(jobOrderId);
  const bundles = useOrderBundles(jobOrderId);
  const sent = (workflow.data?.entries ?? []).filter((e) => e.state === 'sent_to_company' && !e.withdrawn);
  const [picked, setPicked] = useState<Set<string> | null>(null);
  const selection = picked ?? new Set(sent.map((e) => e.candidateId));
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const current = useBundle(created?.bundle.id);
  const link = created?.company.link ?? '';

  const create = async () => {
    setError(null);
    try {
      const r = await request<Created>('POST', `/v1/job-orders/${jobOrderId}/bundles`, {
        candidateIds: [...selection],
      });
      setCreated(r);
      setCopied(false);
      void qc.invalidateQueries({ queryKey: ['bundles', jobOrderId] });
    } catch (e) {
      setError(
        e instanceof ApiError ? danishProblem(e.status, e.problem.detail) : 'Serveren kunne ikke nås.',
      );
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
      setError('Linket kunne ikke kopieres automatisk. Markér det i feltet, og kopiér det selv.');
    }
  };
  const revoke = async (id: string) => {
    setError(null);
    try {
      await request('DELETE', `/v1/bundles/${id}/access`);
      void qc.invalidateQueries({ queryKey: ['bundles', jobOrderId] });
      if (created?.bundle.id === id) setCreated(null);
    } catch (e) {
      setError(
        e instanceof ApiError ? danishProblem(e.status, e.problem.detail) : 'Serveren kunne ikke nås.',
      );
    }
  };

  return (
    <section aria-labelledby="cvpakke-heading" className="mt-7">
      <h2 id="cvpakke-heading">CV-pakke til virksomheden</h2>
      {error && (
        <Alert kind="error" live>
          <p>{error}</p>
        </Alert>
      )}
      {sent.length === 0 ? (
        <p>Ingen kandidater er markeret som «sendt til virksomhed» endnu.</p>
      ) : (
        <fieldset>
          <legend className="h3">Vælg kandidater til CV-pakken</legend>
          {sent.map((e) => (
            <Checkbox
              key={e.candidateId}
              id={`bundle-pick-${e.candidateId}`}
              label={names.get(e.candidateId) ?? e.candidateId}
              checked={selection.has(e.candidateId)}
              onChange={(ev) => {
                const next = new Set(selection);
                if (ev.target.checked) next.add(e.candidateId);
                else next.delete(e.candidateId);
                setPicked(next);
              }}
            />
          ))}
          <Button onClick={create} disabled={selection.size === 0}>
            Lav CV-pakke og link
          </Button>
        </fieldset>
      )}
      {created && (
        <div className="mt-5" data-testid="bundle-created">
          <Alert kind="success" heading="CV-pakken er lavet">
            <p>
              Send linket til virksomheden. Det vises kun denne ene gang og virker til{' '}
              {formatDate(created.company.expiresAt)}.
            </p>
          </Alert>
          <div className="form-group">
            <label className="form-label" htmlFor="company-link">
              Link til virksomheden
            </label>
            <input
              id="company-link"
              className="form-input"
              readOnly
              value={link}
              onFocus={(e) => e.target.select()}
            />
          </div>
          <div className="button-row">
            <Button variant="secondary" onClick={copy}>
              Kopiér link
            </Button>
            {current.data?.status === 'done' ? (
              <a
                className="button button-secondary"
                href={`/v1/bundles/${created.bundle.id}/pdf`}
                target="_blank"
                rel="noreferrer"
              >
                Se PDF
              </a>
            ) : (
              <span className="vm-muted">
                PDF'en laves … ({BUNDLE_STATUS[current.data?.status ?? 'queued']})
              </span>
            )}
          </div>
          <p aria-live="polite">{copied ? 'Linket er kopieret.' : ''}</p>
        </div>
      )}
      {bundles.data && bundles.data.length > 0 && (
        <Table
          caption="Sendte CV-pakker"
          head={
            <tr>
              <th scope="col">Lavet</th>
              <th scope="col">Kandidater</th>
              <th scope="col">Status</th>
              <th scope="col">Åbnet af virksomheden</th>
              <th scope="col">Handling</th>
            </tr>
          }
        >
          {bundles.data.map((b) => (
            <tr key={b.id} data-testid="bundle-row">
              <td>{formatDateTime(b.createdAt)}</td>
              <td>{b.candidateIds.map((c) => names.get(c) ?? c).join(', ')}</td>
              <td>
                {BUNDLE_STATUS[b.status] ?? b.status}
                <div className="vm-muted">{linkState(b)}</div>
              </td>
              <td data-testid="bundle-opened">
                {b.openedAt ? `Ja, ${formatDateTime(b.openedAt)}` : 'Nej, ikke endnu'}
                {b.viewCount > 0 ? ` (${b.viewCount} ${b.viewCount === 1 ? 'visning' : 'visninger'})` : ''}
              </td>
              <td>
                {b.status === 'done' && (
                  <a href={`/v1/bundles/${b.id}/pdf`} target="_blank" rel="noreferrer" className="mr-4">
                    PDF
                  </a>
                )}
                {b.companyLink?.active && (
                  <Button variant="tertiary" onClick={() => revoke(b.id)}>
                    Luk linket
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
