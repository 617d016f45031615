#!/usr/bin/env node
// Opens N live seat streams (GET /api/specialists/{email}/available-slots/stream) against an API, as N open booking pages
// would, spread over the bench's specialists (bench-1@example.com ... bench-S), and keeps them open until it is stopped
// (SIGTERM). Each event a stream receives is written to --out as "<feed position> <arrival ms since the epoch>", so
// ./slots bench can put it beside its event's time; the open, dropped and refused streams go to --out's ".summary".
//   node scripts/stream-clients.mjs --url http://127.0.0.1:5098 --count 1000 --specialists 1000 --out FILE
import { createWriteStream, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const url = new URL(arg('--url', 'http://127.0.0.1:5098'));
const count = Number(arg('--count', 1000));
const specialists = Number(arg('--specialists', 1000));
const out = arg('--out', '/dev/null');
const log = createWriteStream(out);
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
let open = 0;
let dropped = 0;
let refused = 0;
let events = 0;

function connect(i, lastEventId) {
  const email = `bench-${(i % specialists) + 1}@example.com`;
  const req = request({
    host: url.hostname, port: url.port, agent, method: 'GET',
    path: `/api/specialists/${encodeURIComponent(email)}/available-slots/stream`,
    headers: { Accept: 'text/event-stream', ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
  }, (res) => {
    if (res.statusCode !== 200) {
      refused++;
      res.resume();
      return;
    }
    open++;
    res.setEncoding('utf8');
    let buffer = '';
    let id = lastEventId;
    res.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const idLine = block.split('\n').find((l) => l.startsWith('id: '));
        const event = block.split('\n').find((l) => l.startsWith('event: '))?.slice(7);
        if (idLine) id = idLine.slice(4);
        if (event === 'seats' || event === 'removed') {
          events++;
          log.write(`${id} ${Date.now()}\n`);
        }
      }
    });
    res.on('end', () => {
      open--;
      dropped++;
      setTimeout(() => connect(i, id), 500);
    });
  });
  req.on('error', () => {
    refused++;
  });
  req.end();
}

for (let i = 0; i < count; i++) connect(i);
const summary = () => writeFileSync(`${out}.summary`, `open ${open} dropped ${dropped} refused ${refused} events ${events}\n`);
const timer = setInterval(summary, 1000);
process.on('SIGTERM', () => {
  clearInterval(timer);
  summary();
  log.end(() => process.exit(0));
});
