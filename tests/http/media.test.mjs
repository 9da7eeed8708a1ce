// /media/: the pictures `comptoir seed --demo` draws are served from MEDIA_DIR with their type,
// long caching for variants, ETag/304 and HEAD; nothing else under or outside MEDIA_DIR is.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { describe as show, get, rawGet, rawRequest, request, runComptoir, startServer, tempDir } from '../support/server.mjs';

let server;
let picture; // "products/{id}/1.jpg", the first picture of a seeded product
before(async () => {
  server = await startServer();
  const media = server.env.MEDIA_DIR;
  const seeded = await runComptoir(['seed', '--demo'], {
    env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url, MEDIA_DIR: media },
    timeout: 180_000,
  });
  assert.equal(seeded.code, 0, seeded.output);
  const ids = readdirSync(path.join(media, 'products')).map(Number).sort((a, b) => a - b);
  picture = `products/${ids[0]}/1.jpg`;

  // Bait for the traversal tests: a file next to MEDIA_DIR, a link to it, a non-image inside.
  const outside = path.dirname(media);
  writeFileSync(path.join(outside, `${path.basename(media)}-secret.jpg`), 'SECRET-OUTSIDE-MEDIA');
  symlinkSync(path.join(outside, `${path.basename(media)}-secret.jpg`), path.join(media, 'escape.jpg'));
  writeFileSync(path.join(media, 'notes.txt'), 'SECRET-NOT-AN-IMAGE');
  const elsewhere = tempDir('comptoir-elsewhere-');
  writeFileSync(path.join(elsewhere, 'a.jpg'), 'SECRET-OTHER-DIR');
  mkdirSync(path.join(media, 'links'));
  symlinkSync(elsewhere, path.join(media, 'links', 'dir'));
}, { timeout: 200_000 });
after(async () => { await server?.stop(); });

const at = (p) => `${server.url}${p}`;

describe('seeded pictures', { timeout: 30_000 }, () => {
  test('the original is served as image/jpeg with a validator', async () => {
    const res = await get(at(`/media/${picture}`));
    assert.equal(res.status, 200, show(res));
    assert.equal(res.headers['content-type'], 'image/jpeg');
    assert.deepEqual([...res.body.subarray(0, 3)], [0xff, 0xd8, 0xff], 'a JPEG file');
    assert.match(res.headers.etag ?? '', /^"[^"]+"$/);
    assert.match(res.headers['cache-control'] ?? '', /\bpublic\b/);
    assert.equal(Number(res.headers['content-length']), res.body.length);
  });

  test('a WebP variant is image/webp, cached for a year as immutable', async () => {
    const res = await get(at(`/media/${picture.replace(/\.jpg$/, '-640.webp')}`));
    assert.equal(res.status, 200, show(res));
    assert.equal(res.headers['content-type'], 'image/webp');
    assert.equal(res.body.subarray(8, 12).toString('latin1'), 'WEBP');
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  test('If-None-Match with the ETag → 304 without a body', async () => {
    const first = await get(at(`/media/${picture}`));
    const res = await get(at(`/media/${picture}`), { headers: { 'If-None-Match': first.headers.etag } });
    assert.equal(res.status, 304, show(res));
    assert.equal(res.body.length, 0);
    assert.equal(res.headers.etag, first.headers.etag);
  });

  test('HEAD gives the headers of GET and no body', async () => {
    const full = await get(at(`/media/${picture}`));
    const res = await request(at(`/media/${picture}`), { method: 'HEAD' });
    assert.equal(res.status, 200, show(res));
    assert.equal(res.headers['content-type'], 'image/jpeg');
    assert.equal(res.headers['content-length'], String(full.body.length));
    assert.equal(res.body.length, 0);
  });

  test('a picture that does not exist → 404', async () => {
    const res = await get(at('/media/products/999999/1.jpg'));
    assert.equal(res.status, 404, show(res));
  });
});

describe('nothing but images under MEDIA_DIR', { timeout: 30_000 }, () => {
  const targets = [
    '/media/../CMakeLists.txt',
    '/media/../../../../etc/passwd',
    '/media/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/media/products/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/media/..%5c..%5cetc%5cpasswd',
    '/media//etc/passwd',
    '/media/%2fetc%2fpasswd',
    '/media/escape.jpg',
    '/media/links/dir/a.jpg',
    '/media/notes.txt',
    '/media/products/1/1.jpg%00.txt',
  ];
  for (const target of targets) {
    // A NUL is not clean text: the router refuses it (400) before the media route sees it.
    const status = target.includes('%00') ? 400 : 404;
    test(`${target} → ${status}, never the file`, async () => {
      const res = await rawRequest(server.port, rawGet(target));
      assert.equal(res.status, status, show(res));
      assert.doesNotMatch(res.text, /SECRET-|root:x:0:0|cmake_minimum_required/);
    });
  }
});

describe('comptoir seed on the command line', { timeout: 120_000 }, () => {
  const seedEnv = () => ({ COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url, MEDIA_DIR: server.env.MEDIA_DIR });

  test('seed --demo a second time changes nothing and says so', async () => {
    const res = await runComptoir(['seed', '--demo'], { env: seedEnv(), timeout: 60_000 });
    assert.equal(res.code, 0, res.output);
    assert.match(res.stdout, /nothing changed/i);
  });

  test('seed --bulk N adds N products next to the demo data', async () => {
    const res = await runComptoir(['seed', '--bulk', '250'], { env: seedEnv(), timeout: 60_000 });
    assert.equal(res.code, 0, res.output);
    assert.match(res.stdout, /Added 250 products/);
  });

  for (const args of [['--bulk', '0'], ['--bulk', 'many'], ['--bulk', '10000001'], ['--bulk'], [], ['--demo', '--bulk', '5']]) {
    test(`seed ${args.join(' ') || '(nothing)'} → usage error, exit 2`, async () => {
      const res = await runComptoir(['seed', ...args], { env: seedEnv() });
      assert.equal(res.code, 2, res.output);
      assert.match(res.stderr, /--bulk|--demo/);
    });
  }
});
