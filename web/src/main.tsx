import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { SlotsApiProvider } from './app/hooks/useConsultingSlots';
import { App } from './app/shell/App';
import { navigate } from './app/shell/router';
import { currentToken, saveSession } from './app/shell/session';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // Lists refresh when the window regains focus (react-query's default) and after every change (the hooks).
    queries: { staleTime: 5_000, retry: (count, error) => count < 2 && !(error instanceof Error && error.name === 'ApiProblem') },
  },
});

function Root() {
  const [notice, setNotice] = useState<string>();
  // A 401 means the token expired or was refused: sign out and ask again, then come back here.
  const onUnauthenticated = useCallback(() => {
    saveSession(null);
    setNotice('Your session has ended. Please sign in again.');
    // Several requests of one page may each be refused: the first one's page is where to come back to.
    const here = window.location.pathname;
    const next = here === '/sign-in' ? (new URLSearchParams(window.location.search).get('next') ?? '/') : here;
    navigate(`/sign-in?next=${encodeURIComponent(next)}`, { replace: true });
  }, []);
  return (
    <SlotsApiProvider baseUrl="" getToken={currentToken} onUnauthenticated={onUnauthenticated}>
      <App notice={notice} />
    </SlotsApiProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Root />
    </QueryClientProvider>
  </StrictMode>,
);
