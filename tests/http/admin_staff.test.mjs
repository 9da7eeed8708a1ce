// The shop's team in the back office (users:manage), black box: who may change a role, end an
// account's sessions and invite staff; a role change (ticked confirmation, CSRF, a stale form, a
// fresh code past ten minutes, never one's own, the owner role and an owner's account only by an
// owner) that signs the account out; ending every session of an account (one's own: every other
// one); an invitation mailed in the invitee's language, whose link sets a password and leads, through
// the sign-in and the two-factor enrolment that staff cannot skip, to the back office; an address
// that has an account refused; an invitation sent again. Each change in the audit log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLES, backOffice } from '../support/back_office.mjs';
import { formsOf } from '../support/form_client.mjs';
import { pageText } from '../support/html.mjs';
import { describe as show, startServer } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { currentStep, totp } from '../support/totp.mjs';

const KEYS = `k1:${Buffer.alloc(32, 44).toString('base64')}`;
const MANAGERS = ['owner', 'admin'];
const INVITEE_PASSWORD = 'Comptoir-en-chene-2026';

// Top level: the capture's `after` hook must belong to the file (smtp_capture.mjs).
const capture = await startSmtpCapture();
let server;
let office;
let staff;
const flat = (text) => pageText(text).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
const pageOf = (id) => `/admin/customers/${id}`;
const csrfOf = async (client) => formsOf((await client.get('/admin/')).text).find((f) => f.fields._csrf).fields._csrf;
async function formOn(client, id, suffix) {
  const res = await client.get(pageOf(id));
  assert.equal(res.status, 200, show(res));
  return formsOf(res.text).find((f) => f.action === `${pageOf(id)}${suffix}`);
}
const roleOf = (id) => office.sql(`SELECT r.name FROM users u JOIN roles r ON r.id = u.role_id WHERE u.id = ${id}`);
const sessionsOf = (id) => Number(office.sql(`SELECT count(*) FROM sessions WHERE user_id = ${id}`));
const lastAudit = (action, id) => office.sql(`SELECT actor_id || ' ' || details::text FROM audit_log
  WHERE action = ${office.quote(action)} AND target_kind = 'user' AND target_id = '${id}' ORDER BY id DESC LIMIT 1`);

let people = 0;
// A member of the staff (or a customer) signed in on their own client, 2FA enrolled if staff.
async function member(role) {
  people += 1;
  if (role === 'customer') {
    const email = `client-${people}-${process.pid}@example.ca`;
    const id = await office.createUser(email, 'customer');
    const client = office.visitor();
    await office.signIn(client, email);
    return { client, email, id };
  }
  return office.staffMember(role, `${role}-${people}`);
}

before(async () => {
  server = await startServer({ env: { COMPTOIR_SECRET_KEYS: KEYS, SMTP_URL: capture.url, MAIL_FROM: 'boutique@example.ca' } });
  office = backOffice(server, { firstAddress: 110 });
  staff = {};
  for (const role of ROLES) staff[role] = await office.staffMember(role);
}, { timeout: 120_000 });
after(async () => {
  await server?.stop();
});

describe('who manages the team', { timeout: 90_000 }, () => {
  test('the invitation screen and the role, sign-out and invitation forms need users:manage', async () => {
    for (const role of ROLES) {
      const res = await staff[role].client.get('/admin/customers/invite');
      assert.equal(res.status, MANAGERS.includes(role) ? 200 : 403, `${role}: ${show(res)}`);
    }
    const anonymous = await office.visitor().get('/admin/customers/invite');
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.location, `/fr/connexion?next=${encodeURIComponent('/admin/customers/invite')}`);

    const target = await member('support');
    const before = sessionsOf(target.id);
    for (const role of ROLES.filter((r) => !MANAGERS.includes(r))) {
      const token = await csrfOf(staff[role].client);
      const posts = {
        [`${pageOf(target.id)}/role`]: { role: 'admin', expected: 'support', confirm: 'yes' },
        [`${pageOf(target.id)}/sessions`]: { confirm: 'yes' },
        [`${pageOf(target.id)}/invitation`]: {},
        '/admin/customers/invite': { email: `intrus-${role}@example.ca`, role: 'admin', locale: 'fr' },
      };
      for (const [path, form] of Object.entries(posts)) {
        const res = await staff[role].client.send(path, { method: 'POST', form: { ...form, _csrf: token } });
        assert.equal(res.status, 403, `${role} POST ${path}: ${show(res)}`);
      }
    }
    assert.equal(roleOf(target.id), 'support');
    assert.equal(sessionsOf(target.id), before);
    assert.equal(office.sql("SELECT count(*) FROM users WHERE email LIKE 'intrus-%'"), '0');
    // Support reads the account but is offered none of its forms.
    const page = await staff.support.client.get(pageOf(target.id));
    assert.equal(page.status, 200);
    assert.ok(!formsOf(page.text).some((f) => f.action.startsWith(pageOf(target.id))));
    assert.doesNotMatch(page.text, /\/admin\/customers\/invite/);
    assert.match((await staff.admin.client.get('/admin/customers')).text, /<a class="button" href="\/admin\/customers\/invite">Inviter un membre du personnel<\/a>/);
  });
});

