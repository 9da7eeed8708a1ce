// The back office's CSV import of products, black box: who may use it, CSRF, a file of the wrong
// shape refused at once in the staff member's language, the dry run (the catalog's own export
// sent back changes nothing; an edited file says what it would change and what it refuses, and
// writes nothing), the apply (written, audited, a stale apply doing nothing), and the progress
// endpoint the page's script reads.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backOffice, ROLES } from '../support/back_office.mjs';
import { formOf, pageText } from '../support/html.mjs';
import { multipart } from '../support/images.mjs';
import { describe as show, startServer } from '../support/server.mjs';

let server;
let office;
const staff = {};
const flat = (text) => pageText(text).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

function send(client, file, { csrf, name = 'products.csv', origin = server.url } = {}) {
  const { body, type } = multipart([
    { name: '_csrf', value: csrf },
    { name: 'file', filename: name, type: 'text/csv', data: file },
  ]);
  return client.send('/admin/products/import', { method: 'POST', rawBody: body, headers: { 'content-type': type, origin } });
}

async function csrfOf(client) {
  const res = await client.get('/admin/products/import');
  assert.equal(res.status, 200, show(res));
  return formOf(res.text, 'import-form').fields.find(([name]) => name === '_csrf')[1];
}

// Sends `file` as `role` and waits for the pass: the import's id and its page.
async function imported(file, role = 'catalog_manager') {
  const client = staff[role].client;
  const res = await send(client, file, { csrf: await csrfOf(client) });
  assert.equal(res.status, 303, show(res));
  const id = Number(/^\/admin\/products\/import\/(\d+)$/.exec(res.headers.location)?.[1]);
  assert.ok(id > 0, res.headers.location);
  return { id, page: await settled(client, id) };
}

// The import's page once no pass runs.
async function settled(client, id) {
  const deadline = performance.now() + 30_000;
  for (;;) {
    const res = await client.get(`/admin/products/import/${id}`);
    assert.equal(res.status, 200, show(res));
    if (!/<progress /.test(res.text)) return res;
    assert.ok(performance.now() < deadline, 'the pass did not end');
    await sleep(200);
  }
}

const count = (html, outcome) => Number(new RegExp(`data-outcome="${outcome}">([\\d\\s\\u202f\\u00a0]+)<`).exec(html)?.[1].replace(/\D/g, '') ?? NaN);

let drafts = 0;
function draft(price = 2450) {
  drafts += 1;
  const sku = `IMP-${process.pid}-${drafts}`;
  const id = Number(office.sql(`WITH p AS (INSERT INTO products (status) VALUES ('draft') RETURNING id),
    t AS (INSERT INTO product_translations (product_id, locale, name, slug)
      SELECT id, l, CASE l WHEN 'fr' THEN 'Bol importé ' ELSE 'Imported bowl ' END || '${drafts}',
        CASE l WHEN 'fr' THEN 'bol-importe-' ELSE 'imported-bowl-' END || '${process.pid}-${drafts}'
      FROM p CROSS JOIN (VALUES ('fr'), ('en')) AS v(l)),
    v AS (INSERT INTO variants (product_id, sku, price_cents, currency, stock_on_hand) SELECT id, '${sku}', ${price}, 'CAD', 4 FROM p)
    SELECT id FROM p`));
  return { id, sku };
}

before(async () => {
  server = await startServer();
  office = backOffice(server, { firstAddress: 140 });
  for (const role of ROLES) staff[role] = await office.staffMember(role, `import-${role}`);
}, { timeout: 120_000 });
after(async () => {
  await server?.stop();
});

describe('who may import', { timeout: 60_000 }, () => {
  test('catalog:write only; a form without its token or from another site stores nothing', async () => {
    const writers = ['owner', 'admin', 'catalog_manager'];
    for (const role of ROLES) {
      const res = await staff[role].client.get('/admin/products/import');
      assert.equal(res.status, writers.includes(role) ? 200 : 403, `${role}: ${show(res)}`);
    }
    assert.equal((await office.visitor().get('/admin/products/import')).status, 303);
    const before = office.sql('SELECT count(*) FROM catalog_imports');
    const client = staff.catalog_manager.client;
    const csrf = await csrfOf(client);
    assert.equal((await send(client, 'sku,price\nX,1\n', { csrf: 'forged' })).status, 403);
    assert.equal((await send(client, 'sku,price\nX,1\n', { csrf, origin: 'https://evil.example' })).status, 403);
    const support = await send(staff.support.client, 'sku,price\nX,1\n', { csrf });
    assert.equal(support.status, 403, show(support));
    assert.equal(office.sql('SELECT count(*) FROM catalog_imports'), before);
  });
});

