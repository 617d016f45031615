import { describe, expect, test, vi } from 'vitest';
import { json, fakeFetch, problem } from '../../test/fakeApi';
import { ApiProblem, createSlotsApi, nextCursor } from './consultingSlots';

describe('createSlotsApi', () => {
  test('follows the Link header through every page and signs each request', async () => {
    const { fetch, calls } = fakeFetch(({ query }) =>
      query.get('cursor') === 'page-2'
        ? json([{ slotId: 'b' }])
        : json([{ slotId: 'a' }], 200, { Link: '</api/me/bookings?limit=500&cursor=page-2>; rel="next"' }),
    );
    const api = createSlotsApi({ baseUrl: 'http://api.test', getToken: () => 'tok', fetch });

    const bookings = await api.listMyBookings();

    expect(bookings.map((b) => b.slotId)).toEqual(['a', 'b']);
    expect(calls.map((c) => [c.path, c.query.get('cursor'), c.query.get('limit'), c.authorization])).toEqual([
      ['/api/me/bookings', null, '500', 'Bearer tok'],
      ['/api/me/bookings', 'page-2', '500', 'Bearer tok'],
    ]);
  });

  test('sends no Authorization header when nobody is signed in', async () => {
    const { fetch, calls } = fakeFetch(() => json([]));
    const api = createSlotsApi({ baseUrl: 'http://api.test', getToken: () => null, fetch });
    await api.listAvailableSlots('ann@example.com', '2030-01-01', '2030-01-31');
    expect(calls[0]?.authorization).toBeNull();
    expect(calls[0]?.path).toBe('/api/specialists/ann@example.com/available-slots');
  });

  test('an error answer becomes an ApiProblem with its code, field errors and wait', async () => {
    const { fetch } = fakeFetch(({ method }) =>
      method === 'POST'
        ? problem(429, 'rate_limited', {}, { 'Retry-After': '7' })
        : problem(400, 'validation_failed', { errors: { endTime: ["'endTime' must be after 'startTime'."] } }),
    );
    const api = createSlotsApi({ baseUrl: 'http://api.test', getToken: () => 't', fetch });

    const limited = await api.bookSlot('s').catch((e: unknown) => e);
    const invalid = await api.updateSlot('s', { endTime: '09:00' }).catch((e: unknown) => e);

    expect(limited).toBeInstanceOf(ApiProblem);
    expect(limited).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 7 });
    expect(invalid).toMatchObject({ status: 400, code: 'validation_failed', errors: { endTime: ["'endTime' must be after 'startTime'."] } });
  });

  test('a 401 tells the host, so it can sign the person in again', async () => {
    const { fetch } = fakeFetch(() => problem(401, 'invalid_token'));
    const onUnauthenticated = vi.fn();
    const api = createSlotsApi({ baseUrl: 'http://api.test', getToken: () => 'expired', fetch, onUnauthenticated });

    await expect(api.listMyBookings()).rejects.toMatchObject({ status: 401, code: 'invalid_token' });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  test('nextCursor reads a relative next link and ignores others', () => {
    const headers = (link: string) => new Response(null, { headers: { Link: link } });
    expect(nextCursor(headers('</x?limit=2&cursor=abc%3D>; rel="next"'))).toBe('abc=');
    expect(nextCursor(headers('</y>; rel="successor-version"'))).toBeNull();
    expect(nextCursor(new Response(null))).toBeNull();
  });
});
