// Seat counts that update live: two customers have the same booking page open; one books, and the other's count
// changes without a reload; when the last seat goes, the slot leaves the other's page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { day, launch, openDay, person, post, RUN, signIn, tokenFor } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('two customers on one page: one books, the other’s seat count follows within a second, and a full slot leaves', async () => {
  const zone = 'Europe/Berlin';
  const specialist = `quinn-${RUN}@example.com`;
  const date = day(9, zone);
  const quinn = await tokenFor('specialist', 'Quinn');
  const slot = await post('/api/consulting-slots', quinn, { date, startTime: '15:00', endTime: '16:00', timezone: zone, totalCapacity: 2 });

  const [ada, ben] = await Promise.all(['Ada', 'Ben'].map(async (name) => {
    const customer = await person(browser, { timezoneId: zone });
    await signIn(customer.page, { role: 'customer', email: `${name.toLowerCase()}-${RUN}@example.com`, name });
    await openDay(customer.page, specialist, date);
    await customer.page.getByRole('article', { name: '15:00–16:00, 2 seats left' }).waitFor();
    return customer;
  }));

  await ada.page.getByRole('button', { name: /^Book/ }).click();
  await ada.page.getByRole('status').filter({ hasText: 'Booked.' }).waitFor();
  const booked = Date.now();
  await ben.page.getByRole('article', { name: '15:00–16:00, 1 seat left' }).waitFor({ timeout: 1_000 });
  console.log(`# Ben saw the seat go ${Date.now() - booked} ms after Ada's booking was confirmed, without a reload`);

  const cal = await tokenFor('customer', 'Cal');
  await post(`/api/consulting-slots/${slot.id}/book`, cal, {});
  await ben.page.getByRole('article').waitFor({ state: 'detached', timeout: 1_000 });
  await ben.page.getByRole('heading', { name: /^No open slots in / }).waitFor();
  for (const p of [ada, ben]) {
    assert.deepEqual(p.problems, []);
    await p.context.close();
  }
});
