import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, csrfHeader, type Schemas, unwrap } from '../api/client';
import { Alert, Button, Select, Table, TextField } from '../components/ds';
import { QueryError } from '../components/QueryError';
import { formatDate, formatNumber } from '../lib/format';
import { Link, useTitle } from '../lib/router';
import type { Principal } from '../lib/session';
import { BENEFITS, danishMessage, danishProblem } from '../lib/text';

type BulkReport = Schemas['BulkReport'];
type StoredCandidate = Schemas['Candidate'] & { status: 'created' | 'updated' | 'unchanged' };
type Benefit = NonNullable<Schemas['CandidateListItem']['benefit']>;

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Where each kind of file goes, by its extension (browsers disagree on a CSV's type, so it is not trusted). */
function routeFor(file: File): { url: string; type: string } | undefined {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase();
  const named = (type: string) => ({
    url: `/v1/candidates/documents?filename=${encodeURIComponent(file.name)}`,
    type,
  });
  if (ext === 'ndjson' || ext === 'jsonl')
    return { url: '/v1/candidates/bulk', type: 'application/x-ndjson' };
  if (ext === 'csv') return { url: '/v1/candidates/bulk', type: 'text/csv' };
  if (ext === 'pdf') return named('application/pdf');
  if (ext === 'docx') return named(DOCX_TYPE);
  return undefined;
}

interface UploadProblem {
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** XHR rather than fetch: only XHR reports upload progress. The session's CSRF header goes along. */
function send<T>(file: File, url: string, type: string, onProgress: (loaded: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', type);
    for (const [name, value] of Object.entries(csrfHeader())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject({ ...(body as object), status: xhr.status } as UploadProblem);
    };
    xhr.onerror = () => reject({ status: 0, detail: 'Serveren kunne ikke nås.' } as UploadProblem);
    xhr.send(file);
  });
}

const FIELD_NAMES: Record<string, string> = {
  externalId: 'Reference',
  jobcenter: 'Jobcenter',
  name: 'Navn',
  postalCode: 'Postnummer',
  location: 'Placering',
  unemployedSince: 'Ledig siden',
  benefit: 'Ydelse',
  weeklyHours: 'Timer pr. uge',
  email: 'E-mail',
  phone: 'Telefon',
  cpr: 'CPR-nummer',
  '(root)': 'Filen',
};
const fieldName = (field: string) => FIELD_NAMES[field] ?? field;

/** The importer's reasons, in Danish where their form is known. */
function danishReason(reason: string): string {
  const known: [RegExp, (m: RegExpExecArray) => string][] = [
    [
      /no text layer/i,
      () => 'Dokumentet har intet tekstlag (scannet?): kør OCR først, eller opret kandidaten i hånden',
    ],
    [/cannot read the (PDF|DOCX)/i, (m) => `Filen kunne ikke læses som ${m[1]}`],
    [
      /row has (\d+) cells, header has (\d+)/i,
      (m) => `Rækken har ${m[1]} celler, men overskriften har ${m[2]}`,
    ],
    [/JSON/i, () => 'Linjen er ikke gyldig JSON'],
    [/may only write .* of jobcenter/i, () => 'Du må kun indlæse kandidater i dit eget jobcenter'],
    [/line longer than/i, () => 'Linjen er for lang'],
    [/larger than|more than .* records/i, () => 'Filen er for stor: del den op'],
    [/is empty|no CSV rows|no NDJSON lines/i, () => 'Filen er tom'],
  ];
  for (const [re, say] of known) {
    const m = re.exec(reason);
    if (m) return say(m);
  }
  return reason;
}

const errorsText = (errors: { field: string; message: string }[]) =>
  errors.map((x) => `${fieldName(x.field)}: ${danishMessage(x.message)}`).join('; ');

type FileResult =
  | { kind: 'bulk'; file: string; report: BulkReport }
  | { kind: 'document'; file: string; candidate: StoredCandidate }
  | { kind: 'failed'; file: string; reason: string };

const STORED: Record<StoredCandidate['status'], string> = {
  created: 'gemt som ny kandidat',
  updated: 'opdateret',
  unchanged: 'uændret (den var allerede indlæst)',
};

async function uploadOne(file: File, onProgress: (loaded: number) => void): Promise<FileResult> {
  const route = routeFor(file);
  if (!route) {
    return {
      kind: 'failed',
      file: file.name,
      reason: 'Filtypen kan ikke indlæses: brug NDJSON, CSV (UTF-8), PDF eller DOCX',
    };
  }
  try {
    if (route.url.endsWith('/bulk')) {
      return {
        kind: 'bulk',
        file: file.name,
        report: await send<BulkReport>(file, route.url, route.type, onProgress),
      };
    }
    const candidate = await send<StoredCandidate>(file, route.url, route.type, onProgress);
    return { kind: 'document', file: file.name, candidate };
  } catch (err) {
    const p = err as UploadProblem;
    const reason =
      p.status === 0 || p.status === 401 || p.status >= 500
        ? danishProblem(p.status, p.detail)
        : p.errors?.length
          ? errorsText(p.errors)
          : danishReason((p.detail ?? `HTTP ${p.status}`).replace(/^[^:]*\.(pdf|docx): /i, ''));
    return { kind: 'failed', file: file.name, reason };
  }
}

function Rejections({ report }: { report: BulkReport }) {
  const rejections = useQuery({
    queryKey: ['rejections', report.runId],
    queryFn: () =>
      unwrap(
        api.GET('/v1/import-runs/{id}/rejections', {
          params: { path: { id: report.runId }, query: { limit: 500 } },
        }),
      ),
    enabled: report.rejected > 0,
  });
  if (report.rejected === 0) return null;
  return (
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
          <td>{r.errors.length ? errorsText(r.errors) : danishReason(r.reason)}</td>
        </tr>
      ))}
    </Table>
  );
}

