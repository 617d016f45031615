import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test, vi } from 'vitest';
import { availableSlot, fakeFetch, json, problem, withApi } from '../../test/fakeApi';
import { addDays, localDate, localTime, longDate, monthOf } from '../time';
import { SpecialistProfile } from './SpecialistProfile';

const confirmation = (slot: ReturnType<typeof availableSlot>) => ({
  slotId: slot.id, customerId: 'bea', customerEmail: 'bea@example.com', customerName: 'Bea', bookedAt: new Date().toISOString(),
  startsAt: slot.startsAt, endsAt: slot.endsAt, date: slot.date, startTime: slot.startTime, endTime: slot.endTime, timezone: slot.timezone,
  bookingId: '019ad0a1-5e28-7c3b-9a41-6f0e2d8b7c15', cancellableUntil: '2030-02-01T09:00:00Z',
  policy: { bookingNoticeMinutes: 0, cancelNoticeMinutes: 60, cancellationReason: 'optional' },
});

test('open days are marked, the rest cannot be chosen, and each slot says how many seats are left', async () => {
  const one = availableSlot(2);
  const group = availableSlot(2, { id: 'group', startTime: '14:00', startsAt: one.startsAt.replace('T10', 'T14'), endsAt: one.endsAt.replace('T11', 'T15'), totalCapacity: 5, remainingCapacity: 3 });
  const { fetch } = fakeFetch(() => json([one, group]));
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="UTC" />, { wrapper: withApi(fetch) });

  const cards = await screen.findAllByRole('article');
  expect(cards.map((c) => c.getAttribute('aria-label'))).toEqual(['10:00–11:00, Available', '14:00–15:00, 3 seats left']);
  expect(within(cards[1]!).getByText('of 5')).toBeInTheDocument();
  const open = screen.getAllByRole('button', { name: /, \d+ open slots?$/ });
  expect(open.every((b) => b.getAttribute('aria-disabled') === 'false')).toBe(true);
  const closed = screen.getAllByRole('button', { name: /no open slots/ });
  expect(closed.length).toBeGreaterThan(0);
  expect(closed.every((b) => b.getAttribute('aria-disabled') === 'true')).toBe(true);
});

test('a page for one service asks for its slots (and those for all consulting), and each card names its service', async () => {
  const slot = availableSlot(2, { serviceId: 'tax' });
  const { fetch, calls } = fakeFetch(() => json([slot]));
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="UTC" serviceId="tax" />, { wrapper: withApi(fetch) });

  const card = await screen.findByRole('article');
  expect(card).toHaveTextContent('tax');
  const lists = calls.filter((c) => c.path.endsWith('/available-slots'));
  expect(lists.length).toBeGreaterThan(0);
  expect(lists.every((c) => c.query.get('serviceId') === 'tax')).toBe(true);
});

const ann = {
  email: 'ann@example.com', displayName: 'Dr. Ann Weber', introduction: 'Career coach in Berlin.\nSessions in English or German.',
  timezone: 'Europe/Berlin',
  services: [{ id: 'tax', title: 'Tax returns', durationMinutes: 45, description: 'Bring last year’s.' }],
};

test('the page heads with who the customer is booking: their name, introduction, and the service it is for', async () => {
  const slot = availableSlot(2, { serviceId: 'tax' });
  const { fetch } = fakeFetch(({ path }) => (path === '/api/specialists/ann@example.com' ? json(ann) : json([slot])));
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="UTC" serviceId="tax" />, { wrapper: withApi(fetch) });

  expect(await screen.findByRole('heading', { level: 1, name: 'Dr. Ann Weber' })).toBeInTheDocument();
  expect(screen.getByText(/^Career coach in Berlin\./)).toHaveTextContent('Career coach in Berlin. Sessions in English or German.');
  expect(screen.getByText('Works in Europe/Berlin time.')).toBeInTheDocument();
  expect(screen.getByText('Tax returns', { selector: 'strong' }).parentElement).toHaveTextContent('Tax returns · 45 min — Bring last year’s.');
  // Each card names the service by its title, not its id.
  expect(await screen.findByRole('article')).toHaveTextContent('60 min · Tax returns');
});

