// The back office's accounts (/admin/customers), black box: who may read them (customers:read)
// and change them (users:manage), the list's search, filters and pages, an account's page (facts,
// orders, returns, and saved addresses opened with each viewing on record), disabling (its
// sessions end at once, signing in is refused) and enabling with a ticked confirmation, CSRF, a
// stale form, a fresh code past ten minutes, nobody disabling themselves and only an owner an
// owner, and a verification mail sent again — each change in the audit log with before and after.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLES, STAFF_PASSWORD, backOffice } from '../support/back_office.mjs';
import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { formsOf } from '../support/form_client.mjs';
import { pageText } from '../support/html.mjs';
import { describe as show, startServer } from '../support/server.mjs';
import { checkoutAsGuest } from '../support/staff_shops.mjs';
import { currentStep, totp } from '../support/totp.mjs';

const KEYS = `k1:${Buffer.alloc(32, 33).toString('base64')}`;
const READERS = ['owner', 'admin', 'order_manager', 'support'];
const MANAGERS = ['owner', 'admin'];
const ADDRESS = { full_name: 'Béatrice Lavoie', line1: '77 rue Wellington', line2: '', city: 'Sherbrooke', region: 'QC', postal_code: 'J1H 5C7', country: 'CA', phone: '819 555-0142' };

let server;
let office;
let staff;
let product;
const flat = (text) => pageText(text).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

let customers = 0;
// A customer signed in on their own client.
async function customer({ name = '', locale = 'fr' } = {}) {
  customers += 1;
  const email = `client-${customers}-${process.pid}@example.ca`;
  const id = await office.createUser(email, 'customer', { name, locale });
  const client = office.visitor();
  await office.signIn(client, email);
  return { client, email, id };
}

// A CSRF token of `client`'s session, from any back-office page.
const csrfOf = async (client) => formsOf((await client.get('/admin/')).text).find((f) => f.fields._csrf).fields._csrf;
const pageOf = (id) => `/admin/customers/${id}`;
// The form of an account's page that posts to `suffix` ("/status", "/verification").
async function formOn(client, id, suffix) {
  const res = await client.get(pageOf(id));
  assert.equal(res.status, 200, show(res));
  return formsOf(res.text).find((f) => f.action === `${pageOf(id)}${suffix}`);
}
const disabledAt = (id) => office.sql(`SELECT coalesce(disabled_at::text, '') FROM users WHERE id = ${id}`);
const lastAudit = (action, id) => office.sql(`SELECT actor_id || ' ' || details::text FROM audit_log
  WHERE action = ${office.quote(action)} AND target_kind = 'user' AND target_id = '${id}' ORDER BY id DESC LIMIT 1`);

before(async () => {
  server = await startServer({ env: { COMPTOIR_SECRET_KEYS: KEYS } });
  office = backOffice(server, { firstAddress: 70 });
  const api = catalogApi(server, await createToken(server));
  const made = await api.post('/api/v1/products', {
    status: 'active', text: { fr: { name: 'Bol en grès' }, en: { name: 'Stoneware bowl' } },
    variants: [{ sku: `BOL-${process.pid}`, price_cents: 2_800, stock_on_hand: 50 }],
  });
  product = { id: made.id, variant: made.variants[0].id };
  staff = {};
  for (const role of ROLES) staff[role] = await office.staffMember(role);
}, { timeout: 120_000 });
after(async () => {
  await server?.stop();
});

