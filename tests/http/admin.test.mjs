// The back office at /admin/, black box: who gets in (anonymous → login with a way back, a
// customer → 403, staff → only after two-factor), the permission matrix (role × screen), the
// dashboard's figures, the orders list with its filters, an order's page (the address only for
// those who may read customers' data, each viewing audited) and its changes of state (CSRF,
// a stale form changes nothing, the customer's mail), in French and in English.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { backOffice, ROLES, STAFF_PASSWORD } from '../support/back_office.mjs';
import { FormClient, formsOf } from '../support/form_client.mjs';
import { pageText } from '../support/html.mjs';
import { describe as show, request, runComptoir, startServer } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { currentStep, totp } from '../support/totp.mjs';

const KEYS = `k1:${Buffer.alloc(32, 21).toString('base64')}`;
const ADDRESS = { full_name: 'Hélène Gagnon', line1: '12 rue des Érables', city: 'Sherbrooke', postal_code: 'J1H 5N4' };
const PASSWORD = STAFF_PASSWORD;

const capture = await startSmtpCapture();
let server;
let product;
let sql;
let quote;
let visitor;
let createUser;
let signIn;
const staff = {};  // role → { client, email, id }

const flat = (text) => pageText(text).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

let orderCount = 0;
async function placeOrder(quantity = 1) {
  const email = `client-${(orderCount += 1)}-${process.pid}@example.ca`;
  const client = new FormClient(server.url);
  const first = await client.send('/api/v1/cart', { headers: { 'accept-language': 'fr' } });
  const csrf = JSON.parse(first.text).csrf_token;
  const call = (path, body) => client.send(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, origin: server.url, 'accept-language': 'fr' },
    rawBody: JSON.stringify(body),
  });
  const added = await call('/api/v1/cart/items', { product_id: product.id, variant_id: product.variant, quantity });
  assert.equal(added.status, 201, show(added));
  const res = await call('/api/v1/checkout', { email, region: 'CA-QC', shipping_address: ADDRESS });
  assert.equal(res.status, 201, show(res));
  return { ...JSON.parse(res.text).order, email };
}

const statusOf = (number) => sql(`SELECT status FROM orders WHERE number = ${quote(number)}`);
const stock = () => Number(sql(`SELECT stock_on_hand FROM variants WHERE id = ${product.variant}`));

// The form on `page` that posts `to` (an order's action), with its fields.
async function actionForm(client, page, to) {
  const res = await client.get(page);
  assert.equal(res.status, 200, show(res));
  const form = formsOf(res.text).find((f) => f.fields.to === to);
  assert.ok(form, `no "${to}" form on ${page}`);
  return form;
}

before(async () => {
  server = await startServer({ env: { SMTP_URL: capture.url, MAIL_FROM: 'boutique@example.ca', COMPTOIR_SECRET_KEYS: KEYS } });
  let staffMember;
  ({ sql, quote, visitor, createUser, signIn, staffMember } = backOffice(server));
  const api = catalogApi(server, await createToken(server));
  const made = await api.post('/api/v1/products', {
    status: 'active', text: { fr: { name: 'Théière en fonte' }, en: { name: 'Cast iron teapot' } },
    variants: [{ sku: `POT-${process.pid}`, price_cents: 4_500, stock_on_hand: 30 }],
  });
  product = { id: made.id, variant: made.variants[0].id };
  for (const role of ROLES) staff[role] = await staffMember(role);
}, { timeout: 120_000 });
after(async () => {
  await server?.stop();
});

