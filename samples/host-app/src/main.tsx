import { SlotsApiProvider, ManageSlots, SpecialistProfile } from '@consulting-slots/components';
import '@consulting-slots/components/styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import './host.css';

// The API lives on another origin (it names this one in Slots:Cors:AllowedOrigins).
const api = import.meta.env.VITE_SLOTS_API as string;
const queryClient = new QueryClient();

// The host's own sign-in, a stand-in for its identity provider: it keeps its user's token and gives it to the
// components when they ask (getToken).
const TOKEN = 'acme-token';
const getToken = () => sessionStorage.getItem(TOKEN);

/** The signed-in user's email, from the token's claims. */
function emailOf(token: string | null): string | null {
  const payload = token?.split('.')[1];
  if (!payload) {
    return null;
  }

  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { email?: string };
  return claims.email ?? null;
}

function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); sessionStorage.setItem(TOKEN, token.trim()); onSignedIn(); }}>
      <label htmlFor="acme-token">Acme sign-in token</label>
      <input id="acme-token" value={token} onChange={(e) => setToken(e.target.value)} />
      <button type="submit">Sign in to Acme</button>
    </form>
  );
}

/** A page of the host: a service card (?specialist=&service=) or the specialist's own slots (?view=manage). */
function Host() {
  const [, signedIn] = useState(0);
  const params = new URLSearchParams(window.location.search);
  const email = emailOf(getToken());
  const specialist = params.get('specialist');
  return (
    <>
      <header><h1>Acme Care</h1></header>
      <main>
        <p className="card" data-testid="host-card">Acme's own content, styled by Acme.</p>
        {!email && <SignIn onSignedIn={() => signedIn((n) => n + 1)} />}
        {email && (
          <SlotsApiProvider baseUrl={api} getToken={getToken} onUnauthenticated={() => sessionStorage.removeItem(TOKEN)}>
            {params.get('view') === 'manage' && <ManageSlots specialistEmail={email} />}
            {specialist && (
              <section aria-label="Service card">
                <h2>Book a session</h2>
                <SpecialistProfile specialistEmail={specialist} serviceId={params.get('service') ?? undefined} canBook />
              </section>
            )}
          </SlotsApiProvider>
        )}
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Host />
    </QueryClientProvider>
  </StrictMode>,
);
