// Static assets: fingerprinted URLs with long caching, ETag/304, precompressed encodings, and no
// way out of static/.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { startTags } from '../support/html.mjs';
import { describe as show, get, RawConnection, rawGet, rawRequest, REPO_ROOT, startServer } from '../support/server.mjs';

let server;
let stylesheet; // the href of the home page's site stylesheet
before(async () => {
  server = await startServer();
  const home = await get(`${server.url}/fr/`);
  stylesheet = startTags(home.text, 'link').map((l) => l.attrs.href).find((href) => /^\/static\/css\/site\.[^/]+\.css$/.test(href ?? ''));
});
after(async () => { await server?.stop(); });

const at = (p) => `${server.url}${p}`;
const vary = (res) => (res.headers.vary ?? '').split(',').map((v) => v.trim().toLowerCase());

describe('fingerprinted stylesheet', { timeout: 30_000 }, () => {
  test('the home page links /static/css/site.<hash>.css', () => {
    assert.ok(stylesheet, 'no <link href="/static/css/site.<hash>.css"> on /fr/');
    assert.match(stylesheet, /^\/static\/css\/site\.[A-Za-z0-9_-]{6,}\.css$/);
  });

  test('it is served as text/css with an immutable one-year cache', async () => {
    const res = await get(at(stylesheet));
    assert.equal(res.status, 200, show(res));
    assert.match(res.headers['content-type'] ?? '', /^text\/css/i);
    const cache = res.headers['cache-control'] ?? '';
    assert.match(cache, /\bmax-age=31536000\b/, `Cache-Control: ${cache}`);
    assert.match(cache, /\bimmutable\b/, `Cache-Control: ${cache}`);
    assert.match(cache, /\bpublic\b/, `Cache-Control: ${cache}`);
    assert.equal(res.headers['content-encoding'], undefined, 'no encoding was asked for');
    assert.ok(res.body.length > 0);
  });

  test('the served bytes are the stylesheet in static/css', async () => {
    const res = await get(at(stylesheet));
    const source = path.join(REPO_ROOT, 'static', 'css', 'site.css');
    if (existsSync(source)) assert.equal(res.text, readFileSync(source, 'utf8'), 'body differs from static/css/site.css');
    else assert.match(res.text, /[{}]/, 'does not look like CSS');
  });

  test('If-None-Match with its ETag → 304 without a body', async () => {
    const first = await get(at(stylesheet));
    const etag = first.headers.etag;
    assert.ok(etag, 'no ETag');
    const conn = await RawConnection.connect(server.port);
    try {
      await conn.write(rawGet(stylesheet, { headers: { 'If-None-Match': etag } }));
      const res = await conn.readResponse();
      assert.equal(res.status, 304, show(res));
      assert.equal(res.headers.etag, etag, 'a 304 repeats the ETag');
      await conn.write(rawGet('/healthz'));
      assert.equal((await conn.readResponse()).status, 200, 'a 304 must carry no body');
    } finally {
      conn.close();
    }
  });

  test('a different ETag → 200', async () => {
    const res = await get(at(stylesheet), { headers: { 'If-None-Match': '"not-the-etag"' } });
    assert.equal(res.status, 200);
  });

  test('Accept-Encoding: br → the brotli version of the same bytes', async () => {
    const plain = await get(at(stylesheet));
    const res = await get(at(stylesheet), { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(res.status, 200, show(res));
    assert.equal(res.headers['content-encoding'], 'br');
    assert.ok(vary(res).includes('accept-encoding'), `Vary: ${res.headers.vary}`);
    assert.deepEqual(zlib.brotliDecompressSync(res.body), plain.body);
  });

  test('the brotli and identity representations have different ETags', async () => {
    const plain = await get(at(stylesheet));
    const br = await get(at(stylesheet), { headers: { 'Accept-Encoding': 'br' } });
    assert.ok(plain.headers.etag && br.headers.etag, 'ETag missing');
    assert.notEqual(br.headers.etag, plain.headers.etag, 'a cache could serve brotli bytes to a client that did not ask for them');
  });

  test('Accept-Encoding: gzip → the gzip version of the same bytes', async () => {
    const plain = await get(at(stylesheet));
    const res = await get(at(stylesheet), { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(res.status, 200, show(res));
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.deepEqual(zlib.gunzipSync(res.body), plain.body);
  });

  test('a browser-like Accept-Encoding prefers brotli', async () => {
    const res = await get(at(stylesheet), { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    assert.equal(res.headers['content-encoding'], 'br');
  });

  test('an encoding refused with q=0 is not used', async () => {
    const res = await get(at(stylesheet), { headers: { 'Accept-Encoding': 'br;q=0, gzip' } });
    assert.equal(res.headers['content-encoding'], 'gzip');
  });
});

describe('no path traversal out of static/', { timeout: 30_000 }, () => {
  const secrets = ['cmake_minimum_required', 'project(comptoir'];
  const readme = path.join(REPO_ROOT, 'README.md');
  if (existsSync(readme)) secrets.push(readFileSync(readme, 'utf8').split('\n').find((l) => l.trim().length > 10) ?? '# Comptoir');
  const targets = [
    '/static/../CMakeLists.txt',
    '/static/%2e%2e/CMakeLists.txt',
    '/static/%2E%2E/CMakeLists.txt',
    '/static/css/../../README.md',
    '/static/css/..%2f..%2fCMakeLists.txt',
    '/static/%2e%2e%2fCMakeLists.txt',
    '/static/..%5cCMakeLists.txt',
    '/static//etc/passwd',
  ];
  for (const target of targets) {
    test(`${target} → 404, never the file`, async () => {
      const res = await rawRequest(server.port, rawGet(target));
      assert.equal(res.status, 404, show(res));
      for (const marker of secrets) assert.ok(!res.text.includes(marker), `${target} served a file outside static/`);
      assert.doesNotMatch(res.text, /root:x:0:0/);
    });
  }
});