describe('who gets into /admin/', { timeout: 60_000 }, () => {
  test('anonymous: 303 to the login page of their language, with the screen asked for as the way back', async () => {
    const fr = await visitor().get('/admin/orders?status=paid');
    assert.equal(fr.status, 303, show(fr));
    assert.equal(fr.headers.location, `/fr/connexion?next=${encodeURIComponent('/admin/orders?status=paid')}`);
    const en = await visitor().get('/admin/', { headers: { 'accept-language': 'en-CA,en;q=0.9' } });
    assert.equal(en.status, 303, show(en));
    assert.equal(en.headers.location, `/en/login?next=${encodeURIComponent('/admin/')}`);
    const bare = await visitor().get('/admin');
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.location, '/admin/');
  });

  test('signing in from that redirect, then the code, lands on the screen asked for', async () => {
    const { email, secret } = staff.support;
    const client = visitor();
    const asked = await client.get('/admin/orders');
    const login = await client.submit(asked.headers.location, { email, password: PASSWORD }, { action: '/fr/connexion' });
    assert.equal(login.status, 303, show(login));
    assert.match(login.headers.location, /^\/fr\/connexion\/code\?next=%2Fadmin%2Forders$/);
    const early = await client.get('/admin/orders');
    assert.equal(early.status, 303, 'the back office opened before the code');
    assert.match(early.headers.location, /^\/fr\/connexion\/code/);
    // A code of the next step: the enrolment already used this step's.
    const code = await client.submit(login.headers.location, { code: totp(secret, currentStep() + 1) }, { action: '/fr/connexion/code' });
    assert.equal(code.status, 303, show(code));
    assert.equal(code.headers.location, '/admin/orders');
    const page = await client.get('/admin/orders');
    assert.equal(page.status, 200, show(page));
  });

  test('a customer gets the 403 page; staff without two-factor are sent to enrol', async () => {
    const customer = visitor();
    await createUser(`client-403-${process.pid}@example.ca`, 'customer');
    await signIn(customer, `client-403-${process.pid}@example.ca`);
    const res = await customer.get('/admin/');
    assert.equal(res.status, 403, show(res));
    assert.match(res.headers['content-type'], /text\/html/);

    const fresh = visitor();
    const email = `nouveau-${process.pid}@example.ca`;
    await createUser(email, 'admin');
    await signIn(fresh, email);
    const enrol = await fresh.get('/admin/');
    assert.equal(enrol.status, 303, show(enrol));
    assert.equal(enrol.headers.location, '/fr/compte/double-authentification');
  });
});

describe('the permission matrix', { timeout: 90_000 }, () => {
  test('each role reaches exactly the screens and actions its permissions allow; denials are audited', async () => {
    const order = await placeOrder();
    const page = `/admin/orders/${order.number}`;
    const screens = [
      { path: '/admin/', allowed: ROLES },
      { path: '/admin/orders', allowed: ['owner', 'admin', 'order_manager', 'support'] },
      { path: page, allowed: ['owner', 'admin', 'order_manager', 'support'] },
    ];
    for (const { path, allowed } of screens) {
      for (const role of ROLES) {
        const res = await staff[role].client.get(path);
        assert.equal(res.status, allowed.includes(role) ? 200 : 403, `${role} GET ${path}: ${show(res)}`);
      }
    }
    const denied = Number(sql(`SELECT count(*) FROM audit_log WHERE action = 'access.denied' AND actor_id = ${staff.catalog_manager.id} AND target_id = '/admin/orders'`));
    assert.ok(denied >= 1, 'a denial was not audited');

    // Changing an order needs orders:write: support reads but may not write.
    const form = await actionForm(staff.admin.client, page, 'cancelled');
    for (const role of ['support', 'catalog_manager']) {
      const token = formsOf((await staff[role].client.get('/admin/')).text).find((f) => f.fields._csrf).fields._csrf;
      const res = await staff[role].client.send(form.action, { method: 'POST', form: { ...form.fields, _csrf: token } });
      assert.equal(res.status, 403, `${role} changed an order: ${show(res)}`);
    }
    assert.equal(statusOf(order.number), 'pending');
  });

  test('the navigation lists only what the role may open', async () => {
    const nav = (html) => [...html.matchAll(/<nav class="admin-nav"[\s\S]*?<\/nav>/g)][0][0];
    const catalog = await staff.catalog_manager.client.get('/admin/');
    assert.doesNotMatch(nav(catalog.text), /\/admin\/orders/);
    const orders = await staff.order_manager.client.get('/admin/');
    assert.match(nav(orders.text), /href="\/admin\/orders"/);
  });
});

