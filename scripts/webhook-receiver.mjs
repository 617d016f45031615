#!/usr/bin/env node
// A webhook receiver with no dependencies: it verifies each request by the Standard Webhooks scheme and prints the event,
// or, with --stats, keeps each event's delay (its CloudEvent `time` to its arrival here) for ./slots bench, which reads
// them back from GET /stats?from=MS&to=MS (events whose time lies in that window).
//   WEBHOOK_SECRET=whsec_... node scripts/webhook-receiver.mjs [--port 4000] [--stats]
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || 4000);
const stats = args.includes('--stats');
const key = Buffer.from((process.env.WEBHOOK_SECRET ?? '').replace(/^whsec_/, ''), 'base64');
if (key.length === 0) throw new Error('set WEBHOOK_SECRET to the secret the subscription was created with');

/** Standard Webhooks: HMAC-SHA256 over "id.timestamp.body", base64, in a space-separated list of "v1,<signature>". */
function verified(headers, body) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  if (!id || !timestamp || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return (headers['webhook-signature'] ?? '').split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const seen = new Map(); // event id -> [event time ms, arrival ms]
let refused = 0;
let repeats = 0;

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)];
}

createServer((req, res) => {
  if (req.method === 'GET' && req.url.startsWith('/stats')) {
    const query = new URL(req.url, 'http://x').searchParams;
    const from = Number(query.get('from') ?? 0);
    const to = Number(query.get('to') ?? Number.MAX_SAFE_INTEGER);
    const lags = [...seen.values()].filter(([time]) => time >= from && time <= to).map(([time, at]) => at - time).sort((a, b) => a - b);
    res.end(JSON.stringify({ count: lags.length, p50: percentile(lags, 50), p99: percentile(lags, 99), max: lags.at(-1) ?? 0, refused, repeats }));
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    if (!verified(req.headers, body)) {
      refused++;
      res.writeHead(401).end();
      return;
    }
    const event = JSON.parse(body);
    if (seen.has(event.id)) repeats++;
    else seen.set(event.id, [Date.parse(event.time), Date.now()]);
    if (!stats) console.log(`verified ${event.type} ${event.subject} position ${event.position}`);
    res.writeHead(204).end();
  });
}).listen(port, '127.0.0.1', () => console.error(`receiving webhooks on http://127.0.0.1:${port}/`));