test('an address nobody publishes under says so, instead of showing a specialist with no free time', async () => {
  const { fetch, calls } = fakeFetch(({ path }) => (path.endsWith('/available-slots') ? json([]) : problem(404, 'specialist_not_found')));
  let searched = false;
  render(<SpecialistProfile specialistEmail="ann@exmaple.com" canBook timeZone="UTC" onFindSpecialist={() => (searched = true)} />, {
    wrapper: withApi(fetch),
  });

  expect(await screen.findByRole('heading', { level: 1, name: 'No specialist with that address' })).toBeInTheDocument();
  expect(screen.getByText('ann@exmaple.com')).toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: /No open slots/ })).not.toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Find a specialist' }));
  expect(searched).toBe(true);
  expect(calls.some((c) => c.path === '/api/specialists/ann@exmaple.com')).toBe(true);
});

test('a double click sends one booking, and the confirmation is announced', async () => {
  const slot = availableSlot(3);
  let release: () => void = () => {};
  const { fetch, calls } = fakeFetch(async ({ method, path }) => {
    if (method === 'POST') {
      await new Promise<void>((resolve) => (release = resolve));
      return json(confirmation(slot), 201);
    }
    if (path.endsWith('/calendar')) {
      return new Response('BEGIN:VCALENDAR\r\nUID:booking-1@slots.test\r\nEND:VCALENDAR\r\n', { headers: { 'Content-Type': 'text/calendar' } });
    }
    return json([slot]);
  });
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="UTC" />, { wrapper: withApi(fetch) });
  const book = await screen.findByRole('button', { name: /^Book/ });

  await userEvent.dblClick(book);
  release();

  // The first line is announced (the page's other live region, for the waitlist, stays empty); the view says where the
  // email went, until when it can be cancelled, and its reference.
  const status = await waitFor(() => screen.getAllByRole('status').find((s) => s.textContent) ?? Promise.reject(new Error('nothing announced')));
  expect(status).toHaveTextContent(/^Booked\. A session with ann@example\.com, .*, 10:00–11:00 \(UTC\)\.$/);
  const view = screen.getByRole('region', { name: 'You’re booked' });
  expect(view).toHaveTextContent('on its way to bea@example.com');
  expect(view).toHaveTextContent('You can move or cancel it until 1 Feb 2030, 09:00.');
  expect(view).toHaveTextContent('019ad0a1-5e28-7c3b-9a41-6f0e2d8b7c15');
  // Add to calendar: the booking's own file, with the UID its mail invites carry.
  const add = await screen.findByRole('link', { name: 'Add to calendar' });
  expect(add).toHaveAttribute('download', 'consulting-session.ics');
  expect(decodeURIComponent(add.getAttribute('href')!)).toContain('UID:booking-1@slots.test');
  expect(calls.some((c) => c.path === `/api/me/bookings/${slot.id}/calendar`)).toBe(true);
  expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  expect(calls.find((c) => c.method === 'POST')?.path).toBe(`/api/consulting-slots/${slot.id}/book`);
  // The browser's zone goes with the booking, for the customer's mail.
  expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ timezone: Intl.DateTimeFormat().resolvedOptions().timeZone });
});

test('pressing Book again after a lost answer sends the same Idempotency-Key, and gets the booking', async () => {
  const slot = availableSlot(5);
  let posts = 0;
  const { fetch, calls } = fakeFetch(({ method }) => {
    if (method !== 'POST') {
      return json([slot]);
    }
    posts++;
    if (posts === 1) {
      throw new TypeError('Failed to fetch'); // the connection dropped: the booking may or may not have been made
    }
    return json(confirmation(slot), 201, { 'Idempotent-Replayed': 'true' });
  });
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="UTC" />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByRole('button', { name: /^Book/ }));
  expect(await screen.findByRole('alert')).toHaveTextContent('cannot be reached');
  await userEvent.click(await screen.findByRole('button', { name: /^Book/ }));

  await screen.findByText('Booked.');
  const keys = calls.filter((c) => c.method === 'POST').map((c) => c.idempotencyKey);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
  expect(keys[1]).toBe(keys[0]);
});

