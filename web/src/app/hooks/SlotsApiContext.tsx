import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createSlotsApi, type SlotsApi, type SlotsApiConfig } from '../api/consultingSlots';

const SlotsApiContext = createContext<SlotsApi | null>(null);

/**
 * Gives the components their API: its base URL and a token provider. A host app wraps them in this (inside its own
 * react-query `QueryClientProvider`) and supplies its users' bearer tokens.
 */
export function SlotsApiProvider({ children, ...config }: SlotsApiConfig & { children: ReactNode }) {
  const { baseUrl, getToken, fetch, onUnauthenticated } = config;
  const api = useMemo(
    () => createSlotsApi({ baseUrl, getToken, fetch, onUnauthenticated }),
    [baseUrl, getToken, fetch, onUnauthenticated],
  );
  return <SlotsApiContext.Provider value={api}>{children}</SlotsApiContext.Provider>;
}

export function useSlotsApi(): SlotsApi {
  const api = useContext(SlotsApiContext);
  if (!api) {
    throw new Error('Wrap the consulting-slots components in <SlotsApiProvider>.');
  }
  return api;
}
