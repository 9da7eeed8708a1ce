// The privacy rights, black box, in French and English: the account page's way to the data page;
// the copy of one's data as a JSON download (POST with CSRF and the password, or a two-factor code
// given less than ten minutes ago), audited; closing the account (a ticked box and the password,
// refused while an order is in progress and for staff), after which the person is signed out,
// sees a confirmation in their language, cannot sign in, and their orders stay detached; and the
// register of confidentiality incidents in the back office: who reads it, who writes it, a stale
// edit refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backOffice, ROLES, STAFF_PASSWORD } from '../support/back_office.mjs';
import { formsOf } from '../support/form_client.mjs';
import { fieldOf, formOf, pageText, setField } from '../support/html.mjs';
import { describe as show, startServer } from '../support/server.mjs';
import { currentStep, totp } from '../support/totp.mjs';

const READERS = ['owner', 'admin'];  // audit:read
const WRITERS = ['owner', 'admin'];  // settings:manage

let server;
let office;
const staff = {};
const flat = (text) => pageText(text).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
const count = (query) => Number(office.sql(query));

// A signed-in customer (STAFF_PASSWORD is the shared test password), in `locale`.
async function customer(label, locale = 'fr') {
  const email = `${label}-${process.pid}@example.ca`;
  const id = await office.createUser(email, 'customer', { name: 'Marie Tremblay', locale });
  const client = office.visitor();
  await office.signIn(client, email);
  return { client, email, id };
}

// An order of the customer's in `status`, straight in the database (its address sealed under no
// key: the pages never open it here). Its number.
let orders = 0;
function order(who, status) {
  orders += 1;
  const number = `CMP-${String(orders).padStart(4, '0')}${'ABCD'}`.slice(0, 12);
  office.sql(`INSERT INTO orders (number, status, user_id, email, locale, currency, region_code,
      shipping_address, subtotal, shipping, tax, tax_included, total, payment_provider, reserved_until)
    VALUES (${office.quote(number)}, ${office.quote(status)}, ${who.id}, ${office.quote(who.email)}, 'fr',
      'CAD', 'CA-QC', 'v1.k1.AAAA', 1000, 0, 150, false, 1150, 'manual', now() + interval '1 day')`);
  return number;
}

async function dataPage(client, locale) {
  const res = await client.get(locale === 'fr' ? '/fr/compte/donnees' : '/en/account/data');
  assert.equal(res.status, 200, show(res));
  return res;
}
// The page's form that posts to `action` ({ action, fields: [[name, value]] }), its checkbox left
// unticked as a browser would send it.
function formTo(html, action) {
  const form = formsOf(html).find((f) => f.action === action);
  assert.ok(form, `no form posting to ${action}`);
  return { action, fields: Object.entries(form.fields).filter(([name]) => name !== 'confirm') };
}
const exportForm = async (client, locale) => formTo((await dataPage(client, locale)).text,
  locale === 'fr' ? '/fr/compte/donnees/export' : '/en/account/data/export');
const deleteForm = async (client, locale) => formTo((await dataPage(client, locale)).text,
  locale === 'fr' ? '/fr/compte/supprimer' : '/en/account/delete');
const post = (client, form, changes = {}) => {
  let fields = form.fields;
  for (const [name, value] of Object.entries(changes)) {
    if (value === false) fields = fields.filter(([k]) => k !== name);
    else if (fieldOf(fields, name) === undefined) fields = [...fields, [name, value]];
    else fields = setField(fields, name, value);
  }
  return client.send(form.action, { method: 'POST', form: fields });
};

before(async () => {
  server = await startServer();
  office = backOffice(server, { firstAddress: 150 });
  for (const role of ROLES) staff[role] = await office.staffMember(role, `vie-privee-${role}`);
}, { timeout: 120_000 });
after(async () => {
  await server?.stop();
});

describe('the data page', { timeout: 60_000 }, () => {
  test('the account page leads to it, in each language; anonymous visitors sign in first', async () => {
    const marie = await customer('page-donnees');
    const fr = await marie.client.get('/fr/compte');
    assert.match(fr.text, /href="\/fr\/compte\/donnees"/);
    const page = await dataPage(marie.client, 'fr');
    assert.match(flat(page.text), /Télécharger vos données/);
    assert.match(flat(page.text), /Supprimer votre compte/);
    assert.match(page.text, /href="\/en\/account\/data"/, 'the same page in English');
    const en = await marie.client.get('/en/account');
    assert.match(en.text, /href="\/en\/account\/data"/);
    assert.match(flat((await dataPage(marie.client, 'en')).text), /Download your data/);

    const anonymous = await office.visitor().get('/en/account/data');
    assert.equal(anonymous.status, 303, show(anonymous));
    assert.equal(anonymous.headers.location, `/en/login?next=${encodeURIComponent('/en/account/data')}`);
    const post = await office.visitor().send('/fr/compte/donnees/export', { method: 'POST', form: { password: 'x' } });
    assert.equal(post.status, 303, 'a download is never given without an account');
  });
});

