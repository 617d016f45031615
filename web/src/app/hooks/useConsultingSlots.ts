// Server state for the components: every list is a react-query query (refetched on focus and after every change),
// every change a mutation that refreshes the lists when it settles, whether it succeeded or not (a refusal such as
// `slot_fully_booked` means the list the person saw is stale).
import { keepPreviousData, useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { AvailableSlot, NewSeries, NewSlot, PolicyInput, ProfileInput, ScheduleFilter, SlotChange, SlotStatus } from '../api/consultingSlots';
import { useSlotsApi } from './SlotsApiContext';

export { SlotsApiProvider, useSlotsApi } from './SlotsApiContext';

/** Every list of a specialist's bookable slots, whatever its range, service or fullness. */
const availableOf = (email: string) => ['slots', 'available', email.toLowerCase()] as const;

export const slotKeys = {
  all: ['slots'] as const,
  specialist: (email: string, filter: ScheduleFilter) => ['slots', 'specialist', email.toLowerCase(), filter] as const,
  availableOf,
  available: (email: string, from: string, to: string, serviceId?: string, includeFull = false) =>
    [...availableOf(email), from, to, serviceId ?? null, includeFull] as const,
  myWaitlist: ['slots', 'my-waitlist'] as const,
  waitlist: (slotId: string) => ['slots', 'waitlist', slotId] as const,
  mine: (when: 'upcoming' | 'past') => ['slots', 'mine', when] as const,
  policy: (email: string) => ['slots', 'policy', email.toLowerCase()] as const,
  profile: (email: string) => ['slots', 'profile', email.toLowerCase()] as const,
  directory: (q: string, serviceId?: string) => ['slots', 'directory', q, serviceId ?? null] as const,
  calendarFeed: ['slots', 'calendar-feed'] as const,
  cancelled: (slotId: string) => ['slots', 'cancelled', slotId] as const,
  bookingCalendar: (slotId: string) => ['slots', 'booking-calendar', slotId] as const,
};

/** What a paged list's query shares: each page names the next one's cursor; the results shown stay while others load. */
const byCursor = {
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: { next: string | null }) => last.next ?? undefined,
  placeholderData: keepPreviousData,
};

/**
 * A specialist's slots with their bookings (the specialist's own view), those the filter keeps, page by page
 * (`fetchNextPage` reads on); the previous results stay while another filter loads.
 */
export function useSpecialistSlots(specialistEmail: string, filter: ScheduleFilter = {}) {
  const api = useSlotsApi();
  return useInfiniteQuery({
    queryKey: slotKeys.specialist(specialistEmail, filter),
    queryFn: ({ pageParam }) => api.listSpecialistSlots(specialistEmail, filter, pageParam),
    ...byCursor,
  });
}

/**
 * A specialist's bookable slots whose date lies in [from, to] (YYYY-MM-DD, the specialist's local dates); with
 * `serviceId`, that service's and those for all consulting.
 */
export function useAvailableSlots(
  specialistEmail: string, from: string, to: string, serviceId?: string, includeFull = false, refetchInterval: number | false = false,
) {
  const api = useSlotsApi();
  return useQuery({
    queryKey: slotKeys.available(specialistEmail, from, to, serviceId, includeFull),
    queryFn: () => api.listAvailableSlots(specialistEmail, from, to, serviceId, includeFull),
    enabled: specialistEmail.length > 0,
    placeholderData: (previous) => previous,
    refetchInterval,
  });
}

/** A change the seat stream tells of one slot. */
interface SeatChange {
  slotId: string;
  seatsLeft: number;
  totalCapacity: number;
  status: string;
}

/** How often the bookable slots are read again while their live stream is down. */
export const SEATS_FALLBACK_MS = 30_000;

/**
 * Keeps the specialist's bookable slots current while the page is open: the API's stream of their seat changes
 * (Server-Sent Events) sets a slot's seats left in every list that holds it, and has the lists read again when a slot
 * leaves the view, one appears that no list holds, or the stream says to (a reset, or its first message: the lists may
 * have been read before it opened). The browser reconnects a dropped stream where it stopped. Returns whether the stream
 * is open: while it is not, the caller refetches every {@link SEATS_FALLBACK_MS}.
 */
