// Password hashing under load (issue 11, finding 3): argon2id with OWASP's parameters, hashes made
// with libsodium's older moderate limits replaced at the next login, and a bounded queue in front
// of the hashing threads. A full queue answers 503 with Retry-After on every form that hashes a
// password, before any account is looked up, so the answer is the same for every email.
//
// The full queue is provoked with COMPTOIR_TEST_FAULT=hasher_full (a queue of size 0) on a second
// process sharing the first one's database, so sessions opened on the first work there too.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { FormClient } from '../support/form_client.mjs';
import { loadCatalog, pageText } from '../support/html.mjs';
import { createDatabase, describe as show, runComptoir, startServer } from '../support/server.mjs';

const PASSWORD = 'Erable-et-sapin-2026';
// PASSWORD hashed with libsodium's moderate limits (3 passes over 256 MiB), as the server did
// before: crypto_pwhash_str(…, crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE).
const MODERATE_HASH = '$argon2id$v=19$m=262144,t=3,p=1$whtiiifUFXdSP9zgqaGSiQ$BiZeuw+S6tsZuTQbnIKwU47XFI1GhVwEwYTHRLKCgNQ';
const CURRENT_PARAMS = '$argon2id$v=19$m=19456,t=2,p=1$';
const SECRET_KEYS = `t1:${randomBytes(32).toString('base64')}`;
const messages = { fr: loadCatalog('fr'), en: loadCatalog('en') };

let db;
let server;  // hashes as usual
let full;    // the same shop with a hasher queue that has no room
before(async () => {
  db = await createDatabase();
  server = await startServer({ database: { url: db.url }, env: { COMPTOIR_SECRET_KEYS: SECRET_KEYS } });
  full = await startServer({
    database: { url: db.url }, migrate: false,
    env: { COMPTOIR_SECRET_KEYS: SECRET_KEYS, COMPTOIR_TEST_FAULT: 'hasher_full' },
  });
}, { timeout: 60_000 });
after(async () => {
  await full?.stop();
  await server?.stop();
  await db?.drop();
});

const sql = (query) => execFileSync('psql', [db.url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();
const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;
let serial = 0;
const newEmail = (tag) => `${tag}-${process.pid}-${(serial += 1)}@example.ca`;
let visitors = 0;
const visitor = (target) => {
  visitors += 1;
  return new FormClient(target.url, { localAddress: `127.0.20.${visitors}` });
};

async function createUser(email) {
  const made = await runComptoir(['user', 'create', '--email', email, '--role', 'customer'], {
    env: { COMPTOIR_ENV: 'test', DATABASE_URL: db.url }, input: `${PASSWORD}\n`, timeout: 60_000,
  });
  assert.equal(made.code, 0, made.output);
  return Number(sql(`SELECT id FROM users WHERE email = ${quote(email)}`));
}
const storedHash = (id) => sql(`SELECT password_hash FROM users WHERE id = ${id}`);

const summaryOf = (html) => pageText(/<div class="error-summary" role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '').trim();

function assertBusy(res, locale = 'fr') {
  assert.equal(res.status, 503, show(res));
  assert.equal(res.headers['retry-after'], '1', show(res));
  assert.ok(summaryOf(res.text).includes(messages[locale]['accounts.busy']), `no busy message:\n${show(res)}`);
}

describe('argon2id parameters', { timeout: 120_000 }, () => {
  test('new passwords are hashed with m = 19 MiB, t = 2, p = 1', async () => {
    const id = await createUser(newEmail('neuf'));
    assert.ok(storedHash(id).startsWith(CURRENT_PARAMS), storedHash(id));
  });

  test('a hash made with the older moderate limits is replaced at the next login, and still signs in', async () => {
    const email = newEmail('ancien');
    const id = await createUser(email);
    sql(`UPDATE users SET password_hash = ${quote(MODERATE_HASH)} WHERE id = ${id}`);
    const client = visitor(server);
    const res = await client.submit('/fr/connexion', { email, password: PASSWORD });
    assert.equal(res.status, 303, show(res));
    const now = storedHash(id);
    assert.ok(now.startsWith(CURRENT_PARAMS), now);
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'login.succeeded' AND actor_id = ${id}`), '1');
    const again = await visitor(server).submit('/fr/connexion', { email, password: PASSWORD });
    assert.equal(again.status, 303, show(again));
    assert.equal(storedHash(id), now, 'a current hash was replaced again');
  });
});

describe('a full hasher queue', { timeout: 120_000 }, () => {
  test('logging in answers 503 with Retry-After, the same page for a right or wrong password and an unknown email', async () => {
    const email = newEmail('file');
    const id = await createUser(email);
    const client = visitor(full);
    const summaries = [];
    for (const [address, password] of [[email, PASSWORD], [email, 'Pas-le-bon-mot-2026'], [newEmail('personne'), PASSWORD]]) {
      const res = await client.submit('/fr/connexion', { email: address, password });
      assertBusy(res);
      summaries.push(summaryOf(res.text));
    }
    assert.equal(new Set(summaries).size, 1, `the answers differ: ${JSON.stringify(summaries)}`);
    const english = await client.submit('/en/login', { email, password: PASSWORD });
    assertBusy(english, 'en');
    // Nothing was checked: no login is recorded, nobody is signed in.
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action LIKE 'login.%' AND (actor_id = ${id} OR details->>'email' LIKE 'personne-%')`), '0');
    assert.equal((await client.get('/fr/compte')).status, 303);
  });

  test('registering, changing and resetting a password answer 503 too, and change nothing', async () => {
    const email = newEmail('inscription');
    const register = await visitor(full).submit('/fr/inscription', { display_name: '', email, password: PASSWORD });
    assertBusy(register);
    assert.equal(sql(`SELECT count(*) FROM users WHERE email = ${quote(email)}`), '0');

    // Signed in on the other process: the session is valid on both.
    const owner = newEmail('compte');
    const id = await createUser(owner);
    const before = storedHash(id);
    const client = visitor(server);
    assert.equal((await client.submit('/fr/connexion', { email: owner, password: PASSWORD })).status, 303);
    client.baseUrl = full.url;
    client.origin = full.url;
    const change = await client.submit('/fr/compte', { current_password: PASSWORD, new_password: 'Nouveau-mot-de-passe-2026' }, { action: '/fr/compte/mot-de-passe' });
    assertBusy(change);
    assert.equal(storedHash(id), before);

    // A reset link asked for on the other process, followed here.
    const forgot = await visitor(server).submit('/fr/mot-de-passe-oublie', { email: owner });
    assert.equal(forgot.status, 200, show(forgot));
    const link = sql(`SELECT payload->>'link' FROM email_outbox WHERE to_address = ${quote(owner)} AND template = 'accounts.reset_password'`);
    assert.ok(link.startsWith(server.url), link);
    const reset = await visitor(full).submit(link.slice(server.url.length), { password: 'Nouveau-mot-de-passe-2026' });
    assertBusy(reset);
    assert.equal(storedHash(id), before);
  });
});