function FileReport({ result }: { result: FileResult }) {
  if (result.kind === 'failed') {
    return (
      <Alert kind="error" heading={`${result.file}: afvist`}>
        <p>{result.reason}. Intet fra filen er gemt.</p>
      </Alert>
    );
  }
  if (result.kind === 'document') {
    const c = result.candidate;
    return (
      <Alert
        kind={c.incomplete.length ? 'warning' : 'success'}
        heading={`${result.file}: ${STORED[c.status]}`}
      >
        <p>
          <Link href={`/kandidater/${c.id}`}>{c.name ?? c.externalId}</Link> (reference {c.externalId}).
          {c.incomplete.length > 0 &&
            ` CV'et siger ikke alt: ${c.incomplete.map(fieldName).join(', ')} mangler. Kandidaten er gemt som ufuldstændig og kommer først på en bruttoliste, når det er udfyldt.`}
        </p>
      </Alert>
    );
  }
  const r = result.report;
  return (
    <div>
      <Alert kind={r.rejected ? 'warning' : 'success'} heading={`${result.file}: indlæst`}>
        <p>
          {r.imported} nye, {r.updated} opdateret, {r.unchanged} uændret, {r.rejected} afvist.
        </p>
      </Alert>
      <Rejections report={r} />
    </div>
  );
}

function Upload() {
  const qc = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [results, setResults] = useState<FileResult[]>([]);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setResults([]);
    if (files.length === 0) {
      setError('Vælg en eller flere filer');
      return;
    }
    // One request per file, one after the other; the bar shows the bytes sent of all of them.
    const total = files.reduce((n, f) => n + f.size, 0) || 1;
    let done = 0;
    setProgress(0);
    const out: FileResult[] = [];
    try {
      for (const file of files) {
        out.push(await uploadOne(file, (loaded) => setProgress((done + loaded) / total)));
        done += file.size;
        setProgress(done / total);
        setResults([...out]);
      }
    } finally {
      setProgress(null);
      void qc.invalidateQueries({ queryKey: ['candidates'] });
    }
  };
  return (
    <section aria-labelledby="upload-heading" className="mt-7">
      <h2 id="upload-heading">Indlæs kandidater</h2>
      <form onSubmit={submit} noValidate>
        <div className={`form-group${error ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor="upload-file">
            Filer med kandidater
          </label>
          <span className="form-hint" id="upload-hint">
            NDJSON (én kandidat pr. linje) eller CSV (UTF-8, første række med feltnavne): gode linjer gemmes,
            og dårlige vises nedenfor med linjenummer og årsag. PDF- og DOCX-CV'er: én kandidat pr. fil; vælg
            gerne flere på én gang.
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
            multiple
            accept=".ndjson,.jsonl,.csv,.pdf,.docx"
            aria-describedby={`upload-hint${error ? ' upload-error' : ''}`}
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
        </div>
        <Button type="submit" disabled={progress !== null}>
          Indlæs
        </Button>
        {progress !== null && (
          <p>
            <label htmlFor="upload-progress">Sender filerne: </label>
            <progress id="upload-progress" max={1} value={progress} /> {Math.round(progress * 100)} %
          </p>
        )}
      </form>
      {results.length > 0 && (
        <div className="mt-5" data-testid="import-report" aria-live="polite">
          {progress === null && <p>Indlæsningen er færdig.</p>}
          {results.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two files may have the same name; the list only grows.
            <FileReport key={i} result={r} />
          ))}
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
  const [sinceFrom, setSinceFrom] = useState('');
  const [sinceTo, setSinceTo] = useState('');
  const [applied, setApplied] = useState({ q: '', benefit: '', status: '', sinceFrom: '', sinceTo: '' });
  const reversed = Boolean(sinceFrom && sinceTo && sinceFrom > sinceTo);
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
              ...(applied.sinceFrom ? { ledigSinceFrom: applied.sinceFrom } : {}),
              ...(applied.sinceTo ? { ledigSinceTo: applied.sinceTo } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const items = (list.data?.pages ?? []).flatMap((p) => p.items);
  return (
    <div>
      <h1>Kandidater</h1>
      <p>{principal.jobcenter ? `Ledige i jobcenter ${principal.jobcenter}.` : 'Ledige i alle jobcentre.'}</p>
      <form
        className="vm-inline vm-filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (!reversed) setApplied({ q: q.trim(), benefit, status, sinceFrom, sinceTo });
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
          id="c-since-from"
          label="Ledig siden, fra"
          type="date"
          value={sinceFrom}
          onChange={(e) => setSinceFrom(e.target.value)}
        />
        <TextField
          id="c-since-to"
          label="Ledig siden, til"
          type="date"
          value={sinceTo}
          error={reversed ? 'Skal være samme dag som «fra» eller senere' : undefined}
          onChange={(e) => setSinceTo(e.target.value)}
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
