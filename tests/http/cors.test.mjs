// CORS applies to /api/ only, and only for the configured origins (CORS_ALLOWED_ORIGINS).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { describe as show, get, request, startServer } from '../support/server.mjs';

const ALLOWED = 'https://shop.example';
const ALSO_ALLOWED = 'https://admin.shop.example';
const OTHER = 'https://evil.example';

let server;
before(async () => {
  server = await startServer({ env: { CORS_ALLOWED_ORIGINS: `${ALLOWED},${ALSO_ALLOWED}` } });
});
after(async () => { await server?.stop(); });

const at = (path) => `${server.url}${path}`;
const preflight = (path, origin, method = 'POST') => request(at(path), {
  method: 'OPTIONS',
  headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'content-type' },
});
const list = (value) => (value ?? '').split(',').map((v) => v.trim().toUpperCase()).filter(Boolean);
const corsHeaders = (res) => Object.keys(res.headers).filter((name) => name.startsWith('access-control-'));

describe('CORS preflight under /api/', { timeout: 30_000 }, () => {
  test('an allowed origin gets 204 with its origin echoed and the allowed methods', async () => {
    const res = await preflight('/api/v1/x', ALLOWED);
    assert.equal(res.status, 204, show(res));
    assert.equal(res.headers['access-control-allow-origin'], ALLOWED);
    const methods = list(res.headers['access-control-allow-methods']);
    assert.ok(methods.length > 0, 'Access-Control-Allow-Methods missing');
    assert.ok(methods.includes('POST') || methods.includes('*'), `requested POST not allowed: ${res.headers['access-control-allow-methods']}`);
    assert.equal(res.body.length, 0, 'a 204 has no body');
  });

  test('the second configured origin is allowed too (comma-separated list)', async () => {
    const res = await preflight('/api/v1/x', ALSO_ALLOWED, 'GET');
    assert.equal(res.status, 204, show(res));
    assert.equal(res.headers['access-control-allow-origin'], ALSO_ALLOWED);
  });

  test('the preflight allows the requested Content-Type header', async () => {
    const res = await preflight('/api/v1/x', ALLOWED);
    const allowed = list(res.headers['access-control-allow-headers']);
    assert.ok(allowed.includes('CONTENT-TYPE') || allowed.includes('*'), `Access-Control-Allow-Headers: ${res.headers['access-control-allow-headers']}`);
  });

  test('another origin gets no Access-Control-Allow-Origin', async () => {
    const res = await preflight('/api/v1/x', OTHER);
    assert.equal(res.headers['access-control-allow-origin'], undefined, show(res));
    assert.notEqual(res.headers['access-control-allow-origin'], '*');
  });

  test('an origin that merely starts like an allowed one is refused', async () => {
    const res = await preflight('/api/v1/x', `${ALLOWED}.evil.example`);
    assert.equal(res.headers['access-control-allow-origin'], undefined, show(res));
  });

  test('responses whose CORS headers depend on Origin say Vary: Origin', async () => {
    const res = await get(at('/api/v1/x'), { headers: { Origin: ALLOWED } });
    assert.ok(list(res.headers.vary).includes('ORIGIN'), `Vary: ${res.headers.vary}`);
  });
});

describe('CORS on actual /api/ requests', { timeout: 30_000 }, () => {
  test('an allowed origin sees Access-Control-Allow-Origin on the response (even an error)', async () => {
    const res = await get(at('/api/v1/x'), { headers: { Origin: ALLOWED } });
    assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/i);
    assert.equal(res.headers['access-control-allow-origin'], ALLOWED, show(res));
  });

  test('another origin does not', async () => {
    const res = await get(at('/api/v1/x'), { headers: { Origin: OTHER } });
    assert.equal(res.headers['access-control-allow-origin'], undefined, show(res));
  });
});

describe('no CORS outside /api/', { timeout: 30_000 }, () => {
  for (const path of ['/fr/', '/healthz']) {
    test(`GET ${path} from an allowed origin has no CORS headers`, async () => {
      const res = await get(at(path), { headers: { Origin: ALLOWED } });
      assert.equal(res.status, 200);
      assert.deepEqual(corsHeaders(res), [], show(res));
    });
  }

  test('a preflight to /fr/ from an allowed origin gets no CORS headers', async () => {
    const res = await preflight('/fr/', ALLOWED);
    assert.deepEqual(corsHeaders(res), [], show(res));
  });
});