export function useLiveSeats(specialistEmail: string): boolean {
  const api = useSlotsApi();
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (!specialistEmail || typeof EventSource === 'undefined') {
      return undefined;
    }
    const lists = { queryKey: slotKeys.availableOf(specialistEmail) };
    const readAgain = () => void queryClient.invalidateQueries(lists);
    const source = new EventSource(api.seatStreamUrl(specialistEmail));
    source.addEventListener('ready', () => {
      setLive(true);
      readAgain();
    });
    source.addEventListener('reset', readAgain);
    source.addEventListener('removed', readAgain);
    source.addEventListener('seats', (event) => {
      const change = JSON.parse((event as MessageEvent<string>).data) as SeatChange;
      let held = false;
      queryClient.setQueriesData<AvailableSlot[]>(lists, (slots) =>
        slots?.map((slot) => {
          if (slot.id !== change.slotId) return slot;
          held = true;
          return { ...slot, remainingCapacity: change.seatsLeft, totalCapacity: change.totalCapacity, waitlistOpen: false };
        }));
      if (!held) readAgain();
    });
    source.onopen = () => setLive(true);
    // CONNECTING while the browser retries, CLOSED when it gave up: either way the lists fall back to polling.
    source.onerror = () => setLive(source.readyState === EventSource.OPEN);
    return () => {
      source.close();
      setLive(false);
    };
  }, [api, queryClient, specialistEmail]);
  return live;
}

/** The signed-in customer's live bookings: upcoming (soonest first) or past (latest first). */
export function useMyBookings(enabled = true, when: 'upcoming' | 'past' = 'upcoming') {
  const api = useSlotsApi();
  return useQuery({ queryKey: slotKeys.mine(when), queryFn: () => api.listMyBookings(when), enabled });
}

function useRefreshingMutation<TArgs, TResult>(run: (args: TArgs) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: slotKeys.all }),
  });
}

export function useCreateSlot() {
  const api = useSlotsApi();
  return useRefreshingMutation((slot: NewSlot) => api.createSlot(slot));
}

/** What a weekly pattern would create and skip (a dry run: nothing changes, so no list is refreshed). */
export function usePreviewSeries() {
  const api = useSlotsApi();
  return useMutation({ mutationFn: (series: NewSeries) => api.createSeries(series, true) });
}

export function useCreateSeries() {
  const api = useSlotsApi();
  return useRefreshingMutation((series: NewSeries) => api.createSeries(series));
}

export function useChangeSeries() {
  const api = useSlotsApi();
  return useRefreshingMutation(({ seriesId, status }: { seriesId: string; status: SlotStatus }) =>
    api.changeSeries(seriesId, status),
  );
}

export function useDeleteSeries() {
  const api = useSlotsApi();
  return useRefreshingMutation((seriesId: string) => api.deleteSeries(seriesId));
}

/** Changes a slot as the person saw it: with its `version`, a change to a slot that moved on since is refused. */
export function useUpdateSlot() {
  const api = useSlotsApi();
  return useRefreshingMutation(({ slotId, change, version }: { slotId: string; change: SlotChange; version?: number }) =>
    api.updateSlot(slotId, change, version),
  );
}

export function useDeleteSlot() {
  const api = useSlotsApi();
  return useRefreshingMutation(({ slotId, version }: { slotId: string; version?: number }) => api.deleteSlot(slotId, version));
}

/** A random key; `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost), `getRandomValues` everywhere. */
function newKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A mutation sent with an `Idempotency-Key`, one per thing it acts on (`which`) until it succeeds: when an answer is lost
 * (a dropped connection) and the person presses again, the API answers with the first outcome.
 */
function useKeyedMutation<TArgs, TResult>(which: (args: TArgs) => string, run: (args: TArgs, key: string) => Promise<TResult>) {
  const keys = useRef(new Map<string, string>());
  return useRefreshingMutation(async (args: TArgs) => {
    const id = which(args);
    const key = keys.current.get(id) ?? newKey();
    keys.current.set(id, key);
    const result = await run(args, key);
    keys.current.delete(id);
    return result;
  });
}

/** Books a seat, one key per slot: Book pressed again after a lost answer gets the first booking, not `already_booked`. */
export function useBookSlot() {
  const api = useSlotsApi();
  return useKeyedMutation((slotId: string) => slotId, (slotId, key) => api.bookSlot(slotId, key));
}

/** Moves a booking to another slot, one key per booking and target: Move pressed again gets the first move's answer. */
export function useMoveBooking() {
  const api = useSlotsApi();
  return useKeyedMutation(
    ({ slotId, toSlotId, customerId }: { slotId: string; toSlotId: string; customerId?: string }) => `${slotId}:${customerId ?? 'me'}:${toSlotId}`,
    ({ slotId, toSlotId, customerId }, key) => api.moveBooking(slotId, toSlotId, customerId, key),
  );
}

