// A local Sentry ingest (the envelope endpoint, which self-hosted GlitchTip serves too) for the
// error-reporting suites. It checks what a real ingest would and refuses anything malformed:
//   POST {path}/api/{project}/envelope/ with Content-Type application/x-sentry-envelope and
//   X-Sentry-Auth: Sentry sentry_version=7, sentry_key=<the DSN's key>, sentry_client=<name/version>;
//   the body is exactly three lines, each ending with \n: the envelope header (event_id of 32 hex,
//   the DSN, sent_at in RFC 3339), the item header {"type":"event","length":N} where N is the
//   payload's length in bytes, and the event JSON, whose event_id is the header's and which has a
//   timestamp, platform, level and logger.
// Accepted events are answered 200 {"id"}; anything else 400 (401 for the auth header, 404 for
// another path), and kept in `rejected` with the reason. Faults for the suites: `hangMs` (every
// answer comes that late: a slow Sentry), rateLimitNext() (a 429 with Retry-After and
// X-Sentry-Rate-Limits).
import http from 'node:http';
import { after } from 'node:test';
import { readBody } from './fake_faults.mjs';

const HEX32 = /^[0-9a-f]{32}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const LEVELS = new Set(['debug', 'info', 'warning', 'error', 'fatal']);

class Malformed extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// "Sentry sentry_version=7, sentry_key=abc, sentry_client=x/1" → { sentry_version: '7', … }
export function parseAuth(header) {
  if (typeof header !== 'string' || !header.startsWith('Sentry ')) return null;
  const fields = {};
  for (const part of header.slice('Sentry '.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return fields;
}

// The envelope's parts, or throws Malformed with the reason.
export function parseEnvelope(body, { dsn } = {}) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const firstNl = bytes.indexOf(0x0a);
  if (firstNl < 0) throw new Malformed(400, 'no envelope header line');
  let header;
  try {
    header = JSON.parse(bytes.subarray(0, firstNl).toString('utf8'));
  } catch {
    throw new Malformed(400, 'the envelope header is not JSON');
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new Malformed(400, 'the envelope header is not an object');
  if (!HEX32.test(header.event_id ?? '')) throw new Malformed(400, 'the envelope header has no event_id of 32 hex digits');
  if (typeof header.sent_at !== 'string' || !RFC3339.test(header.sent_at)) throw new Malformed(400, 'the envelope header has no RFC 3339 sent_at');
  if (dsn !== undefined && header.dsn !== dsn) throw new Malformed(400, `the envelope header names DSN ${header.dsn}, not ${dsn}`);
  const secondNl = bytes.indexOf(0x0a, firstNl + 1);
  if (secondNl < 0) throw new Malformed(400, 'no item header line');
  let item;
  try {
    item = JSON.parse(bytes.subarray(firstNl + 1, secondNl).toString('utf8'));
  } catch {
    throw new Malformed(400, 'the item header is not JSON');
  }
  if (item?.type !== 'event') throw new Malformed(400, `the item is of type ${item?.type}, not event`);
  if (!Number.isInteger(item.length) || item.length < 0) throw new Malformed(400, 'the item header has no length');
  const start = secondNl + 1;
  const end = start + item.length;
  if (end > bytes.length) throw new Malformed(400, `the item says ${item.length} bytes, only ${bytes.length - start} follow`);
  if (bytes[end] !== 0x0a) throw new Malformed(400, `the item's ${item.length} bytes are not followed by a newline (wrong length)`);
  if (end + 1 !== bytes.length) throw new Malformed(400, 'more than three lines: one event per envelope expected');
  let event;
  try {
    event = JSON.parse(bytes.subarray(start, end).toString('utf8'));
  } catch {
    throw new Malformed(400, 'the event is not JSON');
  }
  if (!event || typeof event !== 'object' || Array.isArray(event)) throw new Malformed(400, 'the event is not an object');
  if (event.event_id !== header.event_id) throw new Malformed(400, "the event's event_id is not the envelope's");
  if (typeof event.timestamp !== 'string' || !RFC3339.test(event.timestamp)) throw new Malformed(400, 'the event has no RFC 3339 timestamp');
  if (typeof event.platform !== 'string' || !event.platform) throw new Malformed(400, 'the event has no platform');
  if (!LEVELS.has(event.level)) throw new Malformed(400, `the event's level ${event.level} is not a Sentry level`);
  if (typeof event.logger !== 'string' || !event.logger) throw new Malformed(400, 'the event has no logger');
  for (const key of ['tags', 'user', 'request', 'exception', 'breadcrumbs']) {
    if (key in event && (typeof event[key] !== 'object' || event[key] === null || Array.isArray(event[key]))) {
      throw new Malformed(400, `the event's ${key} is not an object`);
    }
  }
  if (event.exception && !Array.isArray(event.exception.values)) throw new Malformed(400, "the event's exception has no values");
  if (event.breadcrumbs && !Array.isArray(event.breadcrumbs.values)) throw new Malformed(400, "the event's breadcrumbs have no values");
  return { header, item, event, raw: bytes.toString('utf8') };
}

// Starts the fake on 127.0.0.1. `publicKey`, `projectId`, `path` (a DSN path prefix, '' or
// '/prefix') make the DSN it expects (`fake.dsn`); `hangMs`: every answer waits that long.
export async function startFakeSentry({ publicKey = 'fa1ce5e27e7a11c0', projectId = '42', path = '', hangMs = 0 } = {}) {
  const events = [];   // { event, header, auth, headers, at }
  const rejected = []; // { status, reason, body }
  let requests = 0;
  let hanging = 0;     // answers being held back (hangMs)
  const limits = [];   // queued 429 answers
  let dsn = '';
  const endpoint = `${path}/api/${projectId}/envelope/`;

  function check(req, body) {
    const url = new URL(req.url, 'http://fake');
    if (req.method !== 'POST' || url.pathname !== endpoint) throw new Malformed(404, `no ${req.method} ${url.pathname} here (${endpoint})`);
    const auth = parseAuth(req.headers['x-sentry-auth']);
    if (!auth) throw new Malformed(401, 'no X-Sentry-Auth: Sentry sentry_version=7, sentry_key=…');
    if (auth.sentry_version !== '7') throw new Malformed(401, `sentry_version ${auth.sentry_version}, not 7`);
    if (auth.sentry_key !== publicKey) throw new Malformed(401, `unknown sentry_key ${auth.sentry_key}`);
    if (!/^[\w.-]+\/[\w.+-]+$/.test(auth.sentry_client ?? '')) throw new Malformed(401, 'no sentry_client name/version');
    if ((req.headers['content-type'] ?? '').split(';')[0].trim() !== 'application/x-sentry-envelope') {
      throw new Malformed(400, `Content-Type ${req.headers['content-type']}, not application/x-sentry-envelope`);
    }
    return { auth, ...parseEnvelope(body, { dsn }) };
  }

  const server = http.createServer(async (req, res) => {
    requests += 1;
    const body = await readBody(req).catch(() => '');
    let answer;
    try {
      const parsed = check(req, body);
      const limit = limits.shift();
      if (limit) {
        answer = { status: 429, headers: { 'retry-after': String(limit.retryAfter), ...(limit.limits ? { 'x-sentry-rate-limits': limit.limits } : {}) }, body: '' };
        fake.limited.push(parsed.event);
      } else {
        events.push({ event: parsed.event, header: parsed.header, auth: parsed.auth, headers: req.headers, raw: parsed.raw, at: Date.now() });
        answer = { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: parsed.event.event_id }) };
      }
    } catch (error) {
      if (!(error instanceof Malformed)) throw error;
      rejected.push({ status: error.status, reason: error.message, body });
      answer = { status: error.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ detail: error.message }) };
    }
    if (fake.hangMs > 0) {
      hanging += 1;
      await new Promise((resolve) => { setTimeout(resolve, fake.hangMs); });
      hanging -= 1;
    }
    if (!res.destroyed) res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  dsn = `http://${publicKey}@127.0.0.1:${port}${path}/${projectId}`;

  const fake = {
    url: `http://127.0.0.1:${port}`,
    dsn,
    publicKey,
    projectId,
    events,
    rejected,
    limited: [],
    hangMs,
    get requests() { return requests; },
    get hanging() { return hanging; },
    // The next `times` valid envelopes are answered 429 (Retry-After, and X-Sentry-Rate-Limits
    // when `limits` is given) instead of being kept.
    rateLimitNext({ retryAfter = 60, limits: header, times = 1 } = {}) {
      for (let i = 0; i < times; i += 1) limits.push({ retryAfter, limits: header });
    },
    // Waits until an accepted event satisfies `predicate`; resolves to it.
    async waitFor(predicate, timeout = 10_000) {
      const deadline = performance.now() + timeout;
      for (;;) {
        const found = events.find(({ event }) => predicate(event));
        if (found) return found.event;
        if (performance.now() > deadline) {
          throw new Error(`no matching Sentry event within ${timeout} ms; got ${events.length} (${events.map(({ event }) => event.message).join(', ')}), rejected ${JSON.stringify(rejected.map((r) => r.reason))}`);
        }
        await new Promise((resolve) => { setTimeout(resolve, 25); });
      }
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  after(() => fake.close());
  return fake;
}
