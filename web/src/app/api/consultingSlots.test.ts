import { describe, expect, test, vi } from 'vitest';
import { json, fakeFetch, problem } from '../../test/fakeApi';
import { ApiProblem, createSlotsApi, isLaterPosition, nextCursor } from './consultingSlots';

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

  test('after a change, the bookable list is asked to include it: the latest commit of the page, whatever order answers come in', async () => {
    const commits: Record<string, string> = { a: '1/FF', b: '2/0A', c: '1/FFFF' };
    const { fetch, calls } = fakeFetch(({ method, path }) =>
      method === 'POST' ? json({}, 201, { 'Slots-Read-After': commits[path.split('/')[3] ?? ''] ?? 'no/t-a-position' }) : json([]),
    );
    const api = createSlotsApi({ baseUrl: 'http://api.test', getToken: () => 't', fetch });

    await api.listAvailableSlots('ann@example.com', '2030-01-01', '2030-01-31');
    await api.bookSlot('a');
    await api.listAvailableSlots('ann@example.com', '2030-01-01', '2030-01-31');
    await api.bookSlot('b');
    await api.bookSlot('c'); // answered after b's, committed before it
    await api.bookSlot('d'); // no position the page can read
    await api.listAvailableSlots('ann@example.com', '2030-01-01', '2030-01-31');

    expect(calls.filter((c) => c.method === 'GET').map((c) => c.readAfter)).toEqual([null, '1/FF', '2/0A']);
  });

  test('commit positions compare as numbers, the part before the slash first', () => {
    expect(isLaterPosition('2/0', '1/FFFFFFFF')).toBe(true);
    expect(isLaterPosition('1/10', '1/F')).toBe(true);
    expect(isLaterPosition('1/F', '1/10')).toBe(false);
    expect(isLaterPosition('1/F', '1/F')).toBe(false);
    expect(isLaterPosition('0/1', undefined)).toBe(true);
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