test('when someone else took the last seat, it says so and the list refreshes', async () => {
  const slot = availableSlot(4);
  let gone = false;
  const { fetch, calls } = fakeFetch(({ method }) => {
    if (method === 'POST') {
      gone = true;
      return problem(409, 'slot_fully_booked');
    }
    return json(gone ? [] : [slot]);
  });
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="UTC" />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByRole('button', { name: /^Book/ }));

  expect(await screen.findByRole('alert')).toHaveTextContent('Someone just took the last seat.');
  await waitFor(() => expect(screen.queryByRole('article')).not.toBeInTheDocument());
  expect(calls.filter((c) => c.method === 'GET').length).toBeGreaterThanOrEqual(2);
});

test('without a customer session the cards offer to sign in instead of booking', async () => {
  const { fetch } = fakeFetch(() => json([availableSlot(2)]));
  let asked = 0;
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook={false} onSignIn={() => asked++} timeZone="UTC" />, {
    wrapper: withApi(fetch),
  });

  await userEvent.click(await screen.findByRole('button', { name: 'Sign in to book' }));

  expect(asked).toBe(1);
  expect(screen.queryByRole('button', { name: /^Book/ })).not.toBeInTheDocument();
});

test('a month without open slots says so', async () => {
  const { fetch } = fakeFetch(() => json([]));
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="UTC" />, { wrapper: withApi(fetch) });

  expect(await screen.findByRole('heading', { name: /^No open slots in / })).toBeInTheDocument();
});

test('the list is read again when the page becomes visible again (the person comes back to the tab)', async () => {
  const { fetch, calls } = fakeFetch(() => json([availableSlot(2)]));
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="UTC" />, { wrapper: withApi(fetch) });
  await screen.findAllByRole('article');
  const before = calls.length;

  // As the browser fires it: at the document, bubbling to the window.
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));

  await waitFor(() => expect(calls.length).toBeGreaterThan(before));
});

test('a group slot the customer already holds says so instead of offering Book again', async () => {
  const one = availableSlot(2);
  const group = availableSlot(2, { id: 'group', startTime: '14:00', startsAt: one.startsAt.replace('T10', 'T14'), endsAt: one.endsAt.replace('T11', 'T15'), totalCapacity: 5, remainingCapacity: 3 });
  const { fetch } = fakeFetch(({ path }) => (path === '/api/me/bookings' ? json([{ slotId: 'group' }]) : json([one, group])));
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="UTC" />, { wrapper: withApi(fetch) });

  const held = await screen.findByRole('article', { name: '14:00–15:00, 3 seats left, you’re booked' });
  expect(within(held).getByText('You’re booked')).toBeInTheDocument();
  expect(within(held).queryByRole('button')).not.toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Book 10:00–11:00' })).toBeEnabled();
});

test('the calendar is a grid: one day takes the Tab stop, arrows move by day and week, Page Down by month, today is marked', async () => {
  const soon = availableSlot(2);
  const { fetch } = fakeFetch(() => json([soon]));
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="UTC" />, { wrapper: withApi(fetch) });

  const grid = await screen.findByRole('grid');
  const day = await within(grid).findByRole('button', { name: /, 1 open slot$/ });
  const stops = within(grid).getAllByRole('button').filter((b) => b.tabIndex === 0);
  expect(stops).toEqual([day]); // the chosen day is the one stop
  day.focus();
  await userEvent.keyboard('{ArrowRight}');
  expect(document.activeElement).toHaveAttribute('data-day', addDays(soon.date, 1));
  await userEvent.keyboard('{ArrowUp}');
  expect(document.activeElement).toHaveAttribute('data-day', addDays(soon.date, -6));
  await userEvent.keyboard('{ArrowDown}{ArrowLeft}');
  expect(document.activeElement).toBe(within(screen.getByRole('grid')).getByRole('button', { name: /, 1 open slot$/ }));
  const shown = () => screen.getByRole('heading', { level: 2, name: /^[A-Z][a-z]+ \d{4}$/ }).textContent;
  const first = shown();
  await userEvent.keyboard('{PageDown}');
  await waitFor(() => expect(shown()).not.toBe(first));
  expect((document.activeElement as HTMLElement).dataset.day?.slice(0, 7)).toBe(monthOf(soon.date, 1).slice(0, 7));
  await userEvent.keyboard('{PageUp}');
  await waitFor(() => expect(shown()).toBe(first));
  // Today is marked, in its own month (the calendar opened on the month of the next open slot).
  const today = localDate(new Date(), 'UTC');
  if (monthOf(today) !== monthOf(soon.date)) {
    await userEvent.keyboard('{PageUp}');
    await waitFor(() => expect(shown()).not.toBe(first));
  }
  expect(screen.getByRole('button', { name: /\(today\)/ })).toHaveAttribute('aria-current', 'date');
  expect(screen.getByRole('button', { name: /\(today\)/ })).toHaveAttribute('data-day', today);
});