/** The signed-in customer's waitlist places for slots to come. */
export function useMyWaitlist(enabled = true) {
  const api = useSlotsApi();
  return useQuery({ queryKey: slotKeys.myWaitlist, queryFn: () => api.listMyWaitlist(), enabled });
}

/** A slot's waitlist, for its specialist: read only while shown. */
export function useWaitlist(slotId: string, enabled: boolean) {
  const api = useSlotsApi();
  return useQuery({ queryKey: slotKeys.waitlist(slotId), queryFn: () => api.listWaitlist(slotId), enabled });
}

export function useJoinWaitlist() {
  const api = useSlotsApi();
  return useRefreshingMutation((slotId: string) => api.joinWaitlist(slotId));
}

export function useLeaveWaitlist() {
  const api = useSlotsApi();
  return useRefreshingMutation(({ slotId, customerId }: { slotId: string; customerId?: string }) => api.leaveWaitlist(slotId, customerId));
}

export function useCancelBooking() {
  const api = useSlotsApi();
  return useRefreshingMutation(({ slotId, customerId, reason }: { slotId: string; customerId: string; reason?: string }) =>
    api.cancelBooking(slotId, customerId, reason),
  );
}

/** A specialist's policy: the default of all their slots. */
export function usePolicy(specialistEmail: string) {
  const api = useSlotsApi();
  return useQuery({ queryKey: slotKeys.policy(specialistEmail), queryFn: () => api.getPolicy(specialistEmail) });
}

/** Who a customer is booking. An unknown address is an ApiProblem with code `specialist_not_found`. */
export function useProfile(specialistEmail: string) {
  const api = useSlotsApi();
  return useQuery({
    queryKey: slotKeys.profile(specialistEmail),
    queryFn: () => api.getProfile(specialistEmail),
    enabled: specialistEmail.length > 0,
  });
}

/** Several specialists' profiles (those a customer booked), each read once and shared with `useProfile`. */
export function useProfiles(specialistEmails: string[]) {
  const api = useSlotsApi();
  return useQueries({
    queries: [...new Set(specialistEmails.map((e) => e.toLowerCase()))].map((email) => ({
      queryKey: slotKeys.profile(email),
      queryFn: () => api.getProfile(email),
    })),
  });
}

export function useSetProfile(specialistEmail: string) {
  const api = useSlotsApi();
  return useRefreshingMutation((profile: ProfileInput) => api.setProfile(specialistEmail, profile));
}

/** The directory, page by page (`fetchNextPage` reads on); the previous results stay while a new search loads. */
export function useFindSpecialists(q: string, serviceId?: string) {
  const api = useSlotsApi();
  return useInfiniteQuery({
    queryKey: slotKeys.directory(q, serviceId),
    queryFn: ({ pageParam }) => api.findSpecialists(q, serviceId, pageParam),
    ...byCursor,
  });
}

/** A slot's cancelled bookings, read once the person opens them. */
export function useCancelledBookings(slotId: string, enabled: boolean) {
  const api = useSlotsApi();
  return useQuery({ queryKey: slotKeys.cancelled(slotId), queryFn: () => api.listCancelledBookings(slotId), enabled });
}

/** The caller's calendar feed (null while it is off). */
export function useCalendarFeed() {
  const api = useSlotsApi();
  return useQuery({ queryKey: slotKeys.calendarFeed, queryFn: () => api.getCalendarFeed() });
}

/** Turns the feed on or gives it a new address (`rotate`), or turns it off. */
export function useChangeCalendarFeed() {
  const api = useSlotsApi();
  return useRefreshingMutation((change: 'issue' | 'delete') => (change === 'issue' ? api.issueCalendarFeed() : api.deleteCalendarFeed()));
}

/** A booking's calendar file, once there is a booking to add (`slotId`). */
export function useBookingCalendar(slotId: string | null) {
  const api = useSlotsApi();
  return useQuery({
    queryKey: slotKeys.bookingCalendar(slotId ?? ''),
    queryFn: () => api.bookingCalendar(slotId!),
    enabled: slotId !== null,
    staleTime: Infinity,
  });
}

export function useSetPolicy(specialistEmail: string) {
  const api = useSlotsApi();
  return useRefreshingMutation((policy: PolicyInput) => api.setPolicy(specialistEmail, policy));
}
