// bench/suppliers' measurements (see that script): runs `comptoir suppliers …` against local fakes
// and a throw-away PostgreSQL, and writes the figures as JSON. Environment: COMPTOIR_BIN,
// BENCH_SEED_BIN, BENCH_ADMIN_URL (the cluster's postgres database), BENCH_WORK (a scratch folder),
// BENCH_RESULTS (the JSON file), BENCH_VARIANTS, BENCH_ORDERS, BENCH_COMMIT.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { startFakeDropshipper } from '../tests/support/fake_dropshipper.mjs';
import { startFakePrintify } from '../tests/support/fake_printify.mjs';

const bin = process.env.COMPTOIR_BIN;
const seedBin = process.env.BENCH_SEED_BIN;
const admin = process.env.BENCH_ADMIN_URL;
const work = process.env.BENCH_WORK;
const variants = Number(process.env.BENCH_VARIANTS ?? 100_000);
const orders = Number(process.env.BENCH_ORDERS ?? 10_000);
const SHOPS = 5;
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const psql = (url, sql) => execFileSync('psql', [url, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' }).trim();
const dbUrl = (name) => admin.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);

// Runs `comptoir ARGS` under /usr/bin/time: { seconds, maxRssKb, stdout, stderr }; throws on failure.
function timed(args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', 'MAXRSS %M', bin, ...args], {
      env: { ...process.env, COMPTOIR_ENV: 'test', LOG_LEVEL: 'warn', ...env }, cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const maxRssKb = Number(/MAXRSS (\d+)/.exec(stderr)?.[1] ?? 0);
      if (code !== 0) reject(new Error(`comptoir ${args.join(' ')} exited ${code}:\n${stdout}\n${stderr}`));
      else resolve({ seconds, maxRssKb, stdout, stderr });
    });
  });
}

const round = (x, digits = 1) => Number(x.toFixed(digits));