test('after booking, the focus is on the confirmation', async () => {
  const slot = availableSlot(2);
  const { fetch } = fakeFetch(({ method }) => (method === 'POST' ? json(confirmation(slot), 201) : json([slot])));
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="UTC" />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByRole('button', { name: /^Book / }));

  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('region', { name: 'You’re booked' })));
});

test("the confirmation is a view of its own: the service and with whom, the customer's own date first, the specialist's beside it", async () => {
  // 21:00 UTC is late evening in Berlin and 06:00 the next day in Tokyo.
  const startsAt = `${addDays(localDate(new Date(), 'UTC'), 10)}T21:00:00.000Z`;
  const endsAt = startsAt.replace('T21', 'T22');
  const slot = availableSlot(10, {
    serviceId: 'tax', date: localDate(startsAt, 'Europe/Berlin'), startTime: localTime(startsAt, 'Europe/Berlin'),
    endTime: localTime(endsAt, 'Europe/Berlin'), timezone: 'Europe/Berlin', startsAt, endsAt,
  });
  const { fetch } = fakeFetch(({ method, path }) =>
    method === 'POST' ? json(confirmation(slot), 201) : path === '/api/specialists/ann@example.com' ? json(ann) : json([slot]));
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="Asia/Tokyo" myBookingsHref="/me/bookings" />,
    { wrapper: withApi(fetch) });
  await userEvent.click(await screen.findByRole('button', { name: /^Book / }));

  const view = await screen.findByRole('region', { name: 'You’re booked' });
  expect(within(view).getByText('What').nextElementSibling).toHaveTextContent('Tax returns with Dr. Ann Weber');
  const tokyo = longDate(localDate(startsAt, 'Asia/Tokyo'));
  const berlin = longDate(slot.date);
  expect(tokyo).not.toBe(berlin);
  expect(within(view).getByText('When').nextElementSibling).toHaveTextContent(
    `${tokyo}, 06:00–07:00 your time (Asia/Tokyo)${berlin}, ${slot.startTime}–${slot.endTime} Dr. Ann Weber’s time (Europe/Berlin)`);
  expect(within(view).getByRole('link', { name: 'My bookings' })).toHaveAttribute('href', '/me/bookings');
  // The calendar is gone until the customer asks for it again.
  expect(screen.queryByRole('grid')).not.toBeInTheDocument();
  await userEvent.click(within(view).getByRole('button', { name: 'Book another time' }));
  expect(await screen.findByRole('grid')).toBeInTheDocument();
  expect(screen.queryByRole('region', { name: 'You’re booked' })).not.toBeInTheDocument();
});

test('the customer may read the times in another zone, and the page remembers it', async () => {
  window.localStorage.removeItem('slots.zone');
  const slot = availableSlot(2);
  const { fetch } = fakeFetch(() => json([slot]));
  const { unmount } = render(<SpecialistProfile specialistEmail="ann@example.com" canBook />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByRole('button', { name: 'Change zone' }));
  const zone = screen.getByLabelText('Show times in');
  await userEvent.clear(zone);
  await userEvent.type(zone, 'Asia/Tok');
  expect(screen.getByRole('button', { name: 'Use it' })).toBeDisabled(); // half a name is not a zone
  await userEvent.type(zone, 'yo');
  await userEvent.click(screen.getByRole('button', { name: 'Use it' }));

  expect(await screen.findByText(/Times in your zone, Asia\/Tokyo\./)).toBeInTheDocument();
  expect(await screen.findByRole('article', { name: /^19:00–20:00/ })).toBeInTheDocument(); // 10:00 UTC is 19:00 in Tokyo
  unmount();
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook />, { wrapper: withApi(fetch) });
  expect(await screen.findByText(/Times in your zone, Asia\/Tokyo\./)).toBeInTheDocument();
  window.localStorage.removeItem('slots.zone');
});