describe('the dashboard', { timeout: 60_000 }, () => {
  test('shows today’s sales once an order is paid, orders by state linking to the list, and a chart with its table', async () => {
    const order = await placeOrder(2);
    const form = await actionForm(staff.owner.client, `/admin/orders/${order.number}`, 'paid');
    const paid = await staff.owner.client.send(form.action, { method: 'POST', form: form.fields });
    assert.equal(paid.status, 303, show(paid));
    const res = await staff.owner.client.get('/admin/');
    assert.equal(res.status, 200, show(res));
    const text = flat(res.text);
    const total = Number(sql(`SELECT sum(total) FROM orders WHERE paid_at >= date_trunc('day', now()) AND status <> 'cancelled'`));
    const shown = `${(total / 100).toFixed(2).replace('.', ',')} $`;
    assert.ok(text.includes(`Aujourd’hui ${shown}`), `today's sales (${shown}) not shown:\n${text.slice(0, 1500)}`);
    assert.match(res.text, /href="\/admin\/orders\?status=paid"/);
    assert.match(res.text, /<svg class="chart"[^>]*role="img"[^>]*aria-labelledby="sales-chart-title sales-chart-desc"/);
    assert.equal((res.text.match(/<rect class="chart__bar"/g) ?? []).length, 30);
    assert.match(res.text, /id="last-backup"/, 'the owner sees the backups');
    const support = await staff.support.client.get('/admin/');
    assert.doesNotMatch(support.text, /id="last-backup"/, 'support sees the backups');
    const catalog = await staff.catalog_manager.client.get('/admin/');
    assert.doesNotMatch(catalog.text, /sales-heading/, 'the catalog manager sees the sales');
    assert.match(catalog.text, /stock-heading/);
  });
});

