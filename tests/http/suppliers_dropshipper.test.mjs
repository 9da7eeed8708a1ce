// A generic dropshipper end to end, black box: its price list read as a catalog (CSV), purchase
// orders sent as signed JSON POSTs (tests/support/fake_dropshipper.mjs) — once, through a lost
// answer — or by mail through the shop's outbox (a real SMTP capture); the supplier's signed news
// (or staff's, with a token) on POST /api/v1/supplier-orders/{external_id}/events, refused with
// problem+json when unsigned, stale, forged, backwards or malformed; and the shop shipping the
// customer's order with the tracking mail.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { backOffice } from '../support/back_office.mjs';
import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { until } from '../support/checkout_fixtures.mjs';
import { sign, startFakeDropshipper } from '../support/fake_dropshipper.mjs';
import { pageText } from '../support/html.mjs';
import { request, runComptoir, startServer, tempDir } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { checkoutAsGuest, createTokenCli, staffApi, tokenOf } from '../support/staff_shops.mjs';

const ADDRESS = { full_name: 'Jean Gagnon', line1: '55 rue King Ouest', city: 'Sherbrooke', postal_code: 'J1H 1P1', phone: '819 555 0199' };
const SUPPLIER_MAIL = 'commandes@grossiste.example';
const capture = await startSmtpCapture();

