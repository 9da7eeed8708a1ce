// The back office's settings, black box: who may open and save them, a save in French that the
// cart and the next order follow at once (the handling fee), the registration numbers written in
// one shape, refusals that name each field (in English for an English staff member) and write
// nothing, a stale form that writes nothing and lists what changed, CSRF, and the audit entry with
// each changed field before and after.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backOffice, ROLES } from '../support/back_office.mjs';
import { checkoutShop, quebecTotals } from '../support/checkout_fixtures.mjs';
import { fieldOf, formOf, pageText, setField } from '../support/html.mjs';
import { describe as show, startServer } from '../support/server.mjs';

const MANAGERS = ['owner', 'admin'];

let server;
let office;
let shop;
const staff = {};
const flat = (text) => pageText(text).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
const revision = () => Number(office.sql("SELECT coalesce((SELECT value::text FROM settings WHERE key = 'settings.revision'), '0')"));
const setting = (key) => office.sql(`SELECT value::text FROM settings WHERE key = ${office.quote(key)}`);

async function settingsForm(client) {
  const res = await client.get('/admin/settings');
  assert.equal(res.status, 200, show(res));
  return formOf(res.text, 'settings');
}

const post = (client, form) => client.send(form.action, { method: 'POST', form: form.fields });

// The form as it stands, with `changes` ({ name: value }) typed in.
function typed(form, changes) {
  let fields = form.fields;
  for (const [name, value] of Object.entries(changes)) {
    if (value === false) fields = fields.filter(([k]) => k !== name);
    else if (fieldOf(fields, name) === undefined) fields = [...fields, [name, value]];
    else fields = setField(fields, name, value);
  }
  return { action: form.action, fields };
}

before(async () => {
  server = await startServer();
  office = backOffice(server, { firstAddress: 90 });
  shop = await checkoutShop(server);
  for (const role of ROLES) staff[role] = await office.staffMember(role, `reglages-${role}`);
}, { timeout: 120_000 });
after(async () => {
  await server?.stop();
});

describe('who sees and saves the settings', { timeout: 60_000 }, () => {
  test('settings:manage (owner, admin) only; anonymous visitors are sent to sign in', async () => {
    for (const role of ROLES) {
      const res = await staff[role].client.get('/admin/settings');
      assert.equal(res.status, MANAGERS.includes(role) ? 200 : 403, `${role}: ${show(res)}`);
      const nav = /<nav\b[\s\S]*?<\/nav>/.exec(res.text)?.[0] ?? '';
      if (res.status === 200) assert.match(nav, /href="\/admin\/settings"/);
    }
    const dashboard = await staff.support.client.get('/admin/');
    assert.doesNotMatch(dashboard.text, /href="\/admin\/settings"/, 'no link to a screen one may not open');
    const anonymous = await office.visitor().get('/admin/settings');
    assert.equal(anonymous.status, 303, show(anonymous));
    assert.equal(anonymous.headers.location, `/fr/connexion?next=${encodeURIComponent('/admin/settings')}`);

    const form = await settingsForm(staff.owner.client);
    const before = revision();
    const refused = await post(staff.order_manager.client, typed(form, { name_fr: 'Pirate' }));
    assert.equal(refused.status, 403, show(refused));
    assert.equal(revision(), before);
  });

  test('a form without its CSRF token is refused and writes nothing', async () => {
    const form = await settingsForm(staff.admin.client);
    const before = revision();
    const res = await post(staff.admin.client, typed(form, { _csrf: false, name_fr: 'Sans jeton' }));
    assert.equal(res.status, 403, show(res));
    assert.equal(revision(), before);
  });
});

