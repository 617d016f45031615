#!/usr/bin/env node
// The bench's mail server: SMTP with no dependencies, which takes every message and keeps none, so that ./slots bench
// measures the product's notifier and not a mail server (smtp4dev, which ./slots run starts for people, parses and stores
// each message). It speaks just what MailKit sends: EHLO, MAIL, RCPT, DATA (up to the lone dot), RSET, NOOP, QUIT.
//   node scripts/smtp-sink.mjs [--port 2599]
import { createServer } from 'node:net';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || 2599);
let messages = 0;

createServer((socket) => {
  socket.setNoDelay(true);
  let buffer = '';
  let inData = false;
  const reply = (line) => socket.write(`${line}\r\n`);
  reply('220 bench-sink ESMTP');
  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1');
    for (;;) {
      if (inData) {
        const end = buffer.indexOf('\r\n.\r\n');
        if (end < 0) {
          // Keep only what may start the terminator.
          buffer = buffer.slice(-4);
          return;
        }
        buffer = buffer.slice(end + 5);
        inData = false;
        messages += 1;
        reply('250 2.0.0 taken');
        continue;
      }
      const eol = buffer.indexOf('\r\n');
      if (eol < 0) return;
      const line = buffer.slice(0, eol);
      buffer = buffer.slice(eol + 2);
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO' || verb === 'HELO') reply('250-bench-sink\r\n250-8BITMIME\r\n250 SMTPUTF8');
      else if (verb === 'DATA') {
        inData = true;
        buffer = `\r\n${buffer}`; // the terminator may follow at once
        reply('354 go on');
      } else if (verb === 'QUIT') {
        reply('221 bye');
        socket.end();
        return;
      } else reply('250 ok');
    }
  });
  socket.on('error', () => socket.destroy());
}).listen(port, '127.0.0.1', () => console.error(`smtp sink on 127.0.0.1:${port}`));

process.on('SIGTERM', () => {
  console.error(`smtp sink: ${messages} messages taken`);
  process.exit(0);
});
