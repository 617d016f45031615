import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { fakeFetch, json, problem, withApi, type Call } from '../../test/fakeApi';
import { MyBookings } from './MyBookings';

function mine(slotId: string, days: number, cancellableInMinutes: number, cancellationReason: 'optional' | 'required', movableInMinutes = cancellableInMinutes) {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  return {
    slotId, specialistEmail: 'ann@example.com', serviceId: 'career-coaching', date: start.toISOString().slice(0, 10),
    startTime: '10:00', endTime: '11:00', timezone: 'UTC', startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3_600_000).toISOString(), duration: 60, customerId: 'bea', customerName: 'Bea',
    bookedAt: new Date().toISOString(), bookingId: `booking-${slotId}`,
    cancellableUntil: new Date(Date.now() + cancellableInMinutes * 60_000).toISOString(),
    reschedulableUntil: new Date(Date.now() + movableInMinutes * 60_000).toISOString(),
    policy: { bookingNoticeMinutes: 0, cancelNoticeMinutes: 1440, cancellationReason },
  };
}

const noFeed = () => problem(404, 'calendar_feed_not_found');

const ann = {
  email: 'ann@example.com', displayName: 'Dr. Ann Weber', introduction: null, timezone: 'Europe/Berlin',
  services: [{ id: 'career-coaching', title: 'Career coaching', durationMinutes: 60, description: null }],
};

/** The API as the page reads it: Ann's profile, no calendar feed, and the rest from `rest`. */
const api = (rest: (call: Call) => Response) => (call: Call) =>
  call.path === '/api/specialists/ann@example.com' ? json(ann) : call.path === '/api/me/calendar-feed' ? noFeed() : rest(call);

test('each booking says until when it can be moved or cancelled, and one past it cannot be', async () => {
  const { fetch } = fakeFetch(api(() => json([mine('open', 3, 60, 'optional'), mine('closed', 1, -60, 'optional')])));
  render(<MyBookings />, { wrapper: withApi(fetch) });

  const rows = within(await screen.findByRole('list', { name: 'Upcoming bookings' })).getAllByRole('listitem');

  expect(rows[0]).toHaveTextContent(/Free to move or cancel until/);
  // What and with whom, as the specialist's profile names them.
  expect(rows[0]).toHaveTextContent('Career coaching with Dr. Ann Weber · 60 min');
  expect(within(rows[0]!).getByRole('button', { name: /^Cancel booking on/ })).toBeEnabled();
  const closed = within(rows[1]!).getByRole('button', { name: /^Cancel booking on/ });
  expect(closed).toBeDisabled();
  expect(closed).toHaveAccessibleDescription(/Online changes closed .*contact ann@example.com/);
  expect(within(rows[0]!).getByRole('button', { name: /^Move booking on/ })).toBeEnabled();
  expect(within(rows[1]!).getByRole('button', { name: /^Move booking on/ })).toBeDisabled();
});

test('a booking whose move notice has passed can still be cancelled, and says whom to ask to move it', async () => {
  const { fetch } = fakeFetch(api(() => json([mine('s1', 3, 60, 'optional', -60)])));
  render(<MyBookings />, { wrapper: withApi(fetch) });

  const row = within(await screen.findByRole('list', { name: 'Upcoming bookings' })).getByRole('listitem');

  expect(within(row).getByRole('button', { name: /^Move booking on/ })).toBeDisabled();
  expect(within(row).getByRole('button', { name: /^Cancel booking on/ })).toBeEnabled();
  expect(row).toHaveTextContent(/Moving online closed .*; to cancel until .*\. For the rest, contact ann@example\.com\./);
});

/** An open slot of Ann's, as the customers' view answers it, `days` ahead at 14:00 UTC. */
function openSlot(id: string, days: number, remainingCapacity = 1) {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCHours(14, 0, 0, 0);
  return {
    id, specialistEmail: 'ann@example.com', serviceId: null, date: start.toISOString().slice(0, 10), startTime: '14:00',
    endTime: '15:00', timezone: 'UTC', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    duration: 60, totalCapacity: 3, remainingCapacity,
  };
}