describe('saving', { timeout: 90_000 }, () => {
  test('a handling fee saved in French is in the next cart and order at once, and audited', async () => {
    const product = await shop.product({ fr: 'Bougie', en: 'Candle', price: 2_000, stock: 20 });
    const form = await settingsForm(staff.owner.client);
    const saved = await post(staff.owner.client, typed(form, {
      name_fr: 'Atelier Lumière', name_en: 'Light Workshop', contact_email: 'bonjour@atelier.example',
      legal_name: 'Atelier Lumière inc.', legal_address: '12, rue des Forges\r\nTrois-Rivières (Québec)  G9A 2G4',
      gst_number: '123 456 789 rt 0001', qst_number: '1234567890 TQ 0001',
      handling_fee: '2,50', handling_fee_taxable: false, low_stock_threshold: '3', return_window_days: '14',
      supplier_reprice_limit: '10',
    }));
    assert.equal(saved.status, 303, show(saved));
    assert.equal(saved.headers.location, '/admin/settings?notice=settings_saved');
    const page = await staff.owner.client.get(saved.headers.location);
    assert.match(flat(page.text), /Paramètres enregistrés/);
    const shown = formOf(page.text, 'settings');
    assert.equal(fieldOf(shown.fields, 'gst_number'), '123456789RT0001', 'numbers are kept without spaces, in capitals');
    assert.equal(fieldOf(shown.fields, 'qst_number'), '1234567890TQ0001');
    assert.equal(fieldOf(shown.fields, 'handling_fee'), '2,50');
    assert.equal(fieldOf(shown.fields, 'handling_fee_taxable'), undefined, 'the box stays unticked');
    assert.equal(fieldOf(shown.fields, 'legal_address'), '12, rue des Forges\nTrois-Rivières (Québec)  G9A 2G4');
    assert.deepEqual(JSON.parse(setting('fees.handling')), { amount: 250, taxable: false });
    assert.equal(setting('returns.window_days'), '14');
    assert.equal(setting('suppliers.reprice_limit'), '10');
    assert.equal(fieldOf(shown.fields, 'supplier_reprice_limit'), '10');

    const audit = JSON.parse(office.sql(`SELECT details::text FROM audit_log WHERE action = 'settings.updated'
      AND actor_id = ${staff.owner.id} ORDER BY id DESC LIMIT 1`));
    assert.deepEqual(audit.changes['fees.handling.amount'], { before: 0, after: 250 });
    assert.deepEqual(audit.changes['suppliers.reprice_limit'], { before: 0, after: 10 });
    assert.deepEqual(audit.changes['legal.gst_number'], { before: '', after: '123456789RT0001' });
    assert.equal(audit.changes['shop.name.fr'].after, 'Atelier Lumière');

    // The next cart and the next order pay it: not taxed, so the taxes are the goods' alone.
    const buyer = await shop.shopper();
    await buyer.add(product, 1);
    const cart = await buyer.cart();
    assert.equal(cart.totals.fees.amount_cents, 250, JSON.stringify(cart.totals));
    const placed = await buyer.checkout();
    assert.ok([200, 201].includes(placed.status), show(placed));
    const [number] = shop.ordersOf(buyer.email);
    const [fees, total, tax] = shop.sql(`SELECT fees, total, tax FROM orders WHERE number = '${number}'`).split('|').map(Number);
    const expected = quebecTotals([{ price: 2_000, quantity: 1 }]);
    assert.equal(fees, 250);
    assert.equal(tax, expected.tax, 'the taxes of goods and shipping alone: the fee is not taxed');
    assert.equal(total, expected.total + 250);
    // The order's mail lists the fee too, so its rows add up to its total as the order's page does.
    const mail = JSON.parse(shop.sql(`SELECT payload::text FROM email_outbox
      WHERE payload->>'number' = '${number}' ORDER BY id LIMIT 1`));
    const fee = mail.totals.find((row) => row.label === 'Frais');
    assert.ok(fee, JSON.stringify(mail.totals));
    assert.equal(flat(fee.amount), '2,50 $');

    // Saving the same values again changes nothing and records nothing.
    const entries = Number(office.sql("SELECT count(*) FROM audit_log WHERE action = 'settings.updated'"));
    const again = await post(staff.owner.client, await settingsForm(staff.owner.client));
    assert.equal(again.headers.location, '/admin/settings?notice=settings_unchanged', show(again));
    assert.equal(Number(office.sql("SELECT count(*) FROM audit_log WHERE action = 'settings.updated'")), entries);
  });

  test('the shop’s name saved shows in each language on the storefront, its titles and the back office within seconds', async () => {
    const form = await settingsForm(staff.owner.client);
    const saved = await post(staff.owner.client, typed(form, { name_fr: 'Épicerie Boréale', name_en: 'Boreal Grocer' }));
    assert.equal(saved.status, 303, show(saved));
    const visitor = office.visitor();
    let french = '';
    for (const deadline = performance.now() + 5_000; performance.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      french = (await visitor.get('/fr/')).text;
      if (french.includes('>Épicerie Boréale</a>')) break;
    }
    assert.match(french, /<a class="site-name" href="\/fr\/">Épicerie Boréale<\/a>/);
    assert.match(french, /<title>[^<]* – Épicerie Boréale<\/title>/);
    assert.match(french, />Bienvenue chez Épicerie Boréale<\/h1>/);
    assert.match(french, /Épicerie Boréale, boutique en ligne\./, 'the footer');
    const english = (await visitor.get('/en/')).text;
    assert.match(english, /<a class="site-name" href="\/en\/">Boreal Grocer<\/a>/);
    assert.match(english, /<meta property="og:site_name" content="Boreal Grocer">/);
    assert.match((await staff.owner.client.get('/admin/')).text, /Épicerie Boréale/);
  });

  test('refusals name each field in the staff member’s language and write nothing', async () => {
    office.sql(`UPDATE users SET locale = 'en' WHERE id = ${staff.admin.id}`);
    try {
      const form = await settingsForm(staff.admin.client);
      const before = revision();
      const res = await post(staff.admin.client, typed(form, {
        gst_number: '12345', vat_number: '12', handling_fee: 'deux', return_window_days: '400', name_en: '',
      }));
      assert.equal(res.status, 422, show(res));
      const text = flat(res.text);
      assert.match(text, /Nothing was saved/);
      for (const [id, message] of [['gst_number', /GST\/HST number: a GST\/HST number is 9 digits/],
        ['vat_number', /VAT number: a VAT number starts with its country code/],
        ['handling_fee', /Handling fee per order: an amount between 0 and 1,000.00/],
        ['return_window_days', /Return window \(days\): a whole number of days between 0 and 365/],
        ['name_en', /Shop name \(English\): required/]]) {
        assert.match(res.text, new RegExp(`href="#s-${id}"`), id);
        assert.match(text, message);
        assert.match(res.text, new RegExp(`id="s-${id}"[^>]*aria-invalid="true"`), `${id} is marked invalid`);
      }
      assert.equal(fieldOf(formOf(res.text, 'settings').fields, 'handling_fee'), 'deux', 'what was typed stays');
      assert.equal(revision(), before);
    } finally {
      office.sql(`UPDATE users SET locale = 'fr' WHERE id = ${staff.admin.id}`);
    }
  });

  test('a form saved after another save writes nothing and lists what changed; saved again, it wins', async () => {
    const mine = await settingsForm(staff.admin.client);
    const theirs = await settingsForm(staff.owner.client);
    const first = await post(staff.owner.client, typed(theirs, { low_stock_threshold: '8' }));
    assert.equal(first.status, 303, show(first));
    const stale = await post(staff.admin.client, typed(mine, { low_stock_threshold: '20', handling_fee: '1,00' }));
    assert.equal(stale.status, 409, show(stale));
    const text = flat(stale.text);
    assert.match(text, /Quelqu’un a enregistré les paramètres/);
    assert.match(text, /Seuil de stock bas : maintenant 8 — vous avez saisi 20/);
    assert.match(text, /Frais de manutention par commande : maintenant 2,50 — vous avez saisi 1,00/);
    assert.equal(setting('stock.low_threshold'), '8', 'the stale form wrote nothing');
    const kept = formOf(stale.text, 'settings');
    assert.equal(fieldOf(kept.fields, 'low_stock_threshold'), '20', 'what was typed stays in the form');
    const second = await post(staff.admin.client, kept);
    assert.equal(second.status, 303, show(second));
    assert.equal(setting('stock.low_threshold'), '20');
  });
});

