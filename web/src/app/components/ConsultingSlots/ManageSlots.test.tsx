import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { fakeFetch, json, problem, withApi } from '../../../test/fakeApi';
import { longDate } from '../../time';
import { ManageSlots } from './ManageSlots';

function slot(days: number, overrides: Record<string, unknown> = {}) {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  return {
    id: `slot-${days}`, specialistId: 'ann', specialistEmail: 'ann@example.com', serviceId: null,
    date: start.toISOString().slice(0, 10), startTime: '10:00', endTime: '11:00', timezone: 'UTC',
    startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), duration: 60,
    totalCapacity: 3, bookedCount: 0, heldCount: 0, status: 'active', isFullyBooked: false, bookings: [],
    policy: { bookingNoticeMinutes: null, cancelNoticeMinutes: null, cancellationReason: null },
    createdAt: start.toISOString(), updatedAt: start.toISOString(), version: 4, ...overrides,
  };
}

function booking(customerId: string, customerName: string, cancellationReason: string, cancellableUntil: Date) {
  return {
    id: `booking-${customerId}`, customerId, customerEmail: `${customerId}@example.com`, customerName,
    bookedAt: new Date().toISOString(), cancellableUntil: cancellableUntil.toISOString(),
    policy: { bookingNoticeMinutes: 0, cancelNoticeMinutes: 60, cancellationReason },
  };
}

const booked = slot(2, {
  bookedCount: 2,
  heldCount: 1,
  bookings: [
    booking('bea', 'Bea', 'optional', new Date(Date.now() + 86_400_000)),
    booking('cal', 'Cal', 'required', new Date(Date.now() - 60_000)),
  ],
});

/** The list as the API answers it: the `when` the screen asks for splits the slots at their end, past ones latest first. */
function schedule(slots: ReturnType<typeof slot>[]) {
  return ({ query }: { query: URLSearchParams }) => {
    const now = Date.now();
    const when = query.get('when');
    const kept = slots.filter((s) => when === null || (Date.parse(s.endsAt) <= now) === (when === 'past'));
    return json(when === 'past' ? kept.reverse() : kept);
  };
}

/** The rows of a list, each slot's. */
const rowsOf = (list: HTMLElement) => within(list).getAllByRole('listitem');

/** Opens a row's actions and chooses one. */
async function act(row: HTMLElement, item: string | RegExp) {
  await userEvent.click(within(row).getByRole('button', { name: /^Actions for / }));
  await userEvent.click(within(row).getByRole('menuitem', { name: item }));
}

