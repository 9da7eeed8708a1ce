#!/usr/bin/env node
// One of the supplier platforms' local fakes as a process, for tests written in another language
// (the desktop app's Qt tests, desktop/tests/fake_server.hpp):
//   node tests/support/serve_fake.mjs printify|dropshipper [OPTIONS_JSON]
// starts the fake with OPTIONS_JSON (its start function's options) and prints one line of JSON:
// what a test needs to reach it — {"url", "token", "shopId"} (Printify), {"url", "secret"}
// (dropshipper). Then each line read on stdin is a command answered by one line of JSON:
//   {"failNext": {…}}  the fake's failNext with those options  → {"ok": true}
//   {"state": true}    what it received                        → {"received", "orders"}
// Stdin closed: the fake stops and the process exits.
import readline from 'node:readline';
import { startFakeDropshipper } from './fake_dropshipper.mjs';
import { startFakePrintify } from './fake_printify.mjs';

const [kind, optionsText = '{}'] = process.argv.slice(2);
const options = JSON.parse(optionsText);
const starters = { printify: startFakePrintify, dropshipper: startFakeDropshipper };
if (!starters[kind]) {
  process.stderr.write('usage: serve_fake.mjs printify|dropshipper [OPTIONS_JSON]\n');
  process.exit(2);
}
const fake = await starters[kind](options);
const say = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
say(kind === 'printify'
  ? { url: fake.url, token: options.token ?? 'printify-test-token', shopId: options.shopId ?? 1234567 }
  : { url: fake.url, secret: fake.secret });

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const command = JSON.parse(line);
  if (command.failNext) {
    fake.failNext(command.failNext);
    say({ ok: true });
  } else if (command.state) {
    say({ received: fake.received ?? fake.requests?.length ?? 0,
      orders: fake.orders instanceof Map ? [...fake.orders.keys()] : Object.keys(fake.orders ?? {}) });
  } else {
    say({ error: `unknown command ${line}` });
  }
});
lines.on('close', async () => {
  await fake.close();
  process.exit(0);
});
