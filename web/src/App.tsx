import { useQueryClient } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { setUnauthorizedHandler } from './api/client';
import { Spinner } from './components/ds';
import { Link, match, navigate, usePath } from './lib/router';
import { type Principal, useLogout, useSession } from './lib/session';
import { ROLES } from './lib/text';
import { CandidatePanel } from './pages/CandidatePanel';
import { CompanyPortal } from './pages/Company';
import { JobOrderPage } from './pages/JobOrder';
import { JobOrderForm } from './pages/JobOrderForm';
import { JobOrdersPage } from './pages/JobOrders';
import { LoginPage } from './pages/Login';
import { NotFound } from './pages/NotFound';
import { OverviewPage } from './pages/Overview';

// Less used screens load on demand, so a konsulent's first download stays small.
const CandidatesPage = lazy(() => import('./pages/Candidates'));
const CandidatePage = lazy(() => import('./pages/Candidate'));
const StatsPage = lazy(() => import('./pages/Stats'));
const AdminPage = lazy(() => import('./pages/Admin'));

const NAV = [
  { href: '/', text: 'Oversigt', roles: ['konsulent', 'admin'] },
  { href: '/jobordrer', text: 'Jobordrer', roles: ['konsulent', 'admin'] },
  { href: '/kandidater', text: 'Kandidater', roles: ['konsulent', 'admin'] },
  { href: '/statistik', text: 'Statistik', roles: ['konsulent', 'admin'] },
  { href: '/admin', text: 'Administration', roles: ['admin'] },
] as const;

function Header({ principal, path }: { principal: Principal | null; path: string }) {
  const logout = useLogout();
  return (
    <header className="header">
      <a className="vm-skip" href="#main-content">
        Gå til sidens indhold
      </a>
      <div className="portal-info">
        <div className="portal-info-inner container">
          <Link href="/" className="vm-logo">
            Vikarmatch
          </Link>
          {principal && (
            <div className="portal-user">
              <p className="user">
                {principal.label}, {ROLES[principal.role]}
                {principal.jobcenter ? ` · Jobcenter ${principal.jobcenter}` : ''}
              </p>
              <button
                type="button"
                className="function-link log-off"
                onClick={async () => {
                  await logout();
                  navigate('/log-ind', true);
                }}
              >
                Log ud
              </button>
            </div>
          )}
        </div>
      </div>
      <div className="solution-info">
        <div className="solution-info-inner container">
          <div className="solution-heading">
            <Link href="/">Vikarer til virksomheder – for jobkonsulenter</Link>
          </div>
        </div>
      </div>
      {principal && (
        <div className="navigation-menu">
          <div className="navigation-menu-inner container">
            <nav className="nav" aria-label="Hovedmenu">
              <ul className="mainmenu">
                {NAV.filter((n) => (n.roles as readonly string[]).includes(principal.role)).map((n) => {
                  const current = n.href === '/' ? path === '/' : path.startsWith(n.href);
                  return (
                    <li key={n.href} className={current ? 'active current' : undefined}>
                      <Link href={n.href} className="nav-link" aria-current={current ? 'page' : undefined}>
                        <span>{n.text}</span>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
          </div>
        </div>
      )}
    </header>
  );
}

function Shell({
  principal,
  path,
  children,
}: {
  principal: Principal | null;
  path: string;
  children: ReactNode;
}) {
  return (
    <>
      <Header principal={principal} path={path} />
      <main className="container page-container" id="main-content" tabIndex={-1}>
        <Suspense fallback={<Spinner label="Henter siden …" />}>{children}</Suspense>
      </main>
    </>
  );
}

/** The screen for a path; the first pattern that matches wins. */
const ROUTES: [string, (p: Record<string, string>, principal: Principal) => ReactNode][] = [
  ['/', (_, principal) => <OverviewPage principal={principal} />],
  ['/jobordrer', () => <JobOrdersPage />],
  ['/jobordrer/ny', (_, principal) => <JobOrderForm principal={principal} />],
  ['/jobordrer/:id/rediger', (p, principal) => <JobOrderForm principal={principal} id={p.id} />],
  [
    '/jobordrer/:id/kandidater/:candidateId',
    (p) => <CandidatePanel jobOrderId={p.id ?? ''} candidateId={p.candidateId ?? ''} />,
  ],
  ['/jobordrer/:id', (p, principal) => <JobOrderPage id={p.id ?? ''} principal={principal} />],
  ['/kandidater', (_, principal) => <CandidatesPage principal={principal} />],
  ['/kandidater/:id', (p) => <CandidatePage id={p.id ?? ''} />],
  ['/statistik', (_, principal) => <StatsPage principal={principal} />],
  ['/admin', (_, principal) => (principal.role === 'admin' ? <AdminPage /> : <NotFound />)],
];

function routes(path: string, principal: Principal): ReactNode {
  for (const [pattern, render] of ROUTES) {
    const m = match(pattern, path);
    if (m) return render(m, principal);
  }
  return <NotFound />;
}

export function App() {
  const path = usePath();
  const qc = useQueryClient();
  const session = useSession();

  useEffect(() => {
    setUnauthorizedHandler(() => qc.setQueryData(['session'], null));
  }, [qc]);

  // The company portal has its own session (one bundle); it never shows konsulent navigation.
  if (path.startsWith('/virksomhed')) return <CompanyPortal />;

  if (session.isPending) {
    return (
      <Shell principal={null} path={path}>
        <Spinner label="Henter din session …" />
      </Shell>
    );
  }
  const principal = session.data?.principal ?? null;
  if (!principal || principal.role === 'virksomhed') {
    return (
      <Shell principal={null} path={path}>
        <LoginPage next={path.startsWith('/log-ind') ? '/' : path} />
      </Shell>
    );
  }
  if (path.startsWith('/log-ind')) {
    queueMicrotask(() => navigate('/', true));
    return null;
  }
  return (
    <Shell principal={principal} path={path}>
      {routes(path, principal)}
    </Shell>
  );
}
