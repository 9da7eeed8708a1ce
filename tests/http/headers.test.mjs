// X-Request-Id round trip and the baseline security headers on every kind of response.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTags } from '../support/html.mjs';
import { describe as show, get, request, startServer } from '../support/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const at = (path) => `${server.url}${path}`;

describe('X-Request-Id', { timeout: 30_000 }, () => {
  test('a well-formed id is echoed back', async () => {
    const res = await get(at('/fr/'), { headers: { 'X-Request-Id': 'abc-123_DEF.4' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-request-id'], 'abc-123_DEF.4');
  });

  test('the id is echoed on errors too (404, problem+json)', async () => {
    for (const path of ['/fr/nope', '/api/v1/nope']) {
      const res = await get(at(path), { headers: { 'X-Request-Id': 'err-id-42' } });
      assert.equal(res.status, 404);
      assert.equal(res.headers['x-request-id'], 'err-id-42', path);
    }
  });

  const malformed = [
    ['with spaces', 'has some spaces'],
    ['300 characters long', 'a'.repeat(300)],
    ['with markup', '<script>alert(1)</script>'],
    ['with quotes and semicolons', 'x";drop'],
  ];
  for (const [name, value] of malformed) {
    test(`a malformed id (${name}) is replaced by a generated one`, async () => {
      const res = await get(at('/fr/'), { headers: { 'X-Request-Id': value } });
      assert.equal(res.status, 200, show(res));
      const id = res.headers['x-request-id'];
      assert.ok(id, 'X-Request-Id missing from the response');
      assert.notEqual(id, value);
      assert.ok(!id.includes(value), `the malformed id leaked into ${id}`);
      assert.ok(id.length <= 128, `generated id too long: ${id.length}`);
      assert.match(id, /^[\x21-\x7e]+$/, 'generated id must be printable without spaces');
      assert.doesNotMatch(id, /[<>"'\\]/);
    });
  }

  test('without an id the server generates a fresh one per request', async () => {
    const ids = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await get(at('/healthz'));
      assert.equal(res.status, 200);
      assert.ok(res.headers['x-request-id'], 'X-Request-Id missing');
      ids.push(res.headers['x-request-id']);
    }
    assert.equal(new Set(ids).size, ids.length, `ids repeat: ${ids.join(', ')}`);
  });
});

function directives(csp) {
  const map = new Map();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

function assertSecurityHeaders(res, label) {
  const h = res.headers;
  assert.equal((h['x-content-type-options'] ?? '').toLowerCase(), 'nosniff', `${label}: X-Content-Type-Options`);
  // Exact values: a field sent twice would read here as both, joined by a comma.
  assert.equal(h['referrer-policy'], 'strict-origin-when-cross-origin', `${label}: Referrer-Policy`);
  assert.equal(h['permissions-policy'], 'camera=(), microphone=(), geolocation=(), interest-cohort=()', `${label}: Permissions-Policy`);

  const csp = h['content-security-policy'];
  assert.ok(csp, `${label}: Content-Security-Policy missing`);
  const policy = directives(csp);
  const framing = (policy.get('frame-ancestors') ?? []).join(' ');
  assert.ok(
    (h['x-frame-options'] ?? '').toUpperCase() === 'DENY' || framing === "'none'",
    `${label}: needs X-Frame-Options: DENY or frame-ancestors 'none' (CSP: ${csp})`,
  );
  const scripts = policy.get('script-src') ?? policy.get('default-src');
  assert.ok(scripts, `${label}: CSP restricts no scripts (no script-src/default-src): ${csp}`);
  assert.ok(!scripts.includes("'unsafe-inline'"), `${label}: script policy allows 'unsafe-inline': ${csp}`);
  for (const elemAttr of ['script-src-elem', 'script-src-attr']) {
    assert.ok(!(policy.get(elemAttr) ?? []).includes("'unsafe-inline'"), `${label}: ${elemAttr} allows 'unsafe-inline'`);
  }

  if (h.server !== undefined) {
    assert.doesNotMatch(h.server, /\d/, `${label}: Server header leaks a version: ${h.server}`);
    assert.doesNotMatch(h.server, /beast|boost/i, `${label}: Server header names the library: ${h.server}`);
  }
  assert.equal(h['x-powered-by'], undefined, `${label}: X-Powered-By must not be sent`);
}

describe('security headers on every response', { timeout: 30_000 }, () => {
  const cases = [
    ['home page', '/fr/', 200],
    ['English home page', '/en/', 200],
    ['redirect from /', '/', 302],
    ['HTML 404', '/fr/nope', 404],
    ['problem+json 404', '/api/v1/nope', 404],
    ['health check', '/healthz', 200],
  ];
  for (const [label, path, status] of cases) {
    test(`${label} (${path})`, async () => {
      const res = await get(at(path));
      assert.equal(res.status, status, show(res));
      assertSecurityHeaders(res, `${label} ${path}`);
    });
  }

  test('405 response', async () => {
    const res = await request(at('/healthz'), { method: 'POST', headers: { 'Content-Length': '0' } });
    assert.equal(res.status, 405);
    assertSecurityHeaders(res, 'POST /healthz');
  });

  test('static stylesheet', async () => {
    const home = await get(at('/fr/'));
    const sheet = startTags(home.text, 'link').find((l) => /stylesheet/i.test(l.attrs.rel ?? '') && l.attrs.href?.startsWith('/static/'));
    assert.ok(sheet, 'the home page links no /static/ stylesheet');
    const res = await get(at(sheet.attrs.href));
    assert.equal(res.status, 200, show(res));
    assertSecurityHeaders(res, sheet.attrs.href);
  });

  test('static 404', async () => {
    const res = await get(at('/static/css/does-not-exist.0000.css'));
    assert.equal(res.status, 404, show(res));
    assertSecurityHeaders(res, 'missing static file');
  });
});

// The pages a shopper lands on open in the visitor's browsing context group: with
// Cross-Origin-Opener-Policy, every landing costs a renderer process of its own (on an emulated
// phone, a performance score of 87–95 for the product page instead of 97–100). The pages behind a
// sign-in, with an order's address or a staff member's screens keep it.
describe('Cross-Origin-Opener-Policy', { timeout: 30_000 }, () => {
  for (const path of ['/fr/', '/en/', '/fr/produits', '/en/products?q=tea', '/fr/categorie/nope', '/en/product/nope', '/fr/panier', '/en/checkout']) {
    test(`shopping page ${path}: none`, async () => {
      const res = await get(at(path));
      assert.ok(res.status < 500, show(res));
      assert.equal(res.headers['cross-origin-opener-policy'], undefined, show(res));
      assertSecurityHeaders(res, path);
    });
  }
  for (const path of ['/fr/connexion', '/en/register', '/fr/compte', '/en/account/two-factor', '/fr/mot-de-passe-oublie', '/en/orders/cmp-nope', '/admin', '/admin/orders', '/fr/nope', '/api/v1/nope']) {
    test(`${path}: same-origin`, async () => {
      const res = await get(at(path));
      assert.ok(res.status < 500, show(res));
      assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', show(res));
    });
  }
});
