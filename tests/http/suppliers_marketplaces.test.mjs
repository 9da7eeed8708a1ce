// Makers who sell on Etsy or eBay as suppliers, black box against fakes written from each
// platform's reference (tests/support/fake_etsy.mjs, fake_ebay.mjs): OAuth refresh tokens (Etsy's
// rotated one kept sealed and used by the next run), a token that ends mid-sync, the catalog page
// by page with costs, stock and GTINs, and an order to such a supplier going by mail.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { startFakeEbay } from '../support/fake_ebay.mjs';
import { startFakeEtsy } from '../support/fake_etsy.mjs';
import { runComptoir, startServer, tempDir } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { checkoutAsGuest, createTokenCli, staffApi, tokenOf } from '../support/staff_shops.mjs';

const capture = await startSmtpCapture();
const MAKER = 'atelier.potier@example.ca';

describe('Etsy and eBay suppliers', { timeout: 240_000 }, () => {
  let dir;
  let etsy;
  let ebay;
  let server;
  let shopsFile;
  let staff;
  let etsyId;
  let ebayId;
  const products = {};
  const env = { COMPTOIR_ENV: 'test' };
  const sql = (query) => execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-F', '|', '-c', query], { encoding: 'utf8' }).trim();
  const ok = async (...args) => {
    const done = await runComptoir(['suppliers', ...args, '--shops', shopsFile, '--shop', 'atelier'], { env, timeout: 120_000 });
    assert.equal(done.code, 0, done.output);
    return done.stdout;
  };
  const json = (name, value) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };

  before(async () => {
    dir = tempDir('comptoir-marketplaces-');
    etsy = await startFakeEtsy({ listingCount: 150, productsPerListing: 2 });
    ebay = await startFakeEbay({ itemCount: 130 });
    const keys = `k1:${randomBytes(32).toString('base64')}`;
    server = await startServer({ env: { COMPTOIR_SECRET_KEYS: keys, SMTP_URL: capture.url, MAIL_FROM: 'atelier@example.ca' } });
    const api = catalogApi(server, await createToken(server));
    for (const [sku, fr, en] of [['ETSY-2-1', 'Vase émaillé', 'Glazed vase'], ['EBAY-7', 'Bougeoir', 'Candle holder']]) {
      const made = await api.post('/api/v1/products', {
        status: 'active', fulfillment_type: 'DROPSHIPPING', text: { fr: { name: fr }, en: { name: en } },
        variants: [{ sku, price_cents: 4_500, stock_on_hand: 0 }],
      });
      products[sku] = { id: made.id, variant: made.variants[0].id };
    }
    staff = staffApi(server, tokenOf(await createTokenCli(server, 'desk', ['orders:read', 'orders:write'])));
    fs.writeFileSync(path.join(dir, 'atelier.keys'), `${keys}\n`, { mode: 0o600 });
    shopsFile = path.join(dir, 'comptoir-shops.json');
    fs.writeFileSync(shopsFile, JSON.stringify([{ id: 'atelier', database_url: server.database.url, secret_keys_file: 'atelier.keys' }]));
    etsyId = Number((await ok('add', '--type', 'etsy', '--name', 'Poterie sur Etsy', '--api-base', etsy.url, '--account', String(etsy.shopId),
      '--contact-email', MAKER, '--credentials-file', json('etsy.json', { keystring: etsy.keystring, shared_secret: etsy.sharedSecret, refresh_token: etsy.refreshToken }))).trim());
    ebayId = Number((await ok('add', '--type', 'ebay', '--name', 'Bougies sur eBay', '--api-base', ebay.url, '--account', ebay.marketplaceId,
      '--contact-email', 'bougies@example.ca', '--credentials-file', json('ebay.json', { client_id: ebay.clientId, client_secret: ebay.clientSecret, refresh_token: ebay.refreshToken }))).trim());
  }, { timeout: 120_000 });
  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('Etsy: the rotated refresh token is kept sealed and used by the next run; a token ending mid-sync is renewed', async () => {
    const first = etsy.refreshToken;
    assert.match(await ok('test', '--supplier', String(etsyId)), /Etsy shop \d+: 150 active listings/);
    assert.notEqual(etsy.refreshToken, first, 'Etsy handed out a new refresh token');
    const session = sql(`SELECT session FROM suppliers WHERE id = ${etsyId}`);
    assert.match(session, /^v1\./);
    assert.ok(!session.includes(etsy.refreshToken));
    etsy.expireTokenAfter(1);
    const synced = await ok('sync', '--supplier', String(etsyId));
    assert.match(synced, /150 products, 300 variants \(300 new, 0 updated\)/);
    assert.match(synced, /1 mapped by SKU/);
    const calls = etsy.requests.filter((r) => r.path.includes('/listings'));
    assert.ok(calls.every((r) => r.headers['x-api-key'] && r.headers.authorization?.startsWith('Bearer ')));
    assert.equal(sql("SELECT cost || ' ' || stock || ' ' || currency FROM supplier_variants WHERE sku = 'ETSY-2-1'"), '1600 7 CAD');
    assert.equal(sql(`SELECT supplier_stock FROM variants WHERE id = ${products['ETSY-2-1'].variant}`), '7');
    const logged = sql('SELECT string_agg(request_body || response_body || path || error, \'\') FROM supplier_api_calls');
    assert.ok(!logged.includes(etsy.refreshToken) && !logged.includes(etsy.sharedSecret), 'no secret in the call log');
  });

  test('eBay: inventory items with their offers\' prices and GTINs, page by page', async () => {
    const synced = await ok('sync', '--supplier', String(ebayId));
    assert.match(synced, /130 products, 130 variants \(130 new, 0 updated\)/);
    assert.match(synced, /1 mapped by SKU/);
    const [cost, stock, gtin] = sql("SELECT cost, stock, gtin FROM supplier_variants WHERE sku = 'EBAY-7'").split('|');
    assert.deepEqual([cost, stock], ['1799', '5']);
    assert.match(gtin, /^\d{13}$/);
    assert.equal(sql("SELECT count(*) FROM supplier_variants WHERE sku = 'EBAY-4' AND cost IS NULL"), '1', 'no offer: cost unknown');
    const token = ebay.requests.find((r) => r.path === '/identity/v1/oauth2/token');
    assert.equal(token.headers.authorization, `Basic ${Buffer.from(`${ebay.clientId}:${ebay.clientSecret}`).toString('base64')}`);
  });

  test('an order to a maker on Etsy goes by mail', async () => {
    const order = await checkoutAsGuest(server, products['ETSY-2-1'], { email: `etsy-${process.pid}@example.ca`,
      address: { full_name: 'Léa Martin', line1: '3 rue du Fort', city: 'Québec', postal_code: 'G1R 3Z8' }, quantity: 1 });
    assert.equal((await staff.move(order.number, { to: 'paid' })).status, 200);
    const externalId = sql(`SELECT s.external_id FROM supplier_orders s JOIN orders o ON o.id = s.order_id WHERE o.number = '${order.number}'`);
    assert.equal(externalId, `${order.number}-S${etsyId}`);
    assert.match(await ok('dispatch'), /1 sent/);
    const mail = await capture.waitFor(MAKER, (m) => m.subject.includes(externalId));
    assert.match(mail.parts['text/plain'], /1 × ETSY-2-1/);
  });
});
