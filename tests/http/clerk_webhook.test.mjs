// POST /webhooks/clerk: Clerk user events delivered through Svix, signed here by Svix's own npm
// library. Bad signatures store nothing; replays and late events change nothing twice.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'svix';
import { FormClient, formsOf } from '../support/form_client.mjs';
import { describe as show, request, runComptoir, startServer } from '../support/server.mjs';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const signer = new Webhook(SECRET);
let server;
let unconfigured;

before(async () => {
  server = await startServer({ env: { CLERK_WEBHOOK_SECRET: SECRET } });
  unconfigured = await startServer();
}, { timeout: 60_000 });
after(async () => {
  await server?.stop();
  await unconfigured?.stop();
});

const sql = (query) => execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();
let counter = 0;

// Signs `event` as Svix would; `tamper` alters what is sent after signing.
async function deliver(event, { id = `msg_${Date.now()}_${(counter += 1)}`, at = new Date(), secretSigner = signer, tamper, target = server } = {}) {
  const body = JSON.stringify(event);
  const headers = {
    'content-type': 'application/json',
    'svix-id': id,
    'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
    'svix-signature': secretSigner.sign(id, at, body),
  };
  const sent = tamper ? tamper({ headers, body }) : { headers, body };
  const res = await request(`${target.url}/webhooks/clerk`, { method: 'POST', headers: sent.headers, body: sent.body });
  return { res, id, json: res.text ? JSON.parse(res.text) : null };
}

const clerkUser = (id, { email = `${id}@example.ca`, verified = true, role, first = 'Élise', last = 'Gagnon', updatedAt = Date.now() } = {}) => ({
  id,
  object: 'user',
  first_name: first,
  last_name: last,
  primary_email_address_id: `idn_${id}`,
  email_addresses: [
    { id: 'idn_other', email_address: `other-${email}`, verification: { status: 'verified' } },
    { id: `idn_${id}`, email_address: email, verification: { status: verified ? 'verified' : 'unverified' } },
  ],
  public_metadata: role ? { role } : {},
  updated_at: updatedAt,
});
const event = (type, data) => ({ type, object: 'event', data });
const userRow = (clerkId) => sql(`SELECT u.email || '|' || r.name || '|' || u.display_name || '|' || (u.disabled_at IS NOT NULL) FROM users u JOIN roles r ON r.id = u.role_id WHERE clerk_user_id = '${clerkId}'`);

