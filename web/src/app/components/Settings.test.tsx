import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { fakeFetch, json, problem, withApi } from '../../test/fakeApi';
import { Settings } from './Settings';

test('the policy shows in the largest unit that fits, and is saved in minutes', async () => {
  const { fetch, calls } = fakeFetch(({ method, body, path }) =>
    path === '/api/me/calendar-feed' ? problem(404, 'calendar_feed_not_found')
      : method === 'GET' ? json({ bookingNoticeMinutes: 90, cancelNoticeMinutes: 2880, cancellationReason: 'optional', waitlist: false }) : json(body));
  render(<Settings specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  const booking = await screen.findByLabelText('Booking closes before the start');
  expect(booking).toHaveValue(90);
  expect(screen.getAllByLabelText('Unit').map((u) => (u as HTMLSelectElement).value)).toEqual(['minutes', 'days', 'days']);
  expect(screen.getByLabelText('Customers can move a booking until, before the start')).toHaveValue(null);
  await userEvent.clear(booking);
  await userEvent.type(booking, '2');
  await userEvent.selectOptions(screen.getAllByLabelText('Unit')[0]!, 'hours');
  await userEvent.click(screen.getByLabelText('Ask for a reason when a booking is cancelled'));
  await userEvent.click(screen.getByRole('button', { name: 'Save booking rules' }));

  await waitFor(() => expect(screen.getByText(/^Saved\./)).toHaveAttribute('role', 'status'));
  expect(calls.filter((c) => c.method === 'PUT').map((c) => [c.path, c.body])).toEqual([
    ['/api/specialists/ann@example.com/policy', { bookingNoticeMinutes: 120, cancelNoticeMinutes: 2880, cancellationReason: 'required', waitlist: false }],
  ]);
});

test('saving a first policy keeps the form and says so, though the policy read again is now there', async () => {
  let saved: unknown = null;
  const { fetch } = fakeFetch(({ method, body, path }) => {
    if (path === '/api/me/calendar-feed') {
      return problem(404, 'calendar_feed_not_found');
    }
    if (method === 'PUT') {
      saved = body;
    }
    return saved ? json(saved) : problem(404, 'specialist_not_found');
  });
  render(<Settings specialistEmail="new@example.com" />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByLabelText('Ask for a reason when a booking is cancelled'));
  await userEvent.click(screen.getByRole('button', { name: 'Save booking rules' }));

  await waitFor(() => expect(screen.getByText(/^Saved\./)).toHaveAttribute('role', 'status'));
  expect(screen.getByLabelText('Ask for a reason when a booking is cancelled')).toBeChecked();
});

test('a specialist who never published starts from the defaults; a notice beyond a year is refused on its field', async () => {
  const { fetch, calls } = fakeFetch(({ method, path }) =>
    path === '/api/me/calendar-feed' ? problem(404, 'calendar_feed_not_found') : method === 'GET' ? problem(404, 'specialist_not_found') : json({}));
  render(<Settings specialistEmail="new@example.com" />, { wrapper: withApi(fetch) });

  const cancel = await screen.findByLabelText('Customers can cancel until, before the start');
  expect(cancel).toHaveValue(0);
  await userEvent.clear(cancel);
  await userEvent.type(cancel, '366');
  await userEvent.selectOptions(screen.getAllByLabelText('Unit')[1]!, 'days');
  await userEvent.click(screen.getByRole('button', { name: 'Save booking rules' }));

  expect(cancel).toHaveAccessibleDescription('A whole number of minutes, up to a year.');
  expect(cancel).toBeInvalid();
  expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);
});

test("the API's refusal of a notice shows on that notice's field, in its sentence", async () => {
  const { fetch } = fakeFetch(({ method, path }) =>
    path === '/api/me/calendar-feed' ? problem(404, 'calendar_feed_not_found')
      : method === 'PUT' ? problem(400, 'validation_failed', { errors: { cancelNoticeMinutes: ["'Cancel Notice Minutes' must be between 0 and 525600."] } })
        : json({ bookingNoticeMinutes: 0, cancelNoticeMinutes: 60, cancellationReason: 'optional' }));
  render(<Settings specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  await userEvent.click(await screen.findByRole('button', { name: 'Save booking rules' }));

  const cancel = screen.getByLabelText('Customers can cancel until, before the start');
  await waitFor(() => expect(cancel).toHaveAccessibleDescription('The cancellation notice is from 0 minutes to a year.'));
  expect(cancel).toBeInvalid();
});

test('a move notice of its own is saved in minutes; left blank, moving follows the cancellation notice and is not sent', async () => {
  const { fetch, calls } = fakeFetch(({ method, body, path }) =>
    path === '/api/me/calendar-feed' ? problem(404, 'calendar_feed_not_found')
      : method === 'GET' ? json({ bookingNoticeMinutes: 0, cancelNoticeMinutes: 1440, cancellationReason: 'optional', rescheduleNoticeMinutes: null })
        : json(body));
  render(<Settings specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  const move = await screen.findByLabelText('Customers can move a booking until, before the start');
  await userEvent.type(move, '2');
  await userEvent.selectOptions(screen.getAllByLabelText('Unit')[2]!, 'hours');
  await userEvent.click(screen.getByRole('button', { name: 'Save booking rules' }));
  await waitFor(() => expect(screen.getByText(/^Saved\./)).toBeInTheDocument());
  await userEvent.clear(move);
  await userEvent.click(screen.getByRole('button', { name: 'Save booking rules' }));

  await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2));
  expect(calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([
    { bookingNoticeMinutes: 0, cancelNoticeMinutes: 1440, cancellationReason: 'optional', rescheduleNoticeMinutes: 120 },
    { bookingNoticeMinutes: 0, cancelNoticeMinutes: 1440, cancellationReason: 'optional' },
  ]);
});

test('a waitlist for full slots is turned on with its box, and the policy saved says so', async () => {
  const { fetch, calls } = fakeFetch(({ method, body, path }) =>
    path === '/api/me/calendar-feed' ? problem(404, 'calendar_feed_not_found')
      : method === 'GET' ? json({ bookingNoticeMinutes: 0, cancelNoticeMinutes: 0, cancellationReason: 'optional', waitlist: false }) : json(body));
  render(<Settings specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  const box = await screen.findByRole('checkbox', { name: 'Offer a waitlist when a slot is full' });
  expect(box).not.toBeChecked();
  expect(box).toHaveAccessibleDescription(/first customer waiting/);
  await userEvent.click(box);
  await userEvent.click(screen.getByRole('button', { name: 'Save booking rules' }));

  await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1));
  expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ waitlist: true });
});