describe('who reads and changes accounts', { timeout: 90_000 }, () => {
  test('reading needs customers:read, changing users:manage; anonymous visitors are sent to sign in', async () => {
    const { id } = await customer();
    for (const path of ['/admin/customers', pageOf(id)]) {
      for (const role of ROLES) {
        const res = await staff[role].client.get(path);
        assert.equal(res.status, READERS.includes(role) ? 200 : 403, `${role} GET ${path}: ${show(res)}`);
      }
      const anonymous = await office.visitor().get(path);
      assert.equal(anonymous.status, 303, show(anonymous));
      assert.equal(anonymous.headers.location, `/fr/connexion?next=${encodeURIComponent(path)}`);
    }
    const shopper = await customer();
    assert.equal((await shopper.client.get('/admin/customers')).status, 403);

    const form = await formOn(staff.admin.client, id, '/status');
    assert.ok(form, 'no disable form for an admin');
    for (const role of ROLES.filter((r) => !MANAGERS.includes(r))) {
      const token = await csrfOf(staff[role].client);
      for (const suffix of ['/status', '/verification']) {
        const res = await staff[role].client.send(`${pageOf(id)}${suffix}`, { method: 'POST', form: { ...form.fields, _csrf: token } });
        assert.equal(res.status, 403, `${role} POST ${suffix}: ${show(res)}`);
      }
    }
    const anonymous = await office.visitor().send(form.action, { method: 'POST', form: form.fields });
    assert.equal(anonymous.status, 303);
    assert.equal(disabledAt(id), '', 'the account was disabled by someone without users:manage');
    const denied = office.sql(`SELECT count(*) FROM audit_log WHERE action = 'access.denied' AND actor_id = ${staff.support.id}
      AND target_id = ${office.quote(`${pageOf(id)}/status`)} AND details->>'permission' = 'users:manage'`);
    assert.equal(denied, '1');

    const nav = (html) => /<nav class="admin-nav"[\s\S]*?<\/nav>/.exec(html)[0];
    assert.match(nav((await staff.support.client.get('/admin/')).text), /href="\/admin\/customers">Clients et personnel</);
    assert.doesNotMatch(nav((await staff.catalog_manager.client.get('/admin/')).text), /\/admin\/customers/);
  });
});

describe('the list of accounts', { timeout: 90_000 }, () => {
  test('searches emails and names, filters by role and state, and pages by cursor', async () => {
    const lavoie = await customer({ name: 'Béatrice Lavoie' });
    const gone = await customer();
    office.sql(`UPDATE users SET disabled_at = now() WHERE id = ${gone.id}`);
    const client = staff.support.client;
    const emails = (html) => [...html.matchAll(/<th scope="row"><a href="\/admin\/customers\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);

    const byName = await client.get('/admin/customers?q=LAVOIE');
    assert.equal(byName.status, 200, show(byName));
    assert.deepEqual(emails(byName.text), [lavoie.email]);
    assert.match(flat(byName.text), /Béatrice Lavoie/);
    assert.deepEqual(emails((await client.get(`/admin/customers?q=${encodeURIComponent(gone.email)}`)).text), [gone.email]);
    const supports = emails((await client.get('/admin/customers?role=support')).text);
    assert.ok(supports.includes(staff.support.email) && !supports.includes(lavoie.email), supports.join(' '));
    const disabled = emails((await client.get('/admin/customers?state=disabled')).text);
    assert.ok(disabled.includes(gone.email) && !disabled.includes(lavoie.email), disabled.join(' '));
    assert.match(flat((await client.get('/admin/customers?state=disabled')).text), /Désactivé depuis le/);
    const bad = await client.get('/admin/customers?state=perdu&role=pirate');
    assert.equal(bad.status, 400, show(bad));
    assert.match(flat(bad.text), /Cet état de compte n’existe pas/);
    assert.match(flat(bad.text), /Ce rôle n’existe pas/);

    office.sql(`INSERT INTO users (email, role_id) SELECT 'lot-' || g || '-${process.pid}@example.ca',
      (SELECT id FROM roles WHERE name = 'customer') FROM generate_series(1, 60) g`);
    const first = await client.get('/admin/customers');
    const next = /<a href="([^"]+)" rel="next">/.exec(first.text)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(next, 'no next page with more than 50 accounts');
    const second = await client.get(next);
    assert.equal(emails(first.text).length, 50);
    const overlap = emails(first.text).filter((e) => emails(second.text).includes(e));
    assert.deepEqual(overlap, [], 'pages overlap');
  });
});

