// The same flow by keyboard alone: every step reached with Tab, pressed with Enter or Space, typed with keys.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  accessible, day, dayButton, fitsWidth, launch, mailTo, person, PHONE, post, press, RUN, shot, showMonth, signIn, tabTo, touchTargets,
} from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function type(page, locator, text) {
  await tabTo(page, locator);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Types into a date or time field from its first part: leaves it backwards, comes back with Tab, types. */
async function typeParts(page, locator, text) {
  await tabTo(page, locator);
  for (let i = 0; i < 10 && (await locator.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Shift+Tab');
  }
  await page.keyboard.press('Tab');
  await page.keyboard.type(text);
}

async function signInByKeyboard(page, { role, email, name }) {
  await page.goto('/sign-in');
  await press(page, page.getByRole('radio', { name: 'Customer' }), role === 'specialist' ? 'ArrowRight' : 'Space');
  await type(page, page.getByLabel('Email'), email);
  await type(page, page.getByLabel('Name', { exact: true }), name);
  await press(page, page.getByRole('button', { name: 'Sign in' }));
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** Publishes a slot through the New slot dialog by keyboard. */
async function publish(page, { date, start, end, seats }) {
  await press(page, page.getByRole('button', { name: 'New slot' }));
  const dialog = page.getByRole('dialog', { name: 'New slot' });
  // The dialog takes the focus. A date field's order of day and month is the browser's own: learn it, then type.
  const [y, m, d] = date.split('-');
  await typeParts(page, dialog.getByLabel('Date'), '01022030');
  const monthFirst = (await dialog.getByLabel('Date').inputValue()) === '2030-01-02';
  await typeParts(page, dialog.getByLabel('Date'), monthFirst ? `${m}${d}${y}` : `${d}${m}${y}`);
  assert.equal(await dialog.getByLabel('Date').inputValue(), date);
  await typeParts(page, dialog.getByLabel('Start'), start.replace(':', ''));
  await typeParts(page, dialog.getByLabel('End'), end.replace(':', ''));
  assert.deepEqual([await dialog.getByLabel('Start').inputValue(), await dialog.getByLabel('End').inputValue()], [start, end]);
  await type(page, dialog.getByLabel('Seats'), seats);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
}

/** Signs in as a customer and opens the specialist's day, all by keyboard. */
async function customerOpensDay(page, { email, name, specialist, date }) {
  await signInByKeyboard(page, { role: 'customer', email, name });
  await type(page, page.getByLabel('Search by name, service or email'), specialist);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/specialists/**');
  await showMonth(page, date, (next) => press(page, next));
  // The calendar is a grid: Tab reaches the chosen day, the arrows move from day to day.
  await tabTo(page, dayButton(page, date));
  // The focus moves with the grid's next render: each key waits for it to land before the next is pressed (a Left pressed
  // while the focus was still on its way once left it on the day after).
  const focusedDay = () => page.evaluate(() => document.activeElement?.getAttribute('data-day'));
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((from) => (document.activeElement?.getAttribute('data-day') ?? from) !== from, date);
  assert.notEqual(await focusedDay(), date);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((to) => document.activeElement?.getAttribute('data-day') === to, date);
  assert.equal(await focusedDay(), date);
  await page.keyboard.press('Enter');
}

test('by keyboard only: the whole story, from publishing to deleting', async () => {
  const zone = 'Europe/Berlin';
  const specialist = `kim-${RUN}@example.com`;
  const date = day(5, zone);
  const kim = await person(browser, { timezoneId: zone });
  await signInByKeyboard(kim.page, { role: 'specialist', email: specialist, name: 'Kim' });
  await kim.page.waitForURL('**/manage');
  await publish(kim.page, { date, start: '08:00', end: '08:45', seats: '1' });
  await publish(kim.page, { date, start: '10:00', end: '10:45', seats: '3' });
  const oneToOne = kim.page.getByRole('listitem').filter({ hasText: '08:00–08:45' });
  const group = kim.page.getByRole('listitem').filter({ hasText: '10:00–10:45' });
  await oneToOne.getByText('0 of 1 booked').waitFor();
  await group.getByText('0 of 3 booked').waitFor();

  // The specialist asks for a reason with every cancellation, in Settings.
  await press(kim.page, kim.page.getByRole('link', { name: 'Settings' }));
  await press(kim.page, kim.page.getByLabel('Ask for a reason when a booking is cancelled'), 'Space');
  await press(kim.page, kim.page.getByRole('button', { name: 'Save booking rules' }));
  await kim.page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await press(kim.page, kim.page.getByRole('link', { name: 'Manage slots' }));

  // The first customer books both.
  const lee = await person(browser, { timezoneId: zone });
  await customerOpensDay(lee.page, { email: `lee-${RUN}@example.com`, name: 'Lee', specialist, date });
  await press(lee.page, lee.page.getByRole('button', { name: 'Book 08:00–08:45' }));
  await lee.page.getByRole('status').filter({ hasText: 'Booked.' }).waitFor();
  // The focus is on the confirmation; from it, Tab reaches Book another time, which brings the calendar back.
  assert.equal(await lee.page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby')), 'confirmation-title');
  await press(lee.page, lee.page.getByRole('button', { name: 'Book another time' }));
  await press(lee.page, lee.page.getByRole('button', { name: 'Book 10:00–10:45' }));
  await press(lee.page, lee.page.getByRole('button', { name: 'Book another time' }));
  await lee.page.getByRole('article', { name: /^10:00–10:45/ }).getByText('2 seats left').waitFor();

  // The second customer: the 1:1 is gone, two seats left in the group.
  const mo = await person(browser, { timezoneId: zone });
  await customerOpensDay(mo.page, { email: `mo-${RUN}@example.com`, name: 'Mo', specialist, date });
  await mo.page.getByRole('article', { name: /^10:00–10:45, 2 seats left/ }).waitFor();
  assert.equal(await mo.page.getByRole('article', { name: /^08:00–08:45/ }).count(), 0);

  // The first customer cancels the group booking.
  await press(lee.page, lee.page.getByRole('link', { name: 'My bookings' }));
  await press(lee.page, lee.page.getByRole('button', { name: /^Cancel booking on .*10:00–10:45/ }));
  const cancelling = lee.page.getByRole('dialog', { name: 'Cancel this booking?' });
  await type(lee.page, cancelling.getByLabel('Reason (required)'), 'Something came up');
  await press(lee.page, cancelling.getByRole('button', { name: 'Yes, cancel it' }));
  await lee.page.getByRole('listitem').filter({ hasText: '10:00–10:45' }).waitFor({ state: 'detached' });

  // The specialist sees who booked the 1:1 and deletes the empty group slot.
  await kim.page.reload();
  await oneToOne.getByText('Lee', { exact: true }).waitFor();
  // Escape closes a menu and gives the focus back to its button.
  await press(kim.page, oneToOne.getByRole('button', { name: /^Actions for / }));
  await kim.page.keyboard.press('Escape');
  assert.equal(await oneToOne.getByRole('menu').count(), 0);
  assert.match(await kim.page.evaluate(() => document.activeElement?.getAttribute('aria-label')), /^Actions for .*08:00–08:45$/);
  await group.getByText('0 of 3 booked').waitFor();
  // The row's actions are a menu: Enter opens it on its first item, the arrows move, Enter chooses.
  await press(kim.page, group.getByRole('button', { name: /^Actions for / }));
  assert.equal(await kim.page.evaluate(() => document.activeElement?.textContent), 'Edit times…');
  await kim.page.keyboard.press('End');
  assert.equal(await kim.page.evaluate(() => document.activeElement?.textContent), 'Delete…');
  await kim.page.keyboard.press('Enter');
  await press(kim.page, kim.page.getByRole('dialog', { name: 'Delete this slot?' }).getByRole('button', { name: 'Delete slot' }));
  await group.waitFor({ state: 'detached' });
  await oneToOne.getByText('1 of 1 booked').waitFor();

  for (const p of [kim, lee, mo]) {
    assert.deepEqual(p.problems, []);
    await p.context.close();
  }
});

test('on a phone in dark mode, by keyboard: a customer moves her booking to another time; the same invite is updated', async () => {
  const zone = 'Europe/Berlin';
  const specialist = `nia-${RUN}@example.com`;
  const { token: nia } = await post('/api/dev/token', null, { role: 'specialist', id: `nia-${RUN}`, email: specialist, name: 'Nia' });
  const [first, second] = [day(6, zone), day(8, zone)];
  const slots = [];
  for (const date of [first, second]) {
    slots.push(await post('/api/consulting-slots', nia, { date, startTime: '11:00', endTime: '12:00', timezone: zone, totalCapacity: 2 }));
  }
  const ola = await person(browser, { timezoneId: zone, viewport: PHONE, colorScheme: 'dark' });
  await signIn(ola.page, { role: 'customer', email: `ola-${RUN}@example.com`, name: 'Ola' });
  const token = await ola.page.evaluate(() => JSON.parse(window.localStorage.getItem('slots.session')).token);
  const booked = await post(`/api/consulting-slots/${slots[0].id}/book`, token, {});
  const confirmation = await mailTo(`ola-${RUN}@example.com`, 'Booked: ');

  await ola.page.goto('/me/bookings');
  await press(ola.page, ola.page.getByRole('button', { name: /^Move booking on/ }));
  const dialog = ola.page.getByRole('dialog', { name: 'Move this booking' });
  const later = dialog.getByRole('radio');
  await later.waitFor();
  assert.equal(await later.count(), 1, 'the one other open time; its own is not offered');
  await fitsWidth(ola.page, 'move dialog');
  await touchTargets(ola.page, 'move dialog');
  await accessible(ola.page, 'move dialog (phone, dark)');
  await shot(ola.page, 'phone-move-booking');
  await press(ola.page, later, 'Space');
  await press(ola.page, dialog.getByRole('button', { name: 'Move booking' }));
  await ola.page.getByRole('status').filter({ hasText: /^Moved from / }).waitFor();
  await ola.page.getByRole('listitem').filter({ hasText: /11:00–12:00/ }).waitFor();

  // The update is the same invite (UID), revised (SEQUENCE 1), at the new time.
  const update = await mailTo(`ola-${RUN}@example.com`, 'Moved: ');
  assert.equal(update.match(/^UID:.*$/m)[0].trim(), confirmation.match(/^UID:.*$/m)[0].trim());
  assert.match(update, /^SEQUENCE:1\r?$/m);
  assert.match(update, new RegExp(`^DTSTART:${slots[1].startsAt.replace(/[-:]/g, '').replace(/\.\d+/, '')}\\r?$`, 'm'));
  assert.match(update, new RegExp(booked.bookingId));
  assert.deepEqual(ola.problems, []);
  await ola.context.close();
});
