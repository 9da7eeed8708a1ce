#!/usr/bin/env node
// Takes the screenshots of docs/suppliers-app.md: three throw-away shops (their own PostgreSQL
// databases: one with the demo data of `comptoir seed --demo`, three suppliers and a pass of
// `comptoir suppliers run --once`, one with one
// supplier, one never migrated) and a fourth that cannot be reached, shown by comptoir-suppliers
// in French under a virtual X server (Xvfb), written to docs/suppliers-app/*.png.
//
//   COMPTOIR_BIN=build/debug/comptoir COMPTOIR_TEST_DATABASE_URL=postgres://… \
//     scripts/suppliers-app-screenshots.mjs
//
// Run it again when a screen changes, and commit the pictures with the change.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../tests/support/env.mjs';
import { createDatabase, migrate, runComptoir, tempDir } from '../tests/support/server.mjs';

const app = process.env.COMPTOIR_SUPPLIERS_BIN ?? path.join(path.dirname(process.env.COMPTOIR_BIN ?? 'build/debug/comptoir'), 'comptoir-suppliers');
const out = path.join(REPO_ROOT, 'docs', 'suppliers-app');
const dir = tempDir('comptoir-shots-');
const keys = () => `k1:${randomBytes(32).toString('base64')}`;

const databases = [];
async function shop(id, name, color, { seed = false, migrated = true } = {}) {
  const db = await createDatabase();
  databases.push(db);
  if (migrated) await migrate(db.url);
  const secretKeys = keys();
  const env = { COMPTOIR_ENV: 'test', DATABASE_URL: db.url, COMPTOIR_SECRET_KEYS: secretKeys };
  if (seed) {
    const seeded = await runComptoir(['seed', '--demo'], { env, timeout: 400_000 });
    assert.equal(seeded.code, 0, seeded.output);
  }
  fs.writeFileSync(path.join(dir, `${id}.keys`), `${secretKeys}\n`, { mode: 0o600 });
  return { entry: { id, name, color, database_url: db.url, secret_keys_file: `${id}.keys` }, env };
}

async function supplier(shopEnv, args) {
  const added = await runComptoir(['suppliers', 'add', ...args], { env: shopEnv, timeout: 60_000 });
  assert.equal(added.code, 0, added.output);
  return added.stdout.trim();
}

const psql = (url, sql) => execFileSync('psql', [url, '-X', '-q', '-t', '-A', '-c', sql], { encoding: 'utf8' }).trim();

