import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, request, type Schemas, unwrap } from '../api/client';
import { ChipInput } from '../components/ChipInput';
import { Button, Checkbox, ErrorSummary, Select, TextArea, TextField } from '../components/ds';
import { QueryError } from '../components/QueryError';
import { parseDanishNumber } from '../lib/format';
import { resolvePostalCode, usePostnumre } from '../lib/postnumre';
import { Link, navigate, useTitle } from '../lib/router';
import type { Principal } from '../lib/session';
import { danishMessage, danishProblem, STRATEGIES } from '../lib/text';

type JobOrder = Schemas['JobOrder'];

interface FormState {
  externalId: string;
  jobcenter: string;
  cvr: string;
  companyName: string;
  title: string;
  postal: string;
  tasks: string;
  mustHave: string[];
  niceToHave: string[];
  weeklyHours: string;
  from: string;
  to: string;
  positions: string;
  radiusFull: string;
  radiusMax: string;
  jobrotation: boolean;
  ruleSet: string;
  driversLicence: string;
  rankingStrategy: string;
}

/** API field path -> the input that shows it, and its Danish label for the error summary. */
const FIELDS: Record<string, { id: string; label: string }> = {
  externalId: { id: 'f-externalId', label: 'Reference' },
  jobcenter: { id: 'f-jobcenter', label: 'Jobcenter' },
  'company.cvr': { id: 'f-cvr', label: 'CVR-nummer' },
  'company.name': { id: 'f-companyName', label: 'Virksomhedens navn' },
  title: { id: 'f-title', label: 'Stillingsbetegnelse' },
  postalCode: { id: 'f-postal', label: 'Postnummer' },
  location: { id: 'f-postal', label: 'Arbejdssted' },
  tasks: { id: 'f-tasks', label: 'Arbejdsopgaver' },
  mustHave: { id: 'f-mustHave', label: 'Skal-krav' },
  niceToHave: { id: 'f-niceToHave', label: 'Gerne-krav' },
  weeklyHours: { id: 'f-weeklyHours', label: 'Timer pr. uge' },
  'period.from': { id: 'f-from', label: 'Periode fra' },
  'period.to': { id: 'f-to', label: 'Periode til' },
  period: { id: 'f-to', label: 'Periode' },
  positions: { id: 'f-positions', label: 'Antal vikarer' },
  'radiusKm.full': { id: 'f-radiusFull', label: 'Fuld afstandsscore inden for' },
  'radiusKm.max': { id: 'f-radiusMax', label: 'Største afstand' },
  radiusKm: { id: 'f-radiusMax', label: 'Afstand' },
  ruleSet: { id: 'f-ruleSet', label: 'Regelsæt' },
  driversLicence: { id: 'f-driversLicence', label: 'Kørekort' },
  rankingStrategy: { id: 'f-rankingStrategy', label: 'Rangering' },
};