test('upcoming and past slots are apart, grouped by week and day, each a row with its seats, status and who booked', async () => {
  const { fetch, calls } = fakeFetch(schedule([slot(-3), booked, slot(5, { status: 'inactive' })]));
  render(<ManageSlots specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  const upcoming = await screen.findByRole('region', { name: 'Upcoming slots' });
  const rows = rowsOf(upcoming);
  expect(rows).toHaveLength(2);
  expect(rows[0]).toHaveTextContent('2 of 3 booked, 1 held');
  expect(rows[0]).toHaveTextContent('Bea, Cal');
  expect(rows[1]).toHaveTextContent('Inactive');
  expect(rows[1]).not.toHaveTextContent('held');
  expect(within(upcoming).getByRole('heading', { level: 3, name: longDate(booked.date) })).toBeInTheDocument();
  expect(within(upcoming).getAllByRole('heading', { level: 2, name: /^Week of / }).length).toBeGreaterThanOrEqual(1);
  await userEvent.click(within(rows[1]!).getByRole('button', { name: /^Actions for / }));
  expect(within(rows[1]!).getByRole('menuitem', { name: 'Activate' })).toBeInTheDocument();

  await userEvent.click(screen.getByRole('tab', { name: /Past/ }));
  expect(await screen.findByRole('region', { name: 'Past slots' })).toHaveTextContent('Past');
  expect(calls.filter((c) => c.path.endsWith('/slots')).map((c) => c.query.get('when'))).toEqual(['upcoming', 'past']);
});

test('the filters ask the API for what they keep, and a filter that keeps nothing offers to show all again', async () => {
  const { fetch, calls } = fakeFetch(({ path, query }) =>
    path.endsWith('/slots') ? json(query.has('booked') ? [] : [booked]) : json({ email: 'ann@example.com', displayName: 'Ann', services: [] }));
  render(<ManageSlots specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  await screen.findByRole('region', { name: 'Upcoming slots' });
  await userEvent.selectOptions(screen.getByLabelText('Status'), 'Closed for booking');
  await userEvent.selectOptions(screen.getByLabelText('Bookings'), 'Nobody booked');

  expect(await screen.findByText('No slots match')).toBeInTheDocument();
  const asked = calls.filter((c) => c.path.endsWith('/slots')).at(-1)!.query;
  expect([asked.get('when'), asked.get('status'), asked.get('booked')]).toEqual(['upcoming', 'inactive', 'false']);
  await userEvent.click(screen.getByRole('button', { name: 'Show all' }));
  expect(await screen.findByRole('region', { name: 'Upcoming slots' })).toBeInTheDocument();
  const last = calls.filter((c) => c.path.endsWith('/slots')).at(-1)!.query;
  expect([last.has('status'), last.has('booked')]).toEqual([false, false]);
});

test('a long list is read a page at a time: Show more follows the cursor and adds the next page below', async () => {
  const first = Array.from({ length: 3 }, (_, i) => slot(i + 1, { id: `a-${i}` }));
  const second = [slot(9, { id: 'b-0' })];
  const { fetch, calls } = fakeFetch(({ path, query }) =>
    !path.endsWith('/slots') ? json({})
      : query.get('cursor') === 'next-1' ? json(second)
        : json(first, 200, { Link: '</api/specialists/ann@example.com/slots?cursor=next-1>; rel="next"' }));
  render(<ManageSlots specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  const upcoming = await screen.findByRole('region', { name: 'Upcoming slots' });
  expect(rowsOf(upcoming)).toHaveLength(3);
  expect(screen.getByText('3 slots shown; there are more.')).toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Show more' }));

  await waitFor(() => expect(rowsOf(screen.getByRole('region', { name: 'Upcoming slots' }))).toHaveLength(4));
  expect(screen.getByText('4 slots.')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
  expect(calls.filter((c) => c.path.endsWith('/slots')).map((c) => c.query.get('limit'))).toEqual(['100', '100']);
});

test('the actions menu works by keys alone: arrows move, Escape closes it and gives the focus back', async () => {
  const { fetch } = fakeFetch(schedule([booked]));
  render(<ManageSlots specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  const actions = await screen.findByRole('button', { name: /^Actions for / });
  actions.focus();
  await userEvent.keyboard('{ArrowDown}');
  const items = screen.getAllByRole('menuitem');
  expect(items.map((i) => i.textContent)).toEqual(['Edit times…', 'Deactivate', 'Bookings (2)…', 'Delete…']);
  expect(items[0]).toHaveFocus();
  await userEvent.keyboard('{ArrowUp}');
  expect(items[3]).toHaveFocus();
  await userEvent.keyboard('{Home}{ArrowDown}{ArrowDown}');
  expect(items[2]).toHaveFocus();
  await userEvent.keyboard('{Escape}');
  expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  expect(actions).toHaveFocus();
  expect(actions).toHaveAttribute('aria-expanded', 'false');
  await userEvent.keyboard('{Enter}');
  await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
  expect(screen.getByRole('dialog', { name: 'Bookings' })).toBeInTheDocument();
});

test('deactivating sends the status change for the version shown, cancelling a booking names the customer and says it is done', async () => {
  const { fetch, calls } = fakeFetch(({ method }) => (method === 'GET' ? json([booked]) : method === 'PUT' ? json(booked) : new Response(null, { status: 204 })));
  render(<ManageSlots specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  const row = rowsOf(await screen.findByRole('region', { name: 'Upcoming slots' }))[0]!;
  await act(row, 'Deactivate');
  await act(row, /^Bookings/);
  await userEvent.click(screen.getByRole('button', { name: "Cancel Bea's booking" }));
  const dialog = within(screen.getByRole('dialog', { name: 'Cancel this booking?' }));
  expect(dialog.getByLabelText('Reason (optional)')).toHaveAccessibleDescription('Bea will read it.');
  await userEvent.click(dialog.getByRole('button', { name: 'Yes, cancel it' }));

  await screen.findByRole('region', { name: 'Upcoming slots' });
  expect(await screen.findByText(/^Bea’s booking on .* is cancelled; Bea is told by email\.$/)).toHaveAttribute('role', 'status');
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  const changes = calls.filter((c) => c.method !== 'GET');
  expect(changes.map((c) => [c.method, c.path, c.body, c.ifMatch])).toEqual([
    ['PUT', '/api/consulting-slots/slot-2', { status: 'inactive' }, '"v4"'],
    ['DELETE', '/api/consulting-slots/slot-2/book/bea', undefined, null],
  ]);
});

test("a booking whose policy requires a reason is not cancelled without one, and a late one says it is late", async () => {
  const { fetch, calls } = fakeFetch(({ method }) => (method === 'GET' ? json([booked]) : new Response(null, { status: 204 })));
  render(<ManageSlots specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  await act(rowsOf(await screen.findByRole('region', { name: 'Upcoming slots' }))[0]!, /^Bookings/);
  await userEvent.click(screen.getByRole('button', { name: "Cancel Cal's booking" }));
  const dialog = within(screen.getByRole('dialog', { name: 'Cancel this booking?' }));
  expect(dialog.getByText(/yours is recorded as late/)).toBeInTheDocument();
  await userEvent.click(dialog.getByRole('button', { name: 'Yes, cancel it' }));
  expect(dialog.getByLabelText('Reason (required)')).toHaveAccessibleDescription('Please say why you are cancelling.');
  expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);

  await userEvent.type(dialog.getByLabelText('Reason (required)'), '  I am ill  ');
  await userEvent.click(dialog.getByRole('button', { name: 'Yes, cancel it' }));

  await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Cancel this booking?' })).not.toBeInTheDocument());
  expect(calls.filter((c) => c.method !== 'GET').map((c) => [c.method, c.path, c.body])).toEqual([
    ['POST', '/api/consulting-slots/slot-2/book/cal/cancellation', { reason: 'I am ill' }],
  ]);
});

test('deleting a slot that changed meanwhile is refused in words, and the list is read again', async () => {
  const { fetch, calls } = fakeFetch(({ method }) => (method === 'DELETE' ? problem(412, 'precondition_failed') : json([slot(3)])));
  render(<ManageSlots specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  await act(rowsOf(await screen.findByRole('region', { name: 'Upcoming slots' }))[0]!, 'Delete…');
  await userEvent.click(screen.getByRole('button', { name: 'Delete slot' }));

  expect(await screen.findByRole('alert')).toHaveTextContent('This slot changed since you loaded it');
  expect(calls.find((c) => c.method === 'DELETE')?.ifMatch).toBe('"v4"');
  await waitFor(() => expect(calls.filter((c) => c.method === 'GET').length).toBeGreaterThanOrEqual(2));
});

test("the API's field errors show on the create form's fields", async () => {
  const { fetch, calls } = fakeFetch(({ method }) =>
    method === 'POST'
      ? problem(400, 'validation_failed', { errors: { endTime: ["'endTime' must be after 'startTime'."] } })
      : json([]),
  );
  render(<ManageSlots specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByRole('button', { name: 'New slot' }));
  await userEvent.clear(screen.getByLabelText('Seats'));
  await userEvent.type(screen.getByLabelText('Seats'), '4');
  await userEvent.click(screen.getByRole('button', { name: 'Publish slot' }));

  // In the field's own sentence, not the validator's words.
  const end = await screen.findByLabelText('End');
  await screen.findByText('Give the end as a 24-hour time after the start, such as 10:30.');
  expect(end).toHaveAttribute('aria-invalid', 'true');
  expect(end).toHaveAccessibleDescription('Give the end as a 24-hour time after the start, such as 10:30.');
  expect(screen.queryByText(/'endTime'/)).not.toBeInTheDocument();
  expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ totalCapacity: 4, startTime: '09:00', endTime: '10:00' });
});

test('a refusal without field errors shows on the field it is about', async () => {
  const { fetch } = fakeFetch(({ method }) => (method === 'POST' ? problem(409, 'slot_overlaps') : json([])));
  render(<ManageSlots specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByRole('button', { name: 'New slot' }));
  await userEvent.click(screen.getByRole('button', { name: 'Publish slot' }));

  expect(await screen.findByRole('alert')).toHaveTextContent('This overlaps another of your slots.');
});

test('repeat weekly previews the series (a dry run) before it publishes it, and shows each skip with its reason', async () => {
  const made = [slot(7), slot(14)];
  const result = {
    seriesId: null, created: made,
    skipped: [{ date: made[1]!.date, startTime: '11:00', endTime: '12:00', reason: 'slot_overlaps', detail: 'overlaps' }],
  };
  const { fetch, calls } = fakeFetch(({ method, path, query }) =>
    method === 'POST' && path === '/api/consulting-slots/series'
      ? query.get('dryRun') === 'true' ? json(result) : json({ ...result, seriesId: 'series-1' }, 201)
      : json([]),
  );
  render(<ManageSlots specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByRole('button', { name: 'New slot' }));
  await userEvent.click(screen.getByRole('checkbox', { name: 'Repeat weekly' }));
  await userEvent.click(screen.getByRole('checkbox', { name: 'Wed' }));
  await userEvent.type(screen.getByLabelText('Slot length (min)'), '30');
  await userEvent.click(screen.getByRole('button', { name: 'Preview' }));

  expect(await screen.findByRole('status', { name: 'What the series makes' })).toHaveTextContent(/2 slots from .*; 1 skipped:/);
  expect(screen.getByText(/This overlaps another of your slots\./)).toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Publish 2 slots' }));

  await screen.findByText('2 slots published.');
  const posts = calls.filter((c) => c.method === 'POST');
  expect(posts.map((c) => `${c.path}?dryRun=${c.query.get('dryRun')}`)).toEqual([
    '/api/consulting-slots/series?dryRun=true',
    '/api/consulting-slots/series?dryRun=false',
  ]);
  expect(posts[1]?.body).toEqual(posts[0]?.body);
  expect(posts[0]?.body).toMatchObject({ windows: [{ startTime: '09:00', endTime: '10:00' }], slotMinutes: 30, gapMinutes: 0 });
  expect((posts[0]?.body as { weekdays: string[] }).weekdays).toContain('wednesday');
});

test('a slot of a series offers the whole series: deactivate or delete it in one go, each asked first', async () => {
  const inSeries = slot(3, { seriesId: 'series-9' });
  const { fetch, calls } = fakeFetch(({ method }) =>
    method === 'GET' ? json([inSeries])
      : method === 'PUT' ? json({ seriesId: 'series-9', changed: 4, slots: [] })
        : json({ seriesId: 'series-9', deleted: ['a', 'b'], kept: [inSeries] }),
  );
  render(<ManageSlots specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  await act(rowsOf(await screen.findByRole('region', { name: 'Upcoming slots' }))[0]!, 'Whole series…');
  await userEvent.click(screen.getByRole('button', { name: 'Deactivate all' }));
  expect(screen.getByText(/^Close every upcoming slot of this series for booking\?/)).toBeInTheDocument();
  expect(calls.filter((c) => c.method !== 'GET')).toEqual([]); // asked, not done
  await userEvent.click(screen.getByRole('button', { name: 'Back' }));
  await userEvent.click(screen.getByRole('button', { name: 'Deactivate all' }));
  await userEvent.click(screen.getByRole('button', { name: 'Yes, deactivate all' }));
  expect(await screen.findByText('4 slots closed for booking.')).toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Delete unbooked' }));
  expect(calls.filter((c) => c.method === 'DELETE')).toEqual([]);
  await userEvent.click(screen.getByRole('button', { name: 'Yes, delete unbooked' }));
  expect(await screen.findByText('2 slots deleted; 1 kept because someone booked them.')).toBeInTheDocument();

  expect(calls.filter((c) => c.method !== 'GET').map((c) => [c.method, c.path, c.body])).toEqual([
    ['PUT', '/api/consulting-slots/series/series-9', { status: 'inactive' }],
    ['DELETE', '/api/consulting-slots/series/series-9', undefined],
  ]);
});

test("a slot's cancelled bookings are read when opened, each with who cancelled, whether late, and why", async () => {
  const gone = {
    ...booking('dee', 'Dee', 'required', new Date(Date.now() - 60_000)),
    cancelledAt: new Date().toISOString(),
    cancellation: { by: 'specialist', reason: 'I am ill', late: true },
  };
  const { fetch, calls } = fakeFetch(({ path }) => (path.endsWith('/cancelled-bookings') ? json([gone]) : json([booked])));
  render(<ManageSlots specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  await act(rowsOf(await screen.findByRole('region', { name: 'Upcoming slots' }))[0]!, /^Bookings/);
  expect(calls.some((c) => c.path.endsWith('/cancelled-bookings'))).toBe(false);
  await userEvent.click(screen.getByText('Cancelled bookings'));

  expect(await screen.findByText('“I am ill”')).toBeInTheDocument();
  expect(screen.getByText(/by you, after their deadline/)).toBeInTheDocument();
  expect(calls.filter((c) => c.path === '/api/consulting-slots/slot-2/cancelled-bookings')).toHaveLength(1);
});

test("the specialist moves a customer's booking to another open time, naming the customer, and says it is done", async () => {
  const later = slot(6, { id: 'slot-6' });
  const { fetch, calls } = fakeFetch(({ method, path, query }) =>
    path.endsWith('/available-slots') ? json([{ ...later, remainingCapacity: 3 }])
      : method === 'POST' ? json({ slotId: 'slot-6', date: later.date, startTime: '10:00', endTime: '11:00', startsAt: later.startsAt, endsAt: later.endsAt, movedFrom: ['slot-2'] })
        : schedule([booked])({ query }));
  render(<ManageSlots specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  await act(rowsOf(await screen.findByRole('region', { name: 'Upcoming slots' }))[0]!, /^Bookings/);
  await userEvent.click(screen.getByRole('button', { name: "Move Bea's booking" }));
  const dialog = within(screen.getByRole('dialog', { name: 'Move this booking' }));
  await userEvent.click(await dialog.findByRole('radio'));
  await userEvent.click(dialog.getByRole('button', { name: 'Move booking' }));

  expect(await screen.findByText(/^Bea’s booking moved from .* to .*, 10:00–11:00; Bea is told by email\.$/)).toHaveAttribute('role', 'status');
  expect(calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([
    ['/api/consulting-slots/slot-2/book/bea/move', { toSlotId: 'slot-6' }],
  ]);
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
});