describe('an account’s page', { timeout: 90_000 }, () => {
  test('its facts, orders and returns; its saved addresses opened, each viewing on record', async () => {
    const who = await customer({ name: 'Béatrice Lavoie' });
    const added = await who.client.submit('/fr/compte', ADDRESS, { action: '/fr/compte/adresses' });
    assert.equal(added.status, 303, show(added));
    const order = await checkoutAsGuest(server, product, { email: who.email, address: { full_name: 'B. Lavoie', line1: '1 rue A', city: 'Sherbrooke', postal_code: 'J1H 5C7' }, quantity: 1 });
    office.sql(`UPDATE orders SET user_id = ${who.id} WHERE number = ${office.quote(order.number)}`);
    office.sql(`INSERT INTO returns (number, order_id, user_id, reason, currency, refund_amount, locale)
      SELECT 'RMA-7A7A7A7A', id, ${who.id}, 'damaged', 'CAD', 1500, 'fr' FROM orders WHERE number = ${office.quote(order.number)}`);

    const res = await staff.support.client.get(pageOf(who.id));
    assert.equal(res.status, 200, show(res));
    const text = flat(res.text);
    const facts = flat(/<dl class="facts" id="customer-facts">[\s\S]*?<\/dl>/.exec(res.text)[0]);
    for (const part of [who.email, 'Béatrice Lavoie', 'client', 'Langue du client français', 'Courriel vérifié Non', 'Compte Actif',
      'Double authentification Non', 'Sessions ouvertes 1']) assert.ok(facts.includes(part), `"${part}" not in the facts: ${facts}`);
    assert.match(facts, /Dernière connexion \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.match(res.text, new RegExp(`<a href="/admin/orders/${order.number}">${order.number}</a>`));
    assert.match(res.text, /<a href="\/admin\/returns\/RMA-7A7A7A7A">RMA-7A7A7A7A<\/a>/);
    assert.match(text, /15,00 \$/);
    for (const part of ['77 rue Wellington', 'Sherbrooke QC J1H 5C7', '819 555-0142']) assert.ok(text.includes(part), `the address shows no "${part}"`);
    assert.match(text, /Chaque consultation de ces adresses est consignée/);
    assert.equal(lastAudit('user.addresses_viewed', who.id), `${staff.support.id} {"addresses": 1}`);
    assert.ok(!formsOf(res.text).some((f) => f.action.startsWith(pageOf(who.id))), 'support is offered account actions');

    assert.equal((await staff.support.client.get('/admin/customers/999999999')).status, 404);
    assert.equal((await staff.support.client.get('/admin/customers/abc')).status, 404);
  });
});

describe('disabling and enabling an account', { timeout: 120_000 }, () => {
  test('disabling ends the customer’s sessions and refuses their sign-in; enabling lets them back; both on record', async () => {
    const who = await customer();
    assert.equal((await who.client.get('/fr/compte')).status, 200);
    const client = staff.admin.client;
    const form = await formOn(client, who.id, '/status');
    assert.equal(form.fields.to, 'disabled');
    assert.equal(form.fields.expected, 'active');
    const { confirm: _ticked, ...unticked } = form.fields;

    const unconfirmed = await client.send(form.action, { method: 'POST', form: unticked });
    assert.equal(unconfirmed.status, 422, show(unconfirmed));
    assert.match(flat(unconfirmed.text), /Cochez la confirmation/);
    const forged = await client.send(form.action, { method: 'POST', form: { ...form.fields, _csrf: 'x'.repeat(64) } });
    assert.equal(forged.status, 403, show(forged));
    const foreign = await client.send(form.action, { method: 'POST', form: form.fields, headers: { origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403, show(foreign));
    assert.equal(disabledAt(who.id), '');

    const done = await client.send(form.action, { method: 'POST', form: form.fields });
    assert.equal(done.status, 303, show(done));
    assert.equal(done.headers.location, `${pageOf(who.id)}?notice=customer_disabled`);
    assert.notEqual(disabledAt(who.id), '');
    assert.equal(office.sql(`SELECT count(*) FROM sessions WHERE user_id = ${who.id}`), '0');
    const after = await who.client.get('/fr/compte');
    assert.equal(after.status, 303, `the customer's session outlived the disabling: ${show(after)}`);
    const login = await office.visitor().submit('/fr/connexion', { email: who.email, password: STAFF_PASSWORD }, { action: '/fr/connexion' });
    assert.notEqual(login.status, 303, 'a disabled account signed in');
    const [actor, details] = lastAudit('user.disabled', who.id).split(/ (.*)/s);
    assert.equal(actor, String(staff.admin.id));
    const recorded = JSON.parse(details);
    assert.equal(recorded.before.disabled_at, null);
    assert.match(recorded.after.disabled_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(recorded.sessions_ended, 1);
    const shown = await client.get(done.headers.location);
    assert.match(flat(shown.text), /Compte désactivé ; ses sessions sont fermées/);
    assert.match(flat(shown.text), /Sessions ouvertes 0/);

    // The same form again: the account is disabled now, the form still says active.
    const stale = await client.send(form.action, { method: 'POST', form: form.fields });
    assert.equal(stale.status, 409, show(stale));
    assert.match(flat(stale.text), /Le compte a changé depuis/);

    const enable = await formOn(client, who.id, '/status');
    assert.equal(enable.fields.to, 'active');
    const enabled = await client.send(enable.action, { method: 'POST', form: enable.fields });
    assert.equal(enabled.status, 303, show(enabled));
    assert.equal(disabledAt(who.id), '');
    assert.equal(JSON.parse(lastAudit('user.enabled', who.id).split(/ (.*)/s)[1]).after.disabled_at, null);
    await office.signIn(office.visitor(), who.email);
  });

  test('nobody disables themselves, only an owner disables an owner, and past ten minutes a fresh code is asked', async () => {
    const admin = staff.admin;
    const own = await admin.client.get(pageOf(admin.id));
    assert.match(flat(own.text), /Vous ne pouvez pas désactiver ni réactiver votre propre compte/);
    assert.ok(!formsOf(own.text).some((f) => f.action === `${pageOf(admin.id)}/status`));
    const token = await csrfOf(admin.client);
    const forge = () => ({ _csrf: token, to: 'disabled', expected: 'active', confirm: 'yes' });
    const self = await admin.client.send(`${pageOf(admin.id)}/status`, { method: 'POST', form: forge() });
    assert.equal(self.status, 422, show(self));
    assert.equal(disabledAt(admin.id), '');

    const owner = staff.owner;
    const onOwner = await admin.client.get(pageOf(owner.id));
    assert.match(flat(onOwner.text), /Seul un propriétaire peut désactiver ou réactiver le compte d’un propriétaire/);
    const refused = await admin.client.send(`${pageOf(owner.id)}/status`, { method: 'POST', form: forge() });
    assert.equal(refused.status, 403, show(refused));
    assert.match(flat(refused.text), /Seul un propriétaire/);
    assert.equal(disabledAt(owner.id), '');

    // The owner, whose second factor is now older than ten minutes, disables another owner.
    const partner = await office.createUser(`associee-${process.pid}@example.ca`, 'owner');
    office.sql(`UPDATE sessions SET mfa_at = now() - interval '11 minutes' WHERE user_id = ${owner.id}`);
    const form = await formOn(owner.client, partner, '/status');
    assert.ok('code' in form.fields, 'no code field past ten minutes');
    const noCode = await owner.client.send(form.action, { method: 'POST', form: { ...form.fields, code: '' } });
    assert.equal(noCode.status, 422, show(noCode));
    assert.match(flat(noCode.text), /Entrez un code/);
    assert.equal(disabledAt(partner), '');
    const done = await owner.client.send(form.action, { method: 'POST', form: { ...form.fields, code: totp(owner.secret, currentStep() + 1) } });
    assert.equal(done.status, 303, show(done));
    assert.notEqual(disabledAt(partner), '');
  });
});

describe('the verification mail', { timeout: 60_000 }, () => {
  test('is sent again on request, in the customer’s language, on record as the staff member’s', async () => {
    const who = await customer({ locale: 'en' });
    const client = staff.admin.client;
    const form = await formOn(client, who.id, '/verification');
    assert.ok(form, 'no resend form for an unverified address');
    const res = await client.send(form.action, { method: 'POST', form: form.fields });
    assert.equal(res.status, 303, show(res));
    assert.equal(res.headers.location, `${pageOf(who.id)}?notice=verification_sent`);
    assert.equal(office.sql(`SELECT locale FROM email_outbox WHERE to_address = ${office.quote(who.email)} AND template = 'accounts.verify_email'`), 'en');
    assert.equal(office.sql(`SELECT actor_id FROM audit_log WHERE action = 'email.verification_sent' AND target_id = '${who.id}'`), String(staff.admin.id));

    office.sql(`UPDATE users SET email_verified_at = now() WHERE id = ${who.id}`);
    assert.equal(await formOn(client, who.id, '/verification'), undefined, 'a verified address is offered a new link');
    const again = await client.send(form.action, { method: 'POST', form: form.fields });
    assert.equal(again.status, 409, show(again));
    assert.match(flat(again.text), /déjà vérifiée/);
  });

  test('the screens speak English to staff who read English', async () => {
    const english = await office.staffMember('admin', 'admin-en');
    office.sql(`UPDATE users SET locale = 'en' WHERE id = ${english.id}`);
    const who = await customer();
    const list = await english.client.get('/admin/customers');
    assert.match(list.text, /<html lang="en-CA">/);
    assert.match(flat(list.text), /Customers and staff/);
    const page = await english.client.get(pageOf(who.id));
    assert.match(flat(page.text), /Disable the account/);
    assert.match(flat(page.text), /Email verified No/);
  });
});
