// The WAF (COMPTOIR_WAF, COMPTOIR_WAF_FILE; docs/security.md): each rule blocks in `on` mode and
// only counts and logs in `log` mode, blocks are on /metrics and in the log, bans expire, the
// connection cap holds, and search text that looks like an attack passes. Each test comes from
// its own loopback address (127.0.0.0/8 all reaches the server) so bans do not cross tests.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { htmlLang } from '../support/html.mjs';
import { metricValue } from '../support/metrics.mjs';
import {
  describe as show, RawConnection, rawGet, request, runComptoir, sleep, startServer, tempDir,
} from '../support/server.mjs';

const DENIED = '127.0.0.66';
const RULES = {
  deny: [`${DENIED}/32`],
  limits: { url_length: 600, query_params: 6, param_name_length: 20, param_value_length: 100, headers: 30 },
  ban: { answers: 5, window: '30s', duration: '2s' },
  connections_per_client: 3,
};

function rulesFile(rules, name = 'waf.json') {
  const file = path.join(tempDir('comptoir-waf-'), name);
  writeFileSync(file, typeof rules === 'string' ? rules : JSON.stringify(rules));
  return file;
}

let on;
let log;
before(async () => {
  const file = rulesFile(RULES);
  [on, log] = await Promise.all([
    startServer({ env: { COMPTOIR_WAF_FILE: file } }),
    startServer({ env: { COMPTOIR_WAF_FILE: file, COMPTOIR_WAF: 'log' } }),
  ]);
});
after(async () => { await Promise.all([on?.stop(), log?.stop()]); });

let nextAddress = 100;
// A loopback address of its own for one test.
const freshAddress = () => `127.0.0.${(nextAddress += 1)}`;

const call = (server, target, { from = '127.0.0.1', ...options } = {}) => request(`${server.url}${target}`, { localAddress: from, ...options });
const problemCode = (res) => JSON.parse(res.text).code;

const metric = metricValue;

const blocks = (server, rule, mode = 'on') => metric(server, `waf_blocks_total{mode="${mode}",rule="${rule}"}`);

// A connection from `localAddress`, as a RawConnection.
function connectFrom(port, localAddress) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    socket.once('connect', () => resolve(new RawConnection(socket)));
    socket.once('error', reject);
  });
}

// Requests the WAF refuses with these rules, and the answer each gets in `on` mode.
const BLOCKED = [
  { rule: 'method', target: '/fr/', options: { method: 'TRACE' }, status: 405 },
  { rule: 'method', target: '/static/app.css', options: { method: 'POST', headers: { 'content-length': '0' } }, status: 405 },
  { rule: 'content_type', target: '/api/v1/cart/items', options: { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<item/>' }, status: 415 },
  // Six parameters of 100 bytes: each within its limits, 630 bytes together.
  { rule: 'url_length', target: `/fr/produits?${['a', 'b', 'c', 'd', 'e', 'f'].map((k) => `${k}=${'v'.repeat(100)}`).join('&')}`, status: 414 },
  { rule: 'query_params', target: '/api/v1/products?a=1&b=2&c=3&d=4&e=5&f=6&g=7', status: 414 },
  { rule: 'param_name_length', target: `/api/v1/products?${'n'.repeat(21)}=1`, status: 414 },
  { rule: 'param_value_length', target: `/fr/produits?q=${'v'.repeat(101)}`, status: 414 },
  { rule: 'headers', target: '/fr/', options: { headers: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`x-extra-${i}`, 'x'])) }, status: 431 },
];

