// Unit tests' stand-in for the network: a fetch that answers from a handler and records what was asked. The real
// API is exercised end to end (e2e/) and by the .NET tests; here the components' own behaviour is under test.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { SlotsApiProvider } from '../app/hooks/useConsultingSlots';

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | null;
  ifMatch: string | null;
  idempotencyKey: string | null;
  readAfter: string | null;
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

export const problem = (status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, detail: `detail of ${code}`, code, traceId: '0', ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });

/**
 * A fetch answered by `handler`. The caller's waitlist places (`GET /api/me/waitlist`, which the booking page and My
 * bookings read beside their own lists) are `myWaitlist`: none unless a test gives some, or the handler's with `null`.
 */
export function fakeFetch(handler: (call: Call) => Response | Promise<Response>, { myWaitlist = [] as unknown[] | null } = {}) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const call: Call = {
      method: request.method,
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      body: text ? JSON.parse(text) : undefined,
      authorization: request.headers.get('Authorization'),
      ifMatch: request.headers.get('If-Match'),
      idempotencyKey: request.headers.get('Idempotency-Key'),
      readAfter: request.headers.get('Slots-Read-After'),
    };
    calls.push(call);
    return myWaitlist && call.method === 'GET' && call.path === '/api/me/waitlist' ? json(myWaitlist) : handler(call);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

export function withApi(fetch: typeof globalThis.fetch, onUnauthenticated?: () => void) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <QueryClientProvider client={queryClient}>
        <SlotsApiProvider baseUrl="http://api.test" getToken={() => 'test-token'} fetch={fetch} onUnauthenticated={onUnauthenticated}>
          {children}
        </SlotsApiProvider>
      </QueryClientProvider>
    );
  };
}

/** An available slot as the API sends it, starting `days` from now at 10:00 UTC. */
export function availableSlot(days: number, overrides: Record<string, unknown> = {}) {
  const start = new Date();
  start.setUTCDate(start.getUTCDate() + days);
  start.setUTCHours(10, 0, 0, 0);
  const end = new Date(start.getTime() + 3_600_000);
  return {
    id: `00000000-0000-7000-8000-${String(days).padStart(12, '0')}`,
    specialistEmail: 'ann@example.com',
    serviceId: null,
    date: start.toISOString().slice(0, 10),
    startTime: '10:00',
    endTime: '11:00',
    timezone: 'UTC',
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    duration: 60,
    totalCapacity: 1,
    remainingCapacity: 1,
    ...overrides,
  };
}
