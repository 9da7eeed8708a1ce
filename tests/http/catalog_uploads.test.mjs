// Picture uploads through the JSON API, black box: multipart/form-data on
// POST /api/v1/products/{id}/images. A real PNG and a real JPEG (with EXIF GPS) are stored under
// random names, re-encoded without their metadata and served under /media/; a polyglot, an SVG,
// a decompression bomb, a truncated JPEG, an empty file and a renamed executable are each refused
// with their message in French and in English, leaving MEDIA_DIR as it was.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  filesUnder, hasExif, multipart, png, pngBomb, SECRET_CAMERA, SECRET_DATUM, webpChunks, withGps,
} from '../support/images.mjs';
import { describe as show, get, request, runComptoir, startServer } from '../support/server.mjs';

let server;
let token;
let product;
let storedJpeg; // the JPEG the server wrote for the first upload: a real photo-like file

const media = () => server.env.MEDIA_DIR;

async function api(method, target, { body, type, headers = {} } = {}) {
  const res = await request(`${server.url}${target}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(type ? { 'content-type': type } : {}),
      ...headers,
    },
    body,
    timeout: 30_000,
  });
  res.json = () => JSON.parse(res.text);
  return res;
}

function upload(parts, { locale = 'en', id = product.id, headers } = {}) {
  const { body, type } = multipart(parts);
  return api('POST', `/api/v1/products/${id}/images?locale=${locale}`, { body, type, headers });
}

const file = (data, filename = 'photo.jpg', type = 'image/jpeg') => ({ name: 'file', filename, type, data });

before(async () => {
  server = await startServer();
  const created = await runComptoir(['token', 'create', '--name', 'uploads', '--scope', 'catalog:write'], {
    env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url },
  });
  assert.equal(created.code, 0, created.output);
  token = created.stdout.trim().split('\n').pop().trim();
  const res = await api('POST', '/api/v1/products', {
    type: 'application/json',
    body: JSON.stringify({
      status: 'active',
      text: { fr: { name: 'Théière en fonte' }, en: { name: 'Cast-iron teapot' } },
      variants: [{ sku: 'TEAPOT-1', price_cents: 4500, stock_on_hand: 3 }],
    }),
  });
  assert.equal(res.status, 201, show(res));
  product = res.json();
}, { timeout: 60_000 });
after(async () => { await server?.stop(); });

describe('uploading pictures', { timeout: 120_000 }, () => {
  test('a real PNG is stored as a JPEG and WebP variants under a random name, served under /media/', async () => {
    const res = await upload([
      file(png(800, 600), 'vacances-à-la-plage.png', 'image/png'),
      { name: 'alt_fr', value: 'Théière en fonte noire' },
      { name: 'alt_en', value: 'Black cast-iron teapot' },
    ]);
    assert.equal(res.status, 201, show(res));
    const image = res.json().images.at(-1);
    assert.match(image.path, new RegExp(`^products/${product.id}/[0-9a-f]{32}\\.jpg$`));
    assert.equal(res.headers.location, `/api/v1/products/${product.id}/images/${image.id}`);
    assert.deepEqual([image.width, image.height], [800, 600]);
    assert.deepEqual(image.alt, { fr: 'Théière en fonte noire', en: 'Black cast-iron teapot' });
    assert.ok(!filesUnder(media()).some((f) => f.includes('vacances')), 'the upload name is never used');

    const original = await get(`${server.url}${image.url}`);
    assert.equal(original.status, 200, show(original));
    assert.equal(original.headers['content-type'], 'image/jpeg');
    assert.deepEqual([...original.body.subarray(0, 3)], [0xff, 0xd8, 0xff]);
    storedJpeg = original.body;
    const variant = await get(`${server.url}${image.url.replace(/\.jpg$/, '-640.webp')}`);
    assert.equal(variant.status, 200, show(variant));
    assert.equal(variant.headers['content-type'], 'image/webp');
    assert.equal((await get(`${server.url}${image.url.replace(/\.jpg$/, '-960.webp')}`)).status, 404, 'never wider than the original');
  });

  test('a real JPEG carrying GPS is served without EXIF or GPS, at the end of the order', async () => {
    assert.ok(storedJpeg, 'needs the JPEG of the previous test');
    const photo = withGps(storedJpeg);
    assert.ok(hasExif(photo) && photo.includes(SECRET_DATUM), 'the test photo carries EXIF with GPS');
    const before = product.version;
    const res = await upload([file(photo, 'IMG_0042.JPG'), { name: 'alt_fr', value: 'Vue de côté' }]);
    assert.equal(res.status, 201, show(res));
    const { images, version } = res.json();
    assert.equal(images.length, 2);
    assert.ok(images[1].position > images[0].position, 'added at the end');
    assert.deepEqual(images[1].alt, { fr: 'Vue de côté', en: '' });
    assert.ok(version > before);
    product = res.json();

    const original = await get(`${server.url}${images[1].url}`);
    assert.equal(original.status, 200, show(original));
    assert.ok(!hasExif(original.body), 'no EXIF block in the stored JPEG');
    for (const width of [320, 640]) {
      const variant = await get(`${server.url}${images[1].url.replace(/\.jpg$/, `-${width}.webp`)}`);
      assert.equal(variant.status, 200, show(variant));
      assert.ok(webpChunks(variant.body).length > 0, 'a WebP file');
      for (const body of [variant.body, original.body]) {
        assert.ok(!body.includes(SECRET_DATUM), 'no GPS data');
        assert.ok(!body.includes(SECRET_CAMERA), 'no camera make');
      }
    }
  });

  const refusals = [
    {
      what: 'a polyglot (a JPEG with HTML and script after its end)',
      data: () => Buffer.concat([storedJpeg, Buffer.from('<html><script>alert(document.cookie)</script></html>')]),
      code: 'image_polyglot', fr: /autre chose que l’image/, en: /something besides the picture/,
    },
    {
      what: 'an SVG named photo.jpg',
      data: () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'),
      code: 'image_markup', fr: /SVG, XML et HTML/, en: /SVG, XML and HTML/,
    },
    {
      what: 'a decompression bomb (a PNG header claiming 100000×100000)',
      data: () => pngBomb(100_000, 100_000), filename: 'bomb.png', type: 'image/png',
      code: 'image_too_large', fr: /40 mégapixels/, en: /40 megapixels/,
    },
    {
      what: 'a truncated JPEG',
      data: () => storedJpeg.subarray(0, Math.floor(storedJpeg.length / 2)),
      code: 'image_truncated', fr: /incomplète/, en: /incomplete/,
    },
    {
      what: 'a 0-byte file',
      data: () => Buffer.alloc(0),
      code: 'image_empty', fr: /vide/, en: /empty/,
    },
    {
      what: 'a renamed ELF executable',
      data: () => readFileSync('/bin/true'),
      code: 'image_executable', fr: /programme/, en: /program/,
    },
  ];
  for (const refusal of refusals) {
    test(`${refusal.what} is refused in French and English, leaving MEDIA_DIR as it was`, async () => {
      assert.ok(storedJpeg, 'needs the JPEG of the first test');
      const before = filesUnder(media());
      const details = {};
      for (const locale of ['fr', 'en']) {
        const res = await upload([file(refusal.data(), refusal.filename, refusal.type)], { locale });
        assert.equal(res.status, 422, show(res));
        assert.match(res.headers['content-type'], /^application\/problem\+json/);
        const problem = res.json();
        assert.equal(problem.code, refusal.code, show(res));
        assert.deepEqual(problem.errors.map((e) => [e.field, e.code]), [['file', refusal.code]]);
        assert.match(problem.detail, refusal[locale], show(res));
        details[locale] = problem.detail;
        assert.deepEqual(filesUnder(media()), before, 'no new file under MEDIA_DIR');
      }
      assert.notEqual(details.fr, details.en);
      const current = await api('GET', `/api/v1/products/${product.id}`);
      assert.equal(current.json().images.length, 2, 'no image recorded');
    });
  }

  test('the route takes 15 MiB where others take COMPTOIR_MAX_BODY, and refuses more before reading it', async () => {
    const big = png(1100, 1000, { noise: true });
    assert.ok(big.length > 2 * 1024 * 1024, `${big.length} bytes`);
    const elsewhere = await api('POST', '/api/v1/products', { type: 'application/json', body: Buffer.alloc(big.length, 0x20) });
    assert.equal(elsewhere.status, 413, show(elsewhere));
    const res = await upload([file(big, 'noise.png', 'image/png')]);
    assert.equal(res.status, 201, show(res));
    product = res.json();
    const before = filesUnder(media());
    const tooBig = await upload([file(Buffer.alloc(15 * 1024 * 1024 + 1, 0xff))]);
    assert.equal(tooBig.status, 413, show(tooBig));
    assert.match(tooBig.headers['content-type'], /^application\/problem\+json/);
    assert.deepEqual(filesUnder(media()), before);
  });

  test('a form that is not strict multipart is a 400, translated', async () => {
    const details = {};
    for (const locale of ['fr', 'en']) {
      const boundary = 'XyZ';
      const body = Buffer.from(`preamble\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nx\r\n--${boundary}--\r\n`);
      const res = await api('POST', `/api/v1/products/${product.id}/images?locale=${locale}`, {
        body, type: `multipart/form-data; boundary=${boundary}`,
      });
      assert.equal(res.status, 400, show(res));
      assert.equal(res.json().code, 'multipart.malformed');
      details[locale] = res.json().detail;
    }
    assert.match(details.fr, /multipart\/form-data valide/);
    assert.match(details.en, /not valid multipart\/form-data/);
  });

  test('the form itself is checked: a file is required, as a file, and nothing else is taken', async () => {
    const cases = [
      [[{ name: 'alt_fr', value: 'Sans image' }], [['file', 'required']]],
      [[{ name: 'file', value: 'not a file' }], [['file', 'file_expected']]],
      [[file(storedJpeg), { name: 'caption', value: 'x' }], [['caption', 'unknown_field']]],
      [[file(storedJpeg), file(storedJpeg)], [['file', 'duplicate_field']]],
      [[file(storedJpeg), { name: 'alt_en', value: 'x'.repeat(301) }], [['alt_en', 'too_long']]],
    ];
    const before = filesUnder(media());
    for (const [parts, errors] of cases) {
      const res = await upload(parts);
      assert.equal(res.status, 422, show(res));
      assert.deepEqual(res.json().errors.map((e) => [e.field, e.code]), errors, show(res));
    }
    assert.deepEqual(filesUnder(media()), before);
  });

  test('uploads need catalog:write; multipart goes to this route only (WAF)', async () => {
    const { body, type } = multipart([file(storedJpeg)]);
    const anonymous = await request(`${server.url}/api/v1/products/${product.id}/images`, {
      method: 'POST', headers: { 'content-type': type }, body,
    });
    assert.equal(anonymous.status, 401, show(anonymous));
    for (const [method, target] of [['POST', '/api/v1/products'], ['PATCH', `/api/v1/products/${product.id}`],
      ['PATCH', `/api/v1/products/${product.id}/images/1`], ['POST', '/api/v1/cart/items']]) {
      const res = await api(method, target, { body, type });
      assert.equal(res.status, 415, `${method} ${target}: ${show(res)}`);
      assert.equal(res.json().code, 'waf.content_type');
    }
    const xml = await api('POST', `/api/v1/products/${product.id}/images`, { body: '<image/>', type: 'application/xml' });
    assert.equal(xml.status, 415, show(xml));
  });

  test('JSON metadata still works on the same route', async () => {
    const res = await api('POST', `/api/v1/products/${product.id}/images`, {
      type: 'application/json',
      body: JSON.stringify({ path: 'products/elsewhere/1.jpg', width: 10, height: 10, alt: { fr: 'a', en: 'b' } }),
    });
    assert.equal(res.status, 201, show(res));
    assert.equal(res.json().images.at(-1).path, 'products/elsewhere/1.jpg');
    product = res.json();
  });

  test('deleting an image removes its files; deleting the product removes the rest', async () => {
    const [first] = product.images;
    const before = filesUnder(media());
    const res = await api('DELETE', `/api/v1/products/${product.id}/images/${first.id}`);
    assert.equal(res.status, 200, show(res));
    assert.equal((await get(`${server.url}${first.url}`)).status, 404);
    const stem = first.path.replace(/\.jpg$/, '');
    assert.deepEqual(filesUnder(media()), before.filter((f) => !f.startsWith(stem)));
    const gone = await api('DELETE', `/api/v1/products/${product.id}`);
    assert.equal(gone.status, 204, show(gone));
    assert.deepEqual(filesUnder(media()).filter((f) => f.startsWith('products/')), []);
  });
});
