// A real SMTP server (npm smtp-server) on a free port that keeps every message it receives, and
// helpers to read them: the suites assert on what a customer would find in their mailbox.
import { after } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { freePort, sleep } from './server.mjs';

// Call it at the top level of a test file (top-level await), not inside before(): the after()
// hook it registers would then run as soon as that before() ends and close the server.
export async function startSmtpCapture() {
  const received = [];
  const port = await freePort();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  // smtp-server reports a connection reset in the middle of a message as an 'error' event, an
  // uncaught exception without a listener: it failed a whole file after its tests had passed, when
  // the file's server was stopped while its outbox was sending. Such a message never ended and is
  // not kept. Any other error is kept in `errors` and printed.
  const errors = [];
  smtp.on('error', (err) => {
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return;
    errors.push(err);
    console.error(`smtp capture: ${err.message}`);
  });
  await new Promise((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  const capture = {
    url: `smtp://127.0.0.1:${port}`,
    received,
    errors,
    // The messages to `address` so far, parsed.
    to(address) {
      return received.filter((m) => m.to.includes(address)).map((m) => ({ ...m, ...parseMail(m.raw) }));
    },
    // Waits for the first message to `address` matching `filter` (on its parsed form).
    async waitFor(address, filter = () => true, timeout = 15_000) {
      const deadline = performance.now() + timeout;
      for (;;) {
        const found = capture.to(address).find(filter);
        if (found) return found;
        if (performance.now() > deadline) throw new Error(`no matching mail to ${address} within ${timeout} ms (got ${received.length} in all)`);
        await sleep(100);
      }
    },
    close: () => new Promise((resolve) => smtp.close(resolve)),
  };
  after(() => capture.close());
  return capture;
}

export const decodeWord = (value) =>
  value.replace(/=\?UTF-8\?B\?([^?]+)\?=/g, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));

// Headers (unfolded; subject decoded into `subject`) and the decoded parts of a
// multipart/alternative message.
export function parseMail(raw) {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const boundary = /boundary="([^"]+)"/.exec(headers['content-type'])?.[1];
  const parts = {};
  if (boundary) {
    for (const part of rest.join('\r\n\r\n').split(`--${boundary}`)) {
      const type = /Content-Type: ([^;\r\n]+)/.exec(part)?.[1];
      if (!type) continue;
      const body = part.split('\r\n\r\n').slice(1).join('').replace(/\s+/g, '');
      parts[type] = Buffer.from(body, 'base64').toString('utf8');
    }
  }
  // Adjacent encoded words are joined without the space between them (RFC 2047 §6.2).
  const subject = decodeWord((headers.subject ?? '').replace(/\?=\s+=\?UTF-8\?B\?/g, '?==?UTF-8?B?'));
  return { headers, subject, parts };
}
