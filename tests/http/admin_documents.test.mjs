// An order's invoice and packing slip in the back office, black box: none before the order is
// paid (409, no links), then the seller as the settings name it with its GST/QST numbers, the
// lines, every tax on its own line and the total; the paper in the order's language or the other
// one asked for; the packing slip without prices; the buyer's address audited at each viewing; and
// who may open them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backOffice, ROLES } from '../support/back_office.mjs';
import { checkoutShop, quebecTotals } from '../support/checkout_fixtures.mjs';
import { formsOf } from '../support/form_client.mjs';
import { pageText } from '../support/html.mjs';
import { describe as show, startServer } from '../support/server.mjs';

const KEYS = `k1:${Buffer.alloc(32, 44).toString('base64')}`;
const READERS = ['owner', 'admin', 'order_manager', 'support'];

let server;
let office;
let shop;
let product;
const staff = {};
const flat = (text) => pageText(text).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

// A guest's order of `quantity` candles, placed through the cart and checkout API (offline
// payment: it waits, pending).
async function placeOrder(quantity, locale = 'fr') {
  const buyer = await shop.shopper({ locale });
  await buyer.add(product, quantity);
  const res = await buyer.checkout({ shipping_address: { full_name: 'Hélène Gagnon', line1: '12 rue des Érables', city: 'Sherbrooke', postal_code: 'J1H 5N4' } });
  assert.equal(res.status, 201, show(res));
  return res.json().order.number;
}

async function markPaid(number) {
  const page = await staff.order_manager.client.get(`/admin/orders/${number}`);
  const form = formsOf(page.text).find((f) => f.fields.to === 'paid');
  assert.ok(form, 'no "paid" action');
  const res = await staff.order_manager.client.send(form.action, { method: 'POST', form: form.fields });
  assert.equal(res.status, 303, show(res));
}

before(async () => {
  server = await startServer({ env: { COMPTOIR_SECRET_KEYS: KEYS } });
  office = backOffice(server, { firstAddress: 110 });
  shop = await checkoutShop(server);
  product = await shop.product({ fr: 'Bougie de soja', en: 'Soy candle', price: 1_800, stock: 40 });
  office.sql(`INSERT INTO settings (key, value) VALUES ('legal.entity', '{"name": "Chandelles Nord inc.",
    "address": "8, rue du Quai\\nGaspé (Québec)  G4X 1A1", "gst_number": "123456789RT0001",
    "qst_number": "1234567890TQ0001", "vat_number": ""}'), ('shop.contact_email', '"aide@chandelles.example"')`);
  for (const role of ROLES) staff[role] = await office.staffMember(role, `papiers-${role}`);
}, { timeout: 120_000 });
after(async () => {
  await server?.stop();
});

describe('an order’s papers', { timeout: 90_000 }, () => {
  test('none before the order is paid', async () => {
    const number = await placeOrder(1);
    const page = await staff.owner.client.get(`/admin/orders/${number}`);
    assert.doesNotMatch(page.text, /\/invoice"/);
    for (const paper of ['invoice', 'packing-slip']) {
      const res = await staff.owner.client.get(`/admin/orders/${number}/${paper}`);
      assert.equal(res.status, 409, show(res));
      assert.match(flat(res.text), /n’a jamais été payée/);
    }
  });

  test('the invoice names the seller, its tax numbers, each line and each tax, in the order’s language', async () => {
    const number = await placeOrder(2);
    await markPaid(number);
    const page = await staff.owner.client.get(`/admin/orders/${number}`);
    assert.match(page.text, new RegExp(`href="/admin/orders/${number}/invoice"`));
    assert.match(page.text, new RegExp(`href="/admin/orders/${number}/packing-slip"`));

    const viewed = () => Number(office.sql(`SELECT count(*) FROM audit_log WHERE action = 'order.address_viewed'
      AND target_id = '${number}' AND details->>'document' = 'invoice'`));
    const res = await staff.owner.client.get(`/admin/orders/${number}/invoice`);
    assert.equal(res.status, 200, show(res));
    assert.match(res.text, /<article class="document document--invoice" lang="fr"/);
    const text = flat(res.text);
    const totals = quebecTotals([{ price: 1_800, quantity: 2 }]);
    const money = (cents) => `${(cents / 100).toFixed(2).replace('.', ',')} $`;
    for (const expected of ['Chandelles Nord inc.', '8, rue du Quai', 'Gaspé (Québec) G4X 1A1',
      `Facture n° ${number}`, 'N° de TPS/TVH 123456789RT0001', 'N° de TVQ 1234567890TQ0001',
      'Facturé à Hélène Gagnon', 'Bougie de soja CHK-', `TPS (5 %) ${money(totals.gst)}`,
      `TVQ (9,975 %) ${money(totals.qst)}`, `Total ${money(totals.total)}`, 'Payé hors ligne.',
      'Questions : aide@chandelles.example']) {
      assert.ok(text.includes(expected), `"${expected}" is not on the invoice:\n${text}`);
    }
    assert.ok(!text.includes('TVA intracommunautaire'), 'no VAT number line when the shop has none');
    assert.equal(viewed(), 1, 'reading the buyer’s address is on record');

    const english = await staff.owner.client.get(`/admin/orders/${number}/invoice?lang=en`);
    assert.equal(english.status, 200, show(english));
    assert.match(english.text, /<article class="document document--invoice" lang="en"/);
    const words = flat(english.text);
    for (const expected of [`Invoice no. ${number}`, 'GST/HST no. 123456789RT0001', 'QST no. 1234567890TQ0001', 'Bill to',
      // The lines keep the names the customer ordered under (in French here).
      'Bougie de soja', `GST (5%) $${(totals.gst / 100).toFixed(2)}`, `Total $${(totals.total / 100).toFixed(2)}`]) {
      assert.ok(words.includes(expected), `"${expected}" is not on the English invoice:\n${words}`);
    }
    assert.equal(viewed(), 2);
  });

  test('the packing slip lists what to pack without prices, and where to ship it', async () => {
    const number = await placeOrder(3);
    await markPaid(number);
    const res = await staff.support.client.get(`/admin/orders/${number}/packing-slip`);
    assert.equal(res.status, 200, show(res));
    const text = flat(res.text);
    assert.match(text, /Bordereau d’expédition/);
    assert.match(text, /Livrer à Hélène Gagnon 12 rue des Érables/);
    assert.match(text, new RegExp(`${product.sku} Bougie de soja 3`));
    assert.ok(!text.includes('18,00 $'), 'no prices on a packing slip');
    assert.equal(Number(office.sql(`SELECT count(*) FROM audit_log WHERE action = 'order.address_viewed'
      AND target_id = '${number}' AND details->>'document' = 'packing_slip' AND actor_id = ${staff.support.id}`)), 1);
  });

  test('orders:read opens them; others get 403', async () => {
    const number = await placeOrder(1);
    await markPaid(number);
    for (const role of ROLES) {
      for (const paper of ['invoice', 'packing-slip']) {
        const res = await staff[role].client.get(`/admin/orders/${number}/${paper}`);
        assert.equal(res.status, READERS.includes(role) ? 200 : 403, `${role} ${paper}: ${show(res)}`);
      }
    }
    const anonymous = await office.visitor().get(`/admin/orders/${number}/invoice`);
    assert.equal(anonymous.status, 303, show(anonymous));
    const unknown = await staff.owner.client.get('/admin/orders/CMP-NOPE/invoice');
    assert.equal(unknown.status, 404, show(unknown));
  });
});
