// Shared by the end-to-end tests: Debian's Chromium through playwright-core, sign-in, axe, screenshots.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const BASE = process.env.SLOTS_E2E_URL ?? 'http://127.0.0.1:5080';
export const ARTIFACTS = new URL('../e2e-artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

/** A run's own names, so runs against the same database never meet. */
export const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export function launch() {
  return chromium.launch({
    executablePath: process.env.SLOTS_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 360, height: 740 };

/** A person's own browser: their zone, language and screen. */
export async function person(browser, { timezoneId = 'Europe/Berlin', locale = 'en-GB', viewport = DESKTOP, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ timezoneId, locale, viewport, colorScheme, baseURL: BASE });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && problems.push(`console: ${m.text()}`));
  return { context, page, problems };
}

/** Signs in through the local sign-in screen, by mouse. */
export async function signIn(page, { role, email, name }) {
  await page.goto('/sign-in');
  await page.getByRole('radio', { name: role === 'specialist' ? 'Specialist' : 'Customer' }).check();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** No serious or critical axe violation on what the page shows now. */
export async function accessible(page, screen) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe on ${screen}`,
  );
}

/** Nothing scrolls sideways. */
export async function fitsWidth(page, screen) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `${screen} scrolls sideways: ${scroll} px of content in ${width} px`);
}

/** Every control a finger presses is at least 44 × 44 px (WCAG 2.5.5); a radio's target is its whole label. */
export async function touchTargets(page, screen) {
  const small = await page.evaluate(() =>
    // A radio or checkbox is hit through its label, which must be the 44 px target instead.
    [...document.querySelectorAll('button, select, input:not([type=radio]):not([type=checkbox]), .nav-link, .segmented-option, label.checkbox')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ el, box }) => `${el.tagName.toLowerCase()} "${el.textContent.trim() || el.getAttribute('aria-label') || el.id}" ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  assert.deepEqual(small, [], `${screen}: controls under 44 px`);
}

export async function shot(page, name) {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

/** A date N days from today in a zone, YYYY-MM-DD. */
export function day(offset, timeZone) {
  const d = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** "Wednesday, 2 December 2026", as the calendar names a day in a browser of that language. */
export function longDate(date, locale = 'en-GB') {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** Moves the calendar to the month of a date, pressing Next month with `next` (by mouse unless given). */
export async function showMonth(page, date, next = (button) => button.click(), locale = 'en-GB') {
  const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  await page.getByRole('button', { name: 'Next month' }).waitFor();
  await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
  for (let i = 0; i < 3 && !(await page.getByRole('heading', { name: month, exact: true }).isVisible()); i++) {
    await next(page.getByRole('button', { name: 'Next month' }));
  }
  await page.getByRole('heading', { name: month, exact: true }).waitFor();
}

/** The calendar's button for a day with open slots, or with full ones that take a waitlist. */
export const dayButton = (page, date, locale = 'en-GB') =>
  page.getByRole('button', { name: new RegExp(`^${longDate(date, locale)}, \\d+ (open|full)`) });

/** Opens the specialist's page and picks a day, moving to its month first when needed. */
export async function openDay(page, specialistEmail, date, locale = 'en-GB') {
  await page.goto(`/specialists/${encodeURIComponent(specialistEmail)}`);
  await showMonth(page, date, undefined, locale);
  await dayButton(page, date, locale).click();
}

/** ./slots run's smtp4dev, beside the API: every message the product sent. */
export const MAIL = process.env.SLOTS_E2E_MAIL_URL ?? 'http://127.0.0.1:5081';

/** The raw source of the first message to `address` whose subject starts with `subject`, waiting up to 20 s for it. */
export async function mailTo(address, subject) {
  for (let i = 0; i < 80; i++) {
    const page = await (await fetch(`${MAIL}/api/messages?pageSize=200`)).json();
    const hit = page.results.find((m) => m.to.includes(address) && m.subject.startsWith(subject));
    if (hit) return (await fetch(`${MAIL}/api/messages/${hit.id}/raw`)).text();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no message '${subject}…' to ${address} reached smtp4dev`);
}

/** The UTC instant of a local date and time in a zone, as iCalendar writes it: 20261209T090000Z. */
export function icalUtc(date, time, timeZone) {
  const guess = Date.parse(`${date}T${time}:00Z`);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(guess)).map((p) => [p.type, p.value]));
  const offset = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute) - guess;
  return new Date(guess - offset).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A JSON request to the API, as a host would make it; fails on any answer but 2xx. Its JSON, or null for 204. */
export async function request(method, path, token, body) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return response.status === 204 ? null : response.json();
}

export const post = (path, token, body) => request('POST', path, token, body);

/** A token for a person, as the local sign-in screen gets it. */
export async function tokenFor(role, name) {
  const id = `${name.toLowerCase()}-${RUN}`;
  return (await post('/api/dev/token', null, { role, id, email: `${id}@example.com`, name })).token;
}

/** Presses Tab (Shift+Tab when backwards) until the element the locator names has the focus; fails after 60. */
export async function tabTo(page, locator, { backwards = false } = {}) {
  await locator.waitFor();
  for (let i = 0; i < 60; i++) {
    if (await locator.evaluate((el) => el === document.activeElement, undefined, { timeout: 1000 }).catch(() => false)) {
      return;
    }
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`could not reach ${locator} with the Tab key`);
}

/** Moves the focus to the element with Tab, then presses the key (Enter unless given). */
export async function press(page, locator, key = 'Enter') {
  await tabTo(page, locator);
  await page.keyboard.press(key);
}