describe('a generic dropshipper', { timeout: 240_000 }, () => {
  let dir;
  let fake;
  let server;
  let shopsFile;
  let mug;
  let bowl;
  let viaPost;
  let viaMail;
  let staff;
  let readOnly;
  let manager;
  let count = 0;
  const env = { COMPTOIR_ENV: 'test' };
  const sql = (query) => execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-F', '|', '-c', query], { encoding: 'utf8' }).trim();
  const suppliers = (args) => runComptoir(['suppliers', ...args, '--shops', shopsFile, '--shop', 'atelier'], { env, timeout: 60_000 });
  const ok = async (args) => {
    const done = await suppliers(args);
    assert.equal(done.code, 0, done.output);
    return done.stdout;
  };
  async function paidOrder(product) {
    count += 1;
    const order = await checkoutAsGuest(server, product, { email: `ds-${count}-${process.pid}@example.ca`, address: ADDRESS, quantity: 2 });
    const moved = await staff.move(order.number, { to: 'paid' });
    assert.equal(moved.status, 200, moved.text);
    return order;
  }
  const supplierOrder = (number) => {
    const [externalId, state, remote] = sql(`SELECT s.external_id, s.state, s.supplier_order_number FROM supplier_orders s
      JOIN orders o ON o.id = s.order_id WHERE o.number = '${number}'`).split('|');
    return { externalId, state, remote };
  };
  const news = (externalId, body, headers) => request(`${server.url}/api/v1/supplier-orders/${externalId}/events`, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify(body),
  });
  const problem = (res, status, code) => {
    assert.equal(res.status, status, res.text);
    assert.match(res.headers['content-type'], /^application\/problem\+json/);
    if (code) assert.equal(JSON.parse(res.text).code, code);
  };

  before(async () => {
    dir = tempDir('comptoir-dropshipper-');
    fake = await startFakeDropshipper();
    const keys = `k1:${randomBytes(32).toString('base64')}`;
    server = await startServer({ env: { COMPTOIR_SECRET_KEYS: keys, SMTP_URL: capture.url, MAIL_FROM: 'atelier@example.ca' } });
    const api = catalogApi(server, await createToken(server));
    const product = async (fr, en, sku, gtin = '') => {
      const made = await api.post('/api/v1/products', {
        status: 'active', fulfillment_type: 'DROPSHIPPING', text: { fr: { name: fr }, en: { name: en } },
        variants: [{ sku, gtin, price_cents: 2_500, stock_on_hand: 0 }],
      });
      return { id: made.id, variant: made.variants[0].id };
    };
    mug = await product('Tasse en grès', 'Stoneware mug', 'DS-MUG');
    bowl = await product('Bol en grès', 'Stoneware bowl', 'DS-BOWL', '061414100045');
    const made = await createTokenCli(server, 'desk', ['orders:read', 'orders:write', 'orders:refund']);
    staff = staffApi(server, tokenOf(made));
    const reader = await createTokenCli(server, 'reader', ['orders:read']);
    readOnly = tokenOf(reader);
    staff.token = tokenOf(made);
    manager = await backOffice(server, { firstAddress: 150 }).staffMember('order_manager', 'fournisseurs');

    fs.writeFileSync(path.join(dir, 'atelier.keys'), `${keys}\n`, { mode: 0o600 });
    shopsFile = path.join(dir, 'comptoir-shops.json');
    fs.writeFileSync(shopsFile, JSON.stringify([{ id: 'atelier', database_url: server.database.url, secret_keys_file: 'atelier.keys' }]));
    fs.writeFileSync(path.join(dir, 'secret.json'), JSON.stringify({ signing_secret: fake.secret }));
    viaPost = Number((await ok(['add', '--type', 'dropshipper', '--name', 'Grès du Nord', '--api-base', fake.url,
      '--credentials-file', path.join(dir, 'secret.json')])).trim());
    viaMail = Number((await ok(['add', '--type', 'dropshipper', '--name', 'Grossiste Courriel', '--contact-name', 'Lucie',
      '--contact-email', SUPPLIER_MAIL])).trim());
  }, { timeout: 120_000 });
  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a price list is the catalog: read, mapped by SKU or GTIN, its stock sellable, a bad line reported', async () => {
    fs.writeFileSync(path.join(dir, 'gres.csv'), 'sku;title;cost;currency;stock;product\nDS-MUG;Tasse 350 ml;9,50;CAD;40;mug\nDS-ODD;Plat;abc;CAD;1;plat\n');
    const read = await ok(['sync', '--supplier', String(viaPost), '--file', path.join(dir, 'gres.csv')]);
    assert.match(read, /2 products, 1 variants \(1 new, 0 updated\), 1 unreadable, 0 gone, 1 mapped by SKU, 0 by GTIN, 0 unmapped/);
    assert.match(sql("SELECT sync_errors FROM supplier_products WHERE external_id = 'plat'"), /line 3: cost 'abc' is not an amount/);
    assert.equal(sql(`SELECT cost || ' ' || stock FROM supplier_variants WHERE sku = 'DS-MUG'`), '950 40');
    assert.equal(sql(`SELECT stock_on_hand || ' ' || supplier_stock FROM variants WHERE id = ${mug.variant}`), '0 40');
    // The wholesaler has its own SKUs; the bowl's barcode (written as an EAN-13) finds it.
    fs.writeFileSync(path.join(dir, 'courriel.csv'), 'SKU,Title,Cost,Stock,GTIN\nGC-77,Bol 15 cm,8.00,,0061414100045\n');
    assert.match(await ok(['sync', '--supplier', String(viaMail), '--file', path.join(dir, 'courriel.csv')]), /0 mapped by SKU, 1 by GTIN, 0 unmapped/);
    assert.equal(sql(`SELECT m.source || ' ' || m.variant_id FROM supplier_mappings m JOIN supplier_variants v
      ON v.id = m.supplier_variant_id WHERE v.sku = 'GC-77'`), `GTIN ${bowl.variant}`);
    const usage = await runComptoir(['suppliers', 'sync', '--file', 'x.csv'], { env });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--file needs --supplier ID/);
    assert.match(await ok(['test', '--supplier', String(viaPost)]), /answered the signed ping/);
    assert.match(await ok(['test', '--supplier', String(viaMail)]), new RegExp(`by mail to ${SUPPLIER_MAIL}`));
  });

  test('a purchase order goes as one signed POST, even through a lost answer; the signed news ships the order', async () => {
    const order = await paidOrder(mug);
    const { externalId } = supplierOrder(order.number);
    fake.failNext({ status: 502, afterProcessing: true });
    await ok(['dispatch']);
    for (let i = 0; i < 10 && supplierOrder(order.number).state === 'PENDING'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await ok(['dispatch']);
    }
    const sent = supplierOrder(order.number);
    assert.equal(sent.state, 'CONFIRMED');
    assert.equal(fake.orders.size, 1, 'the supplier made one order');
    const made = fake.orders.get(externalId);
    assert.equal(sent.remote, made.id);
    const posts = fake.messages.filter((m) => m.type === 'purchase_order');
    assert.ok(posts.length >= 2, 'sent again after the lost answer');
    assert.ok(posts.every((m) => m.signature === 'valid' && m.headers['idempotency-key'] === externalId));
    assert.deepEqual([made.order.label, made.order.ship_to.name, made.order.ship_to.postal_code, made.order.items[0].sku, made.order.items[0].quantity],
      [order.number, 'Jean Gagnon', 'J1H 1P1', 'DS-MUG', 2]);

    const shipped = await fake.send(server.url, externalId, { state: 'SHIPPED', carrier: 'Purolator', tracking_number: '330200012345', supplier_order_number: made.id });
    assert.equal(shipped.status, 200, shipped.text);
    assert.deepEqual([shipped.json.state, shipped.json.tracking_number], ['SHIPPED', '330200012345']);
    await until('the shop shipped the order', () => sql(`SELECT status FROM orders WHERE number = '${order.number}'`) === 'fulfilled');
    const mail = await capture.waitFor(order.email, (m) => /expédiée/.test(m.subject));
    assert.match(mail.parts['text/plain'], /330200012345/);
    assert.match(mail.parts['text/plain'], /purolator\.com/);
  });

  test('news that is unsigned, stale, forged, backwards or malformed is refused with problem+json', async () => {
    const order = await paidOrder(mug);
    await ok(['dispatch']);
    const { externalId } = supplierOrder(order.number);
    const body = { state: 'IN_PRODUCTION' };
    problem(await news(externalId, body), 401);
    problem(await news(externalId, body, { 'comptoir-signature': sign('not-the-secret', JSON.stringify(body)) }), 401, 'suppliers.signature');
    problem(await news(externalId, body, { 'comptoir-signature': sign(fake.secret, JSON.stringify(body), Math.floor(Date.now() / 1000) - 600) }), 401, 'suppliers.signature');
    problem(await news(externalId, body, { 'comptoir-signature': sign(fake.secret, JSON.stringify({ state: 'DELIVERED' })) }), 401, 'suppliers.signature');
    problem(await news('CMP-00000000-S1', body, { 'comptoir-signature': sign(fake.secret, JSON.stringify(body)) }), 401, 'suppliers.signature');
    problem(await news(externalId, body, { authorization: `Bearer ${readOnly}` }), 403);
    problem(await news('CMP-00000000-S1', body, { authorization: `Bearer ${staff.token}` }), 404, 'suppliers.not_found');
    problem(await news(externalId, { state: 'SENT_TO_SUPPLIER' }, { authorization: `Bearer ${staff.token}` }), 422, 'suppliers.invalid');
    problem(await news(externalId, { state: 'SHIPPED', tracking_url: 'javascript:alert(1)' }, { authorization: `Bearer ${staff.token}` }), 422, 'suppliers.invalid');
    const english = await request(`${server.url}/api/v1/supplier-orders/${externalId}/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${staff.token}`, 'accept-language': 'en' }, body: '{"state":',
    });
    problem(english, 400);
    assert.match(JSON.parse(english.text).detail, /not a valid JSON object/);
    assert.equal((await fake.send(server.url, externalId, { state: 'DELIVERED' })).status, 200);
    const back = await fake.send(server.url, externalId, { state: 'IN_PRODUCTION' });
    problem(back, 409, 'suppliers.not_allowed');
    assert.equal(back.json.state, 'DELIVERED');
    assert.equal(supplierOrder(order.number).state, 'DELIVERED');
  });

  // What the back office's order page says of the order's suppliers, as one line of text.
  const suppliersSection = async (number) => {
    const page = await manager.client.get(`/admin/orders/${number}`);
    assert.equal(page.status, 200, page.text.slice(0, 500));
    const section = /<section[^>]*id="fulfilment"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? '';
    return pageText(section).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
  };

  test('a supplier without a URL gets the purchase order by mail; staff record its tracking', async () => {
    const order = await paidOrder(bowl);
    const { externalId } = supplierOrder(order.number);
    // Before any engine runs, the back office shows who will fulfil it, waiting.
    assert.match(await suppliersSection(order.number), /Fournisseurs .*Grossiste Courriel En attente En attente d’envoi .*2 × GC-77 Bol 15 cm/);
    assert.match(await ok(['dispatch']), /1 sent/);
    assert.equal(supplierOrder(order.number).state, 'SENT_TO_SUPPLIER');
    const mail = await capture.waitFor(SUPPLIER_MAIL, (m) => m.subject.includes(externalId));
    assert.equal(mail.subject, `Bon de commande ${externalId}`);
    const text = mail.parts['text/plain'];
    for (const expected of [order.number, '2 × GC-77 Bol 15 cm', 'Jean Gagnon', '55 rue King Ouest', 'J1H 1P1']) {
      assert.ok(text.includes(expected), `the purchase order says ${expected}:\n${text}`);
    }
    assert.match(await ok(['dispatch']), /0 sent/, 'sent once');

    const recorded = await news(externalId, { state: 'SHIPPED', carrier: 'canada_post', tracking_number: '7023210039414604' },
      { authorization: `Bearer ${staff.token}` });
    assert.equal(recorded.status, 200, recorded.text);
    await until('the shop shipped the order', () => sql(`SELECT status FROM orders WHERE number = '${order.number}'`) === 'fulfilled');
    const shipped = await capture.waitFor(order.email, (m) => /expédiée/.test(m.subject));
    assert.match(shipped.parts['text/plain'], /7023210039414604/);
    assert.match(await suppliersSection(order.number), /Grossiste Courriel Expédiée .*Postes Canada 7023210039414604/);
  });
});