describe('COMPTOIR_WAF=on', { timeout: 120_000 }, () => {
  for (const { rule, target, options = {}, status } of BLOCKED) {
    test(`${rule}: ${options.method ?? 'GET'} ${target.slice(0, 60)} → ${status}`, async () => {
      const before = await blocks(on, rule);
      const res = await call(on, target, { from: freshAddress(), ...options });
      assert.equal(res.status, status, show(res));
      if (target.startsWith('/api/')) {
        assert.match(res.headers['content-type'], /^application\/problem\+json/);
        assert.equal(problemCode(res), `waf.${rule}`);
      } else {
        assert.match(res.headers['content-type'], /^text\/html/);
        assert.equal(htmlLang(res.text).slice(0, 2), 'fr', 'the error page is in the path\'s language');
      }
      assert.equal(await blocks(on, rule), before + 1);
    });
  }

  test('405 names the methods of the route class; 415 the accepted types', async () => {
    const res = await call(on, '/fr/panier', { method: 'DELETE', from: freshAddress() });
    assert.equal(res.status, 405, show(res));
    assert.deepEqual(res.headers.allow.split(', '), ['GET', 'HEAD', 'POST']);
    const type = await call(on, '/fr/connexion', { method: 'POST', from: freshAddress(), headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(type.status, 415, show(type));
    assert.match(type.headers.accept, /application\/x-www-form-urlencoded/);
  });

  test('a denied address gets 403, the page or problem+json', async () => {
    const page = await call(on, '/en/', { from: DENIED });
    assert.equal(page.status, 403, show(page));
    assert.equal(htmlLang(page.text).slice(0, 2), 'en');
    const api = await call(on, '/api/v1/products', { from: DENIED });
    assert.equal(api.status, 403, show(api));
    assert.equal(problemCode(api), 'waf.deny');
    assert.equal((await call(on, '/en/', { from: freshAddress() })).status, 200);
    assert.ok(await blocks(on, 'deny') >= 2);
  });

  test('a block is logged with its rule, client and path, never the query', async () => {
    const from = freshAddress();
    const res = await call(on, '/fr/produits?q=secret-search&a=1&b=2&c=3&d=4&e=5&f=6', { from, headers: { 'x-request-id': 'waf-log-1' } });
    assert.equal(res.status, 414, show(res));
    const line = await on.waitForLog((l) => l.json?.msg === 'waf block' && l.json.request_id === 'waf-log-1');
    assert.equal(line.json.rule, 'query_params');
    assert.equal(line.json.mode, 'on');
    assert.equal(line.json.client, from);
    assert.equal(line.json.class, 'pages');
    assert.equal(line.json.path, '/fr/produits');
    assert.ok(!line.text.includes('secret-search'), line.text);
  });

  test('search text that looks like an attack passes: no signature rules', async () => {
    const from = freshAddress();
    for (const q of ["O'Neil", 'select', '<b>', '1=1', "' OR 1=1 --", 'union select * from users', '<script>alert(1)</script>', '../../etc/passwd']) {
      const page = await call(on, `/fr/produits?q=${encodeURIComponent(q)}`, { from });
      assert.equal(page.status, 200, `${q}: ${show(page)}`);
      const api = await call(on, `/en/products?q=${encodeURIComponent(q)}`, { from });
      assert.equal(api.status, 200, `${q}: ${show(api)}`);
      const json = await call(on, `/api/v1/products?q=${encodeURIComponent(q)}`, { from });
      assert.equal(json.status, 200, `${q}: ${show(json)}`);
    }
  });

  test('a burst of error answers bans the client with 429, for the ban duration only', async () => {
    const from = freshAddress();
    const bansBefore = await metric(on, 'waf_bans_total{mode="on"}');
    for (let i = 0; i < 5; i += 1) assert.equal((await call(on, `/fr/nope-${i}`, { from })).status, 404);
    const banned = await call(on, '/fr/', { from });
    assert.equal(banned.status, 429, show(banned));
    assert.ok(Number(banned.headers['retry-after']) >= 1, `Retry-After: ${banned.headers['retry-after']}`);
    const api = await call(on, '/api/v1/products', { from });
    assert.equal(api.status, 429);
    assert.equal(problemCode(api), 'waf.ban');
    assert.equal((await call(on, '/fr/', { from: freshAddress() })).status, 200, 'another client is not banned');
    assert.equal(await metric(on, 'waf_bans_total{mode="on"}'), bansBefore + 1);
    const line = await on.waitForLog((l) => l.json?.msg === 'waf ban' && l.json.client === from);
    assert.equal(line.json.answers, 5);
    await sleep(2_200);
    assert.equal((await call(on, '/fr/', { from })).status, 200, 'the ban has expired');
  });

  test('requests refused before routing (malformed, 400) count towards a ban', async () => {
    const from = freshAddress();
    for (let i = 0; i < 5; i += 1) {
      const connection = await connectFrom(on.port, from);
      await connection.write('GARBAGE\r\n\r\n');
      assert.equal((await connection.readResponse()).status, 400);
      connection.close();
    }
    assert.equal((await call(on, '/fr/', { from })).status, 429);
  });

  test('a client over its connection cap gets 429 at once; a closed connection frees a place', async () => {
    const from = freshAddress();
    const held = await Promise.all([1, 2, 3].map(() => connectFrom(on.port, from)));
    try {
      // The three are served (the cap counts connections, not requests).
      await held[0].write(rawGet('/healthz'));
      assert.equal((await held[0].readResponse()).status, 200);
      const extra = await connectFrom(on.port, from);
      const refused = await extra.readResponse();
      assert.equal(refused.status, 429, refused.raw.toString('latin1'));
      assert.equal(refused.headers['retry-after'], '1');
      await extra.waitForClose();
      assert.equal((await call(on, '/healthz', { from: freshAddress() })).status, 200, 'other addresses are not capped');
      held.pop().close();
      await sleep(200);
      const again = await connectFrom(on.port, from);
      await again.write(rawGet('/healthz'));
      assert.equal((await again.readResponse()).status, 200);
      again.close();
      assert.ok(await blocks(on, 'connections') >= 1);
    } finally {
      for (const connection of held) connection.close();
    }
  });
});

describe('COMPTOIR_WAF=log', { timeout: 120_000 }, () => {
  for (const { rule, target, options = {}, status } of BLOCKED) {
    test(`${rule}: ${options.method ?? 'GET'} ${target.slice(0, 60)} is only counted`, async () => {
      const before = (await blocks(log, rule, 'log')) ?? 0;
      const res = await call(log, target, { from: freshAddress(), ...options });
      // Whatever the shop answers, it is not the WAF's refusal.
      if (res.headers['content-type']?.startsWith('application/problem+json'))
        assert.notEqual(problemCode(res), `waf.${rule}`, show(res));
      if (!['method', 'content_type'].includes(rule)) assert.notEqual(res.status, status, show(res));
      assert.equal(await blocks(log, rule, 'log'), before + 1);
      assert.equal(await blocks(log, rule, 'on'), undefined, 'log mode has no mode="on" series');
    });
  }

  test('a denied address is served, and logged', async () => {
    assert.equal((await call(log, '/fr/', { from: DENIED, headers: { 'x-request-id': 'waf-log-deny' } })).status, 200);
    const line = await log.waitForLog((l) => l.json?.msg === 'waf block' && l.json.request_id === 'waf-log-deny');
    assert.equal(line.json.rule, 'deny');
    assert.equal(line.json.mode, 'log');
  });

  test('a burst of error answers is a would-be ban: counted, logged, not enforced', async () => {
    const from = freshAddress();
    for (let i = 0; i < 5; i += 1) assert.equal((await call(log, `/fr/nope-${i}`, { from })).status, 404);
    assert.equal((await call(log, '/fr/', { from })).status, 200);
    assert.equal(await metric(log, 'waf_bans_total{mode="log"}'), 1);
    assert.ok(await blocks(log, 'ban', 'log') >= 1);
  });

  test('connections over the cap are served and counted', async () => {
    const from = freshAddress();
    const before = (await blocks(log, 'connections', 'log')) ?? 0;
    const held = await Promise.all([1, 2, 3, 4].map(() => connectFrom(log.port, from)));
    try {
      for (const connection of held) {
        await connection.write(rawGet('/healthz'));
        assert.equal((await connection.readResponse()).status, 200);
      }
      assert.equal(await blocks(log, 'connections', 'log'), before + 1);
    } finally {
      for (const connection of held) connection.close();
    }
  });
});

describe('the built-in rules (no COMPTOIR_WAF_FILE)', { timeout: 60_000 }, () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  test('are on: an unexpected method is refused and counted', async () => {
    const res = await call(server, '/api/v1/products', { method: 'TRACE' });
    assert.equal(res.status, 405, show(res));
    assert.equal(problemCode(res), 'waf.method');
    assert.equal(await blocks(server, 'method'), 1);
    assert.equal(await blocks(server, 'ban'), 0);
  });
});

describe('a WAF file or mode that is not valid stops the server with the place named', { timeout: 60_000 }, () => {
  const env = (extra) => ({ COMPTOIR_ENV: 'test', ...extra });

  test('a wrong method in a class', async () => {
    const file = rulesFile({ classes: [{ name: 'pages', prefixes: ['/fr/'], methods: ['GET', 'FETCH'] }] });
    const check = await runComptoir(['check-config'], { env: env({ COMPTOIR_WAF_FILE: file }) });
    assert.notEqual(check.code, 0, check.output);
    assert.match(check.output, /COMPTOIR_WAF_FILE: .*waf\.json: classes\[0\]\.methods\[1\]: 'FETCH' is not an HTTP method/);
    const serve = await runComptoir(['serve'], { env: env({ COMPTOIR_WAF_FILE: file, PORT: '0' }) });
    assert.equal(serve.code, 2, serve.output);
    assert.match(serve.output, /COMPTOIR_WAF_FILE: .*classes\[0\]\.methods\[1\]/);
  });

  test('a misspelt member, broken JSON, a missing file, an unknown mode', async () => {
    const misspelt = await runComptoir(['check-config'], { env: env({ COMPTOIR_WAF_FILE: rulesFile({ ban: { answer: 5 } }) }) });
    assert.match(misspelt.output, /ban\.answer: unknown member/);
    const broken = await runComptoir(['check-config'], { env: env({ COMPTOIR_WAF_FILE: rulesFile('{\n"deny": [\n') }) });
    assert.match(broken.output, /COMPTOIR_WAF_FILE: .*not valid JSON at line/);
    const missing = await runComptoir(['check-config'], { env: env({ COMPTOIR_WAF_FILE: '/nonexistent/waf.json' }) });
    assert.notEqual(missing.code, 0);
    assert.match(missing.output, /COMPTOIR_WAF_FILE: '\/nonexistent\/waf\.json' cannot be read/);
    const mode = await runComptoir(['check-config'], { env: env({ COMPTOIR_WAF: 'block' }) });
    assert.notEqual(mode.code, 0);
    assert.match(mode.output, /COMPTOIR_WAF: 'block' is not on, log or off/);
  });

  test('a valid file is accepted by check-config', async () => {
    const check = await runComptoir(['check-config'], { env: env({ COMPTOIR_WAF_FILE: rulesFile(RULES), COMPTOIR_WAF: 'log' }) });
    assert.equal(check.code, 0, check.output);
    assert.match(check.output, /COMPTOIR_WAF\s+env\s+log/);
  });
});
