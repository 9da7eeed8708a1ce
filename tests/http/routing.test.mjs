// Locale redirect, home pages, translated 404s, 405 with Allow, HEAD, and problem+json errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { htmlLang, notFoundTitle, pageText, startTags } from '../support/html.mjs';
import { describe as show, get, RawConnection, rawGet, request, startServer } from '../support/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const at = (path) => `${server.url}${path}`;
const pathOf = (location) => new URL(location, server.url).pathname;
// <html lang> carries the configured BCP 47 tag of the locale (fr-CA, en-CA by default).
const LANG_TAGS = { fr: 'fr-CA', en: 'en-CA' };
const varyIncludes = (res, name) =>
  (res.headers.vary ?? '').split(',').map((v) => v.trim().toLowerCase()).includes(name.toLowerCase());

describe('GET / redirects to the best locale', { timeout: 30_000 }, () => {
  const cases = [
    ['no Accept-Language', undefined, '/fr/'],
    ['Accept-Language: en-US,en;q=0.9', 'en-US,en;q=0.9', '/en/'],
    ['quality values are honoured: fr;q=0.2, en;q=0.8', 'fr;q=0.2, en;q=0.8', '/en/'],
    ['Accept-Language: fr-CA,fr;q=0.9,en;q=0.8', 'fr-CA,fr;q=0.9,en;q=0.8', '/fr/'],
    ['an unsupported language falls back to French', 'de-DE,de;q=0.9', '/fr/'],
  ];
  for (const [name, acceptLanguage, expected] of cases) {
    test(name, async () => {
      const headers = acceptLanguage ? { 'Accept-Language': acceptLanguage } : {};
      const res = await get(at('/'), { headers });
      assert.equal(res.status, 302, show(res));
      assert.ok(res.headers.location, 'Location header missing');
      assert.equal(pathOf(res.headers.location), expected, `Location: ${res.headers.location}`);
      assert.ok(varyIncludes(res, 'Accept-Language'), `Vary must include Accept-Language, got ${res.headers.vary}`);
    });
  }
});

describe('home pages', { timeout: 30_000 }, () => {
  for (const [locale, other] of [['fr', 'en'], ['en', 'fr']]) {
    test(`/${locale}/ is an HTML page in ${locale} with a skip link and a link to /${other}/`, async () => {
      const res = await get(at(`/${locale}/`));
      assert.equal(res.status, 200, show(res));
      assert.match(res.headers['content-type'] ?? '', /^text\/html/i);
      assert.equal(htmlLang(res.text), LANG_TAGS[locale], `<html lang> of /${locale}/`);

      const anchors = startTags(res.text, 'a');
      const skip = anchors.find((a) => a.attrs.href?.startsWith('#') && a.attrs.href.length > 1);
      assert.ok(skip, `/${locale}/ has no skip link (<a href="#…">)`);
      const targetId = skip.attrs.href.slice(1);
      assert.match(res.text, new RegExp(`\\bid=["']?${targetId}["'\\s>]`), `skip link target #${targetId} is missing`);
      assert.equal(anchors[0].attrs.href, skip.attrs.href, 'the skip link must be the first link of the page');

      const switcher = anchors.find((a) => a.attrs.hreflang === other);
      assert.ok(switcher, `/${locale}/ has no <a hreflang="${other}">`);
      assert.equal(pathOf(switcher.attrs.href), `/${other}/`, `switcher href: ${switcher.attrs.href}`);
    });
  }
});

describe('unknown routes get a translated 404 page', { timeout: 30_000 }, () => {
  const cases = [
    ['/fr/nope', 'fr'],
    ['/en/nope', 'en'],
    ['/fr/produit/inexistant/encore', 'fr'],
  ];
  for (const [path, locale] of cases) {
    test(`${path} → 404 in ${locale}`, async () => {
      const res = await get(at(path));
      assert.equal(res.status, 404, show(res));
      assert.match(res.headers['content-type'] ?? '', /^text\/html/i);
      assert.equal(htmlLang(res.text), LANG_TAGS[locale]);
      const expected = notFoundTitle(locale);
      assert.ok(pageText(res.text).includes(expected), `404 page of ${path} should contain "${expected}"`);
      const otherTitle = notFoundTitle(locale === 'fr' ? 'en' : 'fr');
      if (otherTitle !== expected) {
        assert.ok(!pageText(res.text).includes(otherTitle), `404 page of ${path} is not in ${locale}: contains "${otherTitle}"`);
      }
    });
  }
});

describe('an unknown locale prefix falls back to French', { timeout: 30_000 }, () => {
  const cases = [
    ['/de/', '/fr/'],
    ['/de/x?utm_source=a', '/fr/x?utm_source=a'],
    ['/es-MX/produit/inexistant', '/fr/produit/inexistant'],
    ['/en-GB/products', '/en/products'],
  ];
  for (const [path, target] of cases) {
    test(`${path} → 302 ${target}`, async () => {
      const res = await get(at(path));
      assert.equal(res.status, 302, show(res));
      assert.equal(res.headers.location, target);
    });
  }

  test('the French page it lands on answers in French (404 for an unknown page)', async () => {
    const home = await get(at('/fr/'));
    assert.equal(home.status, 200, show(home));
    assert.equal(htmlLang(home.text), LANG_TAGS.fr);
    const missing = await get(at('/fr/x'));
    assert.equal(missing.status, 404, show(missing));
    assert.equal(htmlLang(missing.text), LANG_TAGS.fr);
  });
});

