// A host app on another origin (samples/host-app, served on a port of its own) that installed the components from
// their packed library: its specialist publishes a slot in ManageSlots and its customer books it on a Service Card
// (SpecialistProfile with a serviceId), every request cross-origin through CORS, with the host's own token provider.
// The components' styles change nothing of the host's own page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessible, day, dayButton, launch, person, request, RUN, shot, showMonth, tokenFor } from './browser.mjs';

const HOST = process.env.SLOTS_E2E_HOST_URL ?? 'http://127.0.0.1:5107';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Signs in to the host with its own sign-in (a token from the host's identity provider, here the API's local one). */
async function hostSignIn(page, token, path) {
  await page.goto(`${HOST}${path}`);
  await page.getByLabel('Acme sign-in token').fill(token);
  await page.getByRole('button', { name: 'Sign in to Acme' }).click();
}

test('a host app on another origin embeds the packed components: its specialist publishes and its customer books through CORS', async () => {
  const specialist = `hana-${RUN}@example.com`;
  const hanaToken = await tokenFor('specialist', 'Hana');
  const ivoToken = await tokenFor('customer', 'Ivo');
  // Her profile offers two services; the card is for one of them.
  await request('PUT', `/api/specialists/${encodeURIComponent(specialist)}`, hanaToken, {
    displayName: 'Hana Physio', timezone: 'Europe/Berlin',
    services: [{ id: 'acme-physio', title: 'Physiotherapy' }, { id: 'acme-yoga', title: 'Yoga' }],
  });
  const date = day(4, 'Europe/Berlin');
  await request('POST', '/api/consulting-slots', hanaToken, { date, startTime: '16:00', endTime: '17:00', timezone: 'Europe/Berlin', serviceId: 'acme-yoga' });

  const hana = await person(browser);
  const crossOrigin = [];
  hana.page.on('request', (r) => r.url().startsWith(process.env.SLOTS_E2E_URL ?? 'http://127.0.0.1:5080') && crossOrigin.push(r.method()));
  await hostSignIn(hana.page, hanaToken, '/?view=manage');
  await hana.page.getByRole('button', { name: 'New slot' }).click();
  const dialog = hana.page.getByRole('dialog', { name: 'New slot' });
  await dialog.getByLabel('Date').fill(date);
  await dialog.getByLabel('Start').fill('10:00');
  await dialog.getByLabel('End').fill('11:00');
  await dialog.getByLabel('Seats').fill('2');
  await dialog.getByRole('button', { name: 'Publish slot' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await hana.page.getByText('0 of 2 booked').waitFor();
  assert.ok(crossOrigin.includes('POST') && crossOrigin.includes('GET'), `the page called the API on its origin: ${crossOrigin.join(', ')}`);
  await accessible(hana.page, 'host app: manage slots');
  await shot(hana.page, 'host-app-manage');

  // The customer books on the host's card for physiotherapy: the slot for all consulting shows, the yoga one does not.
  const ivo = await person(browser, { timezoneId: 'Europe/Berlin' });
  await hostSignIn(ivo.page, ivoToken, `/?specialist=${encodeURIComponent(specialist)}&service=acme-physio`);
  const card = ivo.page.getByRole('region', { name: 'Service card' });
  await card.getByRole('heading', { name: /Hana Physio/ }).waitFor();
  await showMonth(ivo.page, date);
  await dayButton(ivo.page, date).click();
  const slot = card.getByRole('article', { name: /^10:00–11:00/ });
  await slot.getByText('2 seats left').waitFor();
  assert.equal(await card.getByRole('article', { name: /^16:00–17:00/ }).count(), 0, 'the yoga slot is not on the physiotherapy card');
  await slot.getByRole('button', { name: /^Book/ }).click();
  await ivo.page.getByRole('status').filter({ hasText: 'Booked.' }).waitFor();
  await accessible(ivo.page, 'host app: service card booked');
  await shot(ivo.page, 'host-app-booked');

  const mine = await request('GET', '/api/me/bookings', ivoToken);
  assert.equal(mine.filter((b) => b.specialistEmail === specialist).length, 1, 'the booking made through the host is the customer\'s');

  // The host's own page as the host styled it: the components' rules stay inside their root.
  const host = await ivo.page.evaluate(() => {
    const card = document.querySelector('[data-testid="host-card"]');
    const h1 = document.querySelector('header h1');
    return {
      cardBorder: getComputedStyle(card).borderTopStyle,
      cardRadius: getComputedStyle(card).borderTopLeftRadius,
      bodyFont: getComputedStyle(document.body).fontFamily,
      bodyBackground: getComputedStyle(document.body).backgroundColor,
      h1Size: getComputedStyle(h1).fontSize,
      rootFont: getComputedStyle(document.querySelector('.slots-root')).fontFamily,
    };
  });
  assert.deepEqual(
    { cardBorder: host.cardBorder, cardRadius: host.cardRadius, bodyFont: host.bodyFont, bodyBackground: host.bodyBackground, h1Size: host.h1Size },
    { cardBorder: 'dashed', cardRadius: '0px', bodyFont: 'Georgia, serif', bodyBackground: 'rgb(255, 253, 247)', h1Size: '32px' },
  );
  assert.match(host.rootFont, /system-ui/, 'the components keep their own look inside their root');
  for (const who of [hana, ivo]) {
    assert.deepEqual(who.problems, [], 'no CORS refusal or other error in the console');
  }
});
