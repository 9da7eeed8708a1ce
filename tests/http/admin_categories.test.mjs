// The back office's category tree, black box: the permission matrix (catalog:read sees it,
// catalog:write changes it), CSRF, a new category, a rename whose old address redirects and which
// the storefront shows at once, a move that refuses a cycle, up and down among siblings, a stale
// form that writes nothing (409) and says what differs, and a deletion that hands its products
// and subcategories to the category chosen, behind a ticked confirmation and (past ten minutes) a
// fresh code — each write audited — in French and in English.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backOffice, ROLES } from '../support/back_office.mjs';
import { fieldOf, formOf, pageText, setField } from '../support/html.mjs';
import { describe as show, get, startServer } from '../support/server.mjs';
import { currentStep, totp } from '../support/totp.mjs';

let server;
let office;
const staff = {};  // role → { client, email, id, secret }
const flat = (text) => pageText(text).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

async function page(client, path, status = 200) {
  const res = await client.get(path);
  assert.equal(res.status, status, show(res));
  return res;
}

const post = (client, action, fields) => client.send(action, { method: 'POST', form: fields });

// A category made through the back office by the catalog manager: its id.
let made = 0;
async function newCategory({ fr = 'Thé', en = 'Tea', parent = '' } = {}) {
  made += 1;
  const client = staff.catalog_manager.client;
  const form = formOf((await page(client, '/admin/categories')).text, 'new-category');
  let fields = setField(setField(form.fields, 'fr_name', `${fr} ${process.pid} ${made}`), 'en_name', `${en} ${process.pid} ${made}`);
  fields = setField(fields, 'parent', String(parent));
  const res = await post(client, form.action, fields);
  assert.equal(res.status, 303, show(res));
  const id = Number(/^\/admin\/categories\/(\d+)\?notice=category_created$/.exec(res.headers.location)?.[1]);
  assert.ok(id > 0, res.headers.location);
  return id;
}

const version = (id) => office.sql(`SELECT version FROM categories WHERE id = ${id}`);
const audits = (id, action) => office.sql(
  `SELECT details::text FROM audit_log WHERE target_kind = 'category' AND target_id = '${id}' AND action = '${action}' ORDER BY id`,
).split('\n').filter(Boolean).map((line) => JSON.parse(line));

// A product in category `id`, published, made straight in the database: its id.
function productIn(id, slug) {
  const product = office.sql(`INSERT INTO products (status, primary_category_id) VALUES ('active', ${id}) RETURNING id`);
  office.sql(`INSERT INTO product_translations (product_id, locale, name, slug)
    VALUES (${product}, 'fr', 'Produit ${slug}', '${slug}-fr'), (${product}, 'en', 'Product ${slug}', '${slug}-en')`);
  office.sql(`INSERT INTO variants (product_id, sku, price_cents, stock_on_hand) VALUES (${product}, 'SKU-${slug}', 1000, 3)`);
  office.sql(`INSERT INTO product_categories (product_id, category_id, position) VALUES (${product}, ${id}, 0)`);
  return Number(product);
}

before(async () => {
  server = await startServer();
  office = backOffice(server, { firstAddress: 130 });
  for (const role of ROLES) staff[role] = await office.staffMember(role, `categories-${role}`);
}, { timeout: 120_000 });
after(async () => {
  await server?.stop();
});

