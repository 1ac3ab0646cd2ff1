import { useEffect, useRef, useState } from 'react';
import { describeIdentity, loadIdentity, saveIdentity, type Identity } from './api/identity';
import { EngineerPage } from './pages/engineer';
import { OverviewPage } from './pages/overview';
import { PromotionsPage } from './pages/promotions';
import { QuestionsPage } from './pages/questions';
import { SkillsPage } from './pages/skills';
import { Link, useLocation } from './router';
import { IdentityContext } from './use-query';
import { ViewerPicker } from './viewer-picker';

const pages = [
  { path: '/', label: 'Organisation' },
  { path: '/skills', label: 'Skills' },
  { path: '/questions', label: 'Question box' },
  { path: '/promotions', label: 'Promotion readiness' },
] as const;

function Page({ pathname }: { pathname: string }) {
  if (pathname === '/' || pathname === '/overview') return <OverviewPage />;
  if (pathname === '/skills') return <SkillsPage />;
  if (pathname === '/questions') return <QuestionsPage />;
  if (pathname === '/promotions') return <PromotionsPage />;
  const engineer = /^\/engineers\/([^/]+)$/.exec(pathname);
  if (engineer) return <EngineerPage id={decodeURIComponent(engineer[1]!)} />;
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is no page at <code>{pathname}</code>. <Link to="/">Go to the organisation overview</Link>.
      </p>
    </>
  );
}

export function App() {
  const [identity, setIdentity] = useState<Identity>(() => loadIdentity(window.localStorage));
  const { pathname } = useLocation();
  const first = useRef(true);

  useEffect(() => saveIdentity(window.localStorage, identity), [identity]);

  // After a navigation, focus moves to the new page's heading (as a full page load would put it at the top).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [pathname]);

  const current = (path: string) => (path === '/' ? pathname === '/' || pathname === '/overview' : pathname.startsWith(path));
  return (
    <IdentityContext.Provider value={identity}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◆
          </span>{' '}
          Skills Graph <span className="sub">directors’ dashboard</span>
        </div>
        <nav aria-label="Dashboard pages">
          <ul>
            {pages.map((p) => (
              <li key={p.path}>
                <Link to={p.path} aria-current={current(p.path) ? 'page' : undefined}>
                  {p.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <ViewerPicker identity={identity} onChange={setIdentity} />
      </header>
      <main id="main" tabIndex={-1} data-viewer={describeIdentity(identity)}>
        <Page pathname={pathname} />
      </main>
      <footer className="bottom">
        Every number comes from the Skills Graph GraphQL API (<code>POST /graphql</code>), asked as <strong>{describeIdentity(identity)}</strong>.
      </footer>
    </IdentityContext.Provider>
  );
}
