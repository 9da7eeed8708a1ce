// The fake Sentry ingest the error-reporting suite points SENTRY_DSN at, checked on its own before
// anything relies on it: a well-formed envelope is kept, and each way of getting the envelope or
// the auth header wrong is refused with the reason.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { startFakeSentry } from '../support/fake_sentry.mjs';
import { request } from '../support/http.mjs';

// At the top level: the fake registers an `after` hook, which node:test would run as soon as a
// `before` that called it ends.
const fake = await startFakeSentry({ publicKey: 'selftestkey01', projectId: '7', path: '/ingest' });

const newId = () => randomBytes(16).toString('hex');
const event = (id, extra = {}) => ({
  event_id: id, timestamp: new Date().toISOString(), platform: 'native', level: 'error', logger: 'test',
  message: 'boom «é»', tags: { route: '/fr' }, ...extra,
});
const AUTH = 'Sentry sentry_version=7, sentry_key=selftestkey01, sentry_client=comptoir/0.1.0';

// Builds an envelope; `change` edits its parts before they are joined.
function envelope(id, { eventJson, header, item, tail = '\n' } = {}) {
  const payload = eventJson ?? JSON.stringify(event(id));
  const head = header ?? { event_id: id, dsn: fake.dsn, sent_at: new Date().toISOString() };
  const itemHeader = item ?? { type: 'event', length: Buffer.byteLength(payload) };
  return `${JSON.stringify(head)}\n${JSON.stringify(itemHeader)}\n${payload}${tail}`;
}

function send(body, { auth = AUTH, contentType = 'application/x-sentry-envelope', path = '/ingest/api/7/envelope/' } = {}) {
  const headers = { 'content-type': contentType };
  if (auth !== null) headers['x-sentry-auth'] = auth;
  return request(`${fake.url}${path}`, { method: 'POST', headers, body });
}

describe('fake Sentry ingest', () => {
  test('keeps a well-formed envelope and answers its id; the DSN names its key, host and project', async () => {
    assert.match(fake.dsn, /^http:\/\/selftestkey01@127\.0\.0\.1:\d+\/ingest\/7$/);
    const id = newId();
    const res = await send(envelope(id));
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(JSON.parse(res.text), { id });
    const kept = await fake.waitFor((e) => e.event_id === id);
    assert.equal(kept.message, 'boom «é»');
  });

  const refusals = [
    ['no X-Sentry-Auth', () => send(envelope(newId()), { auth: null }), 401, /X-Sentry-Auth/],
    ['protocol version 6', () => send(envelope(newId()), { auth: AUTH.replace('=7', '=6') }), 401, /sentry_version 6/],
    ['another key', () => send(envelope(newId()), { auth: AUTH.replace('selftestkey01', 'otherkey') }), 401, /unknown sentry_key/],
    ['no client', () => send(envelope(newId()), { auth: 'Sentry sentry_version=7, sentry_key=selftestkey01' }), 401, /sentry_client/],
    ['another path', () => send(envelope(newId()), { path: '/api/7/store/' }), 404, /no POST/],
    ['a JSON content type', () => send(envelope(newId()), { contentType: 'application/json' }), 400, /Content-Type/],
    ['a length one byte short', () => {
      const id = newId();
      const payload = JSON.stringify(event(id));
      return send(envelope(id, { eventJson: payload, item: { type: 'event', length: Buffer.byteLength(payload) - 1 } }));
    }, 400, /wrong length/],
    ['a length counted in characters, not bytes', () => {
      const id = newId();
      const payload = JSON.stringify(event(id));
      return send(envelope(id, { eventJson: payload, item: { type: 'event', length: payload.length } }));
    }, 400, /only \d+ follow|wrong length/],
    ['event ids that differ', () => {
      const id = newId();
      return send(envelope(id, { eventJson: JSON.stringify(event(newId())) }));
    }, 400, /event_id is not the envelope's/],
    ['an event id that is not 32 hex', () => {
      const id = 'not-an-id';
      return send(envelope(id));
    }, 400, /32 hex/],
    ['no sent_at', () => {
      const id = newId();
      return send(envelope(id, { header: { event_id: id, dsn: fake.dsn } }));
    }, 400, /sent_at/],
    ['another DSN', () => {
      const id = newId();
      return send(envelope(id, { header: { event_id: id, dsn: 'http://x@example.com/1', sent_at: new Date().toISOString() } }));
    }, 400, /names DSN/],
    ['no final newline', () => send(envelope(newId(), { tail: '' })), 400, /not followed by a newline/],
    ['a fourth line', () => send(envelope(newId(), { tail: '\n{"type":"event","length":2}\n{}\n' })), 400, /more than three lines/],
    ['an attachment item', () => {
      const id = newId();
      const payload = JSON.stringify(event(id));
      return send(envelope(id, { eventJson: payload, item: { type: 'attachment', length: Buffer.byteLength(payload) } }));
    }, 400, /type attachment/],
    ['an event without a level', () => {
      const id = newId();
      return send(envelope(id, { eventJson: JSON.stringify(event(id, { level: 'bad' })) }));
    }, 400, /level/],
    ['an event without timestamp', () => {
      const id = newId();
      const { timestamp, ...rest } = event(id);
      return send(envelope(id, { eventJson: JSON.stringify(rest) }));
    }, 400, /timestamp/],
    ['a body that is not an envelope', () => send('hello'), 400, /no envelope header line/],
  ];
  for (const [what, attempt, status, reason] of refusals) {
    test(`refuses ${what}`, async () => {
      const before = fake.events.length;
      const res = await attempt();
      assert.equal(res.status, status, res.text);
      assert.match(JSON.parse(res.text).detail, reason);
      assert.equal(fake.events.length, before, 'nothing kept');
      assert.match(fake.rejected.at(-1).reason, reason);
    });
  }

  test('rateLimitNext answers 429 with Retry-After and X-Sentry-Rate-Limits, then accepts again', async () => {
    fake.rateLimitNext({ retryAfter: 30, limits: '30:error:key' });
    const limited = await send(envelope(newId()));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['retry-after'], '30');
    assert.equal(limited.headers['x-sentry-rate-limits'], '30:error:key');
    assert.equal((await send(envelope(newId()))).status, 200);
  });
});