describe('Clerk webhook', { timeout: 60_000 }, () => {
  test('user.created makes a local user from the primary email, name and role', async () => {
    const { res, json } = await deliver(event('user.created', clerkUser('user_a1', { email: 'Elise@Example.CA', role: 'catalog_manager' })));
    assert.equal(res.status, 200, show(res));
    assert.equal(json.status, 'applied');
    assert.equal(userRow('user_a1'), 'elise@example.ca|catalog_manager|Élise Gagnon|false');
  });

  test('a replayed delivery (same svix-id) changes nothing', async () => {
    const first = await deliver(event('user.created', clerkUser('user_b1')));
    assert.equal(first.json.status, 'applied');
    const again = await deliver(event('user.updated', clerkUser('user_b1', { role: 'admin' })), { id: first.id });
    assert.equal(again.res.status, 200);
    assert.equal(again.json.status, 'duplicate');
    assert.equal(userRow('user_b1').split('|')[1], 'customer');
    assert.equal(sql(`SELECT count(*) FROM clerk_events WHERE svix_id = '${first.id}'`), '1');
  });

  test('user.updated changes email, name and role; an older event arriving late is ignored', async () => {
    const t0 = Date.now();
    await deliver(event('user.created', clerkUser('user_c1', { updatedAt: t0 })));
    const newer = await deliver(event('user.updated', clerkUser('user_c1', { email: 'nouveau@example.ca', role: 'support', first: 'Léa', updatedAt: t0 + 2000 })));
    assert.equal(newer.json.status, 'applied');
    const older = await deliver(event('user.updated', clerkUser('user_c1', { email: 'ancien@example.ca', updatedAt: t0 + 1000 })));
    assert.equal(older.json.status, 'ignored');
    assert.equal(userRow('user_c1'), 'nouveau@example.ca|support|Léa Gagnon|false');
  });

  test('an update without a primary email keeps the email it had', async () => {
    const t0 = Date.now();
    await deliver(event('user.created', clerkUser('user_g1', { email: 'garde@example.ca', updatedAt: t0 })));
    const bare = { ...clerkUser('user_g1', { role: 'support', updatedAt: t0 + 1000 }), primary_email_address_id: null, email_addresses: [] };
    const { res, json } = await deliver(event('user.updated', bare));
    assert.equal(res.status, 200, show(res));
    assert.equal(json.status, 'applied');
    assert.equal(userRow('user_g1'), 'garde@example.ca|support|Élise Gagnon|false');
  });

  test('an unknown role in public_metadata gives the customer role', async () => {
    await deliver(event('user.created', clerkUser('user_d1', { role: 'emperor' })));
    assert.equal(userRow('user_d1').split('|')[1], 'customer');
  });

  test('user.deleted disables the local user and ends its sessions', async () => {
    await deliver(event('user.created', clerkUser('user_e1')));
    const userId = sql("SELECT id FROM users WHERE clerk_user_id = 'user_e1'");
    sql(`INSERT INTO sessions (id_hash, user_id, csrf_secret, expires_at) VALUES ('${'e'.repeat(64)}', ${userId}, '${'f'.repeat(64)}', now() + interval '1 hour')`);
    const { json } = await deliver(event('user.deleted', { id: 'user_e1', object: 'user', deleted: true }));
    assert.equal(json.status, 'applied');
    assert.equal(userRow('user_e1').split('|')[3], 'true');
    assert.equal(sql(`SELECT count(*) FROM sessions WHERE user_id = ${userId}`), '0');
    const late = await deliver(event('user.updated', clerkUser('user_e1', { updatedAt: Date.now() + 5000 })));
    assert.equal(late.json.status, 'ignored');
    assert.equal(userRow('user_e1').split('|')[3], 'true', 'a deleted user stays disabled');
  });

  test('a local account with the same email is linked only when Clerk verified the address', async () => {
    const made = await runComptoir(['user', 'create', '--email', 'locale@example.ca', '--role', 'customer'], {
      env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url }, input: 'Erable-et-sapin-2026\n', timeout: 60_000,
    });
    assert.equal(made.code, 0, made.output);
    const unverified = await deliver(event('user.created', clerkUser('user_f1', { email: 'locale@example.ca', verified: false })));
    assert.equal(unverified.json.status, 'rejected');
    assert.equal(sql("SELECT count(*) FROM users WHERE clerk_user_id = 'user_f1'"), '0');
    assert.match(sql(`SELECT last_error FROM clerk_events WHERE svix_id = '${unverified.id}'`), /unverified/);
    const verified = await deliver(event('user.created', clerkUser('user_f2', { email: 'locale@example.ca' })));
    assert.equal(verified.json.status, 'applied');
    assert.equal(sql("SELECT count(*) FROM users WHERE lower(email) = 'locale@example.ca'"), '1');
    assert.equal(userRow('user_f2').split('|')[0], 'locale@example.ca');
  });

  // A local account may have been registered with someone's address before they came through
  // Clerk: whatever it held before Clerk proved the address must not survive the link.
  test('linking a local account clears its password and sessions, and the 2FA of an address never verified here', async () => {
    const password = 'Erable-et-sapin-2026';
    const accounts = [['squat@example.ca', false], ['verifiee@example.ca', true]];
    for (const [email, verified] of accounts) {
      const made = await runComptoir(['user', 'create', '--email', email, '--role', 'customer'], {
        env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url }, input: `${password}\n`, timeout: 60_000,
      });
      assert.equal(made.code, 0, made.output);
      const id = sql(`SELECT id FROM users WHERE email = '${email}'`);
      if (verified) sql(`UPDATE users SET email_verified_at = now() WHERE id = ${id}`);
      sql(`UPDATE users SET totp_secret_sealed = 'v1.k.secret', totp_enabled_at = now() WHERE id = ${id}`);
      sql(`INSERT INTO recovery_codes (user_id, code_hash) VALUES (${id}, '${'c'.repeat(64)}')`);
      const client = new FormClient(server.url);
      assert.equal((await client.submit('/fr/connexion', { email, password })).status, 303);
      assert.equal(sql(`SELECT count(*) FROM sessions WHERE user_id = ${id}`), '1');

      const clerkId = `user_link_${verified ? 'v' : 'u'}`;
      const { json } = await deliver(event('user.created', clerkUser(clerkId, { email })));
      assert.equal(json.status, 'applied');
      assert.equal(sql(`SELECT clerk_user_id || '|' || (password_hash IS NULL) FROM users WHERE id = ${id}`), `${clerkId}|true`, `${email}: the local password survived the link`);
      assert.equal(sql(`SELECT count(*) FROM sessions WHERE user_id = ${id}`), '0', `${email}: a local session survived the link`);
      assert.equal((await client.get('/fr/compte')).status, 303, `${email}: still signed in`);
      const again = await new FormClient(server.url).submit('/fr/connexion', { email, password });
      assert.equal(again.status, 401, `${email}: the local password still opens the account:\n${show(again)}`);
      const twoFactor = sql(`SELECT (totp_enabled_at IS NOT NULL) || '|' || (SELECT count(*) FROM recovery_codes WHERE user_id = ${id}) FROM users WHERE id = ${id}`);
      assert.equal(twoFactor, verified ? 'true|1' : 'false|0', `${email}: 2FA after the link`);
      const audit = JSON.parse(sql(`SELECT details FROM audit_log WHERE action = 'clerk.user_linked' AND target_id = '${id}'`));
      assert.equal(audit.password_cleared, true);
      assert.equal(audit.sessions_ended, 1);
      assert.equal(audit.local_email_verified, verified);
    }
  });

  test('a registration awaiting its link cannot be finished once Clerk has the address', async () => {
    const email = 'en-attente@example.ca';
    const client = new FormClient(server.url);
    const registered = await client.submit('/fr/inscription', { email, password: 'Erable-et-sapin-2026' });
    assert.equal(registered.status, 303, show(registered));
    const link = sql(`SELECT payload->>'link' FROM email_outbox WHERE to_address = '${email}' AND template = 'accounts.verify_email'`);
    assert.ok(link, 'no registration link');
    const { json } = await deliver(event('user.created', clerkUser('user_pending', { email })));
    assert.equal(json.status, 'applied');
    const page = await client.get(link.slice(server.url.length));
    const form = formsOf(page.text).find((f) => f.action === '/fr/compte/verification');
    const res = await client.send(form.action, { method: 'POST', form: form.fields });
    assert.equal(res.status, 400, `the registration's link still works after the link to Clerk:\n${show(res)}`);
    assert.equal(sql(`SELECT password_hash IS NULL FROM users WHERE email = '${email}'`), 't');
  });

  test('every applied change is in the audit log', async () => {
    assert.ok(Number(sql("SELECT count(*) FROM audit_log WHERE action LIKE 'clerk.%'")) >= 5);
  });
});

