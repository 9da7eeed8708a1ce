// Dropshipping end to end, black box: a shop (`comptoir serve`) sells a product printed by a
// Printify supplier (tests/support/fake_printify.mjs); a paid order becomes a supplier order in the
// payment's transaction; `comptoir suppliers dispatch` sends it to Printify once — through lost
// answers, 500s and a dispatcher killed in the middle — follows it, and the shop takes the
// shipment into the customer's order with the shipped mail. Also `suppliers run --once`.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { until } from '../support/checkout_fixtures.mjs';
import { startFakePrintify } from '../support/fake_printify.mjs';
import { childEnv, comptoirBin, REPO_ROOT, runComptoir, sleep, startServer, tempDir } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { checkoutAsGuest, createTokenCli, staffApi, tokenOf } from '../support/staff_shops.mjs';

const ADDRESS = { full_name: 'Marie-Ève Tremblay', line1: '1200 rue Saint-Denis', city: 'Montréal', region: 'QC',
  postal_code: 'H2X 3J6', country: 'CA', phone: '514 555 0101' };
const capture = await startSmtpCapture();

describe('dropshipped orders through Printify', { timeout: 240_000 }, () => {
  let dir;
  let fake;
  let server;
  let shopsFile;
  let supplierId;
  let product;
  let staff;
  let count = 0;
  const env = { COMPTOIR_ENV: 'test' };
  const sql = (query) => execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-F', '|', '-c', query], { encoding: 'utf8' }).trim();
  const suppliers = (args) => runComptoir(['suppliers', ...args, '--shops', shopsFile, '--shop', 'atelier'], { env, timeout: 60_000 });
  const dispatch = async () => {
    const done = await suppliers(['dispatch']);
    assert.equal(done.code, 0, done.output);
    return done.stdout;
  };

  // A guest's order of the printed T-shirt, marked paid by staff (the shop takes offline payment).
  async function paidOrder(quantity = 1) {
    count += 1;
    const order = await checkoutAsGuest(server, product, { email: `pod-${count}-${process.pid}@example.ca`, address: ADDRESS, quantity });
    const moved = await staff.move(order.number, { to: 'paid' });
    assert.equal(moved.status, 200, moved.text);
    return order;
  }
  const supplierOrder = (number) => {
    const row = sql(`SELECT s.external_id, s.state, s.attempts, s.supplier_order_number, s.tracking_number FROM supplier_orders s
      JOIN orders o ON o.id = s.order_id WHERE o.number = '${number}'`);
    if (!row) return null;
    const [externalId, state, attempts, remote, tracking] = row.split('|');
    return { externalId, state, attempts: Number(attempts), remote, tracking };
  };

  before(async () => {
    dir = tempDir('comptoir-dispatch-');
    fake = await startFakePrintify({ productCount: 2, variantsPerProduct: 2 });
    const keys = `k1:${randomBytes(32).toString('base64')}`;
    server = await startServer({ env: { COMPTOIR_SECRET_KEYS: keys, SMTP_URL: capture.url, MAIL_FROM: 'atelier@example.ca' } });
    // The shop's T-shirt carries the SKU of Printify's product 0, variant 1: the sync maps them.
    const api = catalogApi(server, await createToken(server));
    const made = await api.post('/api/v1/products', {
      status: 'active', fulfillment_type: 'PRINT_ON_DEMAND',
      text: { fr: { name: 'T-shirt imprimé' }, en: { name: 'Printed T-shirt' } },
      variants: [{ sku: 'PFY-0-1', price_cents: 4_000, stock_on_hand: 0, track_inventory: false }],
    });
    product = { id: made.id, variant: made.variants[0].id };
    const token = await createTokenCli(server, 'dispatch-desk', ['orders:read', 'orders:write', 'orders:refund']);
    assert.equal(token.code, 0, token.output);
    staff = staffApi(server, tokenOf(token));

    fs.writeFileSync(path.join(dir, 'atelier.keys'), `${keys}\n`, { mode: 0o600 });
    shopsFile = path.join(dir, 'comptoir-shops.json');
    fs.writeFileSync(shopsFile, JSON.stringify([{ id: 'atelier', name: 'Atelier', color: '#2a6f97',
      database_url: server.database.url, secret_keys_file: 'atelier.keys' }]));
    fs.writeFileSync(path.join(dir, 'printify.json'), JSON.stringify({ token: fake.token }));
    const added = await suppliers(['add', '--type', 'printify', '--name', 'Printify', '--api-base', fake.url,
      '--account', String(fake.shopId), '--credentials-file', path.join(dir, 'printify.json')]);
    assert.equal(added.code, 0, added.output);
    supplierId = Number(added.stdout.trim());
    const synced = await suppliers(['sync']);
    assert.equal(synced.code, 0, synced.output);
    assert.match(synced.stdout, /1 mapped by SKU/);
  }, { timeout: 90_000 });
  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a paid order becomes a supplier order, sent once, followed, and shipped back to the customer', async () => {
    const order = await paidOrder(2);
    const pending = supplierOrder(order.number);
    assert.deepEqual([pending.externalId, pending.state], [`${order.number}-S${supplierId}`, 'PENDING']);

    assert.match(await dispatch(), /1 sent/);
    const [made] = fake.ordersByExternalId(pending.externalId);
    assert.ok(made, 'Printify has the order');
    assert.equal(made.metadata.shop_order_label, order.number);
    assert.deepEqual([made.address_to.first_name, made.address_to.last_name, made.address_to.zip, made.address_to.country],
      ['Marie-Ève', 'Tremblay', 'H2X 3J6', 'CA']);
    assert.deepEqual(made.line_items.map((l) => [l.product_id, l.variant_id, l.quantity]),
      [[fake.product(0).id, fake.product(0).variants[1].id, 2]]);
    const sent = supplierOrder(order.number);
    assert.equal(sent.remote, made.id);
    assert.match(sent.state, /^(SENT_TO_SUPPLIER|CONFIRMED|IN_PRODUCTION)$/);

    await fake.ship(made.id, { carrier: 'ups', number: '1Z999AA10123456784', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' });
    await sleep(1_100); // the next poll is due a second later (COMPTOIR_ENV=test)
    assert.match(await dispatch(), /1 shipped/);
    assert.equal(supplierOrder(order.number).state, 'SHIPPED');
    // The shop (its suppliers.shipments job) ships the order and mails the customer.
    await until('the order is shipped', () => sql(`SELECT status FROM orders WHERE number = '${order.number}'`) === 'fulfilled');
    assert.equal(sql(`SELECT carrier || ' ' || tracking_number FROM orders WHERE number = '${order.number}'`), 'ups 1Z999AA10123456784');
    const mail = await capture.waitFor(order.email, (m) => /expédiée/i.test(m.subject));
    assert.match(mail.parts['text/plain'] ?? '', /1Z999AA10123456784/);
    assert.equal(fake.ordersByExternalId(pending.externalId).length, 1);
  });

  test('a lost answer and 500s are retried without a second order', async () => {
    const order = await paidOrder();
    const { externalId } = supplierOrder(order.number);
    // Printify makes the order but the answer is lost, then answers 500 twice.
    fake.failNext({ status: 502, afterProcessing: true, path: /orders\.json$/, method: 'POST' });
    fake.failNext({ status: 500, times: 2, path: /orders\.json$/, method: 'GET' });
    const out = await dispatch();
    assert.match(out, /1 sent|1 to retry/, out);
    for (let i = 0; i < 10 && supplierOrder(order.number).state === 'PENDING'; i += 1) {
      await sleep(1_000);
      await dispatch();
    }
    assert.notEqual(supplierOrder(order.number).state, 'PENDING');
    assert.equal(fake.ordersByExternalId(externalId).length, 1, 'one order at Printify');
  });

  test('a dispatcher killed in the middle of a call never makes a duplicate order', async () => {
    const order = await paidOrder();
    const { externalId } = supplierOrder(order.number);
    fake.slowNext({ ms: 5_000, path: /orders\.json$/, method: 'POST' });
    const child = spawn(comptoirBin(), ['suppliers', 'dispatch', '--shops', shopsFile, '--shop', 'atelier'],
      { env: childEnv(env), cwd: REPO_ROOT, stdio: 'ignore' });
    await until('Printify received the order', () => fake.ordersByExternalId(externalId).length === 1);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(supplierOrder(order.number).state, 'PENDING', 'the dispatcher died before it wrote anything');
    assert.match(await dispatch(), /0 sent/, 'the killed one still holds its lease');
    await sleep(3_200); // the lease (3 s in tests) runs out
    assert.match(await dispatch(), /1 sent/);
    const after = supplierOrder(order.number);
    assert.notEqual(after.state, 'PENDING');
    assert.equal(after.attempts, 2);
    assert.equal(fake.ordersByExternalId(externalId).length, 1, 'found by its external id, not made again');
  });

  test('an order the supplier refuses fails at once, with an alert', async () => {
    const order = await paidOrder();
    const { externalId } = supplierOrder(order.number);
    fake.failNext({ status: 400, path: /orders\.json$/, method: 'POST',
      body: { status: 'error', code: 8150, message: 'Validation failed.', errors: { reason: 'address_to.zip: invalid' } } });
    assert.match(await dispatch(), /1 failed/);
    assert.equal(supplierOrder(order.number).state, 'FAILED');
    assert.equal(sql(`SELECT count(*) FROM supplier_alerts WHERE kind = 'ORDER_FAILED' AND subject = '${externalId}' AND resolved_at IS NULL`), '1');
    assert.equal(fake.ordersByExternalId(externalId).length, 0);
  });

  test('an order longer in a state than the shipping days is stuck; a refund after sending asks Printify to cancel', async () => {
    const order = await paidOrder();
    assert.match(await dispatch(), /1 sent/);
    const { externalId, remote } = supplierOrder(order.number);
    sql(`UPDATE supplier_orders SET state_changed_at = now() - interval '8 days' WHERE external_id = '${externalId}'`);
    await sleep(1_100);
    assert.match(await dispatch(), /[1-9]\d* unchanged/, 'the orders still in production are asked for news');
    assert.match(sql(`SELECT message FROM supplier_alerts WHERE kind = 'ORDER_STUCK' AND subject = '${externalId}' AND resolved_at IS NULL`),
      /for 8 days at Printify, past its 7 shipping days/);

    // Refunded once Printify has it: the supplier order stays, an alert says so, and the next
    // dispatch asks Printify to cancel, which it refuses once the order is in production.
    const total = Number(sql(`SELECT total FROM orders WHERE number = '${order.number}'`));
    const refunded = await staff.refund(order.number, { amount: total, reason: 'requested_by_customer' });
    assert.equal(refunded.status, 201, refunded.text);
    assert.equal(sql(`SELECT count(*) FROM supplier_alerts WHERE kind = 'CANCEL_AT_SUPPLIER' AND subject = '${externalId}' AND resolved_at IS NULL`), '1');
    await sleep(1_100);
    await dispatch();
    assert.ok(fake.requests.some((r) => r.method === 'POST' && r.path.endsWith(`/orders/${remote}/cancel.json`)), 'Printify was asked to cancel');
    assert.notEqual(supplierOrder(order.number).state, 'CANCELLED');
    assert.match(sql(`SELECT last_error FROM supplier_orders WHERE external_id = '${externalId}'`), /^cancel: /);
    assert.equal(sql(`SELECT count(*) FROM supplier_alerts WHERE kind = 'CANCEL_AT_SUPPLIER' AND subject = '${externalId}' AND resolved_at IS NULL`), '1');
  });

  test('Printify webhooks bring the shipment at once, signed; a forged event is refused', async () => {
    const url = `${server.url}/webhooks/printify/${supplierId}`;
    for (let i = 0; i < 2; i += 1) {
      const subscribed = await suppliers(['webhooks', '--supplier', String(supplierId), '--url', url]);
      assert.equal(subscribed.code, 0, subscribed.output);
      assert.match(subscribed.stdout, /4 Printify order topics sent to/);
    }
    const hooks = await (await fetch(`${fake.url}/v1/shops/${fake.shopId}/webhooks.json`,
      { headers: { authorization: `Bearer ${fake.token}`, 'user-agent': 'test' } })).json();
    assert.deepEqual(hooks.filter((h) => h.url === url).map((h) => h.topic).sort(),
      ['order:sent-to-production', 'order:shipment:created', 'order:shipment:delivered', 'order:updated'], 'subscribing again replaces');
    assert.ok(!sql('SELECT session FROM suppliers').includes('webhook_secret'), 'the secret is sealed');

    const order = await paidOrder();
    assert.match(await dispatch(), /1 sent/);
    const { remote } = supplierOrder(order.number);
    const delivered = fake.deliveries.length;
    await fake.ship(remote, { carrier: 'ups', number: '1Z999AA10123456999' });
    const answers = fake.deliveries.slice(delivered);
    assert.ok(answers.length > 0 && answers.every((d) => d.status === 200), JSON.stringify(answers.map((d) => [d.topic, d.status, d.body])));
    const now = supplierOrder(order.number);
    assert.deepEqual([now.state, now.tracking], ['SHIPPED', '1Z999AA10123456999'], 'no dispatch needed');
    await until('the shop shipped the order', () => sql(`SELECT status FROM orders WHERE number = '${order.number}'`) === 'fulfilled');

    const event = JSON.stringify({ id: 'x', type: 'order:shipment:delivered', resource: { id: remote, type: 'order', data: {} } });
    const forged = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-pfy-signature': `sha256=${'0'.repeat(64)}` }, body: event });
    assert.equal(forged.status, 401);
    assert.equal((await fetch(`${server.url}/webhooks/printify/999999`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: event })).status, 404);
    assert.equal(supplierOrder(order.number).state, 'SHIPPED', 'the forged event changed nothing');
  });

  test('suppliers run --once does every job for every shop and says what it did', async () => {
    const order = await paidOrder();
    const ran = await runComptoir(['suppliers', 'run', '--once', '--shops', shopsFile], { env, timeout: 60_000 });
    assert.equal(ran.code, 0, ran.output);
    assert.match(ran.stdout, /^atelier: dispatch: 1 sent, .*stock of 1 variants/m, JSON.stringify(supplierOrder(order.number)));
    assert.notEqual(supplierOrder(order.number).state, 'PENDING');
    const usage = await runComptoir(['suppliers', 'dispatch', '--limit', 'many'], { env });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /'many' is not a number/);
  });
});
