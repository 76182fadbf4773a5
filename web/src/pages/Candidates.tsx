import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, getCsrfToken, type Schemas, unwrap } from '../api/client';
import { Alert, Button, Select, Table, TextField } from '../components/ds';
import { QueryError } from '../components/QueryError';
import { formatDate, formatNumber } from '../lib/format';
import { Link, useTitle } from '../lib/router';
import type { Principal } from '../lib/session';
import { BENEFITS } from '../lib/text';

type BulkReport = Schemas['BulkReport'];
type Benefit = NonNullable<Schemas['CandidateListItem']['benefit']>;

/** XHR rather than fetch: only XHR reports upload progress. */
function uploadNdjson(file: File, onProgress: (share: number) => void): Promise<BulkReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/candidates/bulk');
    xhr.setRequestHeader('content-type', 'application/x-ndjson');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { detail: xhr.responseText };
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as BulkReport);
      else reject(new Error((body as { detail?: string }).detail ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('Serveren kunne ikke nås.'));
    xhr.send(file);
  });
}

function Upload() {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rejections = useQuery({
    queryKey: ['rejections', report?.runId],
    queryFn: () =>
      unwrap(
        api.GET('/v1/import-runs/{id}/rejections', {
          params: { path: { id: report?.runId ?? '' }, query: { limit: 500 } },
        }),
      ),
    enabled: Boolean(report && report.rejected > 0),
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setReport(null);
    if (!file) {
      setError('Vælg en fil');
      return;
    }
    if (!/\.(ndjson|jsonl)$/i.test(file.name)) {
      setError(
        'Serveren tager i dag kun imod NDJSON (én kandidat som JSON pr. linje). CSV, PDF og DOCX indlæses med kommandoen «vikar import candidates».',
      );
      return;
    }
    try {
      setProgress(0);
      const r = await uploadNdjson(file, setProgress);
      setReport(r);
      void qc.invalidateQueries({ queryKey: ['candidates'] });
    } catch (err) {
      setError(err instanceof Error ? `Filen blev afvist: ${err.message}` : 'Filen blev afvist.');
    } finally {
      setProgress(null);
    }
  };
  return (
    <section aria-labelledby="upload-heading" className="mt-7">
      <h2 id="upload-heading">Indlæs kandidater</h2>
      <form onSubmit={submit} noValidate>
        <div className={`form-group${error ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor="upload-file">
            Fil med kandidater
          </label>
          <span className="form-hint" id="upload-hint">
            NDJSON: én kandidat pr. linje. Gode linjer gemmes; dårlige linjer vises nedenfor med linjenummer
            og årsag.
          </span>
          {error && (
            <span className="form-error-message" id="upload-error">
              <span className="sr-only">Fejl: </span>
              {error}
            </span>
          )}
          <input
            id="upload-file"
            type="file"
            accept=".ndjson,.jsonl,.csv,.pdf,.docx"
            aria-describedby={`upload-hint${error ? ' upload-error' : ''}`}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <Button type="submit" disabled={progress !== null}>
          Indlæs
        </Button>
        {progress !== null && (
          <p>
            <label htmlFor="upload-progress">Sender filen: </label>
            <progress id="upload-progress" max={1} value={progress} /> {Math.round(progress * 100)} %
          </p>
        )}
      </form>
      {report && (
        <div className="mt-5" data-testid="import-report">
          <Alert kind={report.rejected ? 'warning' : 'success'} heading="Indlæsningen er færdig" live>
            <p>
              {report.imported} nye, {report.updated} opdateret, {report.unchanged} uændret, {report.rejected}{' '}
              afvist.
            </p>
          </Alert>
          {report.rejected > 0 && (
            <Table
              caption="Afviste linjer"
              head={
                <tr>
                  <th scope="col">Linje</th>
                  <th scope="col">Reference</th>
                  <th scope="col">Årsag</th>
                </tr>
              }
            >
              {(rejections.data?.items ?? []).map((r) => (
                <tr key={`${r.file}:${r.line}`}>
                  <td>{r.line}</td>
                  <td>{r.externalId ?? '–'}</td>
                  <td>
                    {r.errors.length ? r.errors.map((x) => `${x.field}: ${x.message}`).join('; ') : r.reason}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </div>
      )}
    </section>
  );
}

export default function CandidatesPage({ principal }: { principal: Principal }) {
  useTitle('Kandidater');
  const [q, setQ] = useState('');
  const [benefit, setBenefit] = useState('');
  const [status, setStatus] = useState('');
  const [since, setSince] = useState('');
  const [applied, setApplied] = useState({ q: '', benefit: '', status: '' });
  const list = useInfiniteQuery({
    queryKey: ['candidates', applied],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/candidates', {
          params: {
            query: {
              limit: 100,
              after: pageParam,
              ...(applied.q ? { q: applied.q } : {}),
              ...(applied.benefit ? { benefit: applied.benefit as Benefit } : {}),
              ...(applied.status === 'incomplete' ? { incomplete: 'true' as const } : {}),
              ...(applied.status === 'searchable' ? { searchable: 'true' as const } : {}),
              ...(applied.status === 'not-searchable' ? { searchable: 'false' as const } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const items = (list.data?.pages ?? [])
    .flatMap((p) => p.items)
    // "Ledig siden" is a cut on a field every list item has; the API has no such filter yet.
    .filter((c) => !since || (c.unemployedSince ?? '') <= since);
  return (
    <div>
      <h1>Kandidater</h1>
      <p>{principal.jobcenter ? `Ledige i jobcenter ${principal.jobcenter}.` : 'Ledige i alle jobcentre.'}</p>
      <form
        className="vm-inline vm-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ q: q.trim(), benefit, status });
        }}
      >
        <TextField id="c-q" label="Navn eller reference" value={q} onChange={(e) => setQ(e.target.value)} />
        <Select
          id="c-benefit"
          label="Ydelse"
          value={benefit}
          onChange={(e) => setBenefit(e.target.value)}
          options={[
            { value: '', label: 'Alle' },
            ...Object.entries(BENEFITS).map(([value, label]) => ({ value, label })),
          ]}
        />
        <Select
          id="c-status"
          label="Samtykke og status"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          options={[
            { value: '', label: 'Alle' },
            { value: 'searchable', label: 'Kan søges frem' },
            { value: 'not-searchable', label: 'Har ikke givet samtykke' },
            { value: 'incomplete', label: 'Ufuldstændige' },
          ]}
        />
        <TextField
          id="c-since"
          label="Ledig senest fra"
          type="date"
          value={since}
          onChange={(e) => setSince(e.target.value)}
        />
        <div className="form-group">
          <Button type="submit">Søg</Button>
        </div>
      </form>
      <QueryError error={list.error} />
      {list.isPending ? (
        <p>Henter kandidater …</p>
      ) : (
        <Table
          caption="Kandidater"
          head={
            <tr>
              <th scope="col">Navn</th>
              <th scope="col">Postnummer</th>
              <th scope="col">Ledig siden</th>
              <th scope="col">Ydelse</th>
              <th scope="col">Timer</th>
              <th scope="col">Samtykke</th>
            </tr>
          }
        >
          {items.map((c) => (
            <tr key={c.id}>
              <td>
                <Link href={`/kandidater/${c.id}`}>{c.name ?? c.externalId}</Link>
                {c.incomplete.length > 0 && (
                  <div className="vm-muted">Mangler: {c.incomplete.join(', ')}</div>
                )}
              </td>
              <td>{c.postalCode ?? '–'}</td>
              <td>{formatDate(c.unemployedSince)}</td>
              <td>{c.benefit ? BENEFITS[c.benefit] : '–'}</td>
              <td>{c.weeklyHours === undefined ? '–' : formatNumber(c.weeklyHours)}</td>
              <td>{c.consent.searchable ? 'Ja' : 'Nej'}</td>
            </tr>
          ))}
        </Table>
      )}
      {list.hasNextPage && (
        <Button variant="secondary" onClick={() => list.fetchNextPage()}>
          Vis flere
        </Button>
      )}
      <Upload />
    </div>
  );
}
