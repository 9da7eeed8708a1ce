// bench/mixed's driver: starts scripts/cluster with the demo shop (nginx, two `comptoir serve`
// processes, a primary and its streaming replica) and runs a closed-loop mixed workload through
// nginx: BENCH_CONNECTIONS virtual shoppers, each on one keep-alive connection, each request
// browsing (90 %: home, category, product and search pages in French and English), adding to the
// cart (8 %: POST /api/v1/cart/items with the session cookie and CSRF token, as the storefront's
// script does) or checking out (2 %: POST /api/v1/checkout, after an add when the cart is empty).
// Writes bench/results/mixed.json: requests/s, errors and latency (p50, p99) overall and per kind.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { psql, startCluster } from '../tests/support/cluster.mjs';
import { REPO_ROOT } from '../tests/support/env.mjs';

const seconds = (text, name) => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
  if (!match) throw new Error(`${name}='${text}' is not a duration (10s, 500ms, 1m)`);
  return Number(match[1]) * { ms: 0.001, s: 1, m: 60 }[match[2] ?? 's'];
};
const duration = seconds(process.env.BENCH_DURATION ?? '10s', 'BENCH_DURATION');
const warmup = seconds(process.env.BENCH_WARMUP ?? '2s', 'BENCH_WARMUP');
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const out = process.env.BENCH_OUT ?? path.join(REPO_ROOT, 'bench', 'results', 'mixed.json');
const MIX = { browse: 0.90, cart: 0.08, checkout: 0.02 };
const say = (text) => process.stdout.write(`bench/mixed: ${text}\n`);

const high = '1000000/1s';
const cluster = await startCluster({
  bin: process.env.COMPTOIR_BIN,
  args: ['--demo'],
  env: {
    COMPTOIR_ENV: process.env.BENCH_ENV ?? 'test',
    LOG_LEVEL: 'warn',
    COMPTOIR_THREADS: process.env.COMPTOIR_THREADS ?? '1',
    // A benchmark is one client address placing many orders: the shop's limits are not measured here.
    COMPTOIR_RATE_LIMITS: ['order_ip', 'order_session', 'order_email', 'cart_session', 'cart_ip']
      .map((name) => `${name}=${high}`).join(','),
  },
});
let stopped = false;
const stop = async () => {
  if (stopped) return;
  stopped = true;
  await cluster.stop();
};
process.on('SIGINT', () => { stop().finally(() => process.exit(130)); });

