// The API calls, typed by the document (schema.d.ts is generated from docs/openapi.json by `npm run api-types`;
// a unit test fails when the two drift apart).
import createClient, { type Middleware } from 'openapi-fetch';
import { limits } from './limits';
import type { components, paths } from './schema';

type Schemas = components['schemas'];
export type Slot = Schemas['SlotResponse'];
export type SlotStatus = Schemas['SlotStatus'];
export type AvailableSlot = Schemas['AvailableSlotResponse'];
export type MyBooking = Schemas['MyBookingResponse'];
/** The caller's place in a slot's waitlist, with the slot. */
export type MyWaitlistPlace = Schemas['MyWaitlistEntryResponse'];
export type Booking = Schemas['BookingResponse'];
export type BookingConfirmation = Schemas['BookingConfirmation'];
export type NewSlot = Schemas['CreateSlotRequest'];
export type SlotChange = Schemas['UpdateSlotRequest'];
export type NewSeries = Schemas['CreateSeriesRequest'];
export type SeriesResult = Schemas['SeriesResponse'];
/** A specialist's policy, or the one a booking was made under. */
export type Policy = Schemas['BookingPolicy'];
export type PolicyInput = Schemas['PolicyInput'];
export type CalendarFeed = Schemas['CalendarFeedResponse'];
/** Who a customer is booking: a specialist's public profile. */
export type Profile = Schemas['SpecialistProfile'];
export type ProfileInput = Schemas['ProfileInput'];
export type Service = Schemas['ServiceOffer'];
/** A specialist in the directory, with the start of their next bookable slot. */
export type Listing = Schemas['SpecialistListing'];

export type Role = 'customer' | 'specialist' | 'admin';

/** Who the local sign-in makes a token for (`POST /api/dev/token`, served only by `./slots run`). */
export interface DevSignInRequest {
  role: Role;
  id: string;
  email?: string;
  name?: string;
}

/** Where the API is and how to sign a request: a host app passes its own token provider. */
export interface SlotsApiConfig {
  /** The API's origin, '' for the page's own. */
  baseUrl: string;
  /** The bearer token for the next request, or null when nobody is signed in. */
  getToken: () => string | null | Promise<string | null>;
  fetch?: typeof globalThis.fetch;
  /** Called on any 401: the token expired or was refused (the shell signs the person out). */
  onUnauthenticated?: () => void;
}

/** An error answer (`application/problem+json`): its status, stable code, field errors and wait, if any. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: Record<string, string[]>;
  /** Seconds from `Retry-After` (429, 503). */
  readonly retryAfter: number | undefined;

  constructor(status: number, code: string, detail: string, errors: Record<string, string[]> = {}, retryAfter?: number) {
    super(detail);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.retryAfter = retryAfter;
  }

  static async from(response: Response, body?: unknown): Promise<ApiProblem> {
    const problem = (body ?? (await response.clone().json().catch(() => ({})))) as {
      code?: unknown;
      detail?: unknown;
      title?: unknown;
      errors?: unknown;
    };
    const seconds = Number(response.headers.get('Retry-After'));
    return new ApiProblem(
      response.status,
      typeof problem.code === 'string' ? problem.code : `http_${response.status}`,
      typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : response.statusText,
      isErrorMap(problem.errors) ? problem.errors : {},
      Number.isFinite(seconds) && seconds > 0 ? seconds : undefined,
    );
  }
}

function isErrorMap(value: unknown): value is Record<string, string[]> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => Array.isArray(v));
}

/** The `cursor` of a `Link: <...>; rel="next"` header, or null on the last page. */
export function nextCursor(response: Response): string | null {
  const link = response.headers.get('Link');
  const next = link?.split(',').find((part) => /rel="?next"?/.test(part));
  const target = next?.match(/<([^>]+)>/)?.[1];
  return target ? new URL(target, 'http://relative.invalid').searchParams.get('cursor') : null;
}

/** The most a list asks for at once (the API's cap); longer lists are followed page by page. */
const PAGE = limits.maxPageSize;

/** A specialist's list is read a page at a time, as the person scrolls on: this many slots. */
export const SCHEDULE_PAGE = 100;

