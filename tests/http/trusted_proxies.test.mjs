// COMPTOIR_TRUSTED_PROXIES: behind a reverse proxy every request comes from the proxy, so the
// client's address is read from Forwarded / X-Forwarded-For, and only when the peer is a trusted
// proxy. Seen through what the address drives: the per-address registration limit (5 attempts,
// then 429) and the access log's `client`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FormClient } from '../support/form_client.mjs';
import { runComptoir, describe as show, get, startServer } from '../support/server.mjs';

let proxied;  // trusts 127.0.0.0/8, where the tests connect from
let direct;   // trusts nobody
before(async () => {
  proxied = await startServer({ env: { COMPTOIR_TRUSTED_PROXIES: '127.0.0.0/8, ::1' } });
  direct = await startServer();
});
after(async () => {
  await proxied?.stop();
  await direct?.stop();
});

let count = 0;
const email = () => `proxy-${(count += 1)}-${process.pid}@example.ca`;
// A registration that fails validation (short password): it still counts against the address.
const attempt = (server, headers) => new FormClient(server.url).submit('/fr/inscription', { email: email(), password: 'court' }, { headers });

describe('the client address behind a trusted proxy', { timeout: 120_000 }, () => {
  test('each forwarded client has its own limit; what a client prepends itself is not believed', async () => {
    for (let i = 0; i < 5; i += 1) {
      const res = await attempt(proxied, { 'x-forwarded-for': '203.0.113.7' });
      assert.equal(res.status, 422, `attempt ${i + 1}:\n${show(res)}`);
    }
    assert.equal((await attempt(proxied, { 'x-forwarded-for': '203.0.113.7' })).status, 429);
    // Another visitor behind the same proxy is not locked out.
    assert.equal((await attempt(proxied, { 'x-forwarded-for': '203.0.113.8' })).status, 422);
    // The limited client writing another address in front of the one the proxy appended.
    assert.equal((await attempt(proxied, { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).status, 429);
    // RFC 7239 Forwarded, with a trusted hop after the client: the client is the same one.
    assert.equal((await attempt(proxied, { forwarded: 'for=203.0.113.7;proto=https, for="[::1]"' })).status, 429);
    assert.equal((await attempt(proxied, { forwarded: 'for="[2001:db8::5]:4711"' })).status, 422);
  });

  test('the access log names the forwarded client', async () => {
    const res = await get(`${proxied.url}/fr/`, { headers: { 'x-request-id': 'proxy-log-1', 'x-forwarded-for': '192.0.2.44' } });
    assert.equal(res.status, 200);
    const line = await proxied.waitForLog((l) => l.json?.request_id === 'proxy-log-1', 5_000);
    assert.equal(line.json.client, '192.0.2.44');
  });
});

describe('without trusted proxies', { timeout: 120_000 }, () => {
  test('forwarding headers are ignored: the TCP peer is the client', async () => {
    for (let i = 0; i < 5; i += 1) {
      const res = await attempt(direct, { 'x-forwarded-for': `203.0.113.${20 + i}` });
      assert.equal(res.status, 422, `attempt ${i + 1}:\n${show(res)}`);
    }
    assert.equal((await attempt(direct, { 'x-forwarded-for': '203.0.113.99' })).status, 429, 'a header let a client pick a fresh address');
    const res = await get(`${direct.url}/fr/`, { headers: { 'x-request-id': 'proxy-log-2', 'x-forwarded-for': '192.0.2.44' } });
    assert.equal(res.status, 200);
    const line = await direct.waitForLog((l) => l.json?.request_id === 'proxy-log-2', 5_000);
    assert.equal(line.json.client, '127.0.0.1');
  });

  test('a trusted-proxies list that is not addresses is refused with a clear message', async () => {
    const result = await runComptoir(['check-config'], { env: { COMPTOIR_ENV: 'test', COMPTOIR_TRUSTED_PROXIES: '10.0.0.0/8, nginx.local' } });
    assert.notEqual(result.code, 0, result.output);
    assert.match(result.output, /COMPTOIR_TRUSTED_PROXIES.*'nginx\.local' is not an address or CIDR block/);
  });
});