describe('changing a role', { timeout: 120_000 }, () => {
  test('asks for the ticked confirmation, ends the account’s sessions, is on record, and refuses a stale form', async () => {
    const target = await member('support');
    const client = staff.admin.client;
    const form = await formOn(client, target.id, '/role');
    assert.ok(form, 'no role form for an admin');
    assert.equal(form.fields.expected, 'support');
    const page = await client.get(pageOf(target.id));
    const options = [...(/<select id="role-select"[\s\S]*?<\/select>/.exec(page.text)?.[0] ?? '').matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(options.includes('order_manager') && options.includes('customer'), options.join(' '));
    assert.ok(!options.includes('owner'), 'an admin is offered the owner role');
    const wanted = { ...form.fields, role: 'order_manager' };
    const { confirm: _ticked, ...unticked } = wanted;

    const unconfirmed = await client.send(form.action, { method: 'POST', form: unticked });
    assert.equal(unconfirmed.status, 422, show(unconfirmed));
    assert.match(flat(unconfirmed.text), /Cochez la confirmation/);
    const forged = await client.send(form.action, { method: 'POST', form: { ...wanted, _csrf: 'x'.repeat(64) } });
    assert.equal(forged.status, 403, show(forged));
    const foreign = await client.send(form.action, { method: 'POST', form: wanted, headers: { origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403, show(foreign));
    assert.equal(roleOf(target.id), 'support');

    const done = await client.send(form.action, { method: 'POST', form: wanted });
    assert.equal(done.status, 303, show(done));
    assert.equal(done.headers.location, `${pageOf(target.id)}?notice=role_changed`);
    assert.equal(roleOf(target.id), 'order_manager');
    assert.equal(sessionsOf(target.id), 0);
    const out = await target.client.get('/admin/');
    assert.equal(out.status, 303, `the member's session outlived the role change: ${show(out)}`);
    const [actor, details] = lastAudit('user.role_changed', target.id).split(/ (.*)/s);
    assert.equal(actor, String(staff.admin.id));
    assert.deepEqual(JSON.parse(details), { before: 'support', after: 'order_manager', sessions_ended: 1 });
    const shown = await client.get(done.headers.location);
    assert.match(flat(shown.text), /Rôle changé ; les sessions du compte sont fermées/);
    assert.match(flat(shown.text), /Rôle gestion des commandes/);

    // The same form again: the page said support, the account is an order manager now.
    const stale = await client.send(form.action, { method: 'POST', form: { ...wanted, role: 'catalog_manager' } });
    assert.equal(stale.status, 409, show(stale));
    assert.match(flat(stale.text), /Le compte a changé depuis/);
    assert.equal(roleOf(target.id), 'order_manager');
    const unknown = await client.send(form.action, { method: 'POST', form: { ...wanted, expected: 'order_manager', role: 'empereur' } });
    assert.equal(unknown.status, 422, show(unknown));
    assert.match(flat(unknown.text), /Ce rôle n’existe pas/);
  });

  test('never one’s own, the owner role and an owner’s account only by an owner, and a fresh code past ten minutes', async () => {
    const admin = staff.admin;
    const own = await admin.client.get(pageOf(admin.id));
    assert.match(flat(own.text), /ni changer son rôle/);
    assert.ok(!formsOf(own.text).some((f) => f.action === `${pageOf(admin.id)}/role`));
    const token = await csrfOf(admin.client);
    const self = await admin.client.send(`${pageOf(admin.id)}/role`, { method: 'POST', form: { _csrf: token, role: 'owner', expected: 'admin', confirm: 'yes' } });
    assert.equal(self.status, 422, show(self));
    assert.match(flat(self.text), /Vous ne pouvez pas changer votre propre rôle/);

    const target = await member('support');
    const promote = await admin.client.send(`${pageOf(target.id)}/role`, { method: 'POST', form: { _csrf: token, role: 'owner', expected: 'support', confirm: 'yes' } });
    assert.equal(promote.status, 403, show(promote));
    assert.match(flat(promote.text), /Seul un propriétaire peut nommer un propriétaire/);
    const owner = staff.owner;
    const onOwner = await admin.client.get(pageOf(owner.id));
    assert.match(flat(onOwner.text), /Seul un propriétaire peut désactiver ou réactiver le compte d’un propriétaire, changer son rôle ou fermer ses sessions/);
    for (const suffix of ['/role', '/sessions', '/status'])
      assert.ok(!formsOf(onOwner.text).some((f) => f.action === `${pageOf(owner.id)}${suffix}`), `an admin is offered ${suffix}`);
    const demote = await admin.client.send(`${pageOf(owner.id)}/role`, { method: 'POST', form: { _csrf: token, role: 'support', expected: 'owner', confirm: 'yes' } });
    assert.equal(demote.status, 403, show(demote));
    assert.equal(roleOf(owner.id), 'owner');
    assert.equal(roleOf(target.id), 'support');

    // The owner, whose second factor is now older than ten minutes, makes the member an owner.
    office.sql(`UPDATE sessions SET mfa_at = now() - interval '11 minutes' WHERE user_id = ${owner.id}`);
    const form = await formOn(owner.client, target.id, '/role');
    assert.ok('code' in form.fields, 'no code field past ten minutes');
    const page = await owner.client.get(pageOf(target.id));
    assert.match(page.text, /<option value="owner">propriétaire<\/option>/);
    const noCode = await owner.client.send(form.action, { method: 'POST', form: { ...form.fields, role: 'owner', code: '' } });
    assert.equal(noCode.status, 422, show(noCode));
    assert.match(flat(noCode.text), /Entrez un code/);
    const wrong = await owner.client.send(form.action, { method: 'POST', form: { ...form.fields, role: 'owner', code: '000000' } });
    assert.equal(wrong.status, 422, show(wrong));
    assert.equal(roleOf(target.id), 'support');
    const done = await owner.client.send(form.action, { method: 'POST', form: { ...form.fields, role: 'owner', code: totp(owner.secret, currentStep() + 1) } });
    assert.equal(done.status, 303, show(done));
    assert.equal(roleOf(target.id), 'owner');
    // And back: the owner changes an owner's role (the shop keeps its other owners).
    const back = await formOn(owner.client, target.id, '/role');
    const demoted = await owner.client.send(back.action, { method: 'POST', form: { ...back.fields, role: 'support' } });
    assert.equal(demoted.status, 303, show(demoted));
    assert.equal(roleOf(target.id), 'support');
  });
});

describe('ending an account’s sessions', { timeout: 90_000 }, () => {
  test('ends every session of someone else’s account, and every other one of one’s own', async () => {
    const shopper = await member('customer');
    const second = office.visitor();
    await office.signIn(second, shopper.email);
    const client = staff.admin.client;
    const form = await formOn(client, shopper.id, '/sessions');
    assert.ok(form, 'no sign-out form');
    const { confirm: _ticked, ...unticked } = form.fields;
    const unconfirmed = await client.send(form.action, { method: 'POST', form: unticked });
    assert.equal(unconfirmed.status, 422, show(unconfirmed));
    assert.equal(sessionsOf(shopper.id), 2);
    const done = await client.send(form.action, { method: 'POST', form: form.fields });
    assert.equal(done.status, 303, show(done));
    assert.equal(done.headers.location, `${pageOf(shopper.id)}?notice=signed_out`);
    assert.equal(sessionsOf(shopper.id), 0);
    assert.equal((await shopper.client.get('/fr/compte')).status, 303);
    assert.equal((await second.get('/fr/compte')).status, 303);
    const [actor, details] = lastAudit('user.signed_out', shopper.id).split(/ (.*)/s);
    assert.equal(actor, String(staff.admin.id));
    assert.equal(JSON.parse(details).sessions_ended, 2);
    assert.equal(await formOn(client, shopper.id, '/sessions'), undefined, 'a sign-out form with no session open');

    // One's own account: the session asking stays, the other one ends.
    const admin = await member('admin');
    const elsewhere = office.visitor();
    await office.signIn(elsewhere, admin.email);
    const own = await formOn(admin.client, admin.id, '/sessions');
    assert.ok(own, 'no form to end one’s other sessions');
    const mine = await admin.client.send(own.action, { method: 'POST', form: own.fields });
    assert.equal(mine.status, 303, show(mine));
    assert.equal(mine.headers.location, `${pageOf(admin.id)}?notice=other_sessions_ended`);
    assert.equal((await admin.client.get('/admin/')).status, 200, 'the asking session was ended');
    assert.equal(sessionsOf(admin.id), 1);

    // An owner's sessions are an owner's business.
    const token = await csrfOf(client);
    const refused = await client.send(`${pageOf(staff.owner.id)}/sessions`, { method: 'POST', form: { _csrf: token, confirm: 'yes' } });
    assert.equal(refused.status, 403, show(refused));
    assert.equal((await staff.owner.client.get('/admin/')).status, 200);
  });
});

describe('inviting a staff member', { timeout: 180_000 }, () => {
  test('refuses wrong fields, an address that has an account, and the owner role from an admin', async () => {
    const client = staff.admin.client;
    const page = await client.get('/admin/customers/invite');
    assert.equal(page.status, 200, show(page));
    assert.match(flat(page.text), /Inviter un membre du personnel/);
    const roles = [...(/<select id="invite-role"[\s\S]*?<\/select>/.exec(page.text)?.[0] ?? '').matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(roles, ['support', 'catalog_manager', 'order_manager', 'admin'], 'staff roles only, no owner for an admin');
    const base = formsOf(page.text).find((f) => f.action === '/admin/customers/invite');

    const bad = await client.send(base.action, { method: 'POST', form: { ...base.fields, email: 'pas une adresse', role: 'customer', locale: 'de', name: 'x'.repeat(201) } });
    assert.equal(bad.status, 422, show(bad));
    for (const message of ['Entrez une adresse courriel valide', 'Choisissez un rôle du personnel', 'Choisissez le français ou l’anglais', 'Le nom a au plus 200 caractères'])
      assert.ok(flat(bad.text).includes(message), `no "${message}"`);
    assert.match(bad.text, /<input id="invite-email" type="email" name="email" value="pas une adresse"[^>]*aria-invalid="true"/);

    const taken = await client.send(base.action, { method: 'POST', form: { ...base.fields, email: staff.support.email.toUpperCase(), role: 'support', locale: 'fr' } });
    assert.equal(taken.status, 409, show(taken));
    assert.match(flat(taken.text), /Un compte existe déjà avec cette adresse/);
    assert.match(taken.text, new RegExp(`<a href="${pageOf(staff.support.id)}">Voir ce compte</a>`));

    const owner = await client.send(base.action, { method: 'POST', form: { ...base.fields, email: `futur-proprio-${process.pid}@example.ca`, role: 'owner', locale: 'fr' } });
    assert.equal(owner.status, 403, show(owner));
    const forged = await client.send(base.action, { method: 'POST', form: { ...base.fields, _csrf: 'x'.repeat(64), email: `faux-${process.pid}@example.ca`, role: 'support', locale: 'fr' } });
    assert.equal(forged.status, 403, show(forged));
    assert.equal(office.sql(`SELECT count(*) FROM users WHERE email IN ('futur-proprio-${process.pid}@example.ca', 'faux-${process.pid}@example.ca')`), '0');
    assert.equal(office.sql("SELECT count(*) FROM email_outbox WHERE template = 'accounts.invite'"), '0');
  });

  test('the invitee gets a link in their language, sets a password, must enrol two-factor, then reaches the back office', async () => {
    const owner = staff.owner;
    const email = `recrue-${process.pid}@example.ca`;
    const page = await owner.client.get('/admin/customers/invite');
    assert.match(page.text, /<option value="owner">propriétaire<\/option>/);
    const form = formsOf(page.text).find((f) => f.action === '/admin/customers/invite');
    const sent = await owner.client.send(form.action, { method: 'POST', form: { ...form.fields, email, name: 'Nadia Roy', role: 'catalog_manager', locale: 'en' } });
    assert.equal(sent.status, 303, show(sent));
    const id = Number(/\/admin\/customers\/(\d+)\?notice=invitation_sent$/.exec(sent.headers.location)?.[1]);
    assert.ok(id, sent.headers.location);
    const [actor, details] = lastAudit('user.invited', id).split(/ (.*)/s);
    assert.equal(actor, String(owner.id));
    assert.deepEqual(JSON.parse(details), { role: 'catalog_manager', email, locale: 'en' });
    const account = await owner.client.get(sent.headers.location);
    assert.match(flat(account.text), /Invitation envoyée/);
    assert.match(flat(account.text), /Invitation En attente ; le lien est valable jusqu’au \d{4}-\d\d-\d\d/);

    // Sent again: the first link stops working.
    const first = await capture.waitFor(email);
    const again = await formOn(owner.client, id, '/invitation');
    assert.ok(again, 'no form to send the invitation again');
    assert.equal((await owner.client.send(again.action, { method: 'POST', form: again.fields })).status, 303);
    const mail = await capture.waitFor(email, (m) => m.parts['text/plain'] !== first.parts['text/plain']);
    assert.equal(mail.subject, 'You are invited to the shop’s back office');
    const text = mail.parts['text/plain'];
    assert.match(text, /Nadia Roy/);
    assert.match(text, /This link is valid for 7 days and works once\./);
    const link = /(http:\/\/\S+\/en\/invitation\?token=[0-9a-f]+)/.exec(text)?.[1];
    assert.ok(link, text);
    const oldLink = /(http:\/\/\S+\/en\/invitation\?token=[0-9a-f]+)/.exec(first.parts['text/plain'])[1];

    const invitee = office.visitor();
    const path = new URL(link).pathname + new URL(link).search;
    const dead = await invitee.submit(new URL(oldLink).pathname + new URL(oldLink).search, { password: INVITEE_PASSWORD }, { action: '/en/invitation' });
    assert.equal(dead.status, 400, show(dead));
    assert.match(flat(dead.text), /This invitation no longer works/);
    const shown = await invitee.get(path);
    assert.equal(shown.status, 200, show(shown));
    assert.match(flat(shown.text), /Join the shop’s team/);
    const weak = await invitee.submit(path, { password: 'court' }, { action: '/en/invitation' });
    assert.equal(weak.status, 422, show(weak));
    const accepted = await invitee.submit(path, { password: INVITEE_PASSWORD }, { action: '/en/invitation' });
    assert.equal(accepted.status, 303, show(accepted));
    assert.equal(accepted.headers.location, `/en/login?next=${encodeURIComponent('/admin/')}&notice=invitation_accepted`);
    assert.equal(lastAudit('user.invitation_accepted', id).split(' ')[0], String(id));
    const twice = await invitee.submit(path, { password: INVITEE_PASSWORD }, { action: '/en/invitation' });
    assert.equal(twice.status, 400, 'an invitation works once');

    // Signing in: the password, then enrolment before anything else.
    const login = await invitee.get(accepted.headers.location);
    assert.match(flat(login.text), /Your password is saved/);
    const signed = await invitee.submit(accepted.headers.location, { email, password: INVITEE_PASSWORD }, { action: '/en/login' });
    assert.equal(signed.status, 303, show(signed));
    assert.equal(signed.headers.location, '/en/account/two-factor');
    const gate = await invitee.get('/admin/');
    assert.equal(gate.status, 303);
    assert.equal(gate.headers.location, '/en/account/two-factor');
    const enrolment = await invitee.get('/en/account/two-factor');
    const secret = /<code>([A-Z2-7]{4}(?: [A-Z2-7]{1,4})+)<\/code>/.exec(enrolment.text)?.[1];
    assert.ok(secret, 'no secret on the enrolment page');
    const enrolled = await invitee.submit('/en/account/two-factor', { code: totp(secret) }, { action: '/en/account/two-factor' });
    assert.equal(enrolled.status, 200, show(enrolled));
    assert.match(enrolled.text, /<a href="\/admin\/">Continue to the back office<\/a>/);
    const dashboard = await invitee.get('/admin/');
    assert.equal(dashboard.status, 200, show(dashboard));
    assert.match(dashboard.text, /<html lang="en-CA">/);
    assert.match(flat(dashboard.text), /Nadia Roy \(catalog manager\)/);
    assert.equal(await formOn(owner.client, id, '/invitation'), undefined, 'an accepted invitation is offered again');
  });

  test('the screens speak English to staff who read English', async () => {
    const english = await office.staffMember('admin', 'admin-en');
    office.sql(`UPDATE users SET locale = 'en' WHERE id = ${english.id}`);
    const invite = await english.client.get('/admin/customers/invite');
    assert.match(invite.text, /<html lang="en-CA">/);
    assert.match(flat(invite.text), /Invite a staff member/);
    assert.match(flat(invite.text), /Send the invitation/);
    const target = await member('support');
    const page = await english.client.get(pageOf(target.id));
    for (const text of ['Change the role', 'I confirm: change this account’s role and end its sessions.', 'End all its sessions'])
      assert.ok(flat(page.text).includes(text), `no "${text}"`);
  });
});
