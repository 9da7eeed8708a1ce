// The scale-out contract of docs/deploy.md ("Running a cluster on one machine"), black box through
// scripts/cluster: nginx in front of two `comptoir serve` processes (A and B), a PostgreSQL primary
// and a streaming replica the processes read the catalog from (DATABASE_READ_URL). Each process is
// also addressed directly, so that "written through A, seen through B" means two processes.
// Skipped without nginx (apt-get install nginx; scripts/debian-packages.txt lists it).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { backOffice } from '../support/back_office.mjs';
import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { checkoutShop, until } from '../support/checkout_fixtures.mjs';
import { psql, startCluster } from '../support/cluster.mjs';
import { FormClient } from '../support/form_client.mjs';
import { metricValue } from '../support/metrics.mjs';
import { comptoirBin, request, runComptoir, describe as show, sleep } from '../support/server.mjs';

const hasNginx = (() => {
  for (const candidate of [process.env.NGINX_BIN, 'nginx', '/usr/sbin/nginx'].filter(Boolean)) {
    try {
      execFileSync(candidate, ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      // next
    }
  }
  return false;
})();

// The cart limits are small so that one test can cross them; the rest keep their defaults.
const CART_SESSION_BURST = 4;
const CART_IP_BURST = 6;

let cluster;
let shop;
let staff;
let ordersToken;
let apiOnA; // the catalog API of process A, directly

// A process's metrics listen on their own port (METRICS_PORT); a series not yet exposed counts 0.
const metric = async (proc, series) => (await metricValue({ metricsUrl: proc.metrics }, series)) ?? 0;
const upstreamOf = (res) => res.headers['x-comptoir-upstream'];

describe('a cluster: nginx, two processes, a primary and its replica', { skip: !hasNginx && 'no nginx (apt-get install nginx)', timeout: 600_000 }, () => {
  before(async () => {
    cluster = await startCluster({
      bin: comptoirBin(),
      env: { COMPTOIR_ENV: 'test', LOG_LEVEL: 'warn', COMPTOIR_RATE_LIMITS: `cart_session=${CART_SESSION_BURST}/10m,cart_ip=${CART_IP_BURST}/10m` },
    });
    shop = await checkoutShop(cluster.asServer());
    staff = await backOffice(cluster.asServer(), { firstAddress: 60 }).staffMember('owner');
    const made = await runComptoir(['token', 'create', '--name', 'cluster-orders', '--scope', 'orders:read'], {
      env: { COMPTOIR_ENV: 'test', DATABASE_URL: cluster.primaryUrl },
    });
    assert.equal(made.code, 0, made.output);
    ordersToken = made.stdout.trim().split('\n').pop().trim();
    apiOnA = catalogApi({ url: cluster.a.url }, await createToken(cluster.asServer()));
  });
  after(async () => {
    await cluster?.stop();
  });

  test('nginx sends requests to both processes, and the processes read from the replica', async () => {
    const seen = new Set();
    for (let i = 0; i < 8; i += 1) {
      const res = await request(`${cluster.url}/fr/`);
      assert.equal(res.status, 200, show(res));
      seen.add(upstreamOf(res));
    }
    assert.deepEqual([...seen].sort(), [new URL(cluster.a.url).host, new URL(cluster.b.url).host].sort());
    assert.equal(await psql(cluster.replicaUrl, 'SELECT pg_is_in_recovery()'), 't');
    assert.equal(await psql(cluster.primaryUrl, "SELECT state || ' ' || sync_state FROM pg_stat_replication"), 'streaming sync');
    // Both processes hold connections to the replica (their read pools).
    const readers = await psql(cluster.replicaUrl,
      "SELECT count(DISTINCT client_port) FROM pg_stat_activity WHERE datname = 'comptoir' AND backend_type = 'client backend' AND pid <> pg_backend_pid()");
    assert.ok(Number(readers) >= 2, `only ${readers} connection(s) to the replica`);
  });

  test('a cart filled through A is checked out through B; the session cookie from A works on B', async () => {
    const kettle = await shop.product({ fr: 'Bouilloire de grappe', en: 'Cluster kettle', price: 2_500, stock: 9 });
    const mug = await shop.product({ fr: 'Tasse de grappe', en: 'Cluster mug', price: 1_200, stock: 9 });
    const buyer = await shop.shopper({ locale: 'fr', name: 'grappe' });
    buyer.client.baseUrl = cluster.a.url;
    await buyer.add(kettle, 2);
    await buyer.add(mug, 1);
    buyer.client.baseUrl = cluster.b.url;
    const cart = await buyer.cart();
    assert.deepEqual(cart.items.map((i) => [i.variant_id, i.quantity]).sort(), [[kettle.variant, 2], [mug.variant, 1]].sort());
    const placed = await buyer.checkout();
    assert.equal(placed.status, 201, show(placed));
    const { order } = placed.json();
    assert.deepEqual(order.lines.map((l) => [l.sku, l.quantity]).sort(), [[kettle.sku, 2], [mug.sku, 1]].sort());
    assert.equal(shop.stock(kettle), 7);
    assert.deepEqual(shop.ordersOf(buyer.email), [order.number]);
    buyer.client.baseUrl = cluster.a.url;
    assert.equal((await buyer.cart()).items.length, 0, 'A still shows the cart B checked out');

    // A staff member signed in through nginx is signed in on each process.
    for (const proc of [cluster.a, cluster.b]) {
      staff.client.baseUrl = proc.url;
      const page = await staff.client.get(`/admin/orders/${order.number}`);
      assert.equal(page.status, 200, `${proc.name}: ${show(page)}`);
      assert.ok(page.text.includes(order.number));
    }
    staff.client.baseUrl = cluster.url;
  });

  test('a catalog edit through A changes the page B serves within a second', async () => {
    const lamp = await shop.product({ fr: 'Lampe de grappe', en: 'Cluster lamp', price: 4_000, stock: 5 });
    const page = `/en/product/${lamp.slugs.en}`;
    const before = await request(`${cluster.b.url}${page}`);
    assert.equal(before.status, 200, show(before));
    assert.ok(before.text.includes('Cluster lamp'));

    await apiOnA.patch(`/api/v1/products/${lamp.id}/translations/en`, { name: 'Renamed cluster lamp' });
    const saved = performance.now();
    // The contract is one second; the page has usually changed before the first poll.
    await until('B shows the new name', async () => (await request(`${cluster.b.url}${page}`)).text.includes('Renamed cluster lamp'), 1_000);
    const took = performance.now() - saved;
    assert.ok(took <= 1_000, `B changed after ${took} ms`);
  });

  test('rate limits are shared: cart writes counted on A are refused on B', async () => {
    const cup = await shop.product({ fr: 'Gobelet de grappe', en: 'Cluster tumbler', price: 900, stock: 50 });
    const buyer = await shop.shopper({ locale: 'en', name: 'limite' });
    buyer.client.baseUrl = cluster.a.url;
    for (let i = 0; i < CART_SESSION_BURST; i += 1) await buyer.add(cup, 1);
    buyer.client.baseUrl = cluster.b.url;
    const refused = await buyer.call('POST', '/api/v1/cart/items', { product_id: cup.id, variant_id: cup.variant, quantity: 1 });
    assert.equal(refused.status, 429, show(refused));
    assert.ok(Number(refused.headers['retry-after']) > 0, show(refused));
    // Another session is not affected, on either process.
    const other = await shop.shopper({ locale: 'en', name: 'autre' });
    other.client.baseUrl = cluster.b.url;
    await other.add(cup, 1);
  });

  test('through nginx, the client address is the visitor\'s (X-Forwarded-For): a per-address limit counts it on both processes', async () => {
    const cup = await shop.product({ fr: 'Bol de grappe', en: 'Cluster bowl', price: 700, stock: 50 });
    const alpha = '127.0.77.1';
    // Six cart writes from one address, in two sessions: straight to A, then through nginx.
    const first = await shop.shopper({ locale: 'fr', name: 'adresse', localAddress: alpha });
    first.client.baseUrl = cluster.a.url;
    for (let i = 0; i < CART_SESSION_BURST; i += 1) await first.add(cup, 1);
    const second = await shop.shopper({ locale: 'fr', name: 'adresse', localAddress: alpha });
    for (let i = CART_SESSION_BURST; i < CART_IP_BURST; i += 1) await second.add(cup, 1);
    // The same address, a fresh session, straight to B: the address has had its share.
    const third = await shop.shopper({ locale: 'fr', name: 'adresse', localAddress: alpha });
    third.client.baseUrl = cluster.b.url;
    const refused = await third.call('POST', '/api/v1/cart/items', { product_id: cup.id, variant_id: cup.variant, quantity: 1 });
    assert.equal(refused.status, 429, show(refused));
    // Another visitor through the same nginx (whose own address, 127.0.0.1, is every visitor's
    // peer) is not: Comptoir counts the forwarded address.
    const neighbour = await shop.shopper({ locale: 'fr', name: 'voisin', localAddress: '127.0.77.2' });
    await neighbour.add(cup, 1);
  });

  test('an exclusive periodic job runs once per tick across both processes', async () => {
    // orders.release_expired: every 500 ms with COMPTOIR_ENV=test, exclusive.
    const runs = 'job_runs_total{job="orders.release_expired"}';
    const skips = 'job_skips_total{job="orders.release_expired"}';
    const read = async () => ({
      at: Date.now(),
      runs: (await metric(cluster.a, runs)) + (await metric(cluster.b, runs)),
      skips: (await metric(cluster.a, skips)) + (await metric(cluster.b, skips)),
      each: [await metric(cluster.a, runs), await metric(cluster.b, runs)],
    });
    const start = await read();
    await sleep(4_000);
    const end = await read();
    const ticks = Math.floor(end.at / 500) - Math.floor(start.at / 500);
    const ran = end.runs - start.runs;
    // Both processes try every tick: without the lock and the tick claim, ran would be about 2 × ticks.
    assert.ok(ran >= 1, `no run in ${ticks} ticks`);
    assert.ok(ran <= ticks + 1, `${ran} runs in ${ticks} ticks: some tick ran twice`);
    assert.ok(end.skips - start.skips >= 1, 'no process ever left a tick to the other');
    const claimed = await psql(cluster.primaryUrl, "SELECT count(*) FROM job_runs WHERE name = 'orders.release_expired' AND tick_at > now() - interval '1 minute'");
    assert.equal(claimed, '1');
  });

  test('reads that must see their own writes never go to the replica (replay paused)', async () => {
    const teapot = await shop.product({ fr: 'Théière de grappe', en: 'Cluster teapot', price: 3_300, stock: 20 });
    const page = `/fr/produit/${teapot.slugs.fr}`;
    assert.ok((await request(`${cluster.b.url}${page}`)).text.includes('Théière de grappe'));
    const buyer = await shop.shopper({ locale: 'fr', name: 'relecture' });
    // The primary stops waiting for the replica, and the replica stops applying what it receives.
    await psql(cluster.primaryUrl, "ALTER SYSTEM SET synchronous_standby_names = ''");
    await psql(cluster.primaryUrl, 'SELECT pg_reload_conf()');
    await psql(cluster.replicaUrl, 'SELECT pg_wal_replay_pause()');
    try {
      await until('replay paused', async () => (await psql(cluster.replicaUrl, 'SELECT pg_get_wal_replay_pause_state()')) === 'paused');

      // The catalog reads the replica: an edit saved on the primary is not on B's page yet.
      await shop.api.patch(`/api/v1/products/${teapot.id}/translations/fr`, { name: 'Théière renommée' });
      assert.equal(await psql(cluster.primaryUrl, `SELECT name FROM product_translations WHERE product_id = ${teapot.id} AND locale = 'fr'`), 'Théière renommée');
      assert.equal(await psql(cluster.replicaUrl, `SELECT name FROM product_translations WHERE product_id = ${teapot.id} AND locale = 'fr'`), 'Théière de grappe');
      await sleep(300); // B hears the change (NOTIFY) and reloads from the replica
      const stale = await request(`${cluster.b.url}${page}`);
      assert.ok(stale.text.includes('Théière de grappe'), 'the catalog did not read the paused replica');
      // The back office's product editor and list show what was saved, not the replica's copy.
      staff.client.baseUrl = cluster.b.url;
      const editor = await staff.client.get(`/admin/products/${teapot.id}`);
      assert.equal(editor.status, 200, show(editor));
      assert.ok(editor.text.includes('Théière renommée') && !editor.text.includes('Théière de grappe'),
        'the product editor read the replica');
      const products = await staff.client.get(`/admin/products?q=${encodeURIComponent('renommée')}`);
      assert.equal(products.status, 200, show(products));
      assert.ok(products.text.includes(`/admin/products/${teapot.id}`), 'the back office\'s product list read the replica');
      staff.client.baseUrl = cluster.url;

      // The cart: written through A, read through B at once.
      buyer.client.baseUrl = cluster.a.url;
      await buyer.add(teapot, 2);
      buyer.client.baseUrl = cluster.b.url;
      assert.deepEqual((await buyer.cart()).items.map((i) => [i.variant_id, i.quantity]), [[teapot.variant, 2]]);

      // The order: placed through A; its page, the API and the back office show it through B.
      buyer.client.baseUrl = cluster.a.url;
      const placed = await buyer.checkout();
      assert.equal(placed.status, 201, show(placed));
      const { order, payment_url: paymentUrl } = placed.json();
      assert.equal(await psql(cluster.replicaUrl, `SELECT count(*) FROM orders WHERE number = '${order.number}'`), '0');
      const orderPage = await new FormClient(cluster.b.url).get(new URL(paymentUrl).pathname + new URL(paymentUrl).search);
      assert.equal(orderPage.status, 200, show(orderPage));
      assert.ok(orderPage.text.includes(order.number));
      const api = await request(`${cluster.b.url}/api/v1/orders/${order.number}`,
        { headers: { authorization: `Bearer ${ordersToken}`, accept: 'application/json' } });
      assert.equal(api.status, 200, show(api));
      assert.equal(JSON.parse(api.text).number, order.number);
      staff.client.baseUrl = cluster.b.url;
      const adminPage = await staff.client.get(`/admin/orders/${order.number}`);
      assert.equal(adminPage.status, 200, show(adminPage));
      const list = await staff.client.get(`/admin/orders?q=${encodeURIComponent(buyer.email)}`);
      assert.equal(list.status, 200, show(list));
      assert.ok(list.text.includes(order.number), 'the back office list read the replica');
      staff.client.baseUrl = cluster.url;
    } finally {
      await psql(cluster.replicaUrl, 'SELECT pg_wal_replay_resume()');
      await psql(cluster.primaryUrl, "ALTER SYSTEM SET synchronous_standby_names = '*'");
      await psql(cluster.primaryUrl, 'SELECT pg_reload_conf()');
      await until('the replica streams synchronously again', async () =>
        (await psql(cluster.primaryUrl, 'SELECT sync_state FROM pg_stat_replication')) === 'sync');
    }
    // The documented caveat: the stale row stays cached until the next change, which fixes it.
    await shop.api.patch(`/api/v1/products/${teapot.id}/translations/fr`, { name: 'Théière rafraîchie' });
    await until('B shows the next edit', async () => (await request(`${cluster.b.url}${page}`)).text.includes('Théière rafraîchie'));
  });

  test('killing a process under load loses no order, places none twice, and nginx keeps serving', async (t) => {
    const stock = 10_000;
    const item = await shop.product({ fr: 'Article de charge', en: 'Load item', price: 500, stock });
    const browse = [`/fr/produit/${item.slugs.fr}`, '/en/', '/fr/', `/en/product/${item.slugs.en}`, '/en/products?q=load'];
    const results = { gets: [], orders: [], failedPosts: [] };
    let killedAt = 0;
    let stopAt = Infinity;
    const worker = async (w) => {
      for (let i = 0; performance.now() < stopAt; i += 1) {
        if (i % 4 === 3) {
          // A whole purchase through nginx: a session, one line, the order.
          const buyer = await shop.shopper({ locale: w % 2 ? 'fr' : 'en', name: `charge${w}` });
          const added = await buyer.call('POST', '/api/v1/cart/items', { product_id: item.id, variant_id: item.variant, quantity: 1 });
          if (added.status !== 201) {
            results.failedPosts.push({ at: performance.now(), status: added.status, what: 'cart' });
            continue;
          }
          const placed = await buyer.checkout();
          if (placed.status === 201) results.orders.push({ email: buyer.email, number: placed.json().order.number });
          else results.failedPosts.push({ at: performance.now(), status: placed.status, what: 'checkout', email: buyer.email, body: placed.text.slice(0, 300) });
        } else {
          const target = browse[(w + i) % browse.length];
          const res = await request(`${cluster.url}${target}`);
          results.gets.push({ at: performance.now(), target, status: res.status, upstream: upstreamOf(res) });
        }
      }
    };
    const started = performance.now();
    stopAt = started + 8_000;
    const workers = Array.from({ length: 6 }, (_, w) => worker(w));
    await sleep(3_000);
    killedAt = performance.now();
    process.kill(cluster.a.pid, 'SIGKILL');
    await Promise.all(workers);

    const a = new URL(cluster.a.url).host;
    const b = new URL(cluster.b.url).host;
    assert.ok(results.gets.some((g) => g.at < killedAt && g.upstream === a), 'A served nothing before it was killed');
    const badGets = results.gets.filter((g) => g.status !== 200);
    assert.deepEqual(badGets, [], 'nginx failed GETs (they are retried on the other process)');
    const after = results.gets.filter((g) => g.at > killedAt + 500);
    assert.ok(after.length > 0 && after.every((g) => g.upstream.split(', ').pop() === b), 'after the kill, B serves everything');
    // A POST in flight on A when it died may fail (502, not retried: it is not idempotent); none
    // after that, and at most one per worker.
    assert.ok(results.failedPosts.every((f) => f.status === 502 && f.at < killedAt + 2_000), JSON.stringify(results.failedPosts));
    assert.ok(results.failedPosts.length <= 6, JSON.stringify(results.failedPosts));
    assert.ok(results.orders.length > 0, 'no order was placed');

    // Every acknowledged order is in the database, each email has at most one, stock adds up.
    for (const { email, number } of results.orders) assert.deepEqual(shop.ordersOf(email), [number]);
    for (const failed of results.failedPosts.filter((f) => f.email)) assert.ok(shop.ordersOf(failed.email).length <= 1);
    const placed = Number(shop.sql(`SELECT coalesce(sum(l.quantity), 0) FROM order_lines l WHERE l.variant_id = ${item.variant}`));
    assert.equal(shop.stock(item), stock - placed);
    assert.ok(placed >= results.orders.length);
    t.diagnostic(`${results.gets.length} GETs (all 200), ${results.orders.length} orders acknowledged, `
      + `${results.failedPosts.length} POSTs lost with A, ${placed} units sold`);
  });
});
