// Two customers in two browsers press Book on the last seat at the same moment: exactly one gets it, the other is
// told so in words, and the page offers the slot no more.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, day, launch, openDay, person, RUN, signIn } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('two browsers race for the last seat: exactly one wins, the other sees the refusal', async () => {
  const zone = 'Europe/Berlin';
  const specialist = `max-${RUN}@example.com`;
  const date = day(6, zone);
  const max = await person(browser, { timezoneId: zone });
  await signIn(max.page, { role: 'specialist', email: specialist, name: 'Max' });
  await max.page.getByRole('button', { name: 'New slot' }).click();
  const dialog = max.page.getByRole('dialog', { name: 'New slot' });
  await dialog.getByLabel('Date').fill(date);
  await dialog.getByRole('button', { name: 'Publish slot' }).click();
  await max.page.getByText('0 of 1 booked').waitFor();

  const racers = [];
  for (const name of ['Nia', 'Oli']) {
    const racer = await person(browser, { timezoneId: zone });
    await signIn(racer.page, { role: 'customer', email: `${name.toLowerCase()}-${RUN}@example.com`, name });
    await openDay(racer.page, specialist, date);
    await racer.page.getByText('Available', { exact: true }).waitFor();
    racers.push(racer);
  }

  // Both requests leave before either answer arrives: each click is released only once both pages are ready.
  const buttons = racers.map((r) => r.page.getByRole('button', { name: /^Book/ }));
  await Promise.all(buttons.map((b) => b.waitFor()));
  await Promise.all(buttons.map((b) => b.click()));
  const outcomes = await Promise.all(
    racers.map(async ({ page }) => {
      const won = page.getByRole('status').filter({ hasText: 'Booked.' });
      const lost = page.getByRole('alert').filter({ hasText: 'Someone just took the last seat.' });
      await won.or(lost).waitFor();
      return (await won.isVisible()) ? 'won' : 'lost';
    }),
  );

  assert.deepEqual([...outcomes].sort(), ['lost', 'won']);
  const loser = racers[outcomes.indexOf('lost')];
  await loser.page.getByRole('heading', { name: /^No open slots in / }).waitFor();
  await max.page.reload();
  await max.page.getByText('1 of 1 booked').waitFor();
  const winner = ['Nia', 'Oli'][outcomes.indexOf('won')];
  await max.page.getByText(`${winner}`, { exact: true }).waitFor();
  assert.ok(BASE);
  for (const p of [max, ...racers]) {
    assert.deepEqual(p.problems, []);
    await p.context.close();
  }
});