/**
 * Which of a specialist's slots to list: `upcoming` (not ended, soonest first) or `past` (latest first); one service's
 * and those for all consulting; open or closed for booking; booked by someone (true) or by nobody (false).
 */
export type ScheduleFilter = Pick<
  NonNullable<paths['/api/specialists/{specialistEmail}/slots']['get']['parameters']['query']>,
  'when' | 'serviceId' | 'status' | 'booked'
>;

/**
 * Whether commit position `a` (a command's `Slots-Read-After`, two hexadecimal numbers: `16/B374D848`) lies past `b`.
 * Answers to commands sent at once may arrive in any order; the latest commit is the one to read after.
 */
export function isLaterPosition(a: string, b: string | undefined): boolean {
  if (b === undefined) {
    return true;
  }
  const value = (position: string) => {
    const [high = '0', low = '0'] = position.split('/');
    return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
  };
  return value(a) > value(b);
}

export function createSlotsApi(config: SlotsApiConfig) {
  const client = createClient<paths>({ baseUrl: config.baseUrl, fetch: config.fetch });
  /**
   * The latest commit of this page's own changes: the bookable list, which the API may read from a standby a moment
   * behind, is asked to include it, so that after booking the page never shows the slot as it was before.
   */
  let readAfter: string | undefined;
  const commits: Middleware = {
    onResponse({ response }) {
      const position = response.headers.get('Slots-Read-After');
      if (position && /^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/.test(position) && isLaterPosition(position, readAfter)) {
        readAfter = position;
      }
      return response;
    },
  };
  client.use(commits);
  const auth: Middleware = {
    async onRequest({ request }) {
      const token = await config.getToken();
      if (token) {
        request.headers.set('Authorization', `Bearer ${token}`);
      }
      return request;
    },
  };
  client.use(auth);

  async function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): Promise<T> {
    if (!result.response.ok) {
      if (result.response.status === 401) {
        config.onUnauthenticated?.();
      }
      throw await ApiProblem.from(result.response, result.error);
    }
    return result.data as T;
  }

  /** One page of a list and the cursor of the next, from the `Link` header (null on the last page). */
  async function onePage<T>(result: { data?: T[]; error?: unknown; response: Response }) {
    return { items: await unwrap(result), next: nextCursor(result.response) };
  }

  /** Every page of a list, following the `Link` header's cursor. */
  async function all<T>(page: (cursor: string | undefined) => Promise<{ data?: T[]; error?: unknown; response: Response }>) {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const result = await page(cursor);
      items.push(...(await unwrap(result)));
      cursor = nextCursor(result.response) ?? undefined;
    } while (cursor);
    return items;
  }

  return {
    /** One page of a specialist's slots, in the filter's order, and the next page's cursor (null on the last). */
    listSpecialistSlots: async (specialistEmail: string, filter: ScheduleFilter = {}, cursor?: string, limit = SCHEDULE_PAGE) =>
      onePage(
        await client.GET('/api/specialists/{specialistEmail}/slots', {
          params: { path: { specialistEmail }, query: { limit, ...(cursor ? { cursor } : {}), ...filter } },
        }),
      ),
    /**
     * With `serviceId`, that service's slots and those for all consulting (no service); with `includeFull`, also the full
     * slots whose waitlist is open (`waitlistOpen`).
     */
    listAvailableSlots: (specialistEmail: string, startDate: string, endDate: string, serviceId?: string, includeFull = false) =>
      all<AvailableSlot>((cursor) =>
        client.GET('/api/specialists/{specialistEmail}/available-slots', {
          params: {
            path: { specialistEmail },
            header: readAfter ? { 'Slots-Read-After': readAfter } : {},
            query: { startDate, endDate, limit: PAGE, cursor, ...(serviceId ? { serviceId } : {}), ...(includeFull ? { includeFull } : {}) },
          },
        }),
      ),
    /** Where the specialist's seat changes stream from (Server-Sent Events: `seats`, `removed`, `reset`); anonymous. */
    seatStreamUrl: (specialistEmail: string) =>
      `${config.baseUrl}/api/specialists/${encodeURIComponent(specialistEmail)}/available-slots/stream`,
    /** The caller's waitlist places for slots to come: waiting (with their position), booked or skipped. */
    listMyWaitlist: async () => unwrap(await client.GET('/api/me/waitlist')),
    /** Joins a full slot's waitlist as the caller, with the browser's zone for the mail a booking from it sends. */
    joinWaitlist: async (slotId: string) =>
      unwrap(await client.POST('/api/consulting-slots/{slotId}/waitlist', {
        params: { path: { slotId } },
        body: { timezone: Intl.DateTimeFormat().resolvedOptions().timeZone },
      })),
    /** Leaves a slot's waitlist: the caller's own place without `customerId`. */
    leaveWaitlist: async (slotId: string, customerId?: string) =>
      unwrap(
        customerId
          ? await client.DELETE('/api/consulting-slots/{slotId}/waitlist/{customerId}', { params: { path: { slotId, customerId } } })
          : await client.DELETE('/api/consulting-slots/{slotId}/waitlist/me', { params: { path: { slotId } } }),
      ),
    /** A slot's waitlist, first in line first: its specialist's view. */
    listWaitlist: async (slotId: string) => unwrap(await client.GET('/api/consulting-slots/{slotId}/waitlist', { params: { path: { slotId } } })),
    /** The caller's live bookings: upcoming (the default, soonest first) or past (latest first). */
    listMyBookings: (when: 'upcoming' | 'past' = 'upcoming') =>
      all<MyBooking>((cursor) => client.GET('/api/me/bookings', { params: { query: { limit: PAGE, cursor, when } } })),
    createSlot: async (slot: NewSlot) => unwrap(await client.POST('/api/consulting-slots', { body: slot })),
    /** Publishes a weekly pattern as slots; `dryRun` answers what it would create and skip, and writes nothing. */
    createSeries: async (series: NewSeries, dryRun = false) =>
      unwrap(await client.POST('/api/consulting-slots/series', { params: { query: { dryRun } }, body: series })),
    /** Opens or closes every future slot of a series for booking. */
    changeSeries: async (seriesId: string, status: SlotStatus) =>
      unwrap(await client.PUT('/api/consulting-slots/series/{seriesId}', { params: { path: { seriesId } }, body: { status } })),
    /** Deletes a series' future slots nobody booked; the answer lists the booked ones it kept. */
    deleteSeries: async (seriesId: string) =>
      unwrap(await client.DELETE('/api/consulting-slots/series/{seriesId}', { params: { path: { seriesId } } })),
    /** Changes a slot only while it is at `version` (the one the person saw): otherwise 412 `precondition_failed`. */
    updateSlot: async (slotId: string, change: SlotChange, version?: number) =>
      unwrap(
        await client.PUT('/api/consulting-slots/{slotId}', {
          params: { path: { slotId }, header: version ? { 'If-Match': `"v${version}"` } : {} },
          body: change,
        }),
      ),
    deleteSlot: async (slotId: string, version?: number) =>
      unwrap(
        await client.DELETE('/api/consulting-slots/{slotId}', {
          params: { path: { slotId }, header: version ? { 'If-Match': `"v${version}"` } : {} },
        }),
      ),
    /**
     * Books a seat; with `idempotencyKey`, a retry of a booking whose answer was lost gets that answer again. The
     * browser's zone goes along, so the customer's mail tells the times in it too.
     */
    bookSlot: async (slotId: string, idempotencyKey?: string) =>
      unwrap(
        await client.POST('/api/consulting-slots/{slotId}/book', {
          params: { path: { slotId }, header: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} },
          body: { timezone: Intl.DateTimeFormat().resolvedOptions().timeZone },
        }),
      ),
    /**
     * Moves a booking to another slot of the same specialist: the same booking (id, invite) in its new slot, or nothing
     * changes (409 `slot_fully_booked` and the others a booking gets). The caller's own without `customerId`.
     */
    moveBooking: async (slotId: string, toSlotId: string, customerId?: string, idempotencyKey?: string) => {
      const header = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {};
      return unwrap(
        customerId
          ? await client.POST('/api/consulting-slots/{slotId}/book/{customerId}/move', {
              params: { path: { slotId, customerId }, header },
              body: { toSlotId },
            })
          : await client.POST('/api/consulting-slots/{slotId}/book/me/move', { params: { path: { slotId }, header }, body: { toSlotId } }),
      );
    },
    /** Cancels a booking; with a reason (which the booking's policy may require), through `POST …/cancellation`. */
    cancelBooking: async (slotId: string, customerId: string, reason?: string) =>
      reason?.trim()
        ? unwrap(
            await client.POST('/api/consulting-slots/{slotId}/book/{customerId}/cancellation', {
              params: { path: { slotId, customerId } },
              body: { reason: reason.trim() },
            }),
          )
        : unwrap(
            await client.DELETE('/api/consulting-slots/{slotId}/book/{customerId}', {
              params: { path: { slotId, customerId } },
            }),
          ),
    /** Anyone may read a specialist's policy (404 `specialist_not_found` for an address no specialist has). */
    getPolicy: async (specialistEmail: string) =>
      unwrap(await client.GET('/api/specialists/{specialistEmail}/policy', { params: { path: { specialistEmail } } })),
    /** Replaces the specialist's policy whole; bookings already made keep theirs. */
    setPolicy: async (specialistEmail: string, policy: PolicyInput) =>
      unwrap(await client.PUT('/api/specialists/{specialistEmail}/policy', { params: { path: { specialistEmail } }, body: policy })),
    /** Anyone may read a specialist's profile (404 `specialist_not_found` for an address no specialist has). */
    getProfile: async (specialistEmail: string) =>
      unwrap(await client.GET('/api/specialists/{specialistEmail}', { params: { path: { specialistEmail } } })),
    /** Replaces the specialist's profile whole; a name left out is the sign-in name. */
    setProfile: async (specialistEmail: string, profile: ProfileInput) =>
      unwrap(await client.PUT('/api/specialists/{specialistEmail}', { params: { path: { specialistEmail } }, body: profile })),
    /** One page of the directory: those with a free slot first; the next page's cursor, or null on the last. */
    findSpecialists: async (q: string, serviceId: string | undefined, cursor: string | undefined) =>
      onePage(
        await client.GET('/api/specialists', {
          params: { query: { ...(q ? { q } : {}), ...(serviceId ? { serviceId } : {}), ...(cursor ? { cursor } : {}) } },
        }),
      ),
    /** A slot's cancelled bookings, the most recent first: who, when, by whom, why. */
    listCancelledBookings: async (slotId: string) =>
      unwrap(await client.GET('/api/consulting-slots/{slotId}/cancelled-bookings', { params: { path: { slotId } } })),
    /** The caller's private calendar feed, or null while it is off. */
    getCalendarFeed: async (): Promise<CalendarFeed | null> => {
      const result = await client.GET('/api/me/calendar-feed');
      return result.response.status === 404 ? null : unwrap(result);
    },
    /** Turns the feed on, or gives it a new address: the old one stops at once. */
    issueCalendarFeed: async () => unwrap(await client.POST('/api/me/calendar-feed')),
    deleteCalendarFeed: async () => unwrap(await client.DELETE('/api/me/calendar-feed')),
    /** The caller's booking in a slot as iCalendar text, with the UID its mail invites carry. */
    bookingCalendar: async (slotId: string): Promise<string> =>
      unwrap(await client.GET('/api/me/bookings/{slotId}/calendar', { params: { path: { slotId } }, parseAs: 'text' })),
    /** Local sign-in: not in the document (it exists only under `./slots run`), so a plain request. */
    devSignIn: async (who: DevSignInRequest): Promise<{ token: string; expiresAt: string }> => {
      const response = await (config.fetch ?? globalThis.fetch)(`${config.baseUrl}/api/dev/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(who),
      });
      if (!response.ok) {
        throw await ApiProblem.from(response);
      }
      return (await response.json()) as { token: string; expiresAt: string };
    },
  };
}

export type SlotsApi = ReturnType<typeof createSlotsApi>;