describe('shipping by destination', { timeout: 60_000 }, () => {
  const rule = (code) => shop.sql(`SELECT shipping_fee || '|' || coalesce(free_shipping_from::text, '') || '|' || shipping_taxable FROM tax_regions WHERE code = '${code}'`);
  async function shippingForm(client) {
    const res = await client.get('/admin/settings');
    assert.equal(res.status, 200, show(res));
    return formOf(res.text, 'shipping');
  }

  test('a destination’s fee and threshold saved in French apply to the next cart, audited; a stale page writes nothing', async () => {
    const mine = await shippingForm(staff.admin.client);
    assert.equal(fieldOf(mine.fields, 'fee_CA-QC'), '9,95');
    assert.equal(fieldOf(mine.fields, 'free_CA-QC'), '75,00');
    const theirs = await shippingForm(staff.owner.client);
    const saved = await post(staff.owner.client, typed(theirs, { 'fee_CA-QC': '12,50', 'free_CA-QC': '' }));
    assert.equal(saved.status, 303, show(saved));
    assert.equal(saved.headers.location, '/admin/settings?notice=shipping_saved');
    assert.equal(rule('CA-QC'), '1250||true', 'never free once the threshold is emptied');
    const audit = JSON.parse(office.sql(`SELECT details::text FROM audit_log WHERE action = 'shipping.updated' ORDER BY id DESC LIMIT 1`));
    assert.deepEqual(audit.changes['CA-QC.flat_fee'], { before: 995, after: 1250 });
    assert.deepEqual(audit.changes['CA-QC.free_from'], { before: 7500, after: null });

    const product = await shop.product({ fr: 'Savon', en: 'Soap', price: 9_000, stock: 5 });
    const buyer = await shop.shopper();
    await buyer.add(product, 1);
    assert.equal((await buyer.cart()).totals.shipping.amount_cents, 1250, '90,00 of goods no longer ship free');

    const stale = await post(staff.admin.client, typed(mine, { 'fee_CA-ON': '5,00' }));
    assert.equal(stale.status, 409, show(stale));
    assert.match(flat(stale.text), /Quelqu’un a modifié les tarifs de livraison/);
    assert.equal(rule('CA-ON'), '1495|10000|true', 'the stale page wrote nothing');
    assert.equal(fieldOf(formOf(stale.text, 'shipping').fields, 'fee_CA-QC'), '12,50', 'the page shows the rates as they are now');

    const bad = await post(staff.owner.client, typed(await shippingForm(staff.owner.client), { 'fee_CA-QC': 'douze' }));
    assert.equal(bad.status, 422, show(bad));
    assert.equal(fieldOf(formOf(bad.text, 'shipping').fields, 'fee_CA-QC'), 'douze', 'what was typed stays');
    assert.equal(rule('CA-QC'), '1250||true');
    const forbidden = await post(staff.catalog_manager.client, typed(theirs, { 'fee_CA-QC': '1,00' }));
    assert.equal(forbidden.status, 403, show(forbidden));
  });
});

