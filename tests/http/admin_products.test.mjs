// The back office's products, black box: the list and its filters, a new draft, the product's
// form with both languages side by side (saved, published, the storefront following), a stale
// form that writes nothing and says what differs, variants, pictures uploaded as files (a refused
// one leaves nothing on disk), deletion behind a confirmation and a fresh code, the permission
// matrix, and the audit log's before/after of each write — in French and in English.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backOffice, ROLES } from '../support/back_office.mjs';
import { decodeEntities, fieldOf, formOf, pageText, setField } from '../support/html.mjs';
import { filesUnder, multipart, png } from '../support/images.mjs';
import { describe as show, get, startServer } from '../support/server.mjs';
import { currentStep, totp } from '../support/totp.mjs';

let server;
let office;
const staff = {};  // role → { client, email, id, secret }
const flat = (text) => pageText(text).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

const productForm = (html, id = 'product-form') => formOf(html, id);

async function page(client, path, status = 200) {
  const res = await client.get(path);
  assert.equal(res.status, status, show(res));
  return res;
}

async function post(client, action, fields) {
  return client.send(action, { method: 'POST', form: fields });
}

// A draft made through the back office by the catalog manager: its id.
let drafts = 0;
async function newDraft({ fr = 'Bol en grès', en = 'Stoneware bowl', price = '24,50' } = {}) {
  drafts += 1;
  const client = staff.catalog_manager.client;
  const blank = await page(client, '/admin/products/new');
  const form = productForm(blank.text, 'new-product');
  const res = await post(client, form.action, setField(setField(setField(setField(form.fields,
    'fr_name', `${fr} ${drafts}`), 'en_name', `${en} ${drafts}`), 'sku', `BOL-${process.pid}-${drafts}`), 'price', price));
  assert.equal(res.status, 303, show(res));
  const id = Number(/^\/admin\/products\/(\d+)\?notice=product_created$/.exec(res.headers.location)?.[1]);
  assert.ok(id > 0, res.headers.location);
  return id;
}

const audits = (id, action = 'product.updated') => office.sql(
  `SELECT details::text FROM audit_log WHERE target_kind = 'product' AND target_id = '${id}' AND action = '${action}' ORDER BY id`,
).split('\n').filter(Boolean).map((line) => JSON.parse(line));

before(async () => {
  server = await startServer();
  office = backOffice(server, { firstAddress: 60 });
  for (const role of ROLES) staff[role] = await office.staffMember(role, `produits-${role}`);
  office.sql(`INSERT INTO categories (position) VALUES (0), (1)`);
  office.sql(`INSERT INTO category_translations (category_id, locale, name, slug)
    SELECT id, l, CASE l WHEN 'fr' THEN 'Cuisine ' ELSE 'Kitchen ' END || id, CASE l WHEN 'fr' THEN 'cuisine-' ELSE 'kitchen-' END || id
    FROM categories CROSS JOIN (VALUES ('fr'), ('en')) AS t(l)`);
}, { timeout: 120_000 });
after(async () => {
  await server?.stop();
});

describe('who may see and change products', { timeout: 60_000 }, () => {
  test('reading needs catalog:read, writing catalog:write; others get 403', async () => {
    const id = await newDraft();
    const version = office.sql(`SELECT version FROM products WHERE id = ${id}`);
    const readers = ['owner', 'admin', 'catalog_manager', 'support', 'order_manager'];
    for (const role of ROLES) {
      for (const path of ['/admin/products', `/admin/products/${id}`]) {
        const res = await staff[role].client.get(path);
        assert.equal(res.status, readers.includes(role) ? 200 : 403, `${role} GET ${path}: ${show(res)}`);
      }
    }
    // support reads the product page without any form that writes.
    const seen = await page(staff.support.client, `/admin/products/${id}`);
    assert.doesNotMatch(seen.text, /Enregistrer le produit|id="upload"|id="delete"/);
    const blank = await staff.support.client.get('/admin/products/new');
    assert.equal(blank.status, 403, show(blank));
    const form = productForm((await page(staff.catalog_manager.client, `/admin/products/${id}`)).text);
    const token = fieldOf(form.fields, '_csrf');
    const supportToken = /name="_csrf" value="([^"]+)"/.exec(seen.text)?.[1] ?? token;
    const res = await post(staff.support.client, form.action, setField(form.fields, '_csrf', supportToken));
    assert.equal(res.status, 403, show(res));
    assert.equal(office.sql(`SELECT version FROM products WHERE id = ${id}`), version);
  });

  test('a form without its token, or from another site, changes nothing', async () => {
    const id = await newDraft();
    const client = staff.catalog_manager.client;
    const form = productForm((await page(client, `/admin/products/${id}`)).text);
    const forged = await post(client, form.action, setField(setField(form.fields, '_csrf', 'x'), 'brand', 'Volé'));
    assert.equal(forged.status, 403, show(forged));
    const cross = await client.send(form.action, { method: 'POST', form: setField(form.fields, 'brand', 'Volé'), headers: { origin: 'https://evil.example' } });
    assert.equal(cross.status, 403, show(cross));
    assert.equal(office.sql(`SELECT brand FROM products WHERE id = ${id}`), '');
  });
});

