// A full group session's waitlist, on a phone in dark mode and by keyboard: a customer joins the line, leaves it and
// joins again, finds their place in My bookings, and is booked (and mailed) the moment a seat frees.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  accessible, day, fitsWidth, launch, mailTo, openDay, person, PHONE, post, press, request, RUN, shot, signIn, tokenFor, touchTargets,
} from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('on a phone, by keyboard: a customer joins a full slot’s waitlist, leaves and joins again, and is booked when a seat frees', async () => {
  const zone = 'Europe/Berlin';
  const specialist = `pia-${RUN}@example.com`;
  const date = day(7, zone);
  const pia = await tokenFor('specialist', 'Pia');
  await request('PUT', `/api/specialists/${encodeURIComponent(specialist)}/policy`, pia, { waitlist: true });
  const slot = await post('/api/consulting-slots', pia, { date, startTime: '15:00', endTime: '16:00', timezone: zone, totalCapacity: 1 });
  const rex = await tokenFor('customer', 'Rex');
  await post(`/api/consulting-slots/${slot.id}/book`, rex, {});

  const sam = await person(browser, { timezoneId: zone, viewport: PHONE, colorScheme: 'dark' });
  await signIn(sam.page, { role: 'customer', email: `sam-${RUN}@example.com`, name: 'Sam' });
  await openDay(sam.page, specialist, date);
  await sam.page.getByText('Full', { exact: true }).waitFor();
  assert.equal(await sam.page.getByRole('button', { name: /^Book/ }).count(), 0, 'a full slot offers no booking');
  await press(sam.page, sam.page.getByRole('button', { name: /^Join the waitlist for / }));
  await sam.page.getByRole('status').filter({ hasText: 'You’re number 1 on the waitlist.' }).waitFor();
  await sam.page.getByText('You’re number 1 on the waitlist', { exact: true }).waitFor();
  await fitsWidth(sam.page, 'a slot with my waitlist place');
  await touchTargets(sam.page, 'a slot with my waitlist place');
  await accessible(sam.page, 'a slot with my waitlist place (phone, dark)');
  await shot(sam.page, 'phone-waitlist-place');

  await press(sam.page, sam.page.getByRole('button', { name: /^Leave the waitlist for / }));
  await sam.page.getByRole('status').filter({ hasText: 'You left the waitlist.' }).waitFor();
  await press(sam.page, sam.page.getByRole('button', { name: /^Join the waitlist for / }));
  await sam.page.getByText('You’re number 1 on the waitlist', { exact: true }).waitFor();

  await sam.page.goto('/me/bookings');
  const places = sam.page.getByRole('list', { name: 'Waitlists' });
  await places.getByText('You’re number 1 of 1 waiting for a seat.').waitFor();
  await accessible(sam.page, 'my waitlist places (phone, dark)');
  await fitsWidth(sam.page, 'my waitlist places');

  // Rex cancels: the same transaction books Sam, who is mailed as for any booking.
  await request('DELETE', `/api/consulting-slots/${slot.id}/book/me`, rex);
  await mailTo(`sam-${RUN}@example.com`, 'Booked: ');
  await sam.page.reload();
  await places.getByText('A seat freed and you are booked: it is in your bookings above.').waitFor();
  await sam.page.getByRole('button', { name: /^Cancel booking on / }).waitFor();
  assert.deepEqual(sam.problems, []);
  await sam.context.close();
});
