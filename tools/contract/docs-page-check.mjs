// Loads the API's /docs page in headless Chromium (Debian's, driven by playwright-core) and prints, as JSON, every
// request the page made, the ones to another host, the console errors and failed requests, and whether the reference
// rendered the document's operations. Usage: node docs-page-check.mjs http://127.0.0.1:PORT/docs/ "Text to wait for"
import { chromium } from 'playwright-core';

const [url, expected] = process.argv.slice(2);
const origin = new URL(url).origin;
const browser = await chromium.launch({
  executablePath: process.env.SLOTS_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const result = { requests: [], foreign: [], consoleErrors: [], failed: [], rendered: false };
try {
  const page = await browser.newPage();
  page.on('request', r => {
    result.requests.push(r.url());
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== origin) result.foreign.push(r.url());
  });
  page.on('console', m => { if (m.type() === 'error') result.consoleErrors.push(m.text()); });
  page.on('pageerror', e => result.consoleErrors.push(String(e)));
  page.on('requestfailed', r => result.failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', r => { if (r.status() >= 400) result.failed.push(`${r.url()}: ${r.status()}`); });
  await page.goto(url, { waitUntil: 'networkidle', timeout: 60000 });
  await page.getByText(expected).first().waitFor({ timeout: 30000 });
  result.rendered = true;
  await page.waitForLoadState('networkidle');
} catch (e) {
  result.error = String(e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