test("moving picks another of the specialist's open times, sends it with a key, and says where the booking went", async () => {
  const booking = mine('s1', 3, 60, 'optional');
  const { fetch, calls } = fakeFetch(api(({ method, path }) =>
    path.endsWith('/available-slots') ? json([openSlot('s1', 3), openSlot('later', 5, 2)])
      : method === 'POST' ? json({ ...booking, slotId: 'later', startsAt: openSlot('later', 5).startsAt, endsAt: openSlot('later', 5).endsAt,
        customerEmail: 'bea@example.com', movedFrom: ['s1'] })
        : json([booking])));
  render(<MyBookings />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByRole('button', { name: /^Move booking on/ }));
  const dialog = within(screen.getByRole('dialog', { name: 'Move this booking' }));
  // Not without a time picked; the booking's own slot is not offered.
  await userEvent.click(await dialog.findByRole('button', { name: 'Move booking' }));
  expect(dialog.getByText('Pick the time to move the booking to.')).toBeInTheDocument();
  expect(dialog.getAllByRole('radio')).toHaveLength(1);
  await userEvent.click(dialog.getByRole('radio', { name: /14:00–15:00 2 seats left/ }));
  await userEvent.click(dialog.getByRole('button', { name: 'Move booking' }));

  expect(await screen.findByText(/^Moved from .* to .*14:00–15:00\. An updated invite is on its way to bea@example\.com\.$/)).toHaveAttribute('role', 'status');
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  const moves = calls.filter((c) => c.method === 'POST');
  expect(moves.map((c) => [c.path, c.body])).toEqual([['/api/consulting-slots/s1/book/me/move', { toSlotId: 'later' }]]);
  expect(moves[0]!.idempotencyKey).toMatch(/.{16,}/);
});

test('a time taken meanwhile is said in the dialog, which stays open, and the booking stays where it was', async () => {
  const { fetch } = fakeFetch(api(({ method, path }) =>
    path.endsWith('/available-slots') ? json([openSlot('later', 5)])
      : method === 'POST' ? problem(409, 'slot_fully_booked') : json([mine('s1', 3, 60, 'optional')])));
  render(<MyBookings />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByRole('button', { name: /^Move booking on/ }));
  const dialog = within(screen.getByRole('dialog', { name: 'Move this booking' }));
  await userEvent.click(await dialog.findByRole('radio'));
  await userEvent.click(dialog.getByRole('button', { name: 'Move booking' }));

  expect(await dialog.findByRole('alert')).toHaveTextContent('Someone just took the last seat.');
  expect(screen.getByRole('dialog', { name: 'Move this booking' })).toBeInTheDocument();
  expect(screen.queryByText(/^Moved from/)).not.toBeInTheDocument();
});

test('cancelling asks for the reason the policy requires, sends it, and says it is done', async () => {
  const { fetch, calls } = fakeFetch(api(({ method }) => (method === 'GET' ? json([mine('s1', 3, 60, 'required')]) : new Response(null, { status: 204 }))));
  render(<MyBookings />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByRole('button', { name: /^Cancel booking on/ }));
  const dialog = within(screen.getByRole('dialog', { name: 'Cancel this booking?' }));
  await userEvent.click(dialog.getByRole('button', { name: 'Yes, cancel it' }));
  expect(dialog.getByText('Please say why you are cancelling.')).toBeInTheDocument();
  await userEvent.type(dialog.getByLabelText('Reason (required)'), 'Moved away');
  await userEvent.click(dialog.getByRole('button', { name: 'Yes, cancel it' }));

  await waitFor(() => expect(screen.getByText(/^Booking on .* cancelled\.$/)).toHaveAttribute('role', 'status'));
  expect(calls.filter((c) => c.method !== 'GET').map((c) => [c.method, c.path, c.body])).toEqual([
    ['POST', '/api/consulting-slots/s1/book/bea/cancellation', { reason: 'Moved away' }],
  ]);
});

test('a refusal is said in words inside the dialog, which stays open', async () => {
  const { fetch } = fakeFetch(api(({ method }) => (method === 'GET' ? json([mine('s1', 3, 60, 'optional')]) : problem(409, 'cancellation_window_closed'))));
  render(<MyBookings />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByRole('button', { name: /^Cancel booking on/ }));
  const dialog = within(screen.getByRole('dialog', { name: 'Cancel this booking?' }));
  await userEvent.click(dialog.getByRole('button', { name: 'Yes, cancel it' }));

  expect(await dialog.findByRole('alert')).toHaveTextContent('It is too late to cancel this booking online');
});

