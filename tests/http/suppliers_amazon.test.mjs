// Amazon as a supplier, black box against the fake SP-API (tests/support/fake_amazon.mjs): Login
// with Amazon's token exchange (and a new token when the old one is refused), the FBA inventory
// read page by page into the catalog, a paid order sent through Multi-Channel Fulfillment once —
// through a lost answer — and its package coming back as the customer's shipped order.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { until } from '../support/checkout_fixtures.mjs';
import { startFakeAmazon } from '../support/fake_amazon.mjs';
import { runComptoir, sleep, startServer, tempDir } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { checkoutAsGuest, createTokenCli, staffApi, tokenOf } from '../support/staff_shops.mjs';

const ADDRESS = { full_name: 'Amélie Roy', line1: '10 rue Wellington', city: 'Gatineau', postal_code: 'J8X 2H3' };
const capture = await startSmtpCapture();

describe('Amazon Multi-Channel Fulfillment', { timeout: 240_000 }, () => {
  let dir;
  let amazon;
  let server;
  let shopsFile;
  let product;
  let staff;
  let supplierId;
  let count = 0;
  const env = { COMPTOIR_ENV: 'test' };
  const sql = (query) => execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-F', '|', '-c', query], { encoding: 'utf8' }).trim();
  const suppliers = (args) => runComptoir(['suppliers', ...args, '--shops', shopsFile, '--shop', 'atelier'], { env, timeout: 120_000 });
  const ok = async (args) => {
    const done = await suppliers(args);
    assert.equal(done.code, 0, done.output);
    return done.stdout;
  };
  async function paidOrder() {
    count += 1;
    const order = await checkoutAsGuest(server, product, { email: `amz-${count}-${process.pid}@example.ca`, address: ADDRESS, quantity: 1 });
    assert.equal((await staff.move(order.number, { to: 'paid' })).status, 200);
    return order;
  }
  const supplierOrder = (number) => {
    const [externalId, state, tracking] = sql(`SELECT s.external_id, s.state, s.tracking_number FROM supplier_orders s
      JOIN orders o ON o.id = s.order_id WHERE o.number = '${number}'`).split('|');
    return { externalId, state, tracking };
  };

  before(async () => {
    dir = tempDir('comptoir-amazon-');
    amazon = await startFakeAmazon({ itemCount: 120 });
    const keys = `k1:${randomBytes(32).toString('base64')}`;
    server = await startServer({ env: { COMPTOIR_SECRET_KEYS: keys, SMTP_URL: capture.url, MAIL_FROM: 'atelier@example.ca' } });
    const api = catalogApi(server, await createToken(server));
    const made = await api.post('/api/v1/products', {
      status: 'active', fulfillment_type: 'DROPSHIPPING', text: { fr: { name: 'Lampe' }, en: { name: 'Lamp' } },
      variants: [{ sku: 'AMZ-3', price_cents: 6_000, stock_on_hand: 0 }],
    });
    product = { id: made.id, variant: made.variants[0].id };
    const token = await createTokenCli(server, 'desk', ['orders:read', 'orders:write']);
    staff = staffApi(server, tokenOf(token));
    fs.writeFileSync(path.join(dir, 'atelier.keys'), `${keys}\n`, { mode: 0o600 });
    shopsFile = path.join(dir, 'comptoir-shops.json');
    fs.writeFileSync(shopsFile, JSON.stringify([{ id: 'atelier', database_url: server.database.url, secret_keys_file: 'atelier.keys' }]));
    fs.writeFileSync(path.join(dir, 'amazon.json'), JSON.stringify({ client_id: amazon.clientId, client_secret: amazon.clientSecret,
      refresh_token: amazon.refreshToken, lwa_endpoint: `${amazon.url}/auth/o2/token` }));
    supplierId = Number((await ok(['add', '--type', 'amazon', '--name', 'Amazon FBA', '--api-base', amazon.url,
      '--account', amazon.marketplaceId, '--credentials-file', path.join(dir, 'amazon.json')])).trim());
  }, { timeout: 120_000 });
  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('test and sync: one token for many calls, the inventory page by page, stock in the shop', async () => {
    assert.match(await ok(['test', '--supplier', String(supplierId)]), /Amazon marketplace A2EUQ1WTGCTBG2/);
    const synced = await ok(['sync', '--supplier', String(supplierId)]);
    assert.match(synced, /120 products, 120 variants \(120 new, 0 updated\)/);
    assert.match(synced, /1 mapped by SKU/);
    assert.equal(amazon.tokensIssued, 2, 'one access token per process, reused across pages');
    const pages = amazon.requests.filter((r) => r.path === '/fba/inventory/v1/summaries');
    assert.ok(pages.length >= 3, `${pages.length} pages`);
    assert.ok(pages.every((r) => r.headers['x-amz-access-token']?.startsWith('Atza|')));
    assert.equal(sql(`SELECT supplier_stock FROM variants WHERE id = ${product.variant}`), String(21 % 50));
    const logged = sql('SELECT string_agg(request_body || response_body || path || error, \'\') FROM supplier_api_calls');
    assert.ok(!logged.includes(amazon.refreshToken) && !logged.includes(amazon.clientSecret) && !logged.includes('Atza|'), 'no secret in the call log');
  });

  test('an order goes through MCF once, through a lost answer and an expired token, and comes back shipped', async () => {
    const order = await paidOrder();
    const { externalId } = supplierOrder(order.number);
    // The token ends after the create (whose answer is lost): the lookup that follows meets a 403.
    amazon.failNext({ status: 503, afterProcessing: true, method: 'POST', path: /fulfillmentOrders$/ });
    amazon.expireTokenAfter(1);
    const issued = amazon.tokensIssued;
    await ok(['dispatch']);
    for (let i = 0; i < 10 && supplierOrder(order.number).state === 'PENDING'; i += 1) {
      await sleep(1_000);
      await ok(['dispatch']);
    }
    assert.equal(supplierOrder(order.number).state, 'CONFIRMED');
    assert.equal(amazon.tokensIssued, issued + 2, 'a new token after the 403');
    assert.ok(amazon.requests.some((r) => r.headers['x-amz-access-token'] && r.path.startsWith('/fba/outbound') && r.method === 'GET'));
    const made = amazon.orders.get(externalId);
    assert.ok(made, 'Amazon has the order under our id');
    assert.equal([...amazon.orders.keys()].filter((id) => id === externalId).length, 1);
    const head = made.fulfillmentOrder;
    assert.deepEqual([head.displayableOrderId, head.destinationAddress.name, head.destinationAddress.postalCode],
      [order.number, 'Amélie Roy', 'J8X 2H3']);

    amazon.ship(externalId, { carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784' });
    await sleep(1_100);
    assert.match(await ok(['dispatch']), /1 shipped/);
    assert.equal(supplierOrder(order.number).tracking, '1Z999AA10123456784');
    await until('the shop shipped the order', () => sql(`SELECT status FROM orders WHERE number = '${order.number}'`) === 'fulfilled');
    const mail = await capture.waitFor(order.email, (m) => /expédiée/.test(m.subject));
    assert.match(mail.parts['text/plain'], /ups\.com\/track\?tracknum=1Z999AA10123456784/);
  });
});