describe('the orders', { timeout: 90_000 }, () => {
  test('the list filters by state, search and date, and pages by cursor', async () => {
    const a = await placeOrder();
    const b = await placeOrder();
    const client = staff.support.client;
    const search = await client.get(`/admin/orders?q=${encodeURIComponent(a.email)}`);
    assert.equal(search.status, 200, show(search));
    assert.ok(search.text.includes(a.number) && !search.text.includes(b.number), 'search by email');
    const byNumber = await client.get(`/admin/orders?q=${b.number.toLowerCase()}`);
    assert.ok(byNumber.text.includes(b.number) && !byNumber.text.includes(a.number), 'search by number');
    const cancelled = await client.get('/admin/orders?status=cancelled');
    assert.ok(!cancelled.text.includes(a.number), 'a pending order listed as cancelled');
    const future = await client.get('/admin/orders?from=2999-01-01');
    assert.ok(!future.text.includes(a.number));
    const bad = await client.get('/admin/orders?from=2026-02-30&status=nope');
    assert.equal(bad.status, 400, show(bad));
    assert.match(flat(bad.text), /AAAA-MM-JJ/);
    const all = Number(sql('SELECT count(*) FROM orders'));
    assert.ok(all >= 3);
    sql(`INSERT INTO orders (number, email, locale, currency, region_code, shipping_address, subtotal, shipping, tax, tax_included, total, payment_provider, reserved_until, created_at)
      SELECT 'CMP-' || upper(lpad(to_hex(g), 8, '0')), 'lot-' || g || '@example.ca', 'fr', 'CAD', 'CA-QC', (SELECT shipping_address FROM orders LIMIT 1), 100, 0, 0, false, 100, 'manual', now(), now() - interval '1 day'
      FROM generate_series(1, 60) g WHERE NOT EXISTS (SELECT 1 FROM orders WHERE number = 'CMP-' || upper(lpad(to_hex(g), 8, '0')))`);
    const first = await client.get('/admin/orders');
    const next = /<a href="([^"]+)" rel="next">/.exec(first.text)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(next, 'no next page with more than 50 orders');
    const second = await client.get(next);
    const numbers = (html) => [...html.matchAll(/>(CMP-[0-9A-Z]{8})</g)].map((m) => m[1]);
    const overlap = numbers(first.text).filter((n) => numbers(second.text).includes(n));
    assert.deepEqual(overlap, [], 'pages overlap');
    assert.equal(numbers(first.text).length, 50);

    // A part of an email finds its orders (a trigram index, not a read of every order); the
    // search's % and _ are plain characters, not LIKE's wildcards; a search pages by cursor too.
    const part = numbers((await client.get('/admin/orders?q=lot-1%40')).text);
    assert.deepEqual(part, [sql(`SELECT number FROM orders WHERE email = 'lot-1@example.ca'`)]);
    assert.deepEqual(numbers((await client.get('/admin/orders?q=lot-1_')).text), [], '_ is not a wildcard');
    assert.deepEqual(numbers((await client.get('/admin/orders?q=%25')).text), [], '% is not a wildcard');
    const wide = await client.get('/admin/orders?q=example.ca');
    const wideNext = /<a href="([^"]+)" rel="next">/.exec(wide.text)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(wideNext, 'a search matching more than 50 orders has a next page');
    const wideSecond = numbers((await client.get(wideNext)).text);
    assert.ok(wideSecond.length > 0);
    assert.deepEqual(wideSecond.filter((n) => numbers(wide.text).includes(n)), [], 'search pages overlap');
  });

  test('an order page shows lines and totals; the address only to roles that read customers, each viewing audited', async () => {
    const order = await placeOrder();
    const page = `/admin/orders/${order.number}`;
    const before = Number(sql(`SELECT count(*) FROM audit_log WHERE action = 'order.address_viewed' AND target_id = ${quote(order.number)}`));
    const res = await staff.support.client.get(page);
    assert.equal(res.status, 200, show(res));
    assert.ok(flat(res.text).includes('12 rue des Érables'), 'the address is not shown to support');
    assert.ok(flat(res.text).includes('Théière en fonte'));
    const after = Number(sql(`SELECT count(*) FROM audit_log WHERE action = 'order.address_viewed' AND target_id = ${quote(order.number)}`));
    assert.equal(after, before + 1);
    const missing = await staff.support.client.get('/admin/orders/CMP-00000000');
    assert.equal(missing.status, 404);
  });

  test('shipping mails the customer the tracking link; a stale form changes nothing; cancelling gives the stock back', async () => {
    const order = await placeOrder(3);
    const page = `/admin/orders/${order.number}`;
    const client = staff.order_manager.client;
    const pay = await actionForm(client, page, 'paid');
    const stalePay = { ...pay };
    assert.equal((await client.send(pay.action, { method: 'POST', form: pay.fields })).status, 303);
    // The same form again: the order is paid now, the form still says pending.
    const stale = await client.send(stalePay.action, { method: 'POST', form: stalePay.fields });
    assert.equal(stale.status, 409, show(stale));
    assert.match(flat(stale.text), /a changé depuis/);
    assert.equal(statusOf(order.number), 'paid');

    const ship = await actionForm(client, page, 'fulfilled');
    const badUrl = await client.send(ship.action, { method: 'POST', form: { ...ship.fields, tracking_url: 'javascript:alert(1)' } });
    assert.equal(badUrl.status, 422, show(badUrl));
    assert.match(flat(badUrl.text), /Le lien de suivi doit être une adresse web/);
    const orphan = await client.send(ship.action, { method: 'POST', form: { ...ship.fields, tracking_number: 'ABC12345' } });
    assert.equal(orphan.status, 422, show(orphan));
    assert.match(flat(orphan.text), /Choisissez le transporteur de ce numéro de suivi/);
    assert.equal(statusOf(order.number), 'paid');
    assert.match(ship.fields.carrier ?? '', /^$/, 'no carrier chosen by default');
    const shipped = await client.send(ship.action, { method: 'POST', form: { ...ship.fields, carrier: 'purolator', tracking_number: 'abc 123 456', tracking_url: 'https://suivi.example/ABC123', note: 'Deux colis' } });
    assert.equal(shipped.status, 303, show(shipped));
    assert.equal(shipped.headers.location, `${page}?notice=order_fulfilled`);
    const mail = await capture.waitFor(order.email, (m) => (m.parts['text/plain'] ?? '').includes('https://suivi.example/ABC123'));
    assert.ok(mail, 'no shipping mail with the tracking link');
    assert.ok(flat(mail.parts['text/plain']).includes('Colis : Purolator ABC123456'), mail.parts['text/plain']);
    const audit = sql(`SELECT details->>'to' || ' ' || (details->>'carrier') || ' ' || (details->>'tracking_number') || ' ' || (details->>'tracking_url') FROM audit_log WHERE action = 'order.status_changed' AND target_id = ${quote(order.number)} ORDER BY id DESC LIMIT 1`);
    assert.equal(audit, 'fulfilled purolator ABC123456 https://suivi.example/ABC123');
    const shown = flat((await client.get(page)).text);
    assert.match(shown, /Transporteur Purolator Numéro de suivi ABC123456/);

    const other = await placeOrder(2);
    const held = stock();
    const cancel = await actionForm(client, `/admin/orders/${other.number}`, 'cancelled');
    const forged = await client.send(cancel.action, { method: 'POST', form: { ...cancel.fields, _csrf: 'x'.repeat(64) } });
    assert.equal(forged.status, 403, show(forged));
    assert.equal(statusOf(other.number), 'pending');
    assert.equal((await client.send(cancel.action, { method: 'POST', form: cancel.fields })).status, 303);
    assert.equal(statusOf(other.number), 'cancelled');
    assert.equal(stock(), held + 2);
  });

  test('the staff member switches the back office to English, and it stays so', async () => {
    const client = staff.catalog_manager.client;
    const fr = await client.get('/admin/');
    assert.match(fr.text, /<html lang="fr-CA">/);
    const form = formsOf(fr.text).find((f) => f.action === '/admin/locale');
    const res = await client.send('/admin/locale', { method: 'POST', form: form.fields });
    assert.equal(res.status, 303, show(res));
    assert.equal(res.headers.location, '/admin/');
    const en = await client.get('/admin/');
    assert.match(en.text, /<html lang="en-CA">/);
    assert.match(en.text, /Dashboard/);
    const evil = await client.send('/admin/locale', { method: 'POST', form: { ...form.fields, locale: 'fr', back: '//evil.example/admin/' } });
    assert.equal(evil.headers.location, '/admin/');
  });
});