try {
  say(`cluster ready at ${cluster.url} (A ${cluster.a.url}, B ${cluster.b.url})`);
  const db = cluster.primaryUrl;
  // Stock for every order the run can place, on every tracked variant of the active products.
  const sellable = (await psql(db, `UPDATE variants v SET stock_on_hand = 10000000 FROM products p
    WHERE p.id = v.product_id AND p.status = 'active' AND v.track_inventory RETURNING v.product_id, v.id`))
    .split('\n').filter(Boolean).map((line) => line.split('|').map(Number));
  const slugs = async (table, key, extra = '') => (await psql(db, `SELECT t.locale, t.slug FROM ${table} t ${extra} ORDER BY t.${key}, t.locale`))
    .split('\n').filter(Boolean).map((line) => line.split('|'));
  const products = await slugs('product_translations', 'product_id', "JOIN products p ON p.id = t.product_id AND p.status = 'active'");
  const categories = await slugs('category_translations', 'category_id');
  if (sellable.length === 0 || products.length === 0) throw new Error('the demo shop has no active product');
  const pages = [
    '/fr/', '/en/',
    ...products.map(([locale, slug]) => (locale === 'fr' ? `/fr/produit/${slug}` : `/en/product/${slug}`)),
    ...categories.map(([locale, slug]) => (locale === 'fr' ? `/fr/categorie/${slug}` : `/en/category/${slug}`)),
    '/fr/produits?q=th%C3%A9i%C3%A8re', '/en/products?q=teapot', '/fr/produits?q=tasse', '/en/products?q=cup',
  ];
  say(`${pages.length} pages to browse, ${sellable.length} variants to sell`);

  const target = new URL(cluster.url);
  const body = (text) => (text === undefined ? undefined : Buffer.from(JSON.stringify(text)));
  function send(agent, method, pathname, headers = {}, payload) {
    return new Promise((resolve) => {
      const started = process.hrtime.bigint();
      const data = body(payload);
      const req = http.request({ host: target.hostname, port: target.port, path: pathname, method, agent,
        headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}) } }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'),
          ms: Number(process.hrtime.bigint() - started) / 1e6 }));
        res.on('error', () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      });
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      req.end(data);
    });
  }

  const ADDRESS = { full_name: 'Marie Tremblay', line1: '123, rue Saint-Denis', city: 'Montréal', postal_code: 'H2X 1K4' };
  let recording = false;
  const stats = { browse: [], cart: [], checkout: [] };
  const errors = { browse: 0, cart: 0, checkout: 0 };
  const statuses = {};
  let orders = 0;
  const record = (kind, res, ok) => {
    if (!recording) return;
    stats[kind].push(res.ms);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (!ok) errors[kind] += 1;
  };

  async function shopper(n, until) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const locale = n % 2 ? 'fr' : 'en';
    let session = null; // { cookie, csrf }
    let inCart = 0;
    let orderCount = 0;
    const api = () => ({ accept: 'application/json', 'accept-language': locale, cookie: session.cookie,
      'x-csrf-token': session.csrf, origin: cluster.url });
    const add = async () => {
      if (!session) {
        const res = await send(agent, 'GET', '/api/v1/cart', { accept: 'application/json', 'accept-language': locale });
        record('cart', res, res.status === 200);
        const cookie = [].concat(res.headers?.['set-cookie'] ?? [])[0]?.split(';')[0];
        if (res.status !== 200 || !cookie) return;
        session = { cookie, csrf: JSON.parse(res.text).csrf_token };
      }
      const [productId, variantId] = sellable[Math.floor(Math.random() * sellable.length)];
      const res = await send(agent, 'POST', '/api/v1/cart/items', api(), { product_id: productId, variant_id: variantId, quantity: 1 });
      record('cart', res, res.status === 201);
      if (res.status === 201) inCart += 1;
    };
    while (performance.now() < until) {
      const r = Math.random();
      if (r < MIX.browse) {
        const res = await send(agent, 'GET', pages[Math.floor(Math.random() * pages.length)], { 'accept-language': locale, 'accept-encoding': 'gzip, br' });
        record('browse', res, res.status === 200);
      } else if (r < MIX.browse + MIX.cart || inCart === 0) {
        await add();
      } else {
        orderCount += 1;
        const res = await send(agent, 'POST', '/api/v1/checkout', api(),
          { email: `mixed-${n}-${orderCount}@example.ca`, region: 'CA-QC', shipping_address: ADDRESS });
        record('checkout', res, res.status === 201);
        if (res.status === 201) {
          inCart = 0;
          if (recording) orders += 1;
        }
      }
    }
    agent.destroy();
  }

  const start = performance.now();
  const end = start + (warmup + duration) * 1000;
  say(`${connections} shoppers through nginx for ${warmup} s of warm-up, then ${duration} s`);
  const runners = Array.from({ length: connections }, (_, n) => shopper(n, end));
  setTimeout(() => { recording = true; }, warmup * 1000);
  const measuredFrom = start + warmup * 1000;
  await Promise.all(runners);
  const measured = (performance.now() - measuredFrom) / 1000;

  const summary = (times, errorCount) => {
    const sorted = [...times].sort((x, y) => x - y);
    const at = (q) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] * 100) / 100 : null);
    return { requests: sorted.length, req_per_s: Math.round((sorted.length / measured) * 10) / 10, errors: errorCount, p50_ms: at(0.5), p99_ms: at(0.99), max_ms: at(1) };
  };
  const all = [...stats.browse, ...stats.cart, ...stats.checkout];
  const commit = (() => {
    try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim(); } catch { return 'unknown'; }
  })();
  const result = {
    date: new Date().toISOString(), commit,
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, load_average: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    setup: { nginx: 1, processes: 2, replica: 'streaming, synchronous (remote_apply)', comptoir_threads: Number(process.env.COMPTOIR_THREADS ?? 1),
      env: process.env.BENCH_ENV ?? 'test', connections, duration_s: Math.round(measured * 10) / 10, warmup_s: warmup, mix: MIX },
    total: summary(all, errors.browse + errors.cart + errors.checkout),
    browse: summary(stats.browse, errors.browse),
    cart: summary(stats.cart, errors.cart),
    checkout: { ...summary(stats.checkout, errors.checkout), orders_placed: orders },
    statuses,
  };
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  say(`${result.total.requests} requests in ${result.setup.duration_s} s: ${result.total.req_per_s} req/s, `
    + `${result.total.errors} errors, p50 ${result.total.p50_ms} ms, p99 ${result.total.p99_ms} ms`);
  for (const kind of ['browse', 'cart', 'checkout']) {
    const k = result[kind];
    say(`  ${kind.padEnd(8)} ${String(k.requests).padStart(7)} requests  ${String(k.req_per_s).padStart(8)} req/s  ${k.errors} errors  p50 ${k.p50_ms} ms  p99 ${k.p99_ms} ms`);
  }
  say(`${orders} orders placed; written to ${path.relative(REPO_ROOT, out)}`);
  if (result.total.errors > 0) process.exitCode = 1;
} finally {
  await stop();
}