describe('refused deliveries store nothing', { timeout: 60_000 }, () => {
  const cases = [
    ['a signature made with another secret', { secretSigner: new Webhook('whsec_' + Buffer.from('another secret of 32 bytes!!!!!!').toString('base64')) }],
    ['a body altered after signing', { tamper: ({ headers, body }) => ({ headers, body: body.replace('user_z', 'user_y') }) }],
    ['a missing svix-signature', { tamper: ({ headers, body }) => { const { 'svix-signature': _, ...rest } = headers; return { headers: rest, body }; } }],
    ['a delivery older than 5 minutes', { at: new Date(Date.now() - 10 * 60 * 1000) }],
  ];
  for (const [name, options] of cases) {
    test(`${name} → 400 problem+json`, async () => {
      const before = sql('SELECT count(*) FROM clerk_events');
      const { res, id } = await deliver(event('user.created', clerkUser(`user_z${counter}`)), options);
      assert.equal(res.status, 400, show(res));
      assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
      assert.equal(JSON.parse(res.text).status, 400);
      assert.equal(sql('SELECT count(*) FROM clerk_events'), before);
      assert.equal(sql(`SELECT count(*) FROM clerk_events WHERE svix_id = '${id}'`), '0');
      assert.equal(sql("SELECT count(*) FROM users WHERE clerk_user_id LIKE 'user_z%'"), '0');
    });
  }

  test('without CLERK_WEBHOOK_SECRET the route answers 503 and says what to set', async () => {
    const { res } = await deliver(event('user.created', clerkUser('user_n1')), { target: unconfigured });
    assert.equal(res.status, 503, show(res));
    assert.match(JSON.parse(res.text).detail, /CLERK_WEBHOOK_SECRET/);
  });
});