test('the calendar feed is turned on, shown to copy, given a new address after asking, and turned off', async () => {
  let feed: string | null = null;
  const { fetch, calls } = fakeFetch(({ method, path }) => {
    if (path !== '/api/me/calendar-feed') {
      return json([]);
    }
    if (method === 'POST') {
      feed = `https://slots.test/api/calendar/${'a'.repeat(42)}${calls.filter((c) => c.method === 'POST').length}.ics`;
    } else if (method === 'DELETE') {
      feed = null;
      return new Response(null, { status: 204 });
    }
    return feed ? json({ kind: 'customer', url: feed, issuedAt: '2030-01-01T00:00:00Z' }) : noFeed();
  });
  render(<MyBookings />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByRole('button', { name: 'Turn on calendar feed' }));
  const address = await screen.findByLabelText('Calendar feed address');
  await waitFor(() => expect(address).toHaveValue(`https://slots.test/api/calendar/${'a'.repeat(42)}1.ics`));

  await userEvent.click(screen.getByRole('button', { name: 'New address' }));
  const asking = within(screen.getByRole('dialog', { name: 'Give the feed a new address?' }));
  expect(asking.getByText(/The old address stops working at once/)).toBeInTheDocument();
  await userEvent.click(asking.getByRole('button', { name: 'New address' }));
  await waitFor(() => expect(screen.getByLabelText('Calendar feed address')).toHaveValue(`https://slots.test/api/calendar/${'a'.repeat(42)}2.ics`));

  await userEvent.click(screen.getByRole('button', { name: 'Turn off' }));
  await userEvent.click(within(screen.getByRole('dialog', { name: 'Turn the calendar feed off?' })).getByRole('button', { name: 'Turn off' }));
  expect(await screen.findByRole('button', { name: 'Turn on calendar feed' })).toBeInTheDocument();
  expect(calls.filter((c) => c.method !== 'GET').map((c) => c.method)).toEqual(['POST', 'POST', 'DELETE']);
});

test('past bookings are a tab of their own, each with whom and what, and nothing to cancel', async () => {
  const { fetch, calls } = fakeFetch(api(({ query }) =>
    json(query.get('when') === 'past' ? [mine('old', -3, -5760, 'optional')] : [mine('s1', 3, 60, 'optional')])));
  render(<MyBookings />, { wrapper: withApi(fetch) });

  await screen.findByRole('list', { name: 'Upcoming bookings' });
  await userEvent.click(screen.getByRole('tab', { name: 'Past' }));

  const row = within(await screen.findByRole('list', { name: 'Past bookings' })).getByRole('listitem');
  expect(row).toHaveTextContent('Career coaching with Dr. Ann Weber · 60 min');
  expect(within(row).queryByRole('button')).not.toBeInTheDocument();
  expect(calls.filter((c) => c.path === '/api/me/bookings').map((c) => c.query.get('when'))).toEqual(['upcoming', 'past']);
});

test('waitlist places say the place in line with Leave, and what became of those a freed seat reached', async () => {
  const start = new Date(Date.now() + 3 * 86_400_000);
  const place = (id: string, entry: Record<string, unknown>) => ({
    specialistEmail: 'ann@example.com', serviceId: null, date: start.toISOString().slice(0, 10), startTime: '10:00', endTime: '11:00',
    timezone: 'UTC', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), totalCapacity: 1,
    waitingCount: 4,
    entry: { id, slotId: `slot-${id}`, customerId: 'bea', customerEmail: 'bea@example.com', customerName: 'Bea', joinedAt: new Date().toISOString(), ...entry },
  });
  const { fetch, calls } = fakeFetch(api(({ method }) => (method === 'DELETE' ? new Response(null, { status: 204 }) : json([]))), {
    myWaitlist: [
      place('w', { status: 'waiting', position: 2 }),
      place('s', { status: 'skipped', skipReason: 'booking_limit_reached' }),
    ],
  });
  render(<MyBookings />, { wrapper: withApi(fetch) });

  const rows = within(await screen.findByRole('list', { name: 'Waitlists' })).getAllByRole('listitem');

  expect(rows[0]).toHaveTextContent('You’re number 2 of 4 waiting for a seat.');
  // With whom, as the specialist's profile names them, like the bookings above.
  expect(rows[0]).toHaveTextContent('with Dr. Ann Weber');
  expect(rows[1]).toHaveTextContent('you held as many bookings as you may');
  expect(within(rows[1]!).queryByRole('button')).toBeNull();
  await userEvent.click(within(rows[0]!).getByRole('button', { name: /^Leave the waitlist for/ }));
  await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/consulting-slots/slot-w/waitlist/me')).toBe(true));
  expect(await screen.findByText(/^You left the waitlist for/)).toHaveAttribute('role', 'status');
});
