// The same flow by keyboard alone: every step reached with Tab, pressed with Enter or Space, typed with keys.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { day, dayButton, launch, person, RUN, showMonth } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Presses Tab (Shift+Tab when backwards) until the element the locator names has the focus; fails after 60. */
async function tabTo(page, locator, { backwards = false } = {}) {
  await locator.waitFor();
  for (let i = 0; i < 60; i++) {
    if (await locator.evaluate((el) => el === document.activeElement, undefined, { timeout: 1000 }).catch(() => false)) {
      return;
    }
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`could not reach ${locator} with the Tab key`);
}

async function press(page, locator, key = 'Enter') {
  await tabTo(page, locator);
  await page.keyboard.press(key);
}

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

test('by keyboard only: publish a group slot, book it, cancel, delete', async () => {
  const zone = 'Europe/Berlin';
  const specialist = `kim-${RUN}@example.com`;
  const date = day(5, zone);
  const kim = await person(browser, { timezoneId: zone });
  await signInByKeyboard(kim.page, { role: 'specialist', email: specialist, name: 'Kim' });
  await kim.page.waitForURL('**/manage');

  await press(kim.page, kim.page.getByRole('button', { name: 'New slot' }));
  const dialog = kim.page.getByRole('dialog', { name: 'New slot' });
  // The dialog takes the focus. A date field's order of day and month is the browser's own: learn it, then type.
  const [y, m, d] = date.split('-');
  await typeParts(kim.page, dialog.getByLabel('Date'), '01022030');
  const monthFirst = (await dialog.getByLabel('Date').inputValue()) === '2030-01-02';
  await typeParts(kim.page, dialog.getByLabel('Date'), monthFirst ? `${m}${d}${y}` : `${d}${m}${y}`);
  assert.equal(await dialog.getByLabel('Date').inputValue(), date);
  await typeParts(kim.page, dialog.getByLabel('Start'), '0800');
  await typeParts(kim.page, dialog.getByLabel('End'), '0845');
  assert.deepEqual([await dialog.getByLabel('Start').inputValue(), await dialog.getByLabel('End').inputValue()], ['08:00', '08:45']);
  await type(kim.page, dialog.getByLabel('Seats'), '2');
  await kim.page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  const row = kim.page.getByRole('listitem').filter({ hasText: '08:00–08:45' });
  await row.getByText('0 of 2 booked').waitFor();

  const lee = await person(browser, { timezoneId: zone });
  await signInByKeyboard(lee.page, { role: 'customer', email: `lee-${RUN}@example.com`, name: 'Lee' });
  await type(lee.page, lee.page.getByLabel('Specialist’s email'), specialist);
  await lee.page.keyboard.press('Enter');
  await lee.page.waitForURL('**/specialists/**');
  await showMonth(lee.page, date, (next) => press(lee.page, next));
  await press(lee.page, dayButton(lee.page, date));
  await press(lee.page, lee.page.getByRole('button', { name: 'Book 08:00–08:45' }));
  await lee.page.getByRole('status').filter({ hasText: 'Booked.' }).waitFor();
  await lee.page.getByText('1 seat left').waitFor();

  await press(lee.page, lee.page.getByRole('link', { name: 'My bookings' }));
  await press(lee.page, lee.page.getByRole('button', { name: /^Cancel booking on / }));
  await press(lee.page, lee.page.getByRole('button', { name: 'Yes, cancel it' }));
  await lee.page.getByRole('heading', { name: 'No upcoming bookings' }).waitFor();

  await kim.page.reload();
  await row.getByText('0 of 2 booked').waitFor();
  await press(kim.page, row.getByRole('button', { name: 'Delete' }));
  await press(kim.page, kim.page.getByRole('dialog', { name: 'Delete this slot?' }).getByRole('button', { name: 'Delete slot' }));
  await kim.page.getByRole('heading', { name: 'No upcoming slots' }).waitFor();

  for (const p of [kim, lee]) {
    assert.deepEqual(p.problems, []);
    await p.context.close();
  }
});
