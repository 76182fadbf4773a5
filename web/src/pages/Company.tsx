import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError, api, request, type Schemas, setCsrfToken, unwrap } from '../api/client';
import { Alert, Button, Select, Spinner } from '../components/ds';
import { danishDatesIn, formatDate, formatNumber } from '../lib/format';
import { useTitle } from '../lib/router';
import { danishProblem, NOT_CHOSEN_REASONS, STATE_LABELS } from '../lib/text';

interface CompanySession {
  bundleId: string;
  expiresAt: string;
  csrfToken: string;
}

/**
 * The company's page. The link's secret travels in the fragment (never sent to a server or a proxy log); it is
 * exchanged once for a session cookie bound to this one bundle, and then removed from the address bar.
 */
async function openSession(): Promise<CompanySession> {
  const secret = decodeURIComponent(window.location.hash.replace(/^#/, ''));
  if (secret) {
    window.history.replaceState(null, '', window.location.pathname);
    const s = await request<CompanySession>('POST', '/v1/company/session', { secret });
    setCsrfToken(s.csrfToken);
    return s;
  }
  // A reload after the exchange: the cookie is still there, the fragment is not.
  const s = await request<{ principal: { bundleId: string | null }; csrfToken: string; expiresAt: string }>(
    'GET',
    '/v1/session',
  );
  if (!s.principal.bundleId) throw new ApiError({ status: 401 });
  setCsrfToken(s.csrfToken);
  return { bundleId: s.principal.bundleId, expiresAt: s.expiresAt, csrfToken: s.csrfToken };
}

function Header() {
  return (
    <header className="header">
      <div className="portal-info">
        <div className="portal-info-inner container">
          <span className="vm-logo">Vikarmatch</span>
        </div>
      </div>
      <div className="solution-info">
        <div className="solution-info-inner container">
          <div className="solution-heading">
            <span>Kandidater fra jobcentret</span>
          </div>
        </div>
      </div>
    </header>
  );
}

/** The CV as the PDF shows it, so a company on a phone can read it without opening the PDF. */
function CvFacts({ cv }: { cv: Schemas['CompanyCv'] }) {
  const rows: Array<[string, string]> = [];
  const list = (items: string[]) => items.join(', ');
  if (cv.relevantCompetences.length > 0) rows.push(['Relevante kompetencer', list(cv.relevantCompetences)]);
  if (cv.otherCompetences.length > 0) rows.push(['Andre kompetencer', list(cv.otherCompetences)]);
  if (cv.experience.length > 0) {
    const when = (e: Schemas['CompanyCv']['experience'][number]) =>
      e.from || e.to ? ` (${e.from ? formatDate(e.from) : '?'} – ${e.to ? formatDate(e.to) : 'nu'})` : '';
    rows.push(['Erfaring', cv.experience.map((e) => `${e.title}${when(e)}`).join('; ')]);
  }
  if (cv.educations.length > 0) rows.push(['Uddannelse', list(cv.educations.map((e) => e.title))]);
  if (cv.languages.length > 0) rows.push(['Sprog', list(cv.languages)]);
  if (cv.driversLicences.length > 0) rows.push(['Kørekort', list(cv.driversLicences)]);
  if (cv.weeklyHours !== null) rows.push(['Timer pr. uge', formatNumber(cv.weeklyHours)]);
  if (cv.distanceKm !== null) rows.push(['Afstand til arbejdsstedet', `${formatNumber(cv.distanceKm)} km`]);
  if (cv.contact) rows.push(['Kontakt', [cv.contact.email, cv.contact.phone].filter(Boolean).join(', ')]);
  return (
    <>
      {cv.explanation && <p className="vm-explanation">{danishDatesIn(cv.explanation)}</p>}
      <dl className="vm-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function Choice({
  bundleId,
  candidateId,
  name,
  state,
  cv,
}: {
  bundleId: string;
  candidateId: string;
  name: string;
  state: string;
  cv: Schemas['CompanyCv'];
}) {
  const qc = useQueryClient();
  const [notChosen, setNotChosen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: string) => {
    setError(null);
    if (decision === 'not_chosen' && !reason) {
      setNotChosen(true);
      if (notChosen) setError('Vælg en årsag');
      return;
    }
    try {
      await request('POST', `/v1/company/bundles/${bundleId}/choices`, {
        candidateId,
        decision,
        ...(decision === 'not_chosen' ? { reason } : {}),
      });
      setNotChosen(false);
      await qc.invalidateQueries({ queryKey: ['company-bundle', bundleId] });
    } catch (e) {
      setError(
        e instanceof ApiError ? danishProblem(e.status, e.problem.detail) : 'Serveren kunne ikke nås.',
      );
    }
  };
  const final = state === 'chosen' || state === 'not_chosen' || state === 'withdrawn';
  return (
    <li className="card vm-company-card" data-testid="company-candidate">
      <div className="card-content">
        <h3 className="h4">{name}</h3>
        <CvFacts cv={cv} />
        <p>
          Status: <strong>{STATE_LABELS[state] ?? state}</strong>
        </p>
        {error && (
          <Alert kind="error" live>
            <p>{error}</p>
          </Alert>
        )}
        {!final && (
          <>
            <div className="button-row">
              {state !== 'interview' && (
                <Button variant="secondary" onClick={() => decide('interview')}>
                  Samtale
                </Button>
              )}
              <Button onClick={() => decide('chosen')}>Valgt</Button>
              <Button variant="secondary" onClick={() => decide('not_chosen')}>
                Ikke valgt
              </Button>
            </div>
            {notChosen && (
              <div className="mt-4">
                <Select
                  id={`reason-${candidateId}`}
                  label={`Hvorfor blev ${name} ikke valgt?`}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  options={[
                    { value: '', label: 'Vælg årsag' },
                    ...Object.entries(NOT_CHOSEN_REASONS).map(([value, label]) => ({ value, label })),
                  ]}
                />
                <Button onClick={() => decide('not_chosen')}>Gem «ikke valgt»</Button>
              </div>
            )}
          </>
        )}
      </div>
    </li>
  );
}

export function CompanyPortal() {
  useTitle('Kandidater til jeres vikariat');
  const [session, setSession] = useState<CompanySession | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    openSession()
      .then((s) => !cancelled && setSession(s))
      .catch((e) => {
        if (cancelled) return;
        setError(
          e instanceof ApiError && [401, 403, 404, 410].includes(e.status)
            ? 'Linket virker ikke. Det kan være udløbet eller lukket af jobcentret. Kontakt jobcentret for et nyt link.'
            : e instanceof ApiError
              ? danishProblem(e.status, e.problem.detail)
              : 'Serveren kunne ikke nås.',
        );
      });
    return () => {
      cancelled = true;
    };
  }, []);
  const bundle = useQuery({
    queryKey: ['company-bundle', session?.bundleId],
    queryFn: () =>
      unwrap(api.GET('/v1/company/bundles/{id}', { params: { path: { id: session?.bundleId ?? '' } } })),
    enabled: Boolean(session),
  });
  const b = bundle.data;

  return (
    <>
      <Header />
      <main className="container page-container" id="main-content">
        {error && (
          <>
            <h1>Kandidater</h1>
            <Alert kind="error" heading="Linket kan ikke åbnes" live>
              <p>{error}</p>
            </Alert>
          </>
        )}
        {!error && !b && <Spinner label="Åbner kandidaterne …" />}
        {b && session && (
          <>
            <h1>{b.jobOrder.title}</h1>
            <p className="font-lead">
              Periode {formatDate(b.jobOrder.period.from)} – {formatDate(b.jobOrder.period.to)},{' '}
              {String(b.jobOrder.weeklyHours).replace('.', ',')} timer om ugen.
            </p>
            <Alert kind="info" heading="Om oplysningerne">
              <p>
                Jobcentret har sendt jer disse kandidater til jeres vikariat. Oplysningerne må kun bruges til
                at vælge vikar til denne stilling: del dem ikke videre, og slet dem, når I har valgt. Linket
                virker til og med <strong>{formatDate(session.expiresAt)}</strong>; derefter lukkes det.
              </p>
            </Alert>
            <p>
              <a
                className="button button-secondary"
                href={`/v1/company/bundles/${b.id}/pdf`}
                download="kandidater.pdf"
              >
                Hent CV'erne som PDF
              </a>
            </p>
            <h2>Kandidater ({b.candidates.length})</h2>
            <p>
              Markér for hver kandidat, om I vil holde samtale, har valgt personen, eller ikke har valgt
              personen.
            </p>
            <ul className="vm-company-list">
              {b.candidates.map((c) => (
                <Choice
                  key={c.candidateId}
                  bundleId={b.id}
                  candidateId={c.candidateId}
                  name={c.name ?? 'Kandidat'}
                  state={c.state}
                  cv={c.cv}
                />
              ))}
            </ul>
          </>
        )}
      </main>
    </>
  );
}