describe('GET /api/v1/orders', { timeout: 60_000 }, () => {
  const api = async (query, token) => {
    const res = await request(`${server.url}/api/v1/orders${query}`, {
      headers: { accept: 'application/json', 'accept-language': 'en', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    return { ...res, json: res.text ? JSON.parse(res.text) : null };
  };

  test('needs orders:read; filters like the back office; pages by next_cursor; names each bad parameter', async () => {
    const made = await runComptoir(['token', 'create', '--name', 'integration', '--scope', 'orders:read'], {
      env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url },
    });
    assert.equal(made.code, 0, made.output);
    const token = made.stdout.trim().split('\n').pop().trim();
    assert.equal((await api('', null)).status, 401);

    const order = await placeOrder();
    const found = await api(`?q=${encodeURIComponent(order.email)}`, token);
    assert.equal(found.status, 200, show(found));
    assert.deepEqual(found.json.items.map((o) => o.number), [order.number]);
    assert.equal(found.json.items[0].status, 'pending');
    assert.equal(found.json.items[0].total.currency, 'CAD');
    assert.equal(found.json.next_cursor, null);

    const seen = new Set();
    let cursor = '';
    let pages = 0;
    const all = Number(sql('SELECT count(*) FROM orders'));
    do {
      const page = await api(`?limit=7${cursor ? `&cursor=${cursor}` : ''}`, token);
      assert.equal(page.status, 200, show(page));
      for (const o of page.json.items) {
        assert.ok(!seen.has(o.number), `${o.number} on two pages`);
        seen.add(o.number);
      }
      cursor = page.json.next_cursor;
      pages += 1;
    } while (cursor && pages < 100);
    assert.equal(seen.size, all);

    const bad = await api('?status=lost&created_from=2026-13-01&limit=0&cursor=abc', token);
    assert.equal(bad.status, 400, show(bad));
    assert.match(bad.headers['content-type'], /^application\/problem\+json/);
    assert.equal(bad.json.code, 'orders.invalid_query');
    assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['created_from', 'cursor', 'limit', 'status']);
    assert.match(bad.json.errors.find((e) => e.field === 'created_from').message, /YYYY-MM-DD/);
  });
});

describe('refunds from the order page', { timeout: 90_000 }, () => {
  const refundsOf = (number) => sql(`SELECT coalesce(string_agg(r.amount || ':' || r.state, ',' ORDER BY r.id), '') FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.number = ${quote(number)}`);

  test('an offline order is refunded in part then in full, after confirmation and, past ten minutes, a fresh code', async () => {
    const { client, id, secret } = staff.order_manager;
    const order = await placeOrder(2);
    const page = `/admin/orders/${order.number}`;
    const pay = await actionForm(client, page, 'paid');
    assert.equal((await client.send(pay.action, { method: 'POST', form: pay.fields })).status, 303);
    const total = Number(sql(`SELECT total FROM orders WHERE number = ${quote(order.number)}`));

    const shown = await client.get(page);
    const form = formsOf(shown.text).find((f) => f.action === `${page}/refund`);
    assert.ok(form, `no refund form:\n${flat(shown.text).slice(0, 2000)}`);
    assert.equal(form.fields.amount, `${Math.floor(total / 100)},${String(total % 100).padStart(2, '0')}`);
    // As a browser sends it: an unticked checkbox is not sent (the form reader keeps every input).
    const { confirm: _ticked, ...unticked } = form.fields;
    const send = (fields) => client.send(form.action, { method: 'POST', form: { ...unticked, reason: 'requested_by_customer', ...fields } });

    const unconfirmed = await send({ amount: '10,00' });
    assert.equal(unconfirmed.status, 422, show(unconfirmed));
    assert.match(flat(unconfirmed.text), /Cochez la confirmation/);
    const tooMuch = await send({ amount: `${total}`, confirm: 'yes' });
    assert.equal(tooMuch.status, 422, show(tooMuch));
    assert.match(flat(tooMuch.text), /au plus .* \$/);
    const garbage = await send({ amount: '12,345', confirm: 'yes' });
    assert.equal(garbage.status, 422, show(garbage));
    assert.equal(refundsOf(order.number), '');

    const partial = await send({ amount: '10,00', confirm: 'yes', reason: 'requested_by_customer' });
    assert.equal(partial.status, 303, show(partial));
    assert.equal(partial.headers.location, `${page}?notice=refund_succeeded`);
    assert.equal(refundsOf(order.number), '1000:succeeded');
    assert.equal(statusOf(order.number), 'partially_refunded');

    // Past ten minutes since the last code: the form asks for one, and money waits for it.
    sql(`UPDATE sessions SET mfa_at = now() - interval '11 minutes' WHERE user_id = ${id}`);
    const again = formsOf((await client.get(page)).text).find((f) => f.action === `${page}/refund`);
    assert.ok('code' in again.fields, 'no code field once the last code is old');
    const rest = total - 1000;
    const amount = `${Math.floor(rest / 100)},${String(rest % 100).padStart(2, '0')}`;
    const noCode = await client.send(again.action, { method: 'POST', form: { ...again.fields, reason: 'other', amount, confirm: 'yes' } });
    assert.equal(noCode.status, 422, show(noCode));
    const wrong = await client.send(again.action, { method: 'POST', form: { ...again.fields, reason: 'other', amount, confirm: 'yes', code: '000000' } });
    assert.equal(wrong.status, 422, show(wrong));
    assert.equal(refundsOf(order.number), '1000:succeeded', 'money moved without a fresh code');
    const right = await client.send(again.action, { method: 'POST', form: { ...again.fields, reason: 'other', amount, confirm: 'yes', code: totp(secret, currentStep() + 1) } });
    assert.equal(right.status, 303, show(right));
    assert.equal(refundsOf(order.number), `1000:succeeded,${rest}:succeeded`);
    assert.equal(statusOf(order.number), 'refunded');
    const audited = sql(`SELECT string_agg(DISTINCT actor_id::text, ',') || ' ' || count(*) FROM audit_log WHERE action = 'refund.succeeded' AND target_id = ${quote(order.number)}`);
    assert.equal(audited, `${id} 2`, 'each refund is audited with its staff member');
    const after = await client.get(page);
    assert.ok(!formsOf(after.text).some((f) => f.action === `${page}/refund`), 'a refund form on a refunded order');
  });

  test('support reads orders but neither sees the refund form nor may refund', async () => {
    const order = await placeOrder();
    const page = `/admin/orders/${order.number}`;
    const pay = await actionForm(staff.owner.client, page, 'paid');
    assert.equal((await staff.owner.client.send(pay.action, { method: 'POST', form: pay.fields })).status, 303);
    const seen = await staff.support.client.get(page);
    assert.equal(seen.status, 200);
    assert.ok(!formsOf(seen.text).some((f) => f.action === `${page}/refund`));
    const token = formsOf(seen.text).find((f) => f.fields._csrf).fields._csrf;
    const res = await staff.support.client.send(`${page}/refund`, { method: 'POST', form: { _csrf: token, amount: '1,00', confirm: 'yes', reason: 'other' } });
    assert.equal(res.status, 403, show(res));
    assert.equal(refundsOf(order.number), '');
  });
});