describe('who may see and change categories', { timeout: 60_000 }, () => {
  test('reading needs catalog:read, every change catalog:write; others get 403 and nothing changes', async () => {
    const id = await newCategory();
    const before = version(id);
    const readers = ['owner', 'admin', 'catalog_manager', 'support', 'order_manager'];
    const writers = ['owner', 'admin', 'catalog_manager'];
    for (const role of ROLES) {
      for (const path of ['/admin/categories', `/admin/categories/${id}`]) {
        const res = await staff[role].client.get(path);
        assert.equal(res.status, readers.includes(role) ? 200 : 403, `${role} GET ${path}: ${show(res)}`);
        if (res.status === 200) assert.equal(/id="new-category"|id="category-form"[\s\S]*id="delete"/.test(res.text), writers.includes(role), `${role} ${path}`);
      }
    }
    const nav = await page(staff.support.client, '/admin/products');
    assert.match(nav.text, /<a href="\/admin\/categories">Catégories<\/a>/);
    // support posts with its own (valid) token: 403 on every write, nothing written.
    const seen = await page(staff.support.client, `/admin/categories/${id}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(seen.text)[1];
    for (const [path, fields] of [
      ['/admin/categories', { fr_name: 'X', en_name: 'X' }],
      [`/admin/categories/${id}`, { fr_name: 'Volé', en_name: 'Stolen', version: before }],
      [`/admin/categories/${id}/move`, { parent: '', version: before }],
      [`/admin/categories/${id}/order`, { action: 'up', version: before }],
      [`/admin/categories/${id}/delete`, { confirm: 'yes', version: before }],
    ]) {
      const res = await post(staff.support.client, path, { _csrf: token, ...fields });
      assert.equal(res.status, 403, `${path}: ${show(res)}`);
    }
    assert.equal(version(id), before);
    assert.equal(office.sql(`SELECT count(*) FROM categories WHERE id = ${id}`), '1');
  });

  test('a form without its token, or from another site, changes nothing', async () => {
    const id = await newCategory();
    const client = staff.catalog_manager.client;
    const form = formOf((await page(client, `/admin/categories/${id}`)).text, 'category-form');
    const forged = await post(client, form.action, setField(setField(form.fields, '_csrf', 'x'), 'fr_name', 'Volé'));
    assert.equal(forged.status, 403, show(forged));
    const cross = await client.send(form.action, { method: 'POST', form: setField(form.fields, 'fr_name', 'Volé'), headers: { origin: 'https://evil.example' } });
    assert.equal(cross.status, 403, show(cross));
    const created = await client.send('/admin/categories', { method: 'POST', form: { _csrf: 'x', fr_name: 'A', en_name: 'B' } });
    assert.equal(created.status, 403, show(created));
    assert.equal(office.sql(`SELECT count(*) FROM category_translations WHERE name = 'Volé' OR name = 'A'`), '0');
  });
});

describe('the tree and a category', { timeout: 90_000 }, () => {
  test('a new category appears in the tree with both names; a refused one keeps what was typed', async () => {
    const parent = await newCategory({ fr: 'Cuisine', en: 'Kitchen' });
    const child = await newCategory({ fr: 'Théières', en: 'Teapots', parent });
    const tree = await page(staff.catalog_manager.client, '/admin/categories');
    const row = new RegExp(`<tr id="category-${child}">[\\s\\S]*?</tr>`).exec(tree.text)?.[0];
    assert.ok(row, 'no row');
    assert.match(row, /admin-depth-1/);
    assert.match(row, new RegExp(`Théières ${process.pid}`));
    assert.match(row, new RegExp(`Teapots ${process.pid}`));
    assert.match(flat(row), /Affichée/);
    const form = formOf(tree.text, 'new-category');
    const refused = await post(staff.catalog_manager.client, form.action, setField(setField(form.fields, 'fr_name', 'Gardé'), 'en_name', ''));
    assert.equal(refused.status, 422, show(refused));
    assert.match(refused.text, /href="#f-text-en-name"/);
    assert.equal(fieldOf(formOf(refused.text, 'new-category').fields, 'fr_name'), 'Gardé');
    const taken = office.sql(`SELECT slug FROM category_translations WHERE category_id = ${child} AND locale = 'fr'`);
    const clash = await post(staff.catalog_manager.client, form.action,
      setField(setField(setField(form.fields, 'fr_name', 'Doublon'), 'en_name', 'Twin'), 'fr_slug', taken));
    assert.equal(clash.status, 409, show(clash));
  });

  test('a rename: the storefront shows the new name at once, the old address redirects, the log has before and after', async () => {
    const id = await newCategory({ fr: 'Vaisselle', en: 'Tableware' });
    const client = staff.catalog_manager.client;
    const oldSlug = office.sql(`SELECT slug FROM category_translations WHERE category_id = ${id} AND locale = 'fr'`);
    assert.equal((await get(`${server.url}/fr/categorie/${oldSlug}`)).status, 200);
    const edit = await page(client, `/admin/categories/${id}?notice=category_created`);
    assert.match(flat(edit.text), /Catégorie créée/);
    assert.match(flat(edit.text), /l’ancienne redirige \(301\)/);
    let fields = formOf(edit.text, 'category-form').fields;
    fields = setField(fields, 'fr_name', 'Arts de la table');
    fields = setField(fields, 'fr_slug', `arts-de-la-table-${process.pid}`);
    fields = setField(fields, 'en_description', 'Plates and bowls.');
    const saved = await post(client, `/admin/categories/${id}`, fields);
    assert.equal(saved.status, 303, show(saved));
    assert.equal(saved.headers.location, `/admin/categories/${id}?notice=category_saved`);
    const store = await get(`${server.url}/fr/categorie/arts-de-la-table-${process.pid}`);
    assert.equal(store.status, 200, show(store));
    assert.match(store.text, /Arts de la table/);
    const moved = await get(`${server.url}/fr/categorie/${oldSlug}`);
    assert.equal(moved.status, 301, show(moved));
    assert.equal(moved.headers.location, `/fr/categorie/arts-de-la-table-${process.pid}`);
    const [entry] = audits(id, 'category.updated');
    assert.deepEqual(entry.changes['text.fr.name'].after, 'Arts de la table');
    assert.deepEqual(entry.changes['text.fr.slug'], { before: oldSlug, after: `arts-de-la-table-${process.pid}` });
    assert.equal(entry.changes['text.en.description'].after, 'Plates and bowls.');
    assert.equal(entry.version, Number(version(id)));
    const row = office.sql(`SELECT actor_kind || '|' || actor_id || '|' || (request_id <> '') FROM audit_log WHERE target_kind = 'category' AND target_id = '${id}' AND action = 'category.updated'`);
    assert.equal(row, `user|${staff.catalog_manager.id}|true`);
    assert.equal(audits(id, 'category.created').length, 1);
    // Hidden: the storefront's page is gone at once.
    const hide = setField(formOf((await page(client, `/admin/categories/${id}`)).text, 'category-form').fields, 'active', '');
    assert.equal((await post(client, `/admin/categories/${id}`, hide.filter(([k]) => k !== 'active'))).status, 303);
    assert.equal((await get(`${server.url}/fr/categorie/arts-de-la-table-${process.pid}`)).status, 404);
  });

  test('a stale form writes nothing, answers 409 and lists what differs', async () => {
    const id = await newCategory();
    const mine = staff.catalog_manager.client;
    const theirs = staff.admin.client;
    const opened = await page(mine, `/admin/categories/${id}`);
    const other = await page(theirs, `/admin/categories/${id}`);
    const first = await post(theirs, `/admin/categories/${id}`, setField(formOf(other.text, 'category-form').fields, 'en_name', 'Green tea'));
    assert.equal(first.status, 303, show(first));
    const late = await post(mine, `/admin/categories/${id}`, setField(formOf(opened.text, 'category-form').fields, 'en_name', 'Black tea'));
    assert.equal(late.status, 409, show(late));
    assert.equal(office.sql(`SELECT name FROM category_translations WHERE category_id = ${id} AND locale = 'en'`), 'Green tea');
    const text = flat(late.text);
    assert.match(text, /Quelqu’un d’autre a modifié cette catégorie/);
    assert.match(text, /Nom \(EN\) — actuellement « Green tea », votre saisie « Black tea »/);
    // A stale move or deletion: nothing written either.
    office.sql(`UPDATE sessions SET mfa_at = now() WHERE user_id = ${staff.catalog_manager.id}`);
    const move = await post(mine, `/admin/categories/${id}/move`, formOf(opened.text, 'move').fields);
    assert.equal(move.status, 409, show(move));
    const del = await post(mine, `/admin/categories/${id}/delete`, [...formOf(opened.text, 'delete').fields, ['confirm', 'yes']]);
    assert.equal(del.status, 409, show(del));
    assert.equal(office.sql(`SELECT count(*) FROM categories WHERE id = ${id}`), '1');
    // The page now carries the current version: sending again applies it.
    const again = await post(mine, `/admin/categories/${id}`, setField(formOf(late.text, 'category-form').fields, 'en_name', 'Black tea'));
    assert.equal(again.status, 303, show(again));
  });
});

describe('moving and ordering', { timeout: 90_000 }, () => {
  test('a move under itself or a subcategory is refused; a move elsewhere puts it after its new siblings', async () => {
    const kitchen = await newCategory({ fr: 'Cuisine', en: 'Kitchen' });
    const tea = await newCategory({ fr: 'Thé', en: 'Tea', parent: kitchen });
    const teapots = await newCategory({ fr: 'Théières', en: 'Teapots', parent: tea });
    const garden = await newCategory({ fr: 'Jardin', en: 'Garden' });
    const client = staff.catalog_manager.client;
    const edit = await page(client, `/admin/categories/${kitchen}`);
    const form = formOf(edit.text, 'move');
    // The select offers neither itself nor its subcategories…
    const options = /<select id="f-parent_id"[\s\S]*?<\/select>/.exec(edit.text.slice(edit.text.indexOf('id="move"')))[0];
    assert.doesNotMatch(options, new RegExp(`value="(${kitchen}|${tea}|${teapots})"`));
    // …and the server refuses them when sent anyway.
    for (const parent of [kitchen, teapots]) {
      const refused = await post(client, form.action, setField(form.fields, 'parent', String(parent)));
      assert.equal(refused.status, 422, show(refused));
      assert.match(flat(refused.text), /Catégorie parente : Une catégorie ne peut pas être placée sous elle-même/);
    }
    assert.equal(office.sql(`SELECT coalesce(parent_id::text, 'root') FROM categories WHERE id = ${kitchen}`), 'root');
    const done = await post(client, form.action, setField(form.fields, 'parent', String(garden)));
    assert.equal(done.status, 303, show(done));
    assert.equal(done.headers.location, `/admin/categories/${kitchen}?notice=category_moved`);
    assert.equal(office.sql(`SELECT parent_id FROM categories WHERE id = ${kitchen}`), String(garden));
    const [entry] = audits(kitchen, 'category.moved');
    assert.deepEqual(entry.changes.parent_id, { before: null, after: garden });
  });

  test('up and down among its siblings, from the tree and from its page', async () => {
    const parent = await newCategory({ fr: 'Maison', en: 'Home' });
    const a = await newCategory({ fr: 'A', en: 'A', parent });
    const b = await newCategory({ fr: 'B', en: 'B', parent });
    const c = await newCategory({ fr: 'C', en: 'C', parent });
    const order = () => office.sql(`SELECT string_agg(id::text, ',' ORDER BY position, id) FROM categories WHERE parent_id = ${parent}`);
    assert.equal(order(), `${a},${b},${c}`);
    const client = staff.catalog_manager.client;
    const tree = await page(client, '/admin/categories');
    const up = formOf(tree.text, `order-${c}`);
    assert.doesNotMatch(new RegExp(`<form[^>]*id="order-${c}"[\\s\\S]*?</form>`).exec(tree.text)[0], /value="down"/, 'the last has no way down');
    const res = await post(client, up.action, [...up.fields, ['action', 'up']]);
    assert.equal(res.status, 303, show(res));
    assert.equal(res.headers.location, `/admin/categories?notice=category_reordered#category-${c}`);
    assert.equal(order(), `${a},${c},${b}`);
    const edit = await page(client, `/admin/categories/${a}`);
    const down = formOf(edit.text, 'order');
    const res2 = await post(client, down.action, [...down.fields, ['action', 'down']]);
    assert.equal(res2.status, 303, show(res2));
    assert.equal(order(), `${c},${a},${b}`);
    // The tree's form for `c` showed an older version: refused, nothing moves.
    const stale = await post(client, up.action, [...up.fields, ['action', 'down']]);
    assert.equal(stale.status, 409, show(stale));
    assert.equal(order(), `${c},${a},${b}`);
    const bad = await post(client, down.action, [...formOf((await page(client, `/admin/categories/${a}`)).text, 'order').fields, ['action', 'sideways']]);
    assert.equal(bad.status, 400, show(bad));
    const [entry] = audits(c, 'category.reordered');
    assert.deepEqual(entry.order, { before: [a, b, c], after: [a, c, b] });
  });
});

describe('deleting with reassignment', { timeout: 90_000 }, () => {
  test('the confirmation, then past ten minutes a fresh code; products and subcategories go to the category chosen', async () => {
    const kitchen = await newCategory({ fr: 'Cuisine', en: 'Kitchen' });
    const tea = await newCategory({ fr: 'Thé', en: 'Tea', parent: kitchen });
    const teapots = await newCategory({ fr: 'Théières', en: 'Teapots', parent: tea });
    const garden = await newCategory({ fr: 'Jardin', en: 'Garden' });
    const product = productIn(tea, `the-${process.pid}`);
    const client = staff.catalog_manager.client;
    office.sql(`UPDATE sessions SET mfa_at = now() WHERE user_id = ${staff.catalog_manager.id}`);
    const edit = await page(client, `/admin/categories/${tea}`);
    assert.match(flat(edit.text), /Ses produits et ses sous-catégories passent dans la catégorie choisie/);
    const form = formOf(edit.text, 'delete');
    // By default, its parent receives them.
    assert.equal(fieldOf(form.fields, 'reassign_to'), String(kitchen));
    const unconfirmed = await post(client, form.action, form.fields.filter(([k]) => k !== 'confirm'));
    assert.equal(unconfirmed.status, 422, show(unconfirmed));
    assert.match(flat(unconfirmed.text), /Cochez la confirmation/);
    // Not to one of its own subcategories.
    const below = await post(client, form.action, [...setField(form.fields, 'reassign_to', String(teapots)), ['confirm', 'yes']]);
    assert.equal(below.status, 422, show(below));
    // Without a category to receive them: refused, nothing deleted.
    const nowhere = await post(client, form.action, [...setField(form.fields, 'reassign_to', ''), ['confirm', 'yes']]);
    assert.equal(nowhere.status, 409, show(nowhere));
    assert.match(flat(nowhere.text), /choisissez la catégorie qui les reçoit/);
    // The second factor grows old: the page asks for a code, and a wrong one does nothing.
    office.sql(`UPDATE sessions SET mfa_at = now() - interval '11 minutes' WHERE user_id = ${staff.catalog_manager.id}`);
    const aged = await page(client, `/admin/categories/${tea}`);
    assert.match(aged.text, /id="delete-code"/);
    const fields = setField(formOf(aged.text, 'delete').fields.filter(([k]) => k !== 'code'), 'reassign_to', String(garden));
    const wrong = await post(client, form.action, [...fields, ['confirm', 'yes'], ['code', '000000']]);
    assert.equal(wrong.status, 422, show(wrong));
    assert.equal(office.sql(`SELECT count(*) FROM categories WHERE id = ${tea}`), '1');
    const code = totp(staff.catalog_manager.secret, currentStep() + 1);
    const done = await post(client, form.action, [...fields, ['confirm', 'yes'], ['code', code]]);
    assert.equal(done.status, 303, show(done));
    assert.equal(done.headers.location, '/admin/categories?notice=category_deleted');
    assert.equal(office.sql(`SELECT count(*) FROM categories WHERE id = ${tea}`), '0');
    assert.equal(office.sql(`SELECT parent_id FROM categories WHERE id = ${teapots}`), String(garden));
    assert.equal(office.sql(`SELECT primary_category_id || '|' || (SELECT string_agg(category_id::text, ',') FROM product_categories WHERE product_id = ${product}) FROM products WHERE id = ${product}`), `${garden}|${garden}`);
    const [entry] = audits(tea, 'category.deleted');
    assert.equal(entry.reassigned_to, garden);
    assert.equal(entry.products, 1);
    assert.deepEqual(entry.subcategories, [teapots]);
    const after = await page(client, '/admin/categories?notice=category_deleted');
    assert.match(flat(after.text), /Catégorie supprimée/);
    office.sql(`UPDATE sessions SET mfa_at = now() WHERE user_id = ${staff.catalog_manager.id}`);
  });
});

describe('in English', { timeout: 60_000 }, () => {
  test('the tree and a category speak the staff member’s language; the data stays as typed', async () => {
    const id = await newCategory({ fr: 'Épicerie', en: 'Grocery' });
    office.sql(`UPDATE users SET locale = 'en' WHERE id = ${staff.owner.id}`);
    try {
      const tree = await page(staff.owner.client, '/admin/categories');
      assert.match(tree.text, /<html lang="en/);
      assert.match(flat(tree.text), /Categories, subcategories indented/);
      assert.match(flat(tree.text), /Create the category/);
      const one = await page(staff.owner.client, `/admin/categories/${id}`);
      assert.match(one.text, new RegExp(`name="fr_name" value="Épicerie ${process.pid}`));
      assert.match(flat(one.text), new RegExp(`Category — Grocery ${process.pid}`));
      assert.match(flat(one.text), /If you change the address, the old one redirects \(301\)/);
      const form = formOf(one.text, 'delete');
      const unconfirmed = await post(staff.owner.client, form.action, form.fields);
      assert.equal(unconfirmed.status, 422, show(unconfirmed));
      assert.match(flat(unconfirmed.text), /Tick the confirmation/);
    } finally {
      office.sql(`UPDATE users SET locale = 'fr' WHERE id = ${staff.owner.id}`);
    }
  });
});