describe('downloading one’s data', { timeout: 60_000 }, () => {
  test('in French: the password is asked, a wrong one or no CSRF token gives nothing, the right one the file', async () => {
    const marie = await customer('export-fr');
    const number = order(marie, 'delivered');
    office.sql(`INSERT INTO addresses (user_id, sealed) VALUES (${marie.id}, 'v1.k1.AAAA')`);
    const form = await exportForm(marie.client, 'fr');
    assert.ok(fieldOf(form.fields, '_csrf'));

    const empty = await post(marie.client, form);
    assert.equal(empty.status, 422, show(empty));
    assert.match(flat(empty.text), /Entrez votre mot de passe/);
    const wrong = await post(marie.client, form, { password: 'pas-le-bon-mot-de-passe' });
    assert.equal(wrong.status, 422, show(wrong));
    assert.match(wrong.headers['content-type'], /text\/html/);
    const forged = await post(marie.client, form, { password: STAFF_PASSWORD, _csrf: false });
    assert.equal(forged.status, 403, show(forged));
    assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'privacy.export' AND actor_id = ${marie.id}`), 0);

    const res = await post(marie.client, form, { password: STAFF_PASSWORD });
    assert.equal(res.status, 200, show(res));
    assert.match(res.headers['content-type'], /^application\/json/);
    assert.match(res.headers['content-disposition'], /^attachment; filename="mes-donnees-\d{8}-\d{6}\.json"$/);
    assert.match(res.headers['cache-control'], /\bno-store\b/);
    const data = JSON.parse(res.text);
    assert.equal(data.account.email, marie.email);
    assert.equal(data.account.display_name, 'Marie Tremblay');
    assert.equal(data.account.two_factor_enabled, false);
    assert.equal(data.orders.length, 1);
    assert.equal(data.orders[0].number, number);
    assert.equal(data.orders[0].status, 'delivered');
    assert.equal(data.addresses.length, 1);
    assert.ok(Array.isArray(data.returns));
    assert.ok(Array.isArray(data.consents));
    assert.ok(data.sessions.length >= 1);
    assert.ok(data.sessions.every((s) => !('id_hash' in s) && !('csrf_secret' in s)));
    assert.doesNotMatch(res.text, /\$argon2id|v1\.k1\./);
    assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'privacy.export' AND actor_id = ${marie.id}
      AND target_id = '${marie.id}' AND (details->>'orders')::int = 1`), 1);
  });

  test('in English, with two-factor: a code stands for the password, and none is asked within ten minutes of one', async () => {
    const paul = await customer('export-en', 'en');
    const enrol = await paul.client.get('/en/account/two-factor');
    const secret = /<code>([A-Z2-7]{4}(?: [A-Z2-7]{1,4})+)<\/code>/.exec(enrol.text)?.[1];
    assert.ok(secret, show(enrol));
    const done = await paul.client.submit('/en/account/two-factor', { code: totp(secret) }, { action: '/en/account/two-factor' });
    assert.equal(done.status, 200, show(done));

    // Just enrolled: a code was given now.
    const page = await dataPage(paul.client, 'en');
    assert.match(flat(page.text), /less than ten minutes ago/);
    const fresh = formTo(page.text, '/en/account/data/export');
    assert.equal(fieldOf(fresh.fields, 'password'), undefined, 'no password field');
    const res = await post(paul.client, fresh);
    assert.equal(res.status, 200, show(res));
    assert.match(res.headers['content-disposition'], /filename="my-data-/);
    assert.equal(JSON.parse(res.text).account.two_factor_enabled, true);
    assert.doesNotMatch(res.text, new RegExp(secret.replaceAll(' ', '')));

    // Ten minutes later, the password or a code again.
    office.sql(`UPDATE sessions SET mfa_at = now() - interval '11 minutes' WHERE user_id = ${paul.id}`);
    const stale = await exportForm(paul.client, 'en');
    assert.equal(fieldOf(stale.fields, 'password'), '');
    const refused = await post(paul.client, stale);
    assert.equal(refused.status, 422, show(refused));
    assert.match(flat(refused.text), /Enter your password, or a code/);
    const wrongCode = await post(paul.client, stale, { code: '000000' });
    assert.equal(wrongCode.status, 422, show(wrongCode));
    // The next step's code (the one of enrolment's step was used: no code works twice).
    const withCode = await post(paul.client, stale, { code: totp(secret, currentStep() + 1) });
    assert.equal(withCode.status, 200, show(withCode));
  });
});

