import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api, request, unwrap } from '../api/client';
import { Alert, Button, Select, TextArea } from '../components/ds';
import { QueryError } from '../components/QueryError';
import { formatDate, formatDateTime, formatNumber } from '../lib/format';
import { Link, useTitle } from '../lib/router';
import { DECLINE_REASONS, danishProblem, NEXT_STATES, NOT_CHOSEN_REASONS, STATE_LABELS } from '../lib/text';
import { NotFound } from './NotFound';

const STEP_LABELS: Record<string, string> = {
  contacted: 'Markér som kontaktet',
  interested: 'Interesseret',
  declined: 'Afslået',
  sent_to_company: 'Sendt til virksomhed',
  interview: 'Til samtale',
  chosen: 'Valgt',
  not_chosen: 'Ikke valgt',
};

export function CandidatePanel({ jobOrderId, candidateId }: { jobOrderId: string; candidateId: string }) {
  const qc = useQueryClient();
  const detail = useQuery({
    queryKey: ['workflow-entry', jobOrderId, candidateId],
    queryFn: () =>
      unwrap(
        api.GET('/v1/job-orders/{id}/workflow/{candidateId}', {
          params: { path: { id: jobOrderId, candidateId } },
        }),
      ),
  });
  const [pending, setPending] = useState<'declined' | 'not_chosen' | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const c = detail.data?.candidate;
  useTitle(c?.name ? `Kandidat: ${c.name}` : 'Kandidat');

  if (detail.error instanceof ApiError && [400, 403, 404].includes(detail.error.status))
    return <NotFound what="Kandidaten på denne jobordre" />;
  if (detail.error) return <QueryError error={detail.error} />;
  if (!detail.data) return <p>Henter kandidaten …</p>;
  const d = detail.data;
  const next = d.withdrawn ? [] : (NEXT_STATES[d.state] ?? []);

  const step = async (to: string) => {
    setError(null);
    setSaved(null);
    if ((to === 'declined' || to === 'not_chosen') && pending !== to) {
      setPending(to);
      setReason('');
      return;
    }
    const body: Record<string, string> = { to };
    if (to === 'declined' || to === 'not_chosen') {
      if (!reason) {
        setError('Vælg en årsag');
        return;
      }
      body.reason = reason;
    }
    // Health declines keep only the category: no note is sent with them.
    if (note.trim() && !(to === 'declined' && reason === 'health')) body.note = note.trim();
    try {
      await request(
        'POST',
        `/v1/job-orders/${jobOrderId}/workflow/${encodeURIComponent(candidateId)}/transitions`,
        body,
      );
      setPending(null);
      setNote('');
      setSaved(`Status er nu: ${STATE_LABELS[to]}`);
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['workflow-entry', jobOrderId, candidateId] }),
        qc.invalidateQueries({ queryKey: ['workflow', jobOrderId] }),
      ]);
    } catch (e) {
      setError(
        e instanceof ApiError ? danishProblem(e.status, e.problem.detail) : 'Serveren kunne ikke nås.',
      );
    }
  };

  return (
    <div>
      <p>
        <Link href={`/jobordrer/${jobOrderId}`} className="back-link">
          Tilbage til jobordren
        </Link>
      </p>
      <h1>{c?.name ?? 'Kandidat'}</h1>
      <p className="font-lead" data-testid="candidate-state">
        Status på denne jobordre:{' '}
        <strong>{d.withdrawn ? STATE_LABELS.withdrawn : STATE_LABELS[d.state]}</strong>
        {d.declineReason ? ` (${DECLINE_REASONS[d.declineReason] ?? d.declineReason})` : ''}
        {d.companyReason ? ` (${NOT_CHOSEN_REASONS[d.companyReason] ?? d.companyReason})` : ''}
      </p>
      {d.withdrawn && (
        <Alert kind="warning">
          <p>Personen deles ikke længere med dit jobcenter. CV og videre skridt er lukket.</p>
        </Alert>
      )}
      {saved && (
        <Alert kind="success" live>
          <p>{saved}</p>
        </Alert>
      )}
      {error && (
        <Alert kind="error" live>
          <p>{error}</p>
        </Alert>
      )}
      {next.length > 0 && (
        <section aria-labelledby="steps-heading">
          <h2 id="steps-heading">Næste skridt</h2>
          <div className="button-row">
            {next.map((to) => (
              <Button
                key={to}
                variant={to === 'declined' || to === 'not_chosen' ? 'secondary' : 'primary'}
                onClick={() => step(to)}
              >
                {STEP_LABELS[to]}
              </Button>
            ))}
          </div>
          {pending && (
            <div className="mt-5">
              <Select
                id="step-reason"
                label={
                  pending === 'declined'
                    ? 'Hvorfor afslog kandidaten?'
                    : 'Hvorfor blev kandidaten ikke valgt?'
                }
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                options={[
                  { value: '', label: 'Vælg årsag' },
                  ...Object.entries(pending === 'declined' ? DECLINE_REASONS : NOT_CHOSEN_REASONS).map(
                    ([value, label]) => ({ value, label }),
                  ),
                ]}
              />
              {!(pending === 'declined' && reason === 'health') ? (
                <TextArea
                  id="step-note"
                  label="Note (valgfri)"
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              ) : (
                <p className="form-hint">Ved helbred gemmes kun kategorien – skriv ingen detaljer.</p>
              )}
              <Button onClick={() => step(pending)}>Gem {STEP_LABELS[pending]?.toLowerCase()}</Button>
            </div>
          )}
        </section>
      )}
      {c && (
        <section aria-labelledby="cv-heading" className="mt-7">
          <h2 id="cv-heading">CV</h2>
          <dl className="vm-facts">
            <dt>Jobcenter</dt>
            <dd>{c.jobcenter}</dd>
            <dt>Postnummer</dt>
            <dd>{c.postalCode ?? '–'}</dd>
            <dt>Timer pr. uge</dt>
            <dd>{c.weeklyHours === undefined ? '–' : formatNumber(c.weeklyHours)}</dd>
            <dt>Kan starte</dt>
            <dd>{c.availableFrom ? formatDate(c.availableFrom) : 'Straks'}</dd>
            <dt>Kompetencer</dt>
            <dd>{c.competences.join(', ') || '–'}</dd>
            <dt>Erfaring</dt>
            <dd>
              {c.experience.length === 0
                ? '–'
                : c.experience.map((x) => (
                    <div key={`${x.title}${x.from ?? ''}`}>
                      {x.title}
                      {x.from ? ` (${formatDate(x.from)} – ${x.to ? formatDate(x.to) : 'nu'})` : ''}
                    </div>
                  ))}
            </dd>
            <dt>Uddannelse</dt>
            <dd>{c.educations.map((e) => e.title).join(', ') || '–'}</dd>
            <dt>Sprog</dt>
            <dd>{c.languages.join(', ') || '–'}</dd>
            <dt>Kørekort</dt>
            <dd>{c.driversLicences.join(', ') || 'Intet'}</dd>
            <dt>Kontakt</dt>
            <dd>
              {c.contactReleased || c.email || c.phone
                ? [c.email, c.phone].filter(Boolean).join(', ') || '–'
                : 'Kontaktoplysninger er ikke frigivet af kandidatens jobcenter'}
            </dd>
          </dl>
        </section>
      )}
      <section aria-labelledby="history-heading" className="mt-7">
        <h2 id="history-heading">Forløb på denne jobordre</h2>
        {d.history.length === 0 ? (
          <p>Intet endnu.</p>
        ) : (
          <ol className="vm-history">
            {d.history.map((h) => (
              <li key={`${h.at}${h.to}`}>
                <strong>{STATE_LABELS[h.to]}</strong> – {formatDateTime(h.at)} af {h.by.label}
                {h.reason
                  ? ` (${DECLINE_REASONS[h.reason] ?? NOT_CHOSEN_REASONS[h.reason] ?? h.reason})`
                  : ''}
                {h.note ? `: ${h.note}` : ''}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
