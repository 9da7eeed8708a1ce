// Search Console and the move from another site: the search engines' verification codes on the
// home pages and their verification files, and the previous site's redirects imported with
// `comptoir redirects` and answered by a running server (which hears the import through NOTIFY).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { htmlLang, loadCatalog, notFoundTitle, startTags } from '../support/html.mjs';
import { describe as show, get, request, runComptoir, sleep, startServer, tempDir } from '../support/server.mjs';

const metaContents = (html, name) => startTags(html, 'meta').filter((m) => m.attrs.name === name).map((m) => m.attrs.content);
const title = (html) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';

describe('site verification', { timeout: 120_000 }, () => {
  let verified;
  let plain;
  before(async () => {
    [verified, plain] = await Promise.all([
      startServer({
        env: {
          GOOGLE_SITE_VERIFICATION: 'g00gle-Code_1',
          BING_SITE_VERIFICATION: '0123456789ABCDEF0123456789ABCDEF',
          GOOGLE_SITE_VERIFICATION_HTML: 'google1234abcd.html',
        },
      }),
      startServer(),
    ]);
  });
  after(async () => { await Promise.all([verified?.stop(), plain?.stop()]); });

  for (const home of ['/fr/', '/en/']) {
    test(`${home} carries both meta tags when set`, async () => {
      const res = await get(`${verified.url}${home}`);
      assert.equal(res.status, 200, show(res));
      assert.deepEqual(metaContents(res.text, 'google-site-verification'), ['g00gle-Code_1']);
      assert.deepEqual(metaContents(res.text, 'msvalidate.01'), ['0123456789ABCDEF0123456789ABCDEF']);
      const head = res.text.slice(0, res.text.indexOf('</head>'));
      assert.ok(head.includes('<meta name="google-site-verification" content="g00gle-Code_1">'), head);
    });

    test(`${home} has neither when unset`, async () => {
      const res = await get(`${plain.url}${home}`);
      assert.equal(res.status, 200, show(res));
      assert.deepEqual(metaContents(res.text, 'google-site-verification'), []);
      assert.deepEqual(metaContents(res.text, 'msvalidate.01'), []);
    });
  }

  test('other pages do not carry them', async () => {
    const res = await get(`${verified.url}/fr/produits`);
    assert.equal(res.status, 200, show(res));
    assert.deepEqual(metaContents(res.text, 'google-site-verification'), []);
  });

  test('the Google verification file is served exactly', async () => {
    const res = await get(`${verified.url}/google1234abcd.html`);
    assert.equal(res.status, 200, show(res));
    assert.equal(res.text, 'google-site-verification: google1234abcd.html');
    assert.match(res.headers['content-type'], /^text\/html/);
    assert.equal((await get(`${plain.url}/google1234abcd.html`)).status, 404);
    assert.equal((await get(`${verified.url}/google0000.html`)).status, 404);
  });

  test('BingSiteAuth.xml holds the Bing code', async () => {
    const res = await get(`${verified.url}/BingSiteAuth.xml`);
    assert.equal(res.status, 200, show(res));
    assert.match(res.text, /^<\?xml version="1.0"\?>\n<users>\n\t<user>0123456789ABCDEF0123456789ABCDEF<\/user>\n<\/users>\n$/);
    assert.equal((await get(`${plain.url}/BingSiteAuth.xml`)).status, 404);
  });

  test('check-config refuses a code that is not one', async () => {
    const result = await runComptoir(['check-config'], {
      env: { COMPTOIR_ENV: 'test', GOOGLE_SITE_VERIFICATION: '"><script>' },
    });
    assert.notEqual(result.code, 0, result.output);
    assert.match(result.output, /GOOGLE_SITE_VERIFICATION/);
  });
});