describe('deleting one’s account', { timeout: 60_000 }, () => {
  test('in French: refused without the box, without the password, and while an order is in progress', async () => {
    const lea = await customer('suppression-refusee');
    const page = await dataPage(lea.client, 'fr');
    assert.match(page.text, /<input id="delete-confirm" name="confirm" type="checkbox" value="1">/, 'the box starts unticked');
    const form = formTo(page.text, '/fr/compte/supprimer');

    const unticked = await post(lea.client, form, { password: STAFF_PASSWORD });
    assert.equal(unticked.status, 422, show(unticked));
    assert.match(flat(unticked.text), /Cochez la case/);
    const noPassword = await post(lea.client, form, { confirm: '1' });
    assert.equal(noPassword.status, 422, show(noPassword));
    assert.match(flat(noPassword.text), /Entrez votre mot de passe/);
    const wrong = await post(lea.client, form, { confirm: '1', password: 'pas-le-bon' });
    assert.equal(wrong.status, 422, show(wrong));

    const pending = order(lea, 'paid');
    const busy = await post(lea.client, form, { confirm: '1', password: STAFF_PASSWORD });
    assert.equal(busy.status, 409, show(busy));
    assert.match(flat(busy.text), /une commande ou un retour est en cours/);
    assert.match(flat(busy.text), new RegExp(`Commande en cours : ${pending}`));
    assert.equal(count(`SELECT count(*) FROM users WHERE id = ${lea.id}`), 1);
    assert.equal((await lea.client.get('/fr/compte')).status, 200, 'still signed in');
  });

  test('in English: the account goes, the person is signed out, the order stays detached', async () => {
    const sam = await customer('deletion-en', 'en');
    const number = order(sam, 'delivered');
    office.sql(`INSERT INTO addresses (user_id, sealed) VALUES (${sam.id}, 'v1.k1.AAAA')`);
    const form = await deleteForm(sam.client, 'en');
    const res = await post(sam.client, form, { confirm: '1', password: STAFF_PASSWORD });
    assert.equal(res.status, 303, show(res));
    assert.equal(res.headers.location, '/en/account/deleted');
    assert.equal(sam.client.cookie, null, 'the session cookie is cleared');
    const done = await sam.client.get('/en/account/deleted');
    assert.equal(done.status, 200, show(done));
    assert.match(flat(done.text), /Your account is deleted/);
    assert.match(done.text, /<html lang="en/);

    assert.equal((await sam.client.get('/en/account')).status, 303, 'signed out');
    const login = await office.visitor().submit('/en/login', { email: sam.email, password: STAFF_PASSWORD }, { action: '/en/login' });
    assert.equal(login.status, 401, show(login));

    assert.equal(count(`SELECT count(*) FROM users WHERE id = ${sam.id}`), 0);
    assert.equal(count(`SELECT count(*) FROM sessions WHERE user_id = ${sam.id}`), 0);
    assert.equal(count(`SELECT count(*) FROM addresses WHERE user_id = ${sam.id}`), 0);
    assert.equal(count(`SELECT count(*) FROM orders WHERE number = '${number}' AND user_id IS NULL
      AND email = 'erased@customer.invalid'`), 1);
    assert.equal(count(`SELECT count(*) FROM email_outbox WHERE template = 'accounts.account_deleted'
      AND to_address = ${office.quote(sam.email)} AND locale = 'en'`), 1);
    assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'privacy.account_deleted'
      AND actor_id = ${sam.id} AND details::text NOT LIKE '%example.ca%'`), 1);
  });

  test('the French confirmation page, and staff who cannot delete themselves here', async () => {
    const page = await office.visitor().get('/fr/compte/supprime');
    assert.equal(page.status, 200, show(page));
    assert.match(flat(page.text), /Votre compte est supprimé/);

    const owner = staff.owner;
    const data = await dataPage(owner.client, 'fr');
    assert.match(flat(data.text), /Un compte du personnel ne se supprime pas ici/);
    assert.equal(formsOf(data.text).find((f) => f.action === '/fr/compte/supprimer'), undefined);
    const csrf = formsOf(data.text).find((f) => f.action === '/fr/compte/donnees/export').fields._csrf;
    const res = await owner.client.send('/fr/compte/supprimer', { method: 'POST', form: { _csrf: csrf, confirm: '1', password: STAFF_PASSWORD } });
    assert.equal(res.status, 403, show(res));
    assert.equal(count(`SELECT count(*) FROM users WHERE id = ${owner.id}`), 1);
  });
});

describe('the register of confidentiality incidents', { timeout: 60_000 }, () => {
  test('who may read and write it', async () => {
    const anonymous = await office.visitor().get('/admin/incidents');
    assert.equal(anonymous.status, 303, show(anonymous));
    assert.equal(anonymous.headers.location, `/fr/connexion?next=${encodeURIComponent('/admin/incidents')}`);
    const shopper = await customer('registre-client');
    assert.equal((await shopper.client.get('/admin/incidents')).status, 403);

    for (const role of ROLES) {
      const list = await staff[role].client.get('/admin/incidents');
      assert.equal(list.status, READERS.includes(role) ? 200 : 403, `${role}: ${show(list)}`);
      const blank = await staff[role].client.get('/admin/incidents/new');
      assert.equal(blank.status, WRITERS.includes(role) ? 200 : 403, `${role}: ${show(blank)}`);
    }
    const form = formOf((await staff.admin.client.get('/admin/incidents/new')).text, 'incident');
    const before = count('SELECT count(*) FROM confidentiality_incidents');
    const refused = await post(staff.support.client, form, { description: 'x', data_categories: 'y' });
    assert.equal(refused.status, 403, show(refused));
    const forged = await post(staff.admin.client, form, { description: 'x', data_categories: 'y', _csrf: false });
    assert.equal(forged.status, 403, show(forged));
    assert.equal(count('SELECT count(*) FROM confidentiality_incidents'), before);
  });

  test('an incident recorded in French, changed, and a stale change refused', async () => {
    const owner = staff.owner;
    const blank = formOf((await owner.client.get('/admin/incidents/new')).text, 'incident');
    const invalid = await post(owner.client, blank, { discovered_on: '2026-02-30', description: '', data_categories: 'courriels' });
    assert.equal(invalid.status, 422, show(invalid));
    assert.match(flat(invalid.text), /Entrez une date existante/);
    assert.match(flat(invalid.text), /Ce champ est obligatoire/);

    const made = await post(owner.client, blank, {
      discovered_on: '2026-11-30', occurred_on: '2026-11-28',
      description: 'Une liste de clients envoyée au mauvais destinataire.',
      data_categories: 'courriels, noms', people_affected: '12', serious_risk: 'low',
    });
    assert.equal(made.status, 303, show(made));
    const path = made.headers.location.split('?')[0];
    assert.match(path, /^\/admin\/incidents\/\d+$/);
    const id = Number(path.split('/').pop());
    assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'incident.recorded' AND target_id = '${id}'
      AND actor_id = ${owner.id}`), 1);

    const list = await staff.admin.client.get('/admin/incidents');
    assert.match(flat(list.text), /Une liste de clients envoyée au mauvais destinataire/);
    assert.doesNotMatch(list.text, /action="[^"]*(delete|supprimer)/, 'no way to delete an entry');

    const page = await owner.client.get(path);
    assert.equal(page.status, 200, show(page));
    assert.match(flat(page.text), /Conservé au moins jusqu’au 2031-11-30/);
    const open = formOf(page.text, 'incident');
    assert.equal(fieldOf(open.fields, 'version'), '1');

    const saved = await post(owner.client, open, { authority_notified_on: '2026-12-01', serious_risk: 'serious' });
    assert.equal(saved.status, 303, show(saved));
    assert.equal(office.sql(`SELECT version || ' ' || serious_risk FROM confidentiality_incidents WHERE id = ${id}`), '2 serious');
    assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'incident.updated' AND target_id = '${id}'
      AND details->'changes'->'serious_risk'->>'after' = 'serious'`), 1);

    // The same page, left open, saved again: nothing written, the differences listed.
    const stale = await post(owner.client, open, { measures: 'Liste rappelée.' });
    assert.equal(stale.status, 409, show(stale));
    assert.match(flat(stale.text), /Quelqu’un a modifié cette inscription/);
    assert.match(flat(stale.text), /Risque de préjudice sérieux : maintenant Risque sérieux — vous avez saisi Pas de risque sérieux/);
    assert.equal(office.sql(`SELECT measures FROM confidentiality_incidents WHERE id = ${id}`), '');
    const again = formOf(stale.text, 'incident');
    assert.equal(fieldOf(again.fields, 'version'), '2', 'the page takes the new version');
    assert.equal(fieldOf(again.fields, 'measures'), 'Liste rappelée.', 'what was typed is kept');

    // An English-speaking admin reads it in English.
    office.sql(`UPDATE users SET locale = 'en' WHERE id = ${staff.admin.id}`);
    const english = await staff.admin.client.get(path);
    assert.match(flat(english.text), /Kept at least until 2031-11-30/);
    assert.match(flat(english.text), /Serious risk/);
    office.sql(`UPDATE users SET locale = 'fr' WHERE id = ${staff.admin.id}`);
    assert.equal((await owner.client.get('/admin/incidents/999999')).status, 404);
  });
});