describe('a file of the wrong shape', { timeout: 60_000 }, () => {
  test('is refused at once with why, in French and in English, and nothing is stored', async () => {
    const client = staff.catalog_manager.client;
    const before = office.sql('SELECT count(*) FROM catalog_imports');
    const latin1 = Buffer.from('sku,fr_name\nA,Th\xe9i\xe8re\n', 'latin1');
    const fr = await send(client, latin1, { csrf: await csrfOf(client) });
    assert.equal(fr.status, 422, show(fr));
    assert.match(flat(fr.text), /n’est pas du texte UTF-8/);
    assert.match(fr.text, /aria-invalid="true"/);
    const noSku = await send(client, 'name,price\nA,1\n', { csrf: await csrfOf(client) });
    assert.equal(noSku.status, 422);
    assert.match(flat(noSku.text), /dont sku/);
    office.sql(`UPDATE users SET locale = 'en' WHERE id = ${staff.catalog_manager.id}`);
    try {
      const en = await send(client, latin1, { csrf: await csrfOf(client) });
      assert.equal(en.status, 422);
      assert.match(flat(en.text), /is not UTF-8 text/);
    } finally {
      office.sql(`UPDATE users SET locale = 'fr' WHERE id = ${staff.catalog_manager.id}`);
    }
    assert.equal(office.sql('SELECT count(*) FROM catalog_imports'), before);
  });
});

describe('the dry run and the apply', { timeout: 120_000 }, () => {
  test('the catalog’s own export sent back changes nothing', async () => {
    draft();
    const exported = await staff.catalog_manager.client.get('/admin/products.csv');
    assert.equal(exported.status, 200);
    const { page } = await imported(exported.text);
    assert.match(flat(page.text), /Vérifié, non appliqué/);
    assert.ok(count(page.text, 'unchanged') >= 1, page.text);
    assert.equal(count(page.text, 'created'), 0);
    assert.equal(count(page.text, 'changed'), 0);
    assert.equal(count(page.text, 'refused'), 0);
    assert.doesNotMatch(page.text, /id="import-apply"/);
    assert.match(page.text, /id="import-nothing"/);
  });

  test('an edited file says what it would do, writes nothing until applied, then is applied and audited', async () => {
    const bowl = draft(2450);
    const other = draft(1000);
    const version = office.sql(`SELECT version FROM products WHERE id = ${bowl.id}`);
    const file = `sku;price;stock\r\n${bowl.sku};31,00;9\r\n${other.sku};deux;\r\n`;
    const { id, page } = await imported(file);
    assert.equal(count(page.text, 'changed'), 1);
    assert.equal(count(page.text, 'refused'), 1);
    const text = flat(page.text);
    assert.match(text, new RegExp(`${bowl.sku} .*Modifiée.*variants\\.\\d+\\.price_cents 2450 → (devient )?3100`));
    assert.match(text, /price : Pas un prix : deux/);
    assert.equal(office.sql(`SELECT version FROM products WHERE id = ${bowl.id}`), version);

    const progress = await staff.catalog_manager.client.get(`/admin/products/import/${id}/progress`);
    assert.equal(progress.status, 200);
    assert.deepEqual({ ...JSON.parse(progress.text), text: undefined },
      { status: 'checked', rows_done: 2, rows_total: 2, text: undefined });

    const form = formOf(page.text, 'import-apply');
    const applied = await staff.catalog_manager.client.send(form.action, { method: 'POST', form: form.fields });
    assert.equal(applied.status, 303, show(applied));
    assert.equal(applied.headers.location, `/admin/products/import/${id}?notice=import_applying`);
    const done = await settled(staff.catalog_manager.client, id);
    assert.match(flat(done.text), /Appliqué/);
    assert.equal(office.sql(`SELECT price_cents || '|' || stock_on_hand FROM variants WHERE sku = '${bowl.sku}'`), '3100|9');
    assert.equal(office.sql(`SELECT price_cents FROM variants WHERE sku = '${other.sku}'`), '1000');
    assert.equal(office.sql(`SELECT count(*) FROM audit_log WHERE action = 'product.updated' AND target_id = '${bowl.id}'
      AND request_id = 'import-${id}' AND actor_id = ${staff.catalog_manager.id}`), '1');
    assert.equal(office.sql(`SELECT count(*) FROM audit_log WHERE action = 'catalog.import_applied' AND target_id = '${id}'`), '1');

    // The page the form came from is stale now: sending it again does nothing.
    const again = await staff.catalog_manager.client.send(form.action, { method: 'POST', form: form.fields });
    assert.equal(again.status, 303);
    assert.equal(again.headers.location, `/admin/products/import/${id}?notice=import_stale`);
    assert.equal(office.sql(`SELECT count(*) FROM audit_log WHERE action = 'catalog.import_applied' AND target_id = '${id}'`), '1');
    // Another role may not apply it.
    const refused = await staff.support.client.send(form.action, { method: 'POST', form: form.fields });
    assert.equal(refused.status, 403);
  });
});
