import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError, api, request, type Schemas, unwrap } from '../api/client';
import { Alert, Button, Checkbox, Select, Table, TextField } from '../components/ds';
import { QueryError } from '../components/QueryError';
import { formatDate, formatDateTime } from '../lib/format';
import { useTitle } from '../lib/router';
import { danishProblem, ROLES } from '../lib/text';

type CreatedToken = Schemas['ApiToken'] & { token: string };

function useAction() {
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      const fields =
        e instanceof ApiError ? e.problem.errors?.map((x) => `${x.field}: ${x.message}`).join('; ') : '';
      setError(
        e instanceof ApiError
          ? `${danishProblem(e.status, e.problem.detail)}${fields ? ` (${fields})` : ''}`
          : 'Serveren kunne ikke nås.',
      );
      return false;
    }
  };
  const box: ReactNode = error ? (
    <Alert kind="error" live>
      <p>{error}</p>
    </Alert>
  ) : null;
  return { run, box };
}

function Jobcentre() {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['jobcentre'], queryFn: () => unwrap(api.GET('/v1/jobcentre', {})) });
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const { run, box } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => request('POST', '/v1/jobcentre', { id: id.trim(), name: name.trim() }))) {
      setId('');
      setName('');
      void qc.invalidateQueries({ queryKey: ['jobcentre'] });
    }
  };
  const items = (list.data as { items?: Schemas['Jobcenter'][] } | Schemas['Jobcenter'][] | undefined) ?? [];
  const rows = Array.isArray(items) ? items : (items.items ?? []);
  return (
    <section aria-labelledby="jc-heading" className="mt-6">
      <h2 id="jc-heading">Jobcentre</h2>
      <QueryError error={list.error} />
      <Table
        caption="Jobcentre"
        head={
          <tr>
            <th scope="col">Kommunekode</th>
            <th scope="col">Navn</th>
            <th scope="col">Oprettet</th>
          </tr>
        }
      >
        {rows.map((j) => (
          <tr key={j.id}>
            <td>{j.id}</td>
            <td>{j.name}</td>
            <td>{formatDate(j.createdAt)}</td>
          </tr>
        ))}
      </Table>
      {box}
      <form onSubmit={submit} className="vm-inline" noValidate>
        <TextField
          id="jc-id"
          label="Kommunekode"
          className="input-width-xs"
          value={id}
          onChange={(e) => setId(e.target.value)}
        />
        <TextField id="jc-name" label="Navn" value={name} onChange={(e) => setName(e.target.value)} />
        <div className="form-group">
          <Button type="submit">Opret jobcenter</Button>
        </div>
      </form>
    </section>
  );
}