describe('editing a product', { timeout: 90_000 }, () => {
  test('a new draft, then both languages saved and published: the storefront shows it; the audit log has the before and after', async () => {
    const id = await newDraft({ fr: 'Tasse', en: 'Mug' });
    const client = staff.catalog_manager.client;
    const edit = await page(client, `/admin/products/${id}?notice=product_created`);
    assert.match(flat(edit.text), /Brouillon créé/);
    assert.match(edit.text, /lang="fr"[\s\S]*lang="en"/, 'both languages side by side');
    const categoryId = office.sql('SELECT min(id) FROM categories');
    let fields = productForm(edit.text).fields;
    fields = setField(fields, 'status', 'active');
    fields = setField(fields, 'fr_name', 'Tasse en grès bleu');
    fields = setField(fields, 'en_name', 'Blue stoneware mug');
    fields = setField(fields, 'fr_slug', `tasse-gres-bleu-${process.pid}`);
    fields = setField(fields, 'en_short_description', 'Holds 350 ml.');
    fields = setField(fields, 'fr_description', 'Tournée à la main.\n\nPasse au lave-vaisselle.');
    fields.push(['category', categoryId]);
    const saved = await post(client, productForm(edit.text).action, fields);
    assert.equal(saved.status, 303, show(saved));
    assert.equal(saved.headers.location, `/admin/products/${id}?notice=product_saved`);
    const store = await get(`${server.url}/fr/produit/tasse-gres-bleu-${process.pid}`);
    assert.equal(store.status, 200, show(store));
    assert.match(store.text, /Tasse en grès bleu/);
    const [entry] = audits(id);
    assert.deepEqual(entry.changes.status, { before: 'draft', after: 'active' });
    assert.deepEqual(entry.changes['text.en.name'].after, 'Blue stoneware mug');
    assert.deepEqual(entry.changes.category_ids, { before: [], after: [Number(categoryId)] });
    assert.equal(entry.version, Number(office.sql(`SELECT version FROM products WHERE id = ${id}`)));
    const row = office.sql(`SELECT actor_kind || '|' || actor_id || '|' || (ip IS NOT NULL) || '|' || (request_id <> '') FROM audit_log WHERE target_id = '${id}' AND action = 'product.updated'`);
    assert.equal(row, `user|${staff.catalog_manager.id}|true|true`);
    assert.equal(audits(id, 'product.created').length, 1);
    // The form shows the description with its paragraphs: saving it again keeps them.
    const again = productForm((await page(client, `/admin/products/${id}`)).text).fields;
    assert.equal(fieldOf(again, 'fr_description'), 'Tournée à la main.\n\nPasse au lave-vaisselle.');
    // The page in English after switching: the labels change, the product does not.
    const english = await staff.owner.client.get(`/admin/products/${id}`);
    assert.match(flat(english.text), /Tasse en grès bleu/);
  });

  test('a refused form keeps what was typed, says which fields, and writes nothing', async () => {
    const id = await newDraft();
    const version = office.sql(`SELECT version FROM products WHERE id = ${id}`);
    const client = staff.catalog_manager.client;
    const edit = await page(client, `/admin/products/${id}`);
    let fields = setField(productForm(edit.text).fields, 'en_name', '');
    fields = setField(fields, 'fr_short_description', 'Gardé tel quel');
    fields = setField(fields, 'weight_grams', 'lourd');
    const res = await post(client, productForm(edit.text).action, fields);
    assert.equal(res.status, 422, show(res));
    assert.match(res.text, /href="#f-weight_grams"/);
    assert.match(flat(res.text), /Poids \(grammes\) :/);
    assert.match(res.text, /Gardé tel quel/);
    assert.match(res.text, new RegExp(`name="back" value="/admin/products/${id}"`), 'the language switch would come back to a POST-only address');
    assert.equal(office.sql(`SELECT version FROM products WHERE id = ${id}`), version);
    const named = await post(client, productForm(edit.text).action, setField(productForm(edit.text).fields, 'en_name', ''));
    assert.equal(named.status, 422, show(named));
    assert.match(named.text, /href="#f-text-en-name"/);
    assert.match(flat(named.text), /Nom \(EN\) : Ce champ est obligatoire/);
  });

  test('a stale form (someone saved meanwhile) writes nothing, answers 409 and lists what differs', async () => {
    const id = await newDraft();
    const mine = staff.catalog_manager.client;
    const theirs = staff.admin.client;
    const opened = await page(mine, `/admin/products/${id}`);
    const other = await page(theirs, `/admin/products/${id}`);
    const first = await post(theirs, productForm(other.text).action, setField(productForm(other.text).fields, 'brand', 'Atelier Nord'));
    assert.equal(first.status, 303, show(first));
    const late = await post(mine, productForm(opened.text).action, setField(productForm(opened.text).fields, 'brand', 'Atelier Sud'));
    assert.equal(late.status, 409, show(late));
    assert.equal(office.sql(`SELECT brand FROM products WHERE id = ${id}`), 'Atelier Nord');
    const text = flat(late.text);
    assert.match(text, /Quelqu’un d’autre a enregistré ce produit/);
    assert.match(text, /Marque — actuellement « Atelier Nord », votre saisie « Atelier Sud »/);
    // The form now carries the current version: sending it again applies it.
    const again = await post(mine, productForm(late.text).action, setField(productForm(late.text).fields, 'brand', 'Atelier Sud'));
    assert.equal(again.status, 303, show(again));
    assert.equal(office.sql(`SELECT brand FROM products WHERE id = ${id}`), 'Atelier Sud');
  });

  test('variants: a price typed with a comma, a new variant, a refused SKU; the storefront price follows', async () => {
    const id = await newDraft();
    const client = staff.catalog_manager.client;
    const edit = await page(client, `/admin/products/${id}`);
    const variantId = office.sql(`SELECT id FROM variants WHERE product_id = ${id}`);
    const variant = productForm(edit.text, `variant-${variantId}`);
    let fields = setField(setField(variant.fields, 'price', '31,75'), 'stock', '12');
    fields.push(['action', 'save']);
    const saved = await post(client, variant.action, fields);
    assert.equal(saved.status, 303, show(saved));
    assert.equal(office.sql(`SELECT price_cents || '|' || stock_on_hand FROM variants WHERE id = ${variantId}`), '3175|12');
    const refreshed = await page(client, `/admin/products/${id}`);
    const add = productForm(refreshed.text, 'new-variant');
    const taken = office.sql(`SELECT sku FROM variants WHERE id = ${variantId}`);
    const refused = await post(client, add.action, setField(setField(add.fields, 'sku', taken), 'price', '10'));
    assert.equal(refused.status, 409, show(refused));
    assert.match(refused.text, /href="#f-new-variant-sku"|UGS/);
    const added = await post(client, add.action, setField(setField(add.fields, 'sku', `${taken}-XL`), 'price', '12.00'));
    assert.equal(added.status, 303, show(added));
    assert.equal(office.sql(`SELECT count(*) FROM variants WHERE product_id = ${id}`), '2');
    const changes = audits(id).map((e) => Object.keys(e.changes)).flat();
    assert.ok(changes.includes(`variants.${variantId}.price_cents`), changes.join());
  });

  test('a GTIN typed as printed under the barcode is kept; a wrong check digit is refused, in French', async () => {
    const id = await newDraft();
    const client = staff.catalog_manager.client;
    const variantId = office.sql(`SELECT id FROM variants WHERE product_id = ${id}`);
    // A GTIN-13 of this product's own, with its check digit.
    const digits = `2${String(id).padStart(11, '0')}`;
    const sum = [...digits].reverse().reduce((total, d, i) => total + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
    const gtin = `${digits}${(10 - (sum % 10)) % 10}`;
    const typed = `${gtin.slice(0, 1)} ${gtin.slice(1, 7)} ${gtin.slice(7)}`;
    const edit = await page(client, `/admin/products/${id}`);
    const variant = productForm(edit.text, `variant-${variantId}`);
    const wrong = `${gtin.slice(0, 12)}${(Number(gtin[12]) + 1) % 10}`;
    const refused = await post(client, variant.action, [...setField(variant.fields, 'gtin', wrong), ['action', 'save']]);
    assert.equal(refused.status, 422, show(refused));
    assert.match(refused.text, /chiffre de contrôle/);
    assert.equal(office.sql(`SELECT gtin FROM variants WHERE id = ${variantId}`), '');
    const saved = await post(client, variant.action, [...setField(variant.fields, 'gtin', typed), ['action', 'save']]);
    assert.equal(saved.status, 303, show(saved));
    assert.equal(office.sql(`SELECT gtin FROM variants WHERE id = ${variantId}`), gtin);
    const shown = productForm((await page(client, `/admin/products/${id}`)).text, `variant-${variantId}`);
    assert.deepEqual(shown.fields.find(([name]) => name === 'gtin'), ['gtin', gtin]);
    const changes = audits(id).map((e) => e.changes[`variants.${variantId}.gtin`]).filter(Boolean);
    assert.deepEqual(changes, [{ before: '', after: gtin }]);
  });

  test('deleting asks for the confirmation, then (past ten minutes) a fresh code', async () => {
    const id = await newDraft();
    const client = staff.catalog_manager.client;
    const edit = await page(client, `/admin/products/${id}`);
    const form = productForm(edit.text, 'delete');
    const unconfirmed = await post(client, form.action, form.fields.filter(([k]) => k !== 'confirm' && k !== 'code'));
    assert.equal(unconfirmed.status, 422, show(unconfirmed));
    assert.match(flat(unconfirmed.text), /Cochez la confirmation/);
    // The second factor given at sign-in grows old: the page asks for a code.
    office.sql(`UPDATE sessions SET mfa_at = now() - interval '11 minutes' WHERE user_id = ${staff.catalog_manager.id}`);
    const stale = await page(client, `/admin/products/${id}`);
    assert.match(stale.text, /id="delete-code"/);
    const fields = productForm(stale.text, 'delete').fields.filter(([k]) => k !== 'confirm' && k !== 'code');
    const wrong = await post(client, form.action, [...fields, ['confirm', 'yes'], ['code', '000000']]);
    assert.equal(wrong.status, 422, show(wrong));
    assert.equal(office.sql(`SELECT count(*) FROM products WHERE id = ${id}`), '1');
    const code = totp(staff.catalog_manager.secret, currentStep() + 1);
    const done = await post(client, form.action, [...fields, ['confirm', 'yes'], ['code', code]]);
    assert.equal(done.status, 303, show(done));
    assert.equal(done.headers.location, '/admin/products?notice=product_deleted');
    assert.equal(office.sql(`SELECT count(*) FROM products WHERE id = ${id}`), '0');
    const [entry] = audits(id, 'product.deleted');
    assert.equal(entry.changes.status.before, 'draft');
  });
});

describe('the list', { timeout: 60_000 }, () => {
  test('filtered by fulfilment type, kept in the pages\' links; an unknown type is a 400 that says so, in both languages', async () => {
    const dropshipped = await newDraft({ fr: 'Lampe expédiée', en: 'Shipped lamp' });
    await newDraft({ fr: 'Lampe du stock', en: 'Stocked lamp' });
    office.sql(`UPDATE products SET fulfillment_type = 'DROPSHIPPING' WHERE id = ${dropshipped}`);
    const client = staff.support.client;
    const list = await page(client, '/admin/products?fulfillment=DROPSHIPPING&q=lampe');
    const text = flat(list.text);
    assert.match(text, /Lampe expédiée/);
    assert.doesNotMatch(text, /Lampe du stock/);
    assert.match(list.text, /<option value="DROPSHIPPING" selected>Livraison directe<\/option>/);
    const stocked = flat((await page(client, '/admin/products?fulfillment=LOCAL_STOCK&q=lampe')).text);
    assert.match(stocked, /Lampe du stock/);
    assert.doesNotMatch(stocked, /Lampe expédiée/);

    const bad = await page(client, '/admin/products?fulfillment=TELEPORT', 400);
    assert.match(flat(bad.text), /Un filtre illisible a été ignoré/);
    office.sql(`UPDATE users SET locale = 'en' WHERE id = ${staff.support.id}`);
    try {
      const english = await page(client, '/admin/products?fulfillment=teleport', 400);
      assert.match(flat(english.text), /A filter could not be read and was left out/);
      assert.match(english.text, /<option value="" selected>Any fulfilment<\/option>/);
    } finally {
      office.sql(`UPDATE users SET locale = 'fr' WHERE id = ${staff.support.id}`);
    }
  });
});

describe('pictures', { timeout: 90_000 }, () => {
  async function uploadForm(client, id) {
    const edit = await page(client, `/admin/products/${id}`);
    const form = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[\s\S]*?<\/form>/.exec(edit.text);
    assert.ok(form, 'no upload form');
    return {
      action: decodeEntities(form[1]),
      csrf: /name="_csrf" value="([^"]+)"/.exec(form[0])[1],
      version: /name="version" value="(\d+)"/.exec(form[0])[1],
    };
  }
  async function send(client, id, file, { altFr = 'Un bol vu de haut', altEn = 'A bowl seen from above' } = {}) {
    const form = await uploadForm(client, id);
    const { body, type } = multipart([
      { name: '_csrf', value: form.csrf }, { name: 'version', value: form.version },
      { name: 'file', filename: file.name, type: file.type, data: file.data },
      { name: 'alt_fr', value: altFr }, { name: 'alt_en', value: altEn },
    ]);
    return client.send(form.action, { method: 'POST', rawBody: body, headers: { 'content-type': type, origin: server.url } });
  }

  test('a PNG is uploaded, shown, its texts changed, moved and deleted; a refused file leaves nothing and keeps the texts', async () => {
    const id = await newDraft();
    const client = staff.catalog_manager.client;
    // The second factor given at sign-in is fresh: deleting a picture below needs no code.
    office.sql(`UPDATE sessions SET mfa_at = now() WHERE user_id = ${staff.catalog_manager.id}`);
    const first = await send(client, id, { name: 'bol.png', type: 'image/png', data: png(64, 48) });
    assert.equal(first.status, 303, show(first));
    const second = await send(client, id, { name: 'bol-2.png', type: 'image/png', data: png(40, 40) });
    assert.equal(second.status, 303, show(second));
    const before = filesUnder(server.env.MEDIA_DIR);
    const svg = await send(client, id, { name: 'photo.png', type: 'image/png', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }, { altFr: 'Texte gardé' });
    assert.equal(svg.status, 422, show(svg));
    assert.match(svg.text, /Texte gardé/);
    const empty = await send(client, id, { name: 'vide.jpg', type: 'image/jpeg', data: Buffer.alloc(0) });
    assert.equal(empty.status, 422, show(empty));
    assert.deepEqual(filesUnder(server.env.MEDIA_DIR), before, 'a refused upload left files');
    const ids = office.sql(`SELECT id FROM product_images WHERE product_id = ${id} ORDER BY position, id`).split('\n');
    assert.equal(ids.length, 2);
    const edit = await page(client, `/admin/products/${id}`);
    assert.match(edit.text, /<img src="\/media\/products\/\d+\/[0-9a-f]{32}\.jpg" alt="Un bol vu de haut"/);
    // The second moves up: it is now first.
    const up = productForm(edit.text, `image-form-${ids[1]}`);
    const moved = await post(client, up.action, [...up.fields.filter(([k]) => !['confirm', 'code'].includes(k)), ['action', 'up']]);
    assert.equal(moved.status, 303, show(moved));
    assert.deepEqual(office.sql(`SELECT id FROM product_images WHERE product_id = ${id} ORDER BY position, id`).split('\n'), [ids[1], ids[0]]);
    // Its texts change.
    const relabel = productForm((await page(client, `/admin/products/${id}`)).text, `image-form-${ids[0]}`);
    const fields = setField(relabel.fields.filter(([k]) => !['confirm', 'code'].includes(k)), 'alt_en', 'The bowl, from above');
    const saved = await post(client, relabel.action, [...fields, ['action', 'save']]);
    assert.equal(saved.status, 303, show(saved));
    assert.equal(office.sql(`SELECT alt->>'en' FROM product_images WHERE id = ${ids[0]}`), 'The bowl, from above');
    // Deleted with the confirmation (the code given at sign-in is fresh): its files go.
    const path = office.sql(`SELECT path FROM product_images WHERE id = ${ids[0]}`);
    const removal = productForm((await page(client, `/admin/products/${id}`)).text, `image-form-${ids[0]}`);
    const gone = await post(client, removal.action, [...removal.fields.filter(([k]) => k !== 'code'), ['confirm', 'yes'], ['action', 'delete']]);
    assert.equal(gone.status, 303, show(gone));
    assert.equal(office.sql(`SELECT count(*) FROM product_images WHERE product_id = ${id}`), '1');
    assert.ok(!filesUnder(server.env.MEDIA_DIR).includes(path), 'the deleted picture\'s file stayed');
    const logged = audits(id).map((e) => Object.keys(e.changes)).flat();
    assert.ok(logged.includes(`images.${ids[0]}.alt.en`) && logged.includes(`images.${ids[0]}.path`), logged.join());
  });
});