function fieldFor(path: string) {
  const exact = FIELDS[path];
  if (exact) return exact;
  const prefix = Object.keys(FIELDS)
    .filter((k) => path.startsWith(`${k}.`) || path.startsWith(`${k}[`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? FIELDS[prefix] : undefined;
}

function emptyState(principal: Principal): FormState {
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    externalId: `jo-${stamp}-${Math.random().toString(36).slice(2, 7)}`,
    jobcenter: principal.jobcenter ?? '',
    cvr: '',
    companyName: '',
    title: '',
    postal: '',
    tasks: '',
    mustHave: [],
    niceToHave: [],
    weeklyHours: '37',
    from: '',
    to: '',
    positions: '1',
    radiusFull: '10',
    radiusMax: '15',
    jobrotation: false,
    ruleSet: 'default',
    driversLicence: '',
    rankingStrategy: 'fit-first',
  };
}

function fromOrder(o: JobOrder): FormState {
  return {
    externalId: o.externalId,
    jobcenter: o.jobcenter,
    cvr: o.company.cvr,
    companyName: o.company.name ?? '',
    title: o.title,
    postal: o.postalCode ?? '',
    tasks: o.tasks ?? '',
    mustHave: o.mustHave,
    niceToHave: o.niceToHave,
    weeklyHours: String(o.weeklyHours).replace('.', ','),
    from: o.period.from,
    to: o.period.to,
    positions: String(o.positions),
    radiusFull: String(o.radiusKm.full).replace('.', ','),
    radiusMax: String(o.radiusKm.max).replace('.', ','),
    jobrotation: o.jobrotation,
    ruleSet: o.ruleSet,
    driversLicence: o.driversLicence ?? '',
    rankingStrategy: o.rankingStrategy,
  };
}

const num = (s: string) => {
  const n = parseDanishNumber(s);
  return Number.isNaN(n) ? s : n;
};

export function JobOrderForm({ principal, id }: { principal: Principal; id?: string }) {
  useTitle(id ? 'Ret jobordre' : 'Opret jobordre');
  const qc = useQueryClient();
  const existing = useQuery({
    queryKey: ['job-order', id],
    queryFn: () => unwrap(api.GET('/v1/job-orders/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });
  const [form, setForm] = useState<FormState>(() => emptyState(principal));
  const [loaded, setLoaded] = useState(!id);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<{ fieldId?: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const postnumre = usePostnumre(/^\d{4}$/.test(form.postal.trim()) ? form.postal.trim() : form.postal);
  const suggestions = postnumre.data ?? [];
  const resolved = resolvePostalCode(form.postal, suggestions);
  const town = suggestions.find((s) => s.postalCode === resolved)?.town;

  useEffect(() => {
    if (existing.data && !loaded) {
      setForm(fromOrder(existing.data));
      setLoaded(true);
    }
  }, [existing.data, loaded]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const body = {
      externalId: form.externalId.trim(),
      jobcenter: form.jobcenter.trim(),
      company: {
        cvr: form.cvr.trim(),
        ...(form.companyName.trim() ? { name: form.companyName.trim() } : {}),
      },
      title: form.title.trim(),
      ...(form.postal.trim() ? { postalCode: resolved ?? form.postal.trim() } : {}),
      ...(form.tasks.trim() ? { tasks: form.tasks.trim() } : {}),
      mustHave: form.mustHave,
      niceToHave: form.niceToHave,
      weeklyHours: num(form.weeklyHours),
      period: { from: form.from, to: form.to },
      positions: num(form.positions),
      radiusKm: { full: num(form.radiusFull), max: num(form.radiusMax) },
      jobrotation: form.jobrotation,
      ruleSet: form.ruleSet,
      ...(form.driversLicence ? { driversLicence: form.driversLicence } : {}),
      rankingStrategy: form.rankingStrategy,
    };
    try {
      const saved = id
        ? await request<JobOrder>('PUT', `/v1/job-orders/${id}`, body)
        : await request<JobOrder>('POST', '/v1/job-orders', body);
      setErrors({});
      setSummary([]);
      await qc.invalidateQueries({ queryKey: ['job-orders'] });
      qc.setQueryData(['job-order', saved.id], saved);
      navigate(`/jobordrer/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.problem.errors?.length) {
        const byField: Record<string, string> = {};
        const list: { fieldId?: string; message: string }[] = [];
        for (const fe of err.problem.errors) {
          const f = fieldFor(fe.field);
          const message = danishMessage(fe.message);
          if (f && !byField[f.id]) byField[f.id] = message;
          list.push({ fieldId: f?.id, message: `${f?.label ?? fe.field}: ${message}` });
        }
        setErrors(byField);
        setSummary(list);
      } else {
        setErrors({});
        setSummary([
          {
            message:
              err instanceof ApiError
                ? danishProblem(err.status, err.problem.detail)
                : 'Serveren kunne ikke nås.',
          },
        ]);
      }
    } finally {
      setBusy(false);
    }
  };

  if (id && existing.error) return <QueryError error={existing.error} />;
  // How the saved order's phrases were read: a konsulent sees at once which were not understood as a competence.
  const understood = (phrase: string): string | undefined => {
    const reading = existing.data?.understanding.find((u) => u.phrase === phrase);
    if (!reading) return undefined;
    return reading.understood
      ? `forstået som ${reading.concepts.map((c) => c.label).join(' + ')}`
      : 'ikke forstået som kompetence: matches kun hvor ordene står sammen';
  };
  if (!loaded) return <p>Henter jobordren …</p>;

  const err = (fid: string) => errors[fid];
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <p>
          <Link href={id ? `/jobordrer/${id}` : '/jobordrer'} className="back-link">
            Tilbage
          </Link>
        </p>
        <h1>{id ? 'Ret jobordre' : 'Opret jobordre'}</h1>
        <ErrorSummary errors={summary} />
        <form onSubmit={submit} noValidate>
          <fieldset>
            <legend className="h2">Virksomhed og stilling</legend>
            <TextField
              id="f-title"
              label="Stillingsbetegnelse"
              value={form.title}
              error={err('f-title')}
              onChange={(e) => set('title', e.target.value)}
            />
            <TextField
              id="f-cvr"
              label="CVR-nummer"
              inputMode="numeric"
              className="input-width-s"
              value={form.cvr}
              error={err('f-cvr')}
              onChange={(e) => set('cvr', e.target.value)}
            />
            <TextField
              id="f-companyName"
              label="Virksomhedens navn"
              value={form.companyName}
              error={err('f-companyName')}
              onChange={(e) => set('companyName', e.target.value)}
            />
            <TextField
              id="f-postal"
              label="Arbejdsstedets postnummer eller by"
              hint={town ? `${resolved} ${town}` : 'Skriv postnummer eller bynavn'}
              list="postnumre-list"
              autoComplete="off"
              value={form.postal}
              error={err('f-postal')}
              onChange={(e) => set('postal', e.target.value)}
            />
            <datalist id="postnumre-list">
              {suggestions.slice(0, 20).map((s) => (
                <option key={s.postalCode} value={`${s.postalCode} ${s.town}`} />
              ))}
            </datalist>
            <TextArea
              id="f-tasks"
              label="Arbejdsopgaver"
              value={form.tasks}
              error={err('f-tasks')}
              onChange={(e) => set('tasks', e.target.value)}
            />
            <TextField
              id="f-externalId"
              label="Reference"
              hint="Jeres egen reference til jobordren"
              value={form.externalId}
              disabled={Boolean(id)}
              error={err('f-externalId')}
              onChange={(e) => set('externalId', e.target.value)}
            />
            {principal.role === 'admin' && (
              <TextField
                id="f-jobcenter"
                label="Jobcenter (kommunekode)"
                value={form.jobcenter}
                error={err('f-jobcenter')}
                onChange={(e) => set('jobcenter', e.target.value)}
              />
            )}
          </fieldset>
          <fieldset>
            <legend className="h2">Krav til vikaren</legend>
            <ChipInput
              id="f-mustHave"
              label="Skal-krav"
              hint="Tryk Enter efter hvert krav"
              value={form.mustHave}
              error={err('f-mustHave')}
              onChange={(v) => set('mustHave', v)}
              describe={understood}
            />
            <ChipInput
              id="f-niceToHave"
              label="Gerne-krav"
              hint="Tryk Enter efter hvert ønske"
              value={form.niceToHave}
              error={err('f-niceToHave')}
              onChange={(v) => set('niceToHave', v)}
              describe={understood}
            />
            <Select
              id="f-driversLicence"
              label="Kørekort"
              value={form.driversLicence}
              error={err('f-driversLicence')}
              onChange={(e) => set('driversLicence', e.target.value)}
              options={[
                { value: '', label: 'Intet krav' },
                ...['B', 'BE', 'C', 'C1', 'CE', 'D', 'A', 'AM', 'T'].map((k) => ({ value: k, label: k })),
              ]}
            />
          </fieldset>
          <fieldset>
            <legend className="h2">Periode og timer</legend>
            <div className="vm-inline">
              <TextField
                id="f-from"
                label="Periode fra"
                type="date"
                value={form.from}
                error={err('f-from')}
                onChange={(e) => set('from', e.target.value)}
              />
              <TextField
                id="f-to"
                label="Periode til"
                type="date"
                value={form.to}
                error={err('f-to')}
                onChange={(e) => set('to', e.target.value)}
              />
            </div>
            <div className="vm-inline">
              <TextField
                id="f-weeklyHours"
                label="Timer pr. uge"
                inputMode="decimal"
                className="input-width-xs"
                value={form.weeklyHours}
                error={err('f-weeklyHours')}
                onChange={(e) => set('weeklyHours', e.target.value)}
              />
              <TextField
                id="f-positions"
                label="Antal vikarer"
                inputMode="numeric"
                className="input-width-xs"
                value={form.positions}
                error={err('f-positions')}
                onChange={(e) => set('positions', e.target.value)}
              />
            </div>
          </fieldset>
          <fieldset>
            <legend className="h2">Afstand</legend>
            <div className="vm-inline">
              <TextField
                id="f-radiusFull"
                label="Fuld afstandsscore inden for (km)"
                inputMode="decimal"
                className="input-width-xs"
                value={form.radiusFull}
                error={err('f-radiusFull')}
                onChange={(e) => set('radiusFull', e.target.value)}
              />
              <TextField
                id="f-radiusMax"
                label="Største afstand (km)"
                inputMode="decimal"
                className="input-width-xs"
                value={form.radiusMax}
                error={err('f-radiusMax')}
                onChange={(e) => set('radiusMax', e.target.value)}
              />
            </div>
          </fieldset>
          <fieldset>
            <legend className="h2">Jobrotation og rangering</legend>
            <Checkbox
              id="f-jobrotation"
              label="Jobrotation (vikaren skal opfylde reglerne for jobrotationsydelse)"
              checked={form.jobrotation}
              onChange={(e) => set('jobrotation', e.target.checked)}
            />
            <Select
              id="f-ruleSet"
              label="Regelsæt"
              value={form.ruleSet}
              error={err('f-ruleSet')}
              onChange={(e) => set('ruleSet', e.target.value)}
              options={[...new Set(['default', 'kommune-6-maaneder', form.ruleSet])].map((r) => ({
                value: r,
                label: r === 'default' ? 'Standard (default)' : r,
              }))}
            />
            <Select
              id="f-rankingStrategy"
              label="Rangering"
              value={form.rankingStrategy}
              error={err('f-rankingStrategy')}
              onChange={(e) => set('rankingStrategy', e.target.value)}
              options={Object.entries(STRATEGIES).map(([value, label]) => ({ value, label }))}
            />
          </fieldset>
          <Button type="submit" disabled={busy}>
            {busy ? 'Gemmer …' : id ? 'Gem ændringer' : 'Opret jobordre'}
          </Button>
        </form>
      </div>
    </div>
  );
}