function Tokens() {
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['tokens'],
    queryFn: () => unwrap(api.GET('/v1/tokens', { params: { query: {} } })),
  });
  const [role, setRole] = useState('konsulent');
  const [jobcenter, setJobcenter] = useState('');
  const [label, setLabel] = useState('');
  const [national, setNational] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const { run, box } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      const t = await request<CreatedToken>('POST', '/v1/tokens', {
        role,
        label: label.trim(),
        ...(jobcenter.trim() ? { jobcenter: jobcenter.trim() } : {}),
        ...(role === 'konsulent' && national ? { nationalScope: true } : {}),
      });
      setCreated(t);
      setLabel('');
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    });
  };
  const revoke = (id: string) =>
    run(async () => {
      await request('DELETE', `/v1/tokens/${id}`);
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    });
  const raw = list.data as { items?: Schemas['ApiToken'][] } | Schemas['ApiToken'][] | undefined;
  const rows = (Array.isArray(raw) ? raw : (raw?.items ?? [])).filter((t) => t.role !== 'virksomhed');
  return (
    <section aria-labelledby="tok-heading" className="mt-6">
      <h2 id="tok-heading">Adgangsnøgler</h2>
      <QueryError error={list.error} />
      {box}
      {created && (
        <Alert kind="success" heading="Ny adgangsnøgle" live>
          <p>
            Giv nøglen til {created.label}. Den vises kun nu:{' '}
            <code data-testid="new-token">{created.token}</code>
          </p>
        </Alert>
      )}
      <form onSubmit={submit} className="vm-inline" noValidate>
        <Select
          id="tok-role"
          label="Rolle"
          value={role}
          onChange={(e) => setRole(e.target.value)}
          options={[
            { value: 'konsulent', label: ROLES.konsulent ?? '' },
            { value: 'admin', label: ROLES.admin ?? '' },
          ]}
        />
        <TextField
          id="tok-jc"
          label="Jobcenter"
          className="input-width-xs"
          value={jobcenter}
          onChange={(e) => setJobcenter(e.target.value)}
        />
        <TextField
          id="tok-label"
          label="Navn på indehaver"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
        <Checkbox
          id="tok-national"
          label="Må søge i hele landet"
          checked={national}
          onChange={(e) => setNational(e.target.checked)}
        />
        <div className="form-group">
          <Button type="submit">Opret nøgle</Button>
        </div>
      </form>
      <Table
        caption="Adgangsnøgler"
        head={
          <tr>
            <th scope="col">Indehaver</th>
            <th scope="col">Rolle</th>
            <th scope="col">Jobcenter</th>
            <th scope="col">Sidst brugt</th>
            <th scope="col">Status</th>
            <th scope="col">Handling</th>
          </tr>
        }
      >
        {rows.map((t) => (
          <tr key={t.id}>
            <td>{t.label}</td>
            <td>{ROLES[t.role]}</td>
            <td>{t.jobcenter ?? '–'}</td>
            <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Aldrig'}</td>
            <td>{t.revokedAt ? `Tilbagekaldt ${formatDate(t.revokedAt)}` : 'Aktiv'}</td>
            <td>
              {!t.revokedAt && (
                <Button variant="tertiary" onClick={() => revoke(t.id)}>
                  Tilbagekald
                </Button>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

function Pools() {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['pools'], queryFn: () => unwrap(api.GET('/v1/pools', {})) });
  const [name, setName] = useState('');
  const [members, setMembers] = useState('');
  const [add, setAdd] = useState<Record<string, string>>({});
  const { run, box } = useAction();
  const refresh = () => qc.invalidateQueries({ queryKey: ['pools'] });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ids = members.split(/[\s,]+/).filter(Boolean);
    if (await run(() => request('POST', '/v1/pools', { name: name.trim(), members: ids }))) {
      setName('');
      setMembers('');
      void refresh();
    }
  };
  return (
    <section aria-labelledby="pool-heading" className="mt-6">
      <h2 id="pool-heading">Rekrutteringsfællesskaber</h2>
      <QueryError error={list.error} />
      {box}
      {(list.data?.items ?? []).map((p) => (
        <div key={p.id} className="mb-5">
          <h3 className="h4">{p.name}</h3>
          <ul className="vm-chips">
            {p.members.map((m) => (
              <li key={m} className="tag vm-tag">
                Jobcenter {m}{' '}
                <button
                  type="button"
                  className="vm-chip-remove"
                  aria-label={`Fjern jobcenter ${m} fra ${p.name}`}
                  onClick={() => run(() => request('DELETE', `/v1/pools/${p.id}/members/${m}`)).then(refresh)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <form
            className="vm-inline"
            onSubmit={(e) => {
              e.preventDefault();
              const jc = (add[p.id] ?? '').trim();
              if (jc) void run(() => request('PUT', `/v1/pools/${p.id}/members/${jc}`)).then(refresh);
            }}
          >
            <TextField
              id={`pool-add-${p.id}`}
              label="Tilføj jobcenter"
              className="input-width-xs"
              value={add[p.id] ?? ''}
              onChange={(e) => setAdd({ ...add, [p.id]: e.target.value })}
            />
            <div className="form-group">
              <Button type="submit" variant="secondary">
                Tilføj
              </Button>
            </div>
          </form>
        </div>
      ))}
      <form onSubmit={submit} className="vm-inline" noValidate>
        <TextField
          id="pool-name"
          label="Navn på fællesskab"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          id="pool-members"
          label="Jobcentre (kommunekoder)"
          hint="Adskil med komma"
          value={members}
          onChange={(e) => setMembers(e.target.value)}
        />
        <div className="form-group">
          <Button type="submit">Opret fællesskab</Button>
        </div>
      </form>
    </section>
  );
}

function Audit() {
  const [id, setId] = useState('');
  const [shown, setShown] = useState('');
  const log = useQuery({
    queryKey: ['audit', shown],
    queryFn: () => unwrap(api.GET('/v1/audit', { params: { query: { candidateId: shown } } })),
    enabled: Boolean(shown),
  });
  return (
    <section aria-labelledby="audit-heading" className="mt-6">
      <h2 id="audit-heading">Revisionslog for en kandidat</h2>
      <form
        className="vm-inline"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(id.trim());
        }}
      >
        <TextField id="audit-id" label="Kandidat-id" value={id} onChange={(e) => setId(e.target.value)} />
        <div className="form-group">
          <Button type="submit">Vis log</Button>
        </div>
      </form>
      <QueryError error={log.error} />
      {log.data && (
        <Table
          caption="Revisionslog"
          head={
            <tr>
              <th scope="col">Tidspunkt</th>
              <th scope="col">Hvem</th>
              <th scope="col">Handling</th>
              <th scope="col">Detaljer</th>
            </tr>
          }
        >
          {log.data.items.map((a) => (
            <tr key={a.id}>
              <td>{formatDateTime(a.at)}</td>
              <td>
                {a.actor.label} ({ROLES[a.actor.role]}
                {a.actor.jobcenter ? `, jobcenter ${a.actor.jobcenter}` : ''})
              </td>
              <td>{a.action}</td>
              <td>{a.detail ?? '–'}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

export default function AdminPage() {
  useTitle('Administration');
  const queues = useQuery({
    queryKey: ['queues-available'],
    queryFn: async () => (await fetch('/admin/queues', { credentials: 'same-origin' })).ok,
    retry: false,
  });
  return (
    <div>
      <h1>Administration</h1>
      {queues.data && (
        <p>
          <a href="/admin/queues">Køoversigt (genstart fejlede job)</a>
        </p>
      )}
      <Jobcentre />
      <Tokens />
      <Pools />
      <Audit />
    </div>
  );
}
