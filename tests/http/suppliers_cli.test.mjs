// The supplier engine's command line against a fake Printify (tests/support/fake_printify.mjs):
// adding suppliers with sealed credentials, testing a connection, syncing a catalog through 429
// storms, 500s, malformed pages and expired tokens, continuing a sync whose process was killed,
// export/import, key rotation, and the consolidated status of several shops.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { startFakePrintify } from '../support/fake_printify.mjs';
import { childEnv, comptoirBin, createDatabase, REPO_ROOT, runComptoir, sleep, tempDir } from '../support/server.mjs';

const key = () => `k${randomBytes(3).toString('hex')}:${randomBytes(32).toString('base64')}`;

function query(url, sql) {
  return new Promise((resolve, reject) => {
    execFile('psql', [url, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], (error, stdout, stderr) => {
      if (error) reject(new Error(`${sql}: ${stderr}`));
      else resolve(stdout.trim());
    });
  });
}

async function shopWithDatabase(id, dir) {
  const db = await createDatabase({ migrated: true });
  const secretKeys = key();
  fs.writeFileSync(path.join(dir, `${id}.keys`), `${secretKeys}\n`, { mode: 0o600 });
  return { id, name: `Boutique ${id}`, color: '#2a6f97', database_url: db.url, secret_keys_file: `${id}.keys`, db, secretKeys };
}

function writeShops(dir, shops, name = 'comptoir-shops.json') {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(shops.map(({ db, secretKeys, ...entry }) => entry), null, 2));
  return file;
}

const suppliers = (args, options) => runComptoir(['suppliers', ...args], { timeout: 60_000, ...options });

