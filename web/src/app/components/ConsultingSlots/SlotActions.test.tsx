import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import type { Slot } from '../../api/consultingSlots';
import { fakeFetch, json, withApi } from '../../../test/fakeApi';
import { SlotActions } from './SlotActions';

const slot: Slot = {
  id: 'slot-1', seriesId: null, specialistId: 'ann', specialistEmail: 'ann@example.com', serviceId: null,
  date: '2030-01-15', startTime: '10:00', endTime: '11:00', timezone: 'UTC',
  startsAt: '2030-01-15T10:00:00Z', endsAt: '2030-01-15T11:00:00Z', duration: 60,
  totalCapacity: 3, bookedCount: 0, heldCount: 0, waitingCount: 0, status: 'active', isFullyBooked: false, bookings: [],
  policy: { bookingNoticeMinutes: null, cancelNoticeMinutes: null, cancellationReason: null },
  createdAt: '2030-01-01T00:00:00Z', updatedAt: '2030-01-01T00:00:00Z', version: 4,
};

async function openTimes() {
  await userEvent.click(screen.getByRole('button', { name: /^Actions for / }));
  await userEvent.click(screen.getByRole('menuitem', { name: 'Edit times…' }));
  return within(screen.getByRole('dialog', { name: 'Change times' }));
}

test('a cancelled edit of the times leaves nothing behind: the next edit starts from the slot', async () => {
  const { fetch } = fakeFetch(() => json(slot));
  render(<SlotActions slot={slot} past={false} />, { wrapper: withApi(fetch) });

  let dialog = await openTimes();
  await userEvent.clear(dialog.getByLabelText('Start'));
  await userEvent.type(dialog.getByLabelText('Start'), '12:00');
  await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
  dialog = await openTimes();

  expect(dialog.getByLabelText('Start')).toHaveValue('10:00');
});

test('an edit opened after the slot was read again starts from its new times', async () => {
  const { fetch } = fakeFetch(() => json(slot));
  const wrapper = withApi(fetch);
  const { rerender } = render(<SlotActions slot={slot} past={false} />, { wrapper });

  let dialog = await openTimes();
  await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
  rerender(<SlotActions slot={{ ...slot, startTime: '13:00', endTime: '14:30', version: 5 }} past={false} />);
  dialog = await openTimes();

  expect(dialog.getByLabelText('Start')).toHaveValue('13:00');
  expect(dialog.getByLabelText('End')).toHaveValue('14:30');
});

test('changing the times of a booked slot says who booked it and that they will be told, before it is saved', async () => {
  const withBookings: Slot = {
    ...slot,
    bookedCount: 2,
    bookings: ['Bea', 'Cal'].map((name) => ({
      id: `booking-${name}`, customerId: name.toLowerCase(), customerEmail: `${name.toLowerCase()}@example.com`, customerName: name,
      bookedAt: '2030-01-02T00:00:00Z', cancellableUntil: '2030-01-15T10:00:00Z', reschedulableUntil: '2030-01-15T10:00:00Z',
      policy: { bookingNoticeMinutes: 0, cancelNoticeMinutes: 0, cancellationReason: 'optional', waitlist: false },
    })),
  };
  const { fetch, calls } = fakeFetch(() => json(withBookings));
  render(<SlotActions slot={withBookings} past={false} />, { wrapper: withApi(fetch) });

  const dialog = await openTimes();
  const save = dialog.getByRole('button', { name: 'Save and tell them' });
  expect(save).toHaveAccessibleDescription(/^2 people have booked this slot: Bea, Cal\. Each is emailed the new times/);
  expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);
});

test('an unbooked slot saves its times without a word about anyone', async () => {
  const { fetch } = fakeFetch(() => json(slot));
  render(<SlotActions slot={slot} past={false} />, { wrapper: withApi(fetch) });

  const dialog = await openTimes();
  expect(dialog.getByRole('button', { name: 'Save times' })).not.toHaveAccessibleDescription();
  expect(dialog.queryByText(/booked this slot/)).not.toBeInTheDocument();
});
