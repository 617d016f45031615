import { useState, type MouseEvent, type ReactNode } from 'react';
import { ManageSlots } from '../components/ConsultingSlots/ManageSlots';
import { BookingPageLink, FindSpecialists } from '../components/FindSpecialists';
import { MyBookings } from '../components/MyBookings';
import { Settings } from '../components/Settings';
import { SpecialistProfile } from '../components/SpecialistProfile';
import { navigate, useLocation } from './router';
import { saveSession, useSession } from './session';
import { SignIn } from './SignIn';

function Link({ to, children, current, inline = false }: { to: string; children: ReactNode; current?: boolean; inline?: boolean }) {
  return (
    <a
      href={to}
      className={inline ? undefined : 'nav-link'}
      aria-current={current ? 'page' : undefined}
      onClick={(e: MouseEvent) => {
        if (e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey) {
          e.preventDefault();
          navigate(to);
        }
      }}
    >
      {children}
    </a>
  );
}

/** A path segment decoded, or null when it is not valid percent-encoding (a typed or truncated link). */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The stand-alone shell: a header, local sign-in, and the components on their routes. */
export function App({ notice }: { notice?: string | undefined }) {
  const location = useLocation();
  const session = useSession();
  const path = location.pathname;
  // Back to the same page after signing in, its query (a service) included.
  const here = location.searchParams.size > 0 ? `${path}?${location.searchParams.toString()}` : path;
  const signIn = () => navigate(`/sign-in?next=${encodeURIComponent(here)}`);

  let page: ReactNode;
  const profileMatch = path.match(/^\/specialists\/([^/]+)\/?$/);
  // A malformed segment (/specialists/%E0%A4%A) is a page that does not exist, not a crash.
  const profile = profileMatch ? decoded(profileMatch[1]!) : null;
  if (path === '/sign-in' || (!session && (path === '/manage' || path === '/settings' || path === '/me/bookings'))) {
    page = (
      <SignIn
        notice={notice ?? (path !== '/sign-in' ? 'Sign in to continue.' : undefined)}
        onSignedIn={(role) => {
          const next = location.searchParams.get('next') ?? (path === '/sign-in' ? null : path);
          navigate(next && next !== '/' && next.startsWith('/') ? next : role === 'specialist' ? '/manage' : '/', { replace: true });
        }}
      />
    );
  } else if (profile !== null) {
    page = (
      <SpecialistProfile
        specialistEmail={profile}
        canBook={session?.role === 'customer'}
        onSignIn={signIn}
        serviceId={location.searchParams.get('service') ?? undefined}
        onFindSpecialist={() => navigate('/')}
        myBookingsHref="/me/bookings"
        onNavigate={navigate}
      />
    );
  } else if (path === '/manage' && session?.role === 'specialist') {
    page = <ManageSlots specialistEmail={session.email} />;
  } else if (path === '/settings' && session?.role === 'specialist') {
    page = <Settings specialistEmail={session.email} signInName={session.name} />;
  } else if (path === '/me/bookings' && session?.role === 'customer') {
    page = <MyBookings />;
  } else if (path === '/' && session?.role === 'specialist') {
    page = <SpecialistHome email={session.email} />;
  } else if (path === '/') {
    // The directory is public: a first visit sees what the product is for before anyone asks them to sign in.
    page = (
      <>
        {!session && <Welcome />}
        <FindSpecialists onNavigate={navigate} serviceId={location.searchParams.get('service') ?? undefined} />
      </>
    );
  } else {
    page = (
      <section className="page">
        <h1>Page not found</h1>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </section>
    );
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href="/" onClick={(e) => { e.preventDefault(); navigate('/'); }}>
          Consulting Slots
        </a>
        <nav aria-label="Main">
          {session?.role === 'specialist' && (
            <>
              <Link to="/manage" current={path === '/manage'}>
                Manage slots
              </Link>
              <Link to="/settings" current={path === '/settings'}>
                Settings
              </Link>
            </>
          )}
          {session?.role === 'customer' && (
            <>
              <Link to="/" current={path === '/'}>
                Find
              </Link>
              <Link to="/me/bookings" current={path === '/me/bookings'}>
                My bookings
              </Link>
            </>
          )}
          {session ? (
            <button
              type="button"
              className="button button-ghost"
              onClick={() => {
                saveSession(null);
                navigate('/sign-in', { replace: true });
              }}
            >
              Sign out<span className="visually-hidden"> {session.email}</span>
            </button>
          ) : (
            path !== '/sign-in' && <Link to={`/sign-in?next=${encodeURIComponent(path)}`}>Sign in</Link>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}

/** Where the welcome's dismissal is remembered, so it greets a first visit only. */
const WELCOMED = 'slots.welcomed';

/** What the product is, in three steps, for a visitor who has not signed in; "Got it" puts it away for good. */
function Welcome() {
  const [shown, setShown] = useState(() => window.localStorage.getItem(WELCOMED) === null);
  if (!shown) {
    return null;
  }
  return (
    <section className="welcome card" aria-labelledby="welcome-title">
      <h2 id="welcome-title">Book time with a specialist, in your own time zone</h2>
      <ol className="steps">
        <li>
          <strong>Find</strong> a specialist by name or by the service you need.
        </li>
        <li>
          <strong>Pick</strong> a free time. Times show in your zone, and a seat is never given twice.
        </li>
        <li>
          <strong>Get</strong> an email with a calendar invite. Plans change? Cancel online until the specialist’s deadline.
        </li>
      </ol>
      <p>
        Look around without an account: you sign in only to book. Are you a specialist?{' '}
        <Link to="/sign-in" inline>Sign in</Link> to publish your free times and share your booking page.
      </p>
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={() => {
          window.localStorage.setItem(WELCOMED, '1');
          setShown(false);
        }}>
          Got it
        </button>
      </div>
    </section>
  );
}

function SpecialistHome({ email }: { email: string }) {
  return (
    <section className="page">
      <h1>Welcome back</h1>
      <p>
        <Link to="/manage">Manage your slots</Link> · <Link to="/settings">Your profile and settings</Link>
      </p>
      <BookingPageLink email={email} />
    </section>
  );
}