describe('405 for a wrong method on an existing route', { timeout: 30_000 }, () => {
  for (const [method, path] of [['POST', '/healthz'], ['DELETE', '/fr/'], ['PUT', '/readyz']]) {
    test(`${method} ${path} → 405 with Allow: GET, HEAD`, async () => {
      const res = await request(at(path), { method, headers: { 'Content-Length': '0' } });
      assert.equal(res.status, 405, show(res));
      const allow = (res.headers.allow ?? '').split(',').map((m) => m.trim().toUpperCase());
      assert.ok(allow.includes('GET') && allow.includes('HEAD'), `Allow: ${res.headers.allow}`);
      assert.ok(!allow.includes(method), `Allow must not list ${method}: ${res.headers.allow}`);
    });
  }
});

test('HEAD /fr/ → 200 with the Content-Length of GET and no body', { timeout: 30_000 }, async () => {
  const full = await get(at('/fr/'));
  assert.equal(full.status, 200);
  const conn = await RawConnection.connect(server.port);
  try {
    await conn.write(rawGet('/fr/', { method: 'HEAD' }));
    const head = await conn.readResponse({ head: true });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(full.body.length), 'HEAD Content-Length must equal the GET body length');
    assert.match(head.headers['content-type'] ?? '', /^text\/html/i);
    // No body may follow: the next bytes on this keep-alive connection must be the next response.
    await conn.write(rawGet('/healthz'));
    const next = await conn.readResponse();
    assert.equal(next.status, 200, 'the response after HEAD must start right after its headers');
    assert.equal(conn.buffer.length, 0, 'unexpected extra bytes after the responses');
  } finally {
    conn.close();
  }
});

describe('API errors are RFC 9457 problem+json', { timeout: 30_000 }, () => {
  const assertProblem = (res, status, requestId) => {
    assert.equal(res.status, status, show(res));
    assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/i, show(res));
    const problem = JSON.parse(res.text);
    assert.equal(typeof problem.type, 'string', 'type');
    assert.equal(typeof problem.title, 'string', 'title');
    assert.ok(problem.title.length > 0, 'title must not be empty');
    assert.equal(problem.status, status, 'status member');
    assert.equal(typeof problem.detail, 'string', 'detail');
    const ids = [problem.request_id, problem.instance].filter((v) => typeof v === 'string');
    assert.ok(ids.some((v) => v.includes(requestId)), `request id ${requestId} not in request_id/instance: ${res.text}`);
    return problem;
  };

  test('GET /api/v1/nope → 404 problem+json with the request id', async () => {
    const res = await get(at('/api/v1/nope'), { headers: { 'X-Request-Id': 'api-404-check' } });
    assertProblem(res, 404, 'api-404-check');
  });

  test('an unknown path under /api/ without a version → problem+json too', async () => {
    const res = await get(at('/api/nope'), { headers: { 'X-Request-Id': 'api-404-check-2' } });
    assertProblem(res, 404, 'api-404-check-2');
  });

  test('an HTML route asked with Accept: application/json gets problem+json', async () => {
    const res = await get(at('/fr/nope'), { headers: { Accept: 'application/json', 'X-Request-Id': 'json-404-check' } });
    assertProblem(res, 404, 'json-404-check');
  });

  test('PATCH on an unknown /api/ path → 404 problem+json, never HTML', async () => {
    const res = await request(at('/api/v1/nope'), { method: 'PATCH', headers: { 'Content-Length': '0', 'X-Request-Id': 'api-patch' } });
    assertProblem(res, 404, 'api-patch');
  });

  test('problem+json leaks no internals', async () => {
    const res = await get(at('/api/v1/%00%ff../../etc/passwd'));
    assert.ok(res.status >= 400 && res.status < 500, show(res));
    assert.doesNotMatch(res.text, /std::|boost::|\.cpp\b|\.hpp\b|what\(\)/, show(res));
  });
});

describe('the benchmark route exists only when asked for', { timeout: 30_000 }, () => {
  test('GET /_bench/plaintext → 404 without COMPTOIR_BENCH', async () => {
    const res = await get(at('/_bench/plaintext'));
    assert.equal(res.status, 404, show(res));
  });

  test('GET /_bench/plaintext → 200 text/plain with COMPTOIR_BENCH=1', async () => {
    const bench = await startServer({ env: { COMPTOIR_BENCH: '1' } });
    try {
      const res = await get(`${bench.url}/_bench/plaintext`);
      assert.equal(res.status, 200, show(res));
      assert.match(res.headers['content-type'] ?? '', /^text\/plain/i);
      assert.ok(res.body.length > 0);
    } finally {
      await bench.stop();
    }
  });
});