describe('comptoir suppliers', () => {
  let dir;
  let fake;
  let shopA;
  let shopB;
  let shopsFile;
  let supplierId;

  before(async () => {
    dir = tempDir('comptoir-suppliers-');
    fake = await startFakePrintify({ productCount: 120, variantsPerProduct: 3 });
    shopA = await shopWithDatabase('atelier', dir);
    shopB = await shopWithDatabase('comptoir-b', dir);
    shopsFile = writeShops(dir, [shopA, shopB]);
    fs.writeFileSync(path.join(dir, 'printify.json'), JSON.stringify({ token: fake.token }));
    // A shop variant whose SKU a Printify variant carries: the sync maps it.
    await query(shopA.db.url, `WITH p AS (INSERT INTO products (status) VALUES ('active') RETURNING id)
      INSERT INTO variants (product_id, sku, price_cents) SELECT id, 'pfy-0-1', 2500 FROM p`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('add prints the id, seals the credentials and never shows them', async () => {
    const added = await suppliers(['add', '--shops', shopsFile, '--shop', 'atelier', '--type', 'printify', '--name', 'Atelier Printify',
      '--api-base', fake.url, '--account', String(fake.shopId), '--credentials-file', path.join(dir, 'printify.json')]);
    assert.equal(added.code, 0, added.output);
    supplierId = Number(added.stdout.trim());
    assert.ok(supplierId > 0, added.stdout);
    const listed = await suppliers(['list', '--shops', shopsFile, '--shop', 'atelier', '--json']);
    assert.equal(listed.code, 0, listed.output);
    const [supplier] = JSON.parse(listed.stdout);
    assert.equal(supplier.type, 'PRINTIFY');
    assert.equal(supplier.fulfillment_type, 'PRINT_ON_DEMAND');
    assert.equal(supplier.has_credentials, true);
    assert.ok(!listed.output.includes(fake.token));
    const stored = await query(shopA.db.url, `SELECT credentials FROM suppliers WHERE id = ${supplierId}`);
    assert.match(stored, /^v1\./);
    assert.ok(!stored.includes(fake.token));
  });

  test('bad input is refused with a clear message and exit 2', async () => {
    const noType = await suppliers(['add', '--shops', shopsFile, '--shop', 'atelier', '--name', 'X']);
    assert.equal(noType.code, 2);
    assert.match(noType.stderr, /--type is one of printify, amazon, etsy, ebay, dropshipper, local/);
    const unknownShop = await suppliers(['list', '--shops', shopsFile, '--shop', 'nowhere']);
    assert.equal(unknownShop.code, 1);
    assert.match(unknownShop.stderr, /no shop 'nowhere'/);
    const twice = await suppliers(['add', '--shops', shopsFile, '--shop', 'atelier', '--type', 'printify', '--name', 'atelier printify']);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /already named/);
    const badBase = await suppliers(['add', '--shops', shopsFile, '--shop', 'atelier', '--type', 'dropshipper', '--name', 'D', '--api-base', 'ftp://x']);
    assert.equal(badBase.code, 1);
    assert.match(badBase.stderr, /http:\/\/ or https:\/\//);
  });

  test('test reaches the Printify shop with the sealed token', async () => {
    const tested = await suppliers(['test', '--shops', shopsFile, '--shop', 'atelier', '--supplier', String(supplierId)]);
    assert.equal(tested.code, 0, tested.output);
    assert.match(tested.stdout, new RegExp(`ok: Printify shop '.*' \\(${fake.shopId}\\)`));
    const auth = fake.requests.find((r) => r.path === '/v1/shops.json');
    assert.equal(auth.headers.authorization, `Bearer ${fake.token}`);
  });

  test('sync reads every page through a 429 storm, maps by SKU and logs calls without secrets', async () => {
    fake.failNext({ status: 429, times: 2, retryAfter: 1, path: /products\.json$/ });
    const synced = await suppliers(['sync', '--shops', shopsFile, '--shop', 'atelier', '--supplier', String(supplierId)]);
    assert.equal(synced.code, 0, synced.output);
    assert.match(synced.stdout, /120 products, 360 variants \(360 new, 0 updated\)/);
    assert.match(synced.stdout, /1 mapped by SKU, 0 by GTIN, 359 unmapped/);
    assert.equal(await query(shopA.db.url, 'SELECT count(*) FROM supplier_variants'), '360');
    const first = fake.product(0).variants[1];
    assert.equal(await query(shopA.db.url, `SELECT cost || ' ' || suggested_price FROM supplier_variants WHERE sku = '${first.sku}'`),
      `${first.cost} ${first.price}`);
    assert.equal(await query(shopA.db.url, "SELECT count(*) FROM supplier_mappings m JOIN variants v ON v.id = m.variant_id WHERE v.sku = 'pfy-0-1'"), '1');
    assert.equal(await query(shopA.db.url, 'SELECT count(*) FROM supplier_api_calls WHERE status = 429'), '2');
    const logged = await query(shopA.db.url, 'SELECT string_agg(request_body || response_body || path || error, \'\') FROM supplier_api_calls');
    assert.ok(!logged.includes(fake.token));
    // Nothing changed at the supplier: a second sync updates, creates nothing.
    const again = await suppliers(['sync', '--shops', shopsFile, '--shop', 'atelier']);
    assert.equal(again.code, 0, again.output);
    assert.match(again.stdout, /360 variants \(0 new, 360 updated\)/);
  });

  test('a supplier that keeps failing ends the run FAILED with an alert; the next good run clears it', async () => {
    fake.failNext({ status: 500, times: 50, path: /products\.json$/ });
    const failed = await suppliers(['sync', '--shops', shopsFile, '--shop', 'atelier', '--supplier', String(supplierId)], { timeout: 120_000 });
    assert.equal(failed.code, 1, failed.output);
    assert.match(failed.stderr, /Printify answered 500/);
    assert.equal(await query(shopA.db.url, "SELECT status FROM supplier_sync_runs ORDER BY id DESC LIMIT 1"), 'FAILED');
    assert.equal(await query(shopA.db.url, "SELECT kind FROM supplier_alerts WHERE resolved_at IS NULL AND kind = 'SYNC_FAILED'"), 'SYNC_FAILED');
    fake.reset();
    const good = await suppliers(['sync', '--shops', shopsFile, '--shop', 'atelier', '--supplier', String(supplierId)]);
    assert.equal(good.code, 0, good.output);
    assert.equal(await query(shopA.db.url, "SELECT count(*) FROM supplier_alerts WHERE resolved_at IS NULL AND kind = 'SYNC_FAILED'"), '0');
  });

  test('a malformed page or an expired token fails clearly and writes nothing of that page', async () => {
    const before = await query(shopA.db.url, 'SELECT max(last_sync_at) FROM supplier_variants');
    fake.malformedNext({ times: 1, path: /products\.json$/ });
    const malformed = await suppliers(['sync', '--shops', shopsFile, '--shop', 'atelier', '--supplier', String(supplierId)]);
    assert.equal(malformed.code, 1, malformed.output);
    assert.match(malformed.stderr, /not a JSON object|not JSON/);
    assert.equal(await query(shopA.db.url, 'SELECT max(last_sync_at) FROM supplier_variants'), before);
    fake.expireToken();
    const expired = await suppliers(['sync', '--shops', shopsFile, '--shop', 'atelier', '--supplier', String(supplierId)]);
    assert.equal(expired.code, 1, expired.output);
    assert.match(expired.stderr, /Printify answered 401/);
    assert.equal(await query(shopA.db.url, "SELECT count(*) FROM supplier_alerts WHERE resolved_at IS NULL AND kind = 'API_FAILING'"), '1');
    fake.reset();
  });

  test('a sync killed in the middle continues from its last page', async () => {
    fake.reset();
    // The second page of the run is answered 20 s late: long enough to kill the process once the
    // first page is stored. (A fault's `path` is anything with a test(pathname) method.)
    const productRequests = () => fake.requests.filter((r) => r.path.endsWith('/products.json')).length;
    fake.slowNext({ ms: 20_000, times: 1, path: { test: (p) => p.endsWith('/products.json') && productRequests() === 2 } });
    let seen = 0;
    const child = spawn(comptoirBin(), ['suppliers', 'sync', '--shops', shopsFile, '--shop', 'atelier', '--supplier', String(supplierId)],
      { env: childEnv({}), cwd: REPO_ROOT, stdio: 'ignore' });
    for (let i = 0; i < 200; i += 1) {
      seen = Number(await query(shopA.db.url, "SELECT coalesce(max(pages), 0) FROM supplier_sync_runs WHERE status = 'RUNNING'"));
      if (seen >= 1) break;
      await sleep(50);
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.ok(seen >= 1, 'the first page was stored before the kill');
    const running = await query(shopA.db.url, "SELECT id || ' ' || cursor FROM supplier_sync_runs WHERE status = 'RUNNING'");
    assert.match(running, /^\d+ \d+$/, 'the killed run stays RUNNING with its cursor');
    fake.reset();
    const resumed = await suppliers(['sync', '--shops', shopsFile, '--shop', 'atelier', '--supplier', String(supplierId)]);
    assert.equal(resumed.code, 0, resumed.output);
    assert.match(resumed.stdout, /\(continued\)/);
    assert.equal(await query(shopA.db.url, `SELECT status || ' ' || products_seen FROM supplier_sync_runs WHERE id = ${running.split(' ')[0]}`), 'DONE 120');
    const firstPage = fake.requests.filter((r) => r.path.endsWith('products.json')).map((r) => r.query.page);
    assert.ok(!firstPage.includes('1'), `the continued run starts after its stored pages: ${firstPage}`);
  });

  test('export leaves secrets out; import creates, then changes nothing', async () => {
    const exportFile = path.join(dir, 'export.json');
    const exported = await suppliers(['export', '--shops', shopsFile, '--shop', 'atelier', '--to', exportFile]);
    assert.equal(exported.code, 0, exported.output);
    const text = fs.readFileSync(exportFile, 'utf8');
    assert.ok(!text.includes(fake.token));
    assert.equal(JSON.parse(text)[0].name, 'Atelier Printify');
    const imported = await suppliers(['import', '--shops', shopsFile, '--shop', 'comptoir-b', exportFile]);
    assert.equal(imported.code, 0, imported.output);
    assert.match(imported.stdout, /1 created, 0 updated, 0 unchanged/);
    const again = await suppliers(['import', '--shops', shopsFile, '--shop', 'comptoir-b', exportFile]);
    assert.match(again.stdout, /0 created, 0 updated, 1 unchanged/);
    fs.writeFileSync(exportFile, JSON.stringify([{ name: 'X', type: 'PRINTIFY', credentials: { token: 'x' } }]));
    const refused = await suppliers(['import', '--shops', shopsFile, '--shop', 'comptoir-b', exportFile]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /secrets are not imported/);
  });

  test('keys rotate re-seals the credentials, which still work', async () => {
    const newKey = key();
    const env = { COMPTOIR_ENV: 'test', DATABASE_URL: shopA.db.url, COMPTOIR_SECRET_KEYS: `${newKey},${shopA.secretKeys}` };
    const rotated = await runComptoir(['keys', 'rotate'], { env });
    assert.equal(rotated.code, 0, rotated.output);
    assert.match(rotated.stdout, /suppliers\.credentials/);
    assert.equal(await query(shopA.db.url, `SELECT credentials_key_id FROM suppliers WHERE id = ${supplierId}`), newKey.split(':')[0]);
    fs.writeFileSync(path.join(dir, 'atelier.keys'), `${newKey}\n`);
    const tested = await suppliers(['test', '--shops', shopsFile, '--shop', 'atelier', '--supplier', String(supplierId)]);
    assert.equal(tested.code, 0, tested.output);
  });

  test('status shows every shop, an unreachable one and one to migrate as such', async () => {
    const empty = await createDatabase();  // never migrated
    const withDown = writeShops(dir, [shopA, shopB, { id: 'down', name: 'Down', database_url: 'postgres://nobody@127.0.0.1:1/none', secret_keys: key() },
      { id: 'nouvelle', name: 'Nouvelle', database_url: empty.url, secret_keys: key() }], 'with-down.json');
    const status = await suppliers(['status', '--shops', withDown, '--json']);
    assert.equal(status.code, 1, status.output);
    const rows = JSON.parse(status.stdout);
    assert.deepEqual(rows.map((r) => [r.shop, r.reachable, r.schema]),
      [['atelier', true, 'current'], ['comptoir-b', true, 'current'], ['down', false, 'unchecked'], ['nouvelle', false, 'needs_migrate']]);
    assert.match(rows[3].error, /needs `comptoir migrate` \(\d+ migration\(s\) pending\)/);
    const migrateTable = await suppliers(['status', '--shops', withDown]);
    assert.match(migrateTable.stdout, /nouvelle\s+MIGRATE\s+the shop's database needs `comptoir migrate`/);
    await empty.drop();
    assert.deepEqual(rows[0].active_suppliers, { PRINTIFY: 1 });
    assert.equal(rows[0].synced_variants, 360);
    assert.equal(rows[0].unmapped_variants, 359);
    assert.deepEqual(rows[1].active_suppliers, { PRINTIFY: 1 });
    const table = await suppliers(['status', '--shops', shopsFile]);
    assert.equal(table.code, 0, table.output);
    assert.match(table.stdout, /atelier\s+ok\s+1\s+360\s+359/);
  });
});