try {
  const atelier = await shop('atelier', 'Atelier Lumière', '#2a6f97', { seed: true });
  await supplier(atelier.env, ['--type', 'printify', '--name', 'Printify', '--api-base', 'http://127.0.0.1:9/']);
  const gres = await supplier(atelier.env, ['--type', 'dropshipper', '--name', 'Grès du Nord', '--contact-name', 'Lucie', '--contact-email', 'commandes@gres.example']);
  // Its price list: four of the shop's SKUs (mapped) and two of its own (left unmapped).
  const skus = psql(atelier.entry.database_url, 'SELECT sku FROM variants ORDER BY id LIMIT 4').split('\n');
  const list = ['sku;title;cost;currency;stock', ...skus.map((sku, i) => `${sku};Article ${i + 1};${4 + i},50;CAD;${10 * (i + 1)}`),
    'GN-900;Plat de service;12,00;CAD;3', 'GN-901;Bol à soupe;6,00;CAD;0'].join('\n');
  fs.writeFileSync(path.join(dir, 'gres.csv'), `${list}\n`);
  const synced = await runComptoir(['suppliers', 'sync', '--supplier', gres, '--file', path.join(dir, 'gres.csv')],
    { env: atelier.env, timeout: 60_000 });
  assert.equal(synced.code, 0, synced.output);
  await supplier(atelier.env, ['--type', 'amazon', '--name', 'Amazon MCF', '--api-base', 'http://127.0.0.1:9/']);
  // One pass of the headless engine: its heartbeat, and the failed syncs of the two platform
  // suppliers whose credentials were never entered (exit status 1: a shop had errors).
  await runComptoir(['suppliers', 'run', '--once'], { env: atelier.env, timeout: 120_000 });
  // The order queue: demo orders with supplier orders in a few states (one stuck: sent nine days
  // ago to a supplier that ships in seven; one failed; one waiting), and delivered ones over the
  // last days for the dashboard's chart.
  psql(atelier.entry.database_url, `
    WITH o AS (SELECT id, number, row_number() OVER (ORDER BY id) AS n FROM orders ORDER BY id LIMIT 12)
    INSERT INTO supplier_orders (supplier_id, order_id, external_id, state, state_changed_at,
                                 created_at, attempts, last_error, supplier_order_number)
    SELECT CASE n WHEN 1 THEN ${gres} WHEN 2 THEN 1 WHEN 3 THEN 3 ELSE ${gres} END, id, number || '-S' || n,
           CASE n WHEN 1 THEN 'SENT_TO_SUPPLIER' WHEN 2 THEN 'FAILED' WHEN 3 THEN 'PENDING' ELSE 'DELIVERED' END,
           now() - make_interval(days => CASE n WHEN 1 THEN 9 ELSE 0 END),
           CASE WHEN n <= 3 THEN now() - make_interval(hours => n::int)
                ELSE now() - make_interval(days => (n % 7 + 1)::int, hours => n::int) END,
           CASE n WHEN 2 THEN 8 ELSE 0 END,
           CASE n WHEN 2 THEN 'HTTP 401: invalid token' ELSE '' END,
           CASE n WHEN 1 THEN 'GN-4471' ELSE '' END FROM o`);
  // Earlier syncs of the price list, two of them with lines it could not read.
  psql(atelier.entry.database_url, `
    INSERT INTO supplier_sync_runs (supplier_id, status, pages, products_seen, variants_seen,
                                    error_count, errors, started_at, heartbeat_at, finished_at)
    SELECT ${gres}, 'DONE', 1, 3, 3, e, CASE WHEN e > 0 THEN 'line 4: cost ''abc'' is not an amount' ELSE '' END,
           now() - make_interval(days => d), now() - make_interval(days => d),
           now() - make_interval(days => d)
    FROM (VALUES (6, 2), (4, 0), (2, 1)) AS runs (d, e)`);
  // A few calls in the API log, as the connectors write them (secrets already redacted).
  psql(atelier.entry.database_url, `
    INSERT INTO supplier_api_calls (supplier_id, connector, method, path, status, latency_ms,
                                    attempt, request_id, request_body, response_body, error,
                                    created_at) VALUES
      (1, 'printify', 'GET', '/v1/shops/123/products.json?page=1', 200, 182, 1, 'a1f3', '',
       '{"current_page":1,"data":[{"id":"5d39b159","title":"Tasse"}],"last_page":1}', '', now() - interval '3 hours'),
      (1, 'printify', 'POST', '/v1/shops/123/orders.json', 401, 95, 1, 'b7c2',
       '{"external_id":"CMP-7Q2M9K1A-S1","label":"CMP-7Q2M9K1A","line_items":[{"sku":"TEE-1","quantity":1}],"address_to":"[redacted]"}',
       '{"error":"Unauthenticated."}', 'HTTP 401', now() - interval '2 hours'),
      (3, 'amazon', 'POST', '/auth/o2/token', 0, 10002, 3, '', 'grant_type=refresh_token&refresh_token=[redacted]', '',
       'timeout after 10 s', now() - interval '1 hour')`);
  const boutique = await shop('boutique', 'Boutique du Port', '#aa3300');
  await supplier(boutique.env, ['--type', 'dropshipper', '--name', 'Grossiste Québec', '--contact-email', 'achats@grossiste.example']);
  const nouvelle = await shop('nouvelle', 'Nouvelle boutique', '#118833', { migrated: false });
  const shops = [atelier.entry, boutique.entry, nouvelle.entry,
    { id: 'ferme', name: 'Boutique fermée', color: '#6b5b95', database_url: 'postgres://nobody@127.0.0.1:1/none', secret_keys: keys() }];
  const file = path.join(dir, 'comptoir-shops.json');
  fs.writeFileSync(file, JSON.stringify(shops, null, 2), { mode: 0o600 });
  fs.mkdirSync(out, { recursive: true });
  // With a keychain of its own (as on a desktop), never the user's.
  execFileSync(path.join(REPO_ROOT, 'desktop/tests/with-keychain'), ['xvfb-run', '-a', '-s', '-screen 0 1280x800x24', app, '--shops', file, '--lang', 'fr', '--screenshots', out],
    { stdio: 'inherit', timeout: 120_000, env: { ...process.env, QT_QPA_PLATFORM: 'xcb', COMPTOIR_DATA_DIR: REPO_ROOT } });
  for (const name of ['dashboard', 'dashboard-shop', 'suppliers', 'sync', 'orders', 'mapping', 'api-log', 'alerts']) {
    assert.ok(fs.existsSync(path.join(out, `${name}.png`)), `${name}.png was not written`);
    console.log(`docs/suppliers-app/${name}.png`);
  }
} finally {
  for (const db of databases) await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
}