describe('the catalog as CSV', { timeout: 60_000 }, () => {
  test('one row per variant with both languages, filtered by status, defused for spreadsheets, audited', async () => {
    const id = await newDraft({ fr: '=SOMME(A1) bol', en: 'Bowl, large', price: '24,50' });
    const sku = office.sql(`SELECT sku FROM variants WHERE product_id = ${id}`);
    const res = await staff.support.client.get('/admin/products.csv?status=draft');
    assert.equal(res.status, 200, show(res));
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(res.headers['content-disposition'], /^attachment; filename="products-\d{8}-\d{6}\.csv"$/);
    const lines = res.text.split('\r\n');
    assert.equal(lines[0], 'product_id,status,fulfillment,fr_slug,en_slug,fr_name,en_name,fr_short_description,'
      + 'en_short_description,fr_description,en_description,fr_meta_title,en_meta_title,fr_meta_description,'
      + 'en_meta_description,brand,primary_category,categories,featured,weight_grams,variant_id,sku,gtin,fr_variant,'
      + 'en_variant,price,compare_at_price,currency,stock,track_inventory');
    const row = lines.find((line) => line.startsWith(`${id},`));
    assert.ok(row, `product ${id} is not in the export:\n${res.text.slice(0, 2000)}`);
    // A cell a spreadsheet would run as a formula gets an apostrophe, inside quotes.
    assert.match(row, new RegExp(`^${id},draft,LOCAL_STOCK,[a-z0-9-]+,[a-z0-9-]+,"'=SOMME\\(A1\\) bol \\d+","Bowl, large \\d+",`));
    assert.match(row, new RegExp(`,${sku},,,,24\\.50,,CAD,`));
    assert.ok(lines.slice(1).filter(Boolean).every((line) => /^\d+,draft,/.test(line)), 'only drafts with status=draft');
    const audit = JSON.parse(office.sql(`SELECT details::text FROM audit_log WHERE action = 'catalog.exported'
      AND actor_id = ${staff.support.id} ORDER BY id DESC LIMIT 1`));
    assert.deepEqual(audit.filters, { status: 'draft' });
    assert.equal(audit.rows, lines.slice(1).filter(Boolean).length);
    assert.equal(audit.truncated, false);

    const list = await staff.support.client.get('/admin/products?status=draft');
    assert.match(list.text, /href="\/admin\/products\.csv\?status=draft"/);
    assert.equal((await staff.support.client.get('/admin/products.csv?status=nope')).status, 400);
    assert.equal((await office.visitor().get('/admin/products.csv')).status, 303);
  });
});