test('supplier engine figures', { timeout: 3_600_000 }, async () => {
  // Five shops, each its own database and keys.
  const shops = [];
  for (let i = 1; i <= SHOPS; i += 1) {
    const name = `bench_shop_${i}`;
    psql(admin, `DROP DATABASE IF EXISTS ${name}`);
    psql(admin, `CREATE DATABASE ${name}`);
    const url = dbUrl(name);
    execFileSync(bin, ['migrate'], { env: { ...process.env, DATABASE_URL: url, COMPTOIR_ENV: 'test' }, cwd: ROOT, stdio: 'ignore' });
    const keys = `k${i}:${randomBytes(32).toString('base64')}`;
    shops.push({ id: `shop${i}`, name: `Boutique ${i}`, color: '#2a6f97', database_url: url, secret_keys: keys });
  }
  const shopsFile = path.join(work, 'comptoir-shops.json');
  fs.writeFileSync(shopsFile, JSON.stringify(shops), { mode: 0o600 });
  const cli = (shop, args) => ['suppliers', ...args, '--shops', shopsFile, '--shop', shop];
  const addSupplier = async (shop, args, credentials) => {
    const file = path.join(work, `${shop}-${args[3]}.json`);
    fs.writeFileSync(file, JSON.stringify(credentials));
    const added = await timed(cli(shop, ['add', ...args, '--credentials-file', file]));
    return Number(added.stdout.trim());
  };
  const results = { date: new Date().toISOString(), commit: process.env.BENCH_COMMIT,
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, load: os.loadavg() } };

  // 1. Printify: 100 000 variants, paginated and rate-limited as Printify is.
  const perProduct = 5;
  const printify = await startFakePrintify({ productCount: Math.ceil(variants / perProduct), variantsPerProduct: perProduct, perMinute: 1_000_000 });
  const pfy = await addSupplier('shop1', ['--type', 'printify', '--name', 'Printify', '--api-base', printify.url, '--account', String(printify.shopId)],
    { token: printify.token });
  const sync = await timed(cli('shop1', ['sync', '--supplier', String(pfy)]));
  const stored = Number(psql(shops[0].database_url, 'SELECT count(*) FROM supplier_variants'));
  results.sync_printify = { variants: stored, pages: Math.ceil(variants / perProduct / 100), seconds: round(sync.seconds, 2),
    rows_per_second: Math.round(stored / sync.seconds), peak_rss_mb: round(sync.maxRssKb / 1024),
    bound: "Printify's 600 requests a minute (10/s), kept by the connector" };
  const again = await timed(cli('shop1', ['sync', '--supplier', String(pfy)]));
  results.sync_printify_again = { seconds: round(again.seconds, 2), rows_per_second: Math.round(stored / again.seconds) };
  await printify.close();

  // 2. The same number of variants from a CSV price list: the engine and PostgreSQL alone.
  const csv = ['sku,title,product,cost,stock'];
  for (let i = 0; i < variants; i += 1) csv.push(`LST-${i},Article ${i},P${Math.floor(i / perProduct)},${(500 + (i % 2000)) / 100},${i % 50}`);
  const csvFile = path.join(work, 'prices.csv');
  fs.writeFileSync(csvFile, `${csv.join('\n')}\n`);
  const list = await addSupplier('shop2', ['--type', 'dropshipper', '--name', 'Grossiste', '--contact-email', 'po@example.ca'], {});
  const listSync = await timed(cli('shop2', ['sync', '--supplier', String(list), '--file', csvFile]));
  const listed = Number(psql(shops[1].database_url, 'SELECT count(*) FROM supplier_variants'));
  results.sync_price_list = { variants: listed, seconds: round(listSync.seconds, 2), rows_per_second: Math.round(listed / listSync.seconds),
    peak_rss_mb: round(listSync.maxRssKb / 1024) };

  // 3. Dispatch: 10 000 paid orders, one supplier order each, 5 % of the POSTs answered 500.
  const dropshipper = await startFakeDropshipper();
  dropshipper.keepMessages = false;
  dropshipper.failEvery = 20;
  const shop3 = shops[2].database_url;
  const product = psql(shop3, "INSERT INTO products (status, fulfillment_type) VALUES ('active', 'DROPSHIPPING') RETURNING id");
  const variant = psql(shop3, `INSERT INTO variants (product_id, sku, price_cents, stock_on_hand) VALUES (${product}, 'BENCH-MUG', 2500, 0) RETURNING id`);
  const ds = await addSupplier('shop3', ['--type', 'dropshipper', '--name', 'Dropshipper', '--api-base', dropshipper.url],
    { signing_secret: dropshipper.secret, requests_per_second: 1000 });
  const dsPrices = path.join(work, 'ds.csv');
  fs.writeFileSync(dsPrices, 'sku,cost,stock\nBENCH-MUG,9.50,\n');
  await timed(cli('shop3', ['sync', '--supplier', String(ds), '--file', dsPrices]));
  execFileSync(seedBin, [shop3, shops[2].secret_keys, String(orders), product, variant, 'BENCH-MUG', '2500'], { stdio: 'ignore' });
  const dispatch = await timed(cli('shop3', ['dispatch']));
  const states = Object.fromEntries(psql(shop3, 'SELECT state, count(*) FROM supplier_orders GROUP BY state').split('\n')
    .filter(Boolean).map((line) => { const [state, n] = line.split('|'); return [state, Number(n)]; }));
  const sent = (states.CONFIRMED ?? 0) + (states.SENT_TO_SUPPLIER ?? 0);
  results.dispatch = { orders, seconds: round(dispatch.seconds, 2), orders_per_second: Math.round(sent / dispatch.seconds),
    posts: dropshipper.received, injected_failures: Math.floor(dropshipper.received / 20), made_at_supplier: dropshipper.orders.size,
    duplicates: dropshipper.orders.size - new Set([...dropshipper.orders.values()].map((o) => o.order.external_id)).size,
    lost: orders - sent - (states.PENDING ?? 0) - (states.FAILED ?? 0), still_pending: states.PENDING ?? 0, failed: states.FAILED ?? 0,
    states, peak_rss_mb: round(dispatch.maxRssKb / 1024), summary: dispatch.stdout.trim() };
  await dropshipper.close();

  // 4. Status across the five shops, read in parallel.
  const runs = [];
  for (let i = 0; i < 5; i += 1) runs.push((await timed(['suppliers', 'status', '--shops', shopsFile, '--json'])).seconds);
  runs.sort((a, b) => a - b);
  results.status = { shops: SHOPS, runs_ms: runs.map((s) => Math.round(s * 1000)), median_ms: Math.round(runs[2] * 1000) };

  fs.writeFileSync(process.env.BENCH_RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
});