describe('redirects of a previous site', { timeout: 180_000 }, () => {
  let server;
  let dir;
  const redirects = (args) => runComptoir(['redirects', ...args], {
    env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url, BASE_URL: server.url },
  });
  const file = (name, text) => {
    const at = path.join(dir, name);
    writeFileSync(at, text);
    return at;
  };
  // The server hears an import through NOTIFY: wait until `path` stops answering `status`.
  async function waitUntilNot(pathname, status) {
    const deadline = performance.now() + 10_000;
    for (;;) {
      const res = await get(`${server.url}${pathname}`);
      if (res.status !== status || performance.now() > deadline) return res;
      await sleep(50);
    }
  }

  before(async () => {
    server = await startServer();
    dir = tempDir('comptoir-redirects-');
  });
  after(async () => { await server?.stop(); });

  const GOOD = 'from,to,status\n'
    + '/boutique/chaise.html,/fr/produit/chaise,301\n'
    + '/old-shop/*,/fr/produits,302\n'
    + '/old-shop/blog/*,https://blog.example/,301\n'
    + '/promo-2019,,410\n'
    + '/catégorie/thé,/fr/categorie/the,301\n';

  test('--help explains the file and the commands', async () => {
    const result = await runComptoir(['redirects', '--help']);
    assert.equal(result.code, 0, result.output);
    for (const word of ['import', '--dry-run', 'list', 'export', 'from,to,status', '410']) assert.ok(result.output.includes(word), word);
  });

  test('usage mistakes exit 2 with a message', async () => {
    for (const args of [[], ['frobnicate'], ['import'], ['import', 'a.csv', '--force'], ['list', 'x']]) {
      const result = await redirects(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.output}`);
      assert.match(result.stderr, /redirects/);
    }
    const missing = await redirects(['import', path.join(dir, 'nowhere.csv')]);
    assert.equal(missing.code, 2, missing.output);
    assert.match(missing.stderr, /cannot read/);
  });

  test('a dry run prints what would change and writes nothing', async () => {
    const result = await redirects(['import', file('dry.csv', GOOD), '--dry-run']);
    assert.equal(result.code, 0, result.output);
    assert.match(result.stdout, /line 2: add \/boutique\/chaise\.html → 301 \/fr\/produit\/chaise/);
    assert.match(result.stdout, /line 5: add \/promo-2019 → 410 gone/);
    assert.match(result.stdout, /Dry run: 5 to add, 0 to change, 0 unchanged, 0 to remove, 0 refused\. Nothing was written\./);
    const list = await redirects(['list']);
    assert.equal(list.code, 0, list.output);
    assert.match(list.stdout, /No redirects/);
    assert.equal((await get(`${server.url}/boutique/chaise.html`)).status, 404);
  });

  test('bad lines are refused with their number and reason, and nothing is imported', async () => {
    const bad = file('bad.csv', 'from,to,status\n'
      + '/fine,/fr/,301\n'
      + '/fr/produits,/en/products,301\n'
      + '/a,/b,301\n'
      + '/b,/fr/,301\n'
      + '/x,/fr/,307\n'
      + '/fine,/en/,301\n');
    for (const args of [['import', bad], ['import', bad, '--dry-run']]) {
      const result = await redirects(args);
      assert.equal(result.code, 1, result.output);
      assert.match(result.stderr, /bad\.csv:3: \/fr\/produits: .*\/fr\//);
      assert.match(result.stderr, /bad\.csv:4: \/a: .*chain/);
      assert.match(result.stderr, /bad\.csv:6: \/x: status '307' is not 301, 302 or 410/);
      assert.match(result.stderr, /bad\.csv:7: \/fine: .*line 2/);
      assert.match(result.stderr, /Nothing was imported/);
    }
    assert.match((await redirects(['list'])).stdout, /No redirects/);
    const header = await redirects(['import', file('noheader.csv', '/x,/fr/,301\n')]);
    assert.equal(header.code, 1);
    assert.match(header.stderr, /noheader\.csv:1: the first line must be the header from,to,status/);
  });

  test('an import is answered by the running server at once', async () => {
    const result = await redirects(['import', file('good.csv', GOOD)]);
    assert.equal(result.code, 0, result.output);
    assert.match(result.stdout, /5 added, 0 changed, 0 unchanged, 0 removed/);

    const moved = await waitUntilNot('/boutique/chaise.html', 404);
    assert.equal(moved.status, 301, show(moved));
    assert.equal(moved.headers.location, '/fr/produit/chaise');

    const head = await request(`${server.url}/boutique/chaise.html`, { method: 'HEAD' });
    assert.equal(head.status, 301);
    assert.equal(head.headers.location, '/fr/produit/chaise');

    // A prefix sends everything under it to its one target, the query kept; the longest wins.
    const prefixed = await get(`${server.url}/old-shop/tables/oak.php?id=12&utm_source=mail`);
    assert.equal(prefixed.status, 302, show(prefixed));
    assert.equal(prefixed.headers.location, '/fr/produits?id=12&utm_source=mail');
    const longer = await get(`${server.url}/old-shop/blog/2019/hello`);
    assert.equal(longer.status, 301);
    assert.equal(longer.headers.location, 'https://blog.example/');
    // Percent-encoded and UTF-8 old paths match alike.
    const accented = await get(`${server.url}/cat%C3%A9gorie/th%C3%A9`);
    assert.equal(accented.status, 301, show(accented));
    assert.equal(accented.headers.location, '/fr/categorie/the');
    // Only GET and HEAD are redirected.
    const posted = await request(`${server.url}/boutique/chaise.html`, { method: 'POST' });
    assert.ok(posted.status >= 400 && posted.headers.location === undefined, show(posted));
  });

  for (const [language, locale] of [['fr-CA,fr;q=0.9', 'fr'], ['en-CA,en;q=0.9', 'en']]) {
    test(`a 410 answers the error page in the visitor's language (${locale})`, async () => {
      const res = await get(`${server.url}/promo-2019`, { headers: { 'accept-language': language } });
      assert.equal(res.status, 410, show(res));
      assert.match(res.headers['content-type'], /^text\/html/);
      assert.equal(htmlLang(res.text).slice(0, 2), locale);
      assert.ok(title(res.text).includes(loadCatalog(locale)['error.410.title']), title(res.text));
    });
  }

  test('live pages and unknown paths are unaffected', async () => {
    for (const live of ['/fr/', '/en/products', '/healthz', '/robots.txt']) {
      const res = await get(`${server.url}${live}`);
      assert.equal(res.status, 200, `${live}\n${show(res)}`);
    }
    const missing = await get(`${server.url}/boutique/unknown.html`);
    assert.equal(missing.status, 404, show(missing));
    assert.ok(title(missing.text).includes(notFoundTitle('fr')), title(missing.text));
    // /old-shop without its slash is not under the prefix /old-shop/.
    assert.equal((await get(`${server.url}/old-shop`)).status, 404);
  });

  test('list and export show the stored redirects; export reads back as the same import', async () => {
    const list = await redirects(['list']);
    assert.equal(list.code, 0, list.output);
    assert.match(list.stdout, /302\s+\/old-shop\/\*\s+\/fr\/produits/);
    assert.match(list.stdout, /410\s+\/promo-2019\s+-/);
    const exported = await redirects(['export']);
    assert.equal(exported.code, 0, exported.output);
    assert.ok(exported.stdout.startsWith('from,to,status\r\n'), exported.stdout);
    assert.ok(exported.stdout.includes('/catégorie/thé,/fr/categorie/the,301\r\n'), exported.stdout);
    const again = await redirects(['import', file('exported.csv', exported.stdout), '--dry-run']);
    assert.equal(again.code, 0, again.output);
    assert.match(again.stdout, /0 to add, 0 to change, 5 unchanged/);
  });

  test('--replace removes what the file lacks, and the server forgets it', async () => {
    const result = await redirects(['import', file('only.csv', 'from,to,status\n/promo-2019,,410\n'), '--replace']);
    assert.equal(result.code, 0, result.output);
    assert.match(result.stdout, /0 added, 0 changed, 1 unchanged, 4 removed/);
    const gone = await waitUntilNot('/boutique/chaise.html', 301);
    assert.equal(gone.status, 404, show(gone));
    assert.equal((await get(`${server.url}/promo-2019`)).status, 410);
  });
});