test('a full slot whose waitlist is open offers the line, says the place taken, and a place can be left', async () => {
  const full = availableSlot(3, { remainingCapacity: 0, waitlistOpen: true, waitingCount: 2 });
  let waiting: unknown[] = [];
  const { fetch, calls } = fakeFetch(({ method, path }) => {
    if (method === 'POST') {
      const entry = { id: 'e1', slotId: full.id, customerId: 'bea', customerEmail: 'bea@example.com', customerName: 'Bea', joinedAt: new Date().toISOString(), status: 'waiting', position: 3 };
      waiting = [{ ...full, entry, waitingCount: 3, totalCapacity: 1 }];
      return json(entry, 201);
    }
    if (method === 'DELETE') {
      waiting = [];
      return new Response(null, { status: 204 });
    }
    return path === '/api/me/waitlist' ? json(waiting) : json([full]);
  }, { myWaitlist: null });
  render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="UTC" />, { wrapper: withApi(fetch) });

  const card = await screen.findByRole('article', { name: /Full, 2 waiting/ });
  expect(within(card).queryByRole('button', { name: /^Book/ })).toBeNull();
  // Its day says what it holds: no open slot, one full one with a waitlist (it said "1 open slot").
  expect(screen.getByRole('button', { name: /, 1 full slot with a waitlist$/ })).toHaveAttribute('aria-disabled', 'false');
  expect(screen.queryByRole('button', { name: /, \d+ open slots?/ })).toBeNull();
  // The page asks for the full slots too, and the customer joins the line.
  expect(calls.some((c) => c.path.endsWith('/available-slots') && c.query.get('includeFull') === 'true')).toBe(true);
  await userEvent.click(within(card).getByRole('button', { name: /^Join the waitlist for/ }));

  await waitFor(() => expect(screen.getAllByRole('status').some((s) => /You’re number 3 on the waitlist/.test(s.textContent ?? ''))).toBe(true));
  expect(calls.find((c) => c.method === 'POST')?.path).toBe(`/api/consulting-slots/${full.id}/waitlist`);
  await userEvent.click(await screen.findByRole('button', { name: /^Leave the waitlist for/ }));

  await waitFor(() => expect(screen.getAllByRole('status').some((s) => s.textContent === 'You left the waitlist.')).toBe(true));
  expect(calls.find((c) => c.method === 'DELETE')?.path).toBe(`/api/consulting-slots/${full.id}/waitlist/me`);
  expect(await screen.findByRole('button', { name: /^Join the waitlist for/ })).toBeEnabled();
});

/** A stand-in for the browser's EventSource: the test sends the stream's events by hand. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static last: FakeEventSource | null = null;
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readonly listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }

  addEventListener(type: string, listener: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  send(type: string, data: unknown) {
    this.readyState = FakeEventSource.OPEN;
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data: JSON.stringify(data) }));
  }

  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

test('seat counts follow the live stream: a change is shown in place, a slot that left the view is read again', async () => {
  const group = availableSlot(2, { id: 'group', totalCapacity: 5, remainingCapacity: 3 });
  let listed = [group];
  const { fetch, calls } = fakeFetch(() => json(listed));
  vi.stubGlobal('EventSource', FakeEventSource);
  try {
    render(<SpecialistProfile specialistEmail="ann@example.com" canBook timeZone="UTC" />, { wrapper: withApi(fetch) });
    expect(await screen.findByRole('article', { name: '10:00–11:00, 3 seats left' })).toBeInTheDocument();
    const stream = FakeEventSource.last!;
    expect(stream.url).toBe('http://api.test/api/specialists/ann%40example.com/available-slots/stream');
    const reads = () => calls.filter((c) => c.path.endsWith('/available-slots')).length;

    const before = reads();
    act(() => stream.send('seats', { slotId: 'group', seatsLeft: 1, totalCapacity: 5, status: 'active' }));
    expect(await screen.findByRole('article', { name: '10:00–11:00, 1 seat left' })).toBeInTheDocument();
    expect(reads()).toBe(before);

    listed = [];
    act(() => stream.send('removed', { slotId: 'group', seatsLeft: 0, totalCapacity: 5, status: 'active' }));
    await waitFor(() => expect(screen.queryByRole('article')).not.toBeInTheDocument());
    expect(reads()).toBeGreaterThan(before);
  } finally {
    vi.unstubAllGlobals();
  }
});
