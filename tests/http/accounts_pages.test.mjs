// The accounts pages, black box, as a browser without JavaScript uses them: register, log in and
// out, the account page and its forms, forgotten passwords, email verification, CSRF, rate limits,
// sessions shared by several processes, and session cookies on the JSON API.
//
// Every visitor connects from its own loopback address (127.0.x.y reaches a server listening on
// 127.0.0.1), as different people would: the per-IP limits then count only what a test does on
// purpose. Password hashing costs about a second, so the tests sign in sparingly.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { FormClient, SESSION_COOKIE, formsOf, sessionCookieOf } from '../support/form_client.mjs';
import { loadCatalog, pageText, startTags } from '../support/html.mjs';
import { createDatabase, describe as show, request, runComptoir, sleep, startServer } from '../support/server.mjs';
import { totp } from '../support/totp.mjs';

const PASSWORD = 'Erable-et-sapin-2026';
const SECRET_KEYS = `t1:${randomBytes(32).toString('base64')}`;
const messages = { fr: loadCatalog('fr'), en: loadCatalog('en') };
const t = (locale, key) => {
  assert.ok(messages[locale][key], `locales/${locale}.json has no ${key}`);
  return messages[locale][key];
};

let db;
let server;  // the server most tests talk to
let twin;    // a second process on the same database
const serve = () => startServer({ database: { url: db.url }, env: { COMPTOIR_SECRET_KEYS: SECRET_KEYS } });

before(async () => {
  db = await createDatabase();
  server = await serve();
  twin = await serve();
}, { timeout: 60_000 });
after(async () => {
  await twin?.stop();
  await server?.stop();
  await db?.drop();
});

// A server that dies under a test fails that test, with its last log lines. The next test gets a
// new process on the same database (sessions and limits live there), so one crash does not hide
// what the other tests check.
beforeEach(async () => {
  if (server.exitInfo) server = await serve();
  if (twin.exitInfo) twin = await serve();
});
afterEach(async (context) => {
  await sleep(25);
  const dead = [server, twin].filter((each) => each.exitInfo);
  if (dead.length === 0) return;
  const report = dead.map((each) => `the server on ${each.url} died during this test (${each.exitInfo.signal ?? `exit ${each.exitInfo.code}`}); last log lines:\n${each.logText().split('\n').slice(-10).join('\n')}`).join('\n');
  context.diagnostic?.(report);
  assert.fail(report);
});

const sql = (query) => execFileSync('psql', [db.url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();
const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

let serial = 0;
const newEmail = (tag) => `${tag}-${process.pid}-${(serial += 1)}@example.ca`;

let visitors = 0;
function visitor(target = server, options = {}) {
  visitors += 1;
  const localAddress = `127.0.${10 + Math.floor(visitors / 250)}.${(visitors % 250) + 1}`;
  return new FormClient(target.url, { localAddress, ...options });
}

// Users with the password PASSWORD: the first one made by the operator command (which reads the
// password from standard input), the others copied from it in SQL with another email and role,
// which saves an argon2id hash (about a second) per user.
let model = null;
async function createUser(email, role = 'customer') {
  if (!model) {
    model = `modele-${process.pid}@example.ca`;
    const made = await runComptoir(['user', 'create', '--email', model, '--role', 'customer'], {
      env: { COMPTOIR_ENV: 'test', DATABASE_URL: db.url }, input: `${PASSWORD}\n`, timeout: 60_000,
    });
    assert.equal(made.code, 0, made.output);
  }
  return Number(sql(`INSERT INTO users (email, password_hash, role_id)
    SELECT ${quote(email)}, password_hash, (SELECT id FROM roles WHERE name = ${quote(role)}) FROM users WHERE email = ${quote(model)}
    RETURNING id`));
}

async function signIn(client, email, password = PASSWORD, page = '/fr/connexion') {
  const res = await client.submit(page, { email, password });
  assert.equal(res.status, 303, show(res));
  return res;
}

// A new customer who registered through the page and followed the mailed link, signed in on
// `client`.
async function registered(client = visitor(), { displayName = '' } = {}) {
  const email = newEmail('client');
  const res = await client.submit('/fr/inscription', { display_name: displayName, email, password: PASSWORD });
  assert.equal(res.status, 303, show(res));
  const [link] = sql(`SELECT payload->>'link' FROM email_outbox WHERE to_address = ${quote(email)} AND template = 'accounts.verify_email'`).split('\n');
  const confirmed = await client.submit(link.slice(server.url.length), {}, { action: '/fr/compte/verification' });
  assert.equal(confirmed.status, 303, show(confirmed));
  await signIn(client, email);
  return { client, email, id: Number(sql(`SELECT id FROM users WHERE email = ${quote(email)}`)) };
}

// The account page of a signed-in client, with its forms.
async function accountPage(client, path = '/fr/compte') {
  const res = await client.get(path);
  assert.equal(res.status, 200, show(res));
  return { res, forms: formsOf(res.text), text: pageText(res.text) };
}

async function csrfToken(client, path = '/fr/compte') {
  const { forms } = await accountPage(client, path);
  const token = forms.find((f) => f.fields._csrf)?.fields._csrf;
  assert.ok(token, 'the account page has no _csrf field');
  return token;
}

// POSTs `fields` to `action` with the client's cookie, as a form would, without reading a page.
const post = (client, action, fields, headers = {}) => client.send(action, { method: 'POST', form: fields, headers });

const input = (html, name) => startTags(html, 'input').find((tag) => tag.attrs.name === name)?.attrs;

function errorSummary(html) {
  const match = /<div class="error-summary" role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  if (!match) return null;
  return { text: pageText(match[1]).trim(), links: [...match[1].matchAll(/href="#([^"]+)"/g)].map((m) => m[1]) };
}

function assertFieldError(res, field, message) {
  const summary = errorSummary(res.text);
  assert.ok(summary, `no error summary:\n${show(res)}`);
  assert.ok(summary.links.includes(field), `the summary does not link to #${field}: ${JSON.stringify(summary)}`);
  if (message instanceof RegExp) assert.match(summary.text, message);
  else if (message) assert.ok(summary.text.includes(message), `"${message}" not in the summary: ${summary.text}`);
  const tag = startTags(res.text, 'input').find((each) => each.attrs.id === field);
  assert.equal(tag?.attrs['aria-invalid'], 'true', `#${field} is not marked aria-invalid`);
}

const locationOf = (res) => res.headers.location;
const mailsTo = (email, template) => sql(`SELECT payload->>'link' FROM email_outbox WHERE to_address = ${quote(email)} AND template = ${quote(template)} ORDER BY id`).split('\n').filter(Boolean);
const auditCount = (action, userId) => Number(sql(`SELECT count(*) FROM audit_log WHERE action = ${quote(action)} AND actor_id = ${userId}`));
const pathOf = (link) => link.slice(server.url.length);

// Enrols two-factor authentication from the enrolment page; resolves to the recovery codes shown.
async function enrolTwoFactor(client, page = '/fr/compte/double-authentification') {
  const form = await client.get(page);
  assert.equal(form.status, 200, show(form));
  const secret = /<code>([A-Z2-7]{4}(?: [A-Z2-7]{1,4})+)<\/code>/.exec(form.text)?.[1];
  assert.ok(secret, `no secret shown as text on ${page}:\n${form.text}`);
  const done = await client.submit(page, { code: totp(secret) }, { action: page });
  assert.equal(done.status, 200, show(done));
  const codes = [...done.text.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((m) => m[1]);
  assert.ok(codes.length >= 5, `no recovery codes shown:\n${done.text}`);
  return codes;
}

describe('the session cookie', { timeout: 180_000 }, () => {
  test('a first visit to the login page gives a hardened cookie and writes nothing; signing in stores only its hash', async () => {
    const client = visitor();
    const res = await client.get('/fr/connexion');
    assert.equal(res.status, 200, show(res));
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const cookie = sessionCookieOf(res);
    assert.ok(cookie, `no ${SESSION_COOKIE} cookie:\n${show(res)}`);
    assert.match(cookie.value, /^[0-9a-f]{64}$/);
    assert.equal(cookie.attributes.get('path'), '/');
    assert.ok(cookie.attributes.has('secure'), 'the cookie is not Secure');
    assert.ok(cookie.attributes.has('httponly'), 'the cookie is not HttpOnly');
    assert.equal(cookie.attributes.get('samesite')?.toLowerCase(), 'lax');
    assert.ok(!cookie.attributes.has('domain'), 'a __Host- cookie has no Domain');
    const form = formsOf(res.text).find((f) => f.action === '/fr/connexion');
    assert.match(form?.fields._csrf ?? '', /^[0-9a-f]{32,}$/, 'the login form has no _csrf token');

    assert.equal(sql(`SELECT count(*) FROM sessions WHERE id_hash = ${quote(sha256(cookie.value))}`), '0', 'a GET page wrote a session row');

    const email = newEmail('premier');
    await createUser(email);
    const res2 = await client.submit('/fr/connexion', { email, password: PASSWORD });
    assert.equal(res2.status, 303, show(res2));
    assert.equal(sql(`SELECT count(*) FROM sessions WHERE id_hash = ${quote(sha256(client.cookie))}`), '1');
    assert.equal(sql(`SELECT count(*) FROM sessions s WHERE position(${quote(client.cookie)} IN s::text) > 0`), '0', 'the session id itself is stored');
  });

  test('no GET writes a session row: the forms and the links from mails; their tokens still work in another process', async () => {
    const before = sql('SELECT count(*) FROM sessions');
    const pages = ['/fr/connexion', '/en/login', '/fr/inscription', '/en/register', '/fr/mot-de-passe-oublie', '/en/forgot-password',
      '/fr/mot-de-passe/nouveau?token=abc', '/en/reset-password?token=abc', '/fr/compte/verification?token=abc', '/en/account/verify?token=abc',
      '/fr/connexion/deblocage?token=abc', '/en/login/unlock?token=abc'];
    for (const path of pages) {
      const client = visitor();
      const res = await client.get(path);
      assert.equal(res.status, 200, `${path}: ${show(res)}`);
      assert.match(client.cookie ?? '', /^[0-9a-f]{64}$/, `${path} gave no session cookie`);
      assert.match(formsOf(res.text).find((f) => f.fields._csrf)?.fields._csrf ?? '', /^[0-9a-f]{64}$/, `${path} has no form token`);
      const again = await client.get(path);
      assert.equal(again.status, 200, `${path} (again): ${show(again)}`);
      assert.ok(!sessionCookieOf(again), `${path}: the cookie was sent again`);
    }
    assert.equal(sql('SELECT count(*) FROM sessions'), before, 'a GET wrote a session row');

    // The token of a form shown before any row existed is accepted by another process, which
    // stores the session under the cookie the browser already holds when it signs in.
    const email = newEmail('jumeau');
    await createUser(email);
    const client = visitor();
    const form = formsOf((await client.get('/en/login')).text).find((f) => f.action === '/en/login');
    const onTwin = new FormClient(twin.url, { localAddress: client.localAddress });
    onTwin.cookie = client.cookie;
    const signedIn = await onTwin.send('/en/login', { method: 'POST', form: { ...form.fields, email, password: PASSWORD } });
    assert.equal(signedIn.status, 303, show(signedIn));
    assert.equal(sql(`SELECT count(*) FROM sessions WHERE id_hash = ${quote(sha256(onTwin.cookie))}`), '1');

    // A forged token for an id with no row is refused, and stores nothing.
    const stranger = visitor();
    await stranger.get('/en/login');
    const forged = await stranger.submit('/en/login', { email: newEmail('forge'), password: PASSWORD, _csrf: 'a'.repeat(64) });
    assert.equal(forged.status, 403, show(forged));
    assert.equal(sql(`SELECT count(*) FROM sessions WHERE id_hash = ${quote(sha256(stranger.cookie))}`), '0');
  });

  test('signing in rotates the session id and goes to a local `next` only; the guest id stops working', async () => {
    const email = newEmail('rotation');
    const userId = await createUser(email);
    const client = visitor();
    const page = await client.get('/fr/connexion?next=%2Ffr%2Fproduits');
    const guest = client.cookie;
    assert.ok(guest);
    assert.equal(formsOf(page.text).find((f) => f.action === '/fr/connexion')?.fields.next, '/fr/produits');

    const res = await signIn(client, email, PASSWORD, '/fr/connexion?next=%2Ffr%2Fproduits');
    assert.equal(locationOf(res), '/fr/produits');
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.match(client.cookie ?? '', /^[0-9a-f]{64}$/);
    assert.notEqual(client.cookie, guest, 'the session id did not change at sign-in');

    const { text } = await accountPage(client);
    assert.ok(text.includes(email), 'the account page does not show the email');
    const old = new FormClient(server.url);
    old.cookie = guest;
    const stale = await old.get('/fr/compte');
    assert.equal(stale.status, 303, show(stale));
    assert.equal(locationOf(stale), '/fr/connexion?next=%2Ffr%2Fcompte');
    assert.equal(auditCount('login.succeeded', userId), 1);

    const elsewhere = await signIn(visitor(), email, PASSWORD, '/fr/connexion?next=%2F%2Fevil.example%2Fvol');
    assert.equal(locationOf(elsewhere), '/fr/compte', 'a `next` to another site was followed');
  });
});

describe('wrong credentials', { timeout: 180_000 }, () => {
  test('a wrong password and an unknown email get the same 401 page, which keeps the email and never the password', async () => {
    const email = newEmail('oubli');
    const userId = await createUser(email);
    const client = visitor();
    const typed = 'Pas-le-bon-mot-2026';
    const unknown = newEmail('personne');
    const pages = [];
    for (const address of [email, unknown]) {
      const res = await client.submit('/fr/connexion', { email: address, password: typed });
      assert.equal(res.status, 401, show(res));
      assertFieldError(res, 'email', 'L’adresse courriel ou le mot de passe est incorrect.');
      assert.equal(input(res.text, 'email')?.value, address);
      assert.equal(input(res.text, 'password')?.value, '');
      assert.ok(!res.text.includes(typed), 'the typed password is in the page');
      pages.push(errorSummary(res.text).text);
    }
    assert.equal(pages[0], pages[1], 'an unknown email and a wrong password are told apart');

    const english = await client.submit('/en/login', { email: unknown, password: typed });
    assert.equal(english.status, 401, show(english));
    assertFieldError(english, 'email', 'The email address or password is incorrect.');

    const account = await client.get('/fr/compte');
    assert.equal(account.status, 303, 'a failed login signed the visitor in');
    assert.equal(auditCount('login.failed', userId), 1);
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'login.failed' AND details->>'email' = ${quote(unknown)}`), '2');
  });
});

describe('two-factor authentication at sign-in', { timeout: 180_000 }, () => {
  test('an admin without two-factor is sent to enrol it before anything else', async () => {
    const email = newEmail('admin');
    await createUser(email, 'admin');
    const client = visitor();
    const res = await signIn(client, email, PASSWORD, '/en/login');
    assert.equal(locationOf(res), '/en/account/two-factor');
    const account = await client.get('/en/account');
    assert.equal(account.status, 303, show(account));
    assert.equal(locationOf(account), '/en/account/two-factor');
    const enrol = await client.get('/en/account/two-factor');
    assert.equal(enrol.status, 200, show(enrol));
    assert.ok(pageText(enrol.text).includes(t('en', 'accounts.two_factor.required')));
  });

  test('once enrolled, the password alone is not enough: the code page comes next', async () => {
    const { client, email } = await registered();
    const codes = await enrolTwoFactor(client);
    const { forms } = await accountPage(client);
    const logout = await post(client, '/fr/deconnexion', forms.find((f) => f.action === '/fr/deconnexion').fields);
    assert.equal(logout.status, 303, show(logout));

    const again = visitor();
    const res = await signIn(again, email);
    assert.equal(locationOf(res), '/fr/connexion/code');
    const early = await again.get('/fr/compte');
    assert.equal(early.status, 303, show(early));
    assert.equal(locationOf(early), '/fr/connexion/code', 'the account page opened before the code');
    const code = await again.submit('/fr/connexion/code', { code: codes[0] }, { action: '/fr/connexion/code' });
    assert.equal(code.status, 303, show(code));
    assert.equal(locationOf(code), '/fr/compte');
    assert.ok((await accountPage(again)).text.includes(email));
  });
});

describe('registration', { timeout: 180_000 }, () => {
  test('registering queues a link that finishes the account; the visitor signs in once it is followed', async () => {
    const client = visitor();
    const email = newEmail('inscription');
    const res = await client.submit('/fr/inscription', { display_name: 'Élise Tremblay', email, password: PASSWORD });
    assert.equal(res.status, 303, show(res));
    assert.equal(locationOf(res), '/fr/connexion?notice=registration_sent');
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const notice = await client.get(locationOf(res));
    assert.ok(pageText(notice.text).includes(t('fr', 'accounts.notice.registration_sent')), 'no notice');
    assert.equal((await client.get('/fr/compte')).status, 303, 'signed in before the link was followed');

    const [row] = sql(`SELECT u.id || '|' || r.name || '|' || u.display_name || '|' || (u.email_verified_at IS NULL) || '|' || (u.password_hash IS NULL) FROM users u JOIN roles r ON r.id = u.role_id WHERE u.email = ${quote(email)}`).split('\n');
    const [id, role, name, unverified, nopassword] = row.split('|');
    assert.deepEqual([role, name, unverified, nopassword], ['customer', 'Élise Tremblay', 'true', 'true']);
    const links = mailsTo(email, 'accounts.verify_email');
    assert.equal(links.length, 1, 'one verification mail is queued');
    assert.match(links[0], new RegExp(`^${server.url}/fr/compte/verification\\?token=[0-9A-Za-z_%-]{32,}$`));
    assert.equal(auditCount('user.registered', Number(id)), 1);

    const done = await client.submit(pathOf(links[0]), {}, { action: '/fr/compte/verification' });
    assert.equal(done.status, 303, show(done));
    assert.equal(locationOf(done), '/fr/connexion?notice=registration_confirmed');
    const hash = sql(`SELECT password_hash FROM users WHERE id = ${id}`);
    assert.match(hash, /^\$argon2id\$/);
    assert.ok(!hash.includes(PASSWORD));
    await signIn(client, email);
    const { text } = await accountPage(client);
    assert.ok(text.includes(email), 'the account page does not show the new email');
    assert.ok(text.includes(`${t('fr', 'accounts.account.email_status')} ${t('fr', 'accounts.account.verified')}`));
  });

  test('refusals are 422 pages with a linked error summary, the field marked, what was typed kept', async () => {
    const taken = newEmail('pris');
    await createUser(taken);
    const client = visitor();
    // A known email is no refusal: it is answered as a new one (account_safety.test.mjs).
    const cases = [
      { values: { email: 'pas-une-adresse', password: PASSWORD }, field: 'email', message: t('fr', 'accounts.field.email_invalid') },
      { values: { email: newEmail('court'), password: 'court' }, field: 'password', message: t('fr', 'accounts.password.too_short') },
      { values: { email: newEmail('commun'), password: 'MotDePasse123' }, field: 'password', message: t('fr', 'accounts.password.too_common') },
      { values: { email: taken, password: 'court' }, field: 'password', message: t('fr', 'accounts.password.too_short') },
    ];
    for (const { values, field, message } of cases) {
      const res = await client.submit('/fr/inscription', { display_name: 'Jean Untel', ...values });
      assert.equal(res.status, 422, `${JSON.stringify(values)}:\n${show(res)}`);
      assertFieldError(res, field, message);
      assert.equal(input(res.text, 'email')?.value, values.email);
      assert.equal(input(res.text, 'display_name')?.value, 'Jean Untel');
      assert.equal(input(res.text, 'password')?.value, '');
      assert.equal(sql(`SELECT count(*) FROM users WHERE lower(email) = lower(${quote(values.email)})`), values.email === taken ? '1' : '0');
    }
    assert.equal((await client.get('/fr/compte')).status, 303, 'a refused registration signed the visitor in');

    const english = await visitor().submit('/en/register', { email: 'not-an-address', password: PASSWORD });
    assert.equal(english.status, 422, show(english));
    assertFieldError(english, 'email', t('en', 'accounts.field.email_invalid'));
  });

  test('a form whose bytes are not UTF-8 (Latin-1 here) is refused with 400 and stores nothing', async () => {
    const client = visitor();
    const page = await client.get('/fr/inscription');
    const token = formsOf(page.text).find((f) => f.method === 'post').fields._csrf;
    const email = newEmail('latin1');
    const res = await request(`${server.url}/fr/inscription`, {
      method: 'POST',
      localAddress: client.localAddress,
      headers: { cookie: `${SESSION_COOKIE}=${client.cookie}`, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${token}&display_name=Andr%E9&email=${encodeURIComponent(email)}&password=${encodeURIComponent(PASSWORD)}`,
    });
    assert.equal(res.status, 400, show(res));
    assert.equal(sql(`SELECT count(*) FROM users WHERE email = ${quote(email)}`), '0');
  });
});

describe('CSRF', { timeout: 180_000 }, () => {
  // Each way a form post can be forged or stale: [name, change to the fields, extra headers].
  const forgeries = [
    ['without _csrf', (fields) => { const { _csrf, ...rest } = fields; return rest; }, {}],
    ['with a wrong _csrf', (fields) => ({ ...fields, _csrf: 'f'.repeat(64) }), {}],
    ['from another origin', (fields) => fields, { origin: 'https://evil.example' }],
    ['marked cross-site by the browser', (fields) => fields, { 'sec-fetch-site': 'cross-site' }],
  ];

  test('a forged registration is refused with 403, creates nothing, and the page keeps what was typed', async () => {
    const client = visitor();
    const page = await client.get('/fr/inscription');
    const form = formsOf(page.text).find((f) => f.action === '/fr/inscription');
    for (const [name, change, headers] of forgeries) {
      const email = newEmail('forge');
      const res = await post(client, '/fr/inscription', change({ ...form.fields, email, password: PASSWORD }), headers);
      assert.equal(res.status, 403, `${name}:\n${show(res)}`);
      assert.ok(errorSummary(res.text)?.text.includes(t('fr', 'accounts.csrf_failed')), `${name}: no explanation`);
      assert.equal(input(res.text, 'email')?.value, email, `${name}: the email was not kept`);
      assert.ok(!res.text.includes(PASSWORD), `${name}: the password is in the page`);
      assert.equal(sql(`SELECT count(*) FROM users WHERE email = ${quote(email)}`), '0', `${name}: a user was created`);
    }
    assert.equal((await client.get('/fr/compte')).status, 303);
  });

  test('a browser with no session that posts the form gets a fresh token and can send it again', async () => {
    const client = visitor();
    const email = newEmail('sans-session');
    const refused = await post(client, '/fr/inscription', { email, password: PASSWORD });
    assert.equal(refused.status, 403, show(refused));
    assert.ok(client.cookie, 'the refusal started no session');
    const form = formsOf(refused.text).find((f) => f.action === '/fr/inscription');
    assert.match(form?.fields._csrf ?? '', /^[0-9a-f]{32,}$/);
    assert.equal(form.fields.email, email);
    const res = await post(client, '/fr/inscription', { ...form.fields, password: PASSWORD });
    assert.equal(res.status, 303, show(res));
    assert.equal(locationOf(res), '/fr/connexion?notice=registration_sent');
  });

  test('a forged login is refused even with the right password; the email is kept and nobody is signed in', async () => {
    const email = newEmail('login-forge');
    const userId = await createUser(email);
    const client = visitor();
    const page = await client.get('/fr/connexion');
    const guest = client.cookie;
    const form = formsOf(page.text).find((f) => f.action === '/fr/connexion');
    let last;
    for (const [name, change, headers] of forgeries) {
      last = await post(client, '/fr/connexion', change({ ...form.fields, email, password: PASSWORD }), headers);
      assert.equal(last.status, 403, `${name}:\n${show(last)}`);
      assert.equal(input(last.text, 'email')?.value, email, `${name}: the email was not kept`);
      assert.equal(input(last.text, 'password')?.value, '');
      assert.equal(client.cookie, guest, `${name}: the session changed`);
    }
    assert.equal((await client.get('/fr/compte')).status, 303, 'a forged login signed the visitor in');
    assert.equal(auditCount('login.succeeded', userId), 0);

    const again = formsOf(last.text).find((f) => f.action === '/fr/connexion');
    const res = await post(client, '/fr/connexion', { ...again.fields, password: PASSWORD });
    assert.equal(res.status, 303, `the re-rendered form could not be sent again:\n${show(res)}`);
  });

  test('the account forms refuse forged posts and change nothing', async () => {
    const { client, id } = await registered(visitor(), { displayName: 'Avant' });
    const token = await csrfToken(client);
    const hash = sql(`SELECT password_hash FROM users WHERE id = ${id}`);

    const profile = await post(client, '/fr/compte/profil', { display_name: 'Pirate', locale: 'en' });
    assert.equal(profile.status, 403, show(profile));
    const password = await post(client, '/fr/compte/mot-de-passe', { _csrf: token, current_password: PASSWORD, new_password: 'Un-pirate-est-passe-2026' }, { origin: 'https://evil.example' });
    assert.equal(password.status, 403, show(password));
    const address = await post(client, '/fr/compte/adresses', { _csrf: token, full_name: 'Pirate', line1: '1 rue du Port', city: 'Québec', postal_code: 'G1K 4A1', country: 'CA' }, { 'sec-fetch-site': 'cross-site' });
    assert.equal(address.status, 403, show(address));
    const logout = await post(client, '/fr/deconnexion', { _csrf: 'f'.repeat(64) });
    assert.equal(logout.status, 403, show(logout));

    assert.equal(sql(`SELECT display_name || '|' || locale FROM users WHERE id = ${id}`), 'Avant|fr');
    assert.equal(sql(`SELECT password_hash FROM users WHERE id = ${id}`), hash, 'the password changed');
    assert.equal(sql(`SELECT count(*) FROM addresses WHERE user_id = ${id}`), '0');
    assert.equal((await client.get('/fr/compte')).status, 200, 'a forged logout signed the visitor out');
  });
});

describe('logging out', { timeout: 180_000 }, () => {
  test('ends the session, clears the cookie and says so', async () => {
    const { client } = await registered();
    const { forms } = await accountPage(client);
    const form = forms.find((f) => f.action === '/fr/deconnexion');
    assert.ok(form, 'the account page has no logout form');
    const id = client.cookie;
    const res = await post(client, '/fr/deconnexion', form.fields);
    assert.equal(res.status, 303, show(res));
    assert.equal(locationOf(res), '/fr/connexion?notice=logged_out');
    assert.equal(sessionCookieOf(res)?.attributes.get('max-age'), '0', 'the cookie is not cleared');
    assert.equal(sql(`SELECT count(*) FROM sessions WHERE id_hash = ${quote(sha256(id))}`), '0');

    const old = new FormClient(server.url);
    old.cookie = id;
    assert.equal((await old.get('/fr/compte')).status, 303, 'the old session id still works');
    const login = await client.get('/fr/connexion?notice=logged_out');
    assert.ok(pageText(login.text).includes(t('fr', 'accounts.notice.logged_out')));
  });
});

describe('the account page', { timeout: 180_000 }, () => {
  test('signed out, it sends to the login page and back', async () => {
    for (const [path, login] of [['/fr/compte', '/fr/connexion?next=%2Ffr%2Fcompte'], ['/en/account', '/en/login?next=%2Fen%2Faccount']]) {
      const res = await visitor().get(path);
      assert.equal(res.status, 303, show(res));
      assert.equal(locationOf(res), login);
      assert.equal(res.headers['cache-control'], 'private, no-store');
    }
  });

  test('shows the email and every form in both languages; the profile form saves the name and language', async () => {
    const { client, email, id } = await registered();
    const expected = {
      '/fr/compte': ['/fr/compte/profil', '/fr/compte/mot-de-passe', '/fr/compte/sessions', '/fr/compte/adresses', '/fr/deconnexion'],
      '/en/account': ['/en/account/profile', '/en/account/password', '/en/account/sessions', '/en/account/addresses', '/en/logout'],
    };
    for (const [path, actions] of Object.entries(expected)) {
      const { res, forms, text } = await accountPage(client, path);
      assert.equal(res.headers['cache-control'], 'private, no-store');
      assert.ok(text.includes(email), `${path} does not show the email`);
      for (const action of actions) {
        const form = forms.find((f) => f.action === action);
        assert.ok(form, `${path} has no form posting to ${action}`);
        assert.ok(form.fields._csrf, `the form posting to ${action} has no _csrf`);
      }
    }

    const res = await client.submit('/fr/compte', { display_name: 'Gaston Lagaffe', locale: 'en' }, { action: '/fr/compte/profil' });
    assert.equal(res.status, 303, show(res));
    assert.equal(locationOf(res), '/en/account?notice=profile_saved');
    const { res: page, text } = await accountPage(client, '/en/account?notice=profile_saved');
    assert.ok(text.includes(t('en', 'accounts.notice.profile_saved')));
    assert.equal(input(page.text, 'display_name')?.value, 'Gaston Lagaffe');
    assert.match(page.text, /<option value="en" selected>/);
    assert.equal(sql(`SELECT display_name || '|' || locale FROM users WHERE id = ${id}`), 'Gaston Lagaffe|en');
  });

  test('changing the password: a wrong current one is refused; success ends the other sessions only', async () => {
    const { client: laptop, email, id } = await registered();
    const phone = visitor();
    await signIn(phone, email);
    const next = 'Un-autre-sirop-2027';

    const wrong = await laptop.submit('/fr/compte', { current_password: 'Pas-le-bon-mot-2026', new_password: next }, { action: '/fr/compte/mot-de-passe' });
    assert.equal(wrong.status, 422, show(wrong));
    assertFieldError(wrong, 'password-current', t('fr', 'accounts.password.wrong_current'));
    assert.equal((await phone.get('/fr/compte')).status, 200, 'a refused change ended the other session');

    const res = await laptop.submit('/fr/compte', { current_password: PASSWORD, new_password: next }, { action: '/fr/compte/mot-de-passe' });
    assert.equal(res.status, 303, show(res));
    assert.equal(locationOf(res), '/fr/compte?notice=password_changed');
    assert.ok((await accountPage(laptop, '/fr/compte?notice=password_changed')).text.includes(t('fr', 'accounts.notice.password_changed')));
    const other = await phone.get('/fr/compte');
    assert.equal(other.status, 303, 'the other session survived the password change');
    assert.equal(auditCount('password.changed', id), 1);
    await signIn(visitor(), email, next);
  });

  test('lists the signed-in devices and logs out all the others', async () => {
    const { client: laptop, email } = await registered(visitor(server, { userAgent: 'Firefox sur le portable' }));
    const phone = visitor(server, { userAgent: 'Safari on the phone' });
    await signIn(phone, email);

    const before = await accountPage(laptop);
    assert.ok(before.text.includes('Firefox sur le portable (cet appareil)'), before.text);
    assert.ok(before.text.includes('Safari on the phone'), 'the other device is not listed');
    const res = await laptop.submit('/fr/compte', {}, { action: '/fr/compte/sessions' });
    assert.equal(res.status, 303, show(res));
    assert.equal(locationOf(res), '/fr/compte?notice=sessions_ended');
    assert.equal((await phone.get('/fr/compte')).status, 303, 'the other device is still signed in');
    const afterwards = await accountPage(laptop);
    assert.ok(!afterwards.text.includes('Safari on the phone'), 'the other device is still listed');
  });

  test('addresses: a bad postal code keeps what was typed; a good address is stored sealed, shown, and deleted by its owner only', async () => {
    const { client, id } = await registered();
    const typed = { full_name: 'Marie Tremblay', line1: '1234 rue Saint-Denis', line2: 'App. 5', city: 'Montréal', region: 'QC', postal_code: '12345', country: 'CA', phone: '514 555-0199' };
    const bad = await client.submit('/fr/compte', typed, { action: '/fr/compte/adresses' });
    assert.equal(bad.status, 422, show(bad));
    assertFieldError(bad, 'address-postal_code', t('fr', 'accounts.address_error.postal_code'));
    for (const name of ['full_name', 'line1', 'line2', 'city', 'region', 'postal_code', 'phone']) {
      assert.equal(input(bad.text, name)?.value, typed[name], `${name} was not kept`);
    }
    assert.equal(sql(`SELECT count(*) FROM addresses WHERE user_id = ${id}`), '0');

    const good = await client.submit('/fr/compte', { ...typed, postal_code: 'H2X 1Y4' }, { action: '/fr/compte/adresses' });
    assert.equal(good.status, 303, show(good));
    assert.equal(locationOf(good), '/fr/compte?notice=address_added');
    const { text, forms } = await accountPage(client, '/fr/compte?notice=address_added');
    for (const part of ['Marie Tremblay', '1234 rue Saint-Denis', 'Montréal', 'H2X 1Y4']) assert.ok(text.includes(part), `${part} is not shown`);
    const sealed = sql(`SELECT sealed FROM addresses WHERE user_id = ${id}`);
    assert.match(sealed, /^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+$/);
    for (const part of ['Saint-Denis', 'Tremblay', 'Montréal', 'H2X', '555-0199']) assert.ok(!sealed.includes(part), `"${part}" is stored in clear`);

    const remove = forms.find((f) => /^\/fr\/compte\/adresses\/\d+\/supprimer$/.test(f.action));
    assert.ok(remove, 'the address has no delete form');
    const addressId = remove.action.split('/')[4];
    const english = await accountPage(client, '/en/account');
    assert.ok(english.forms.some((f) => f.action === `/en/account/addresses/${addressId}/delete`));

    const { client: stranger } = await registered();
    const theft = await post(stranger, remove.action, { _csrf: await csrfToken(stranger) });
    assert.equal(theft.status, 404, `another customer deleted the address:\n${show(theft)}`);
    assert.equal(sql(`SELECT count(*) FROM addresses WHERE user_id = ${id}`), '1');

    const res = await post(client, remove.action, remove.fields);
    assert.equal(res.status, 303, show(res));
    assert.equal(locationOf(res), '/fr/compte?notice=address_deleted');
    assert.ok(!(await accountPage(client)).text.includes('Saint-Denis'), 'the deleted address is still shown');
    assert.equal(sql(`SELECT count(*) FROM addresses WHERE user_id = ${id}`), '0');
  });
});

describe('forgotten password', { timeout: 180_000 }, () => {
  test('the answer is the same whether or not the account exists; only an account gets a mail', async () => {
    const email = newEmail('oublie');
    await createUser(email);
    const unknown = newEmail('inconnu');
    const client = visitor();
    const answers = [];
    for (const address of [email, unknown]) {
      const res = await client.submit('/fr/mot-de-passe-oublie', { email: address });
      assert.equal(res.status, 200, show(res));
      const main = pageText(res.text.slice(res.text.indexOf('<main'), res.text.indexOf('</main>')));
      assert.ok(main.includes(t('fr', 'accounts.forgot.sent')), main);
      answers.push(main);
    }
    assert.equal(answers[0], answers[1], 'the page tells whether an account exists');
    const links = mailsTo(email, 'accounts.reset_password');
    assert.equal(links.length, 1);
    assert.match(links[0], new RegExp(`^${server.url}/fr/mot-de-passe/nouveau\\?token=[0-9A-Za-z_%-]{32,}$`));
    assert.equal(sql(`SELECT count(*) FROM email_outbox WHERE to_address = ${quote(unknown)}`), '0');
  });

  test('the reset link sets a new password once, ends every session, and the old password stops working', async () => {
    const email = newEmail('reset');
    const userId = await createUser(email);
    const elsewhere = visitor();
    await signIn(elsewhere, email);
    const client = visitor();
    assert.equal((await client.submit('/fr/mot-de-passe-oublie', { email })).status, 200);
    const [link] = mailsTo(email, 'accounts.reset_password');
    const token = new URL(link).searchParams.get('token');

    const page = await client.get(pathOf(link));
    assert.equal(page.status, 200, show(page));
    const form = formsOf(page.text).find((f) => f.fields.token !== undefined);
    assert.equal(form?.fields.token, token);
    assert.ok(input(page.text, 'password'), 'the reset page has no password field');

    const next = 'Nouveau-depart-2027';
    const res = await post(client, form.action, { ...form.fields, password: next });
    assert.equal(res.status, 303, show(res));
    assert.equal(locationOf(res), '/fr/connexion?notice=password_reset');
    assert.equal((await elsewhere.get('/fr/compte')).status, 303, 'a session survived the reset');
    assert.equal(sql(`SELECT count(*) FROM sessions WHERE user_id = ${userId}`), '0');
    assert.equal(auditCount('password.reset', userId), 1);

    const replay = await client.submit(pathOf(link), { password: 'Encore-une-fois-2027' });
    assert.equal(replay.status, 400, show(replay));
    assert.ok(errorSummary(replay.text)?.text.includes(t('fr', 'accounts.token.invalid')), 'the second use is not explained');

    const old = await visitor().submit('/fr/connexion', { email, password: PASSWORD });
    assert.equal(old.status, 401, `the old password still works:\n${show(old)}`);
    await signIn(visitor(), email, next);
  });
});

describe('email verification', { timeout: 180_000 }, () => {
  test('following the link only shows a form; confirming marks the address once', async () => {
    // An account made by the operator, whose address nobody confirmed: its owner asks for a link.
    const email = newEmail('verification');
    const id = await createUser(email);
    const client = visitor();
    await signIn(client, email);
    const { forms } = await accountPage(client);
    const resend = forms.find((f) => f.action === '/fr/compte/verification/renvoyer');
    assert.ok(resend, 'an unverified account has no resend form');
    const sent = await post(client, resend.action, resend.fields);
    assert.equal(sent.status, 303, show(sent));
    const [link] = mailsTo(email, 'accounts.verify_email');
    for (let i = 0; i < 2; i += 1) {
      const page = await client.get(pathOf(link));
      assert.equal(page.status, 200, show(page));
      assert.ok(formsOf(page.text).some((f) => f.action === '/fr/compte/verification' && f.fields.token), 'no confirm form');
    }
    assert.equal(sql(`SELECT email_verified_at IS NULL FROM users WHERE id = ${id}`), 't', 'opening the link verified the address');

    const res = await client.submit(pathOf(link), {}, { action: '/fr/compte/verification' });
    assert.equal(res.status, 303, show(res));
    assert.match(locationOf(res), /[?&]notice=email_verified$/);
    assert.equal(sql(`SELECT email_verified_at IS NOT NULL FROM users WHERE id = ${id}`), 't');
    const { text } = await accountPage(client, locationOf(res));
    assert.ok(text.includes(t('fr', 'accounts.notice.email_verified')));
    assert.ok(text.includes(`${t('fr', 'accounts.account.email_status')} ${t('fr', 'accounts.account.verified')}`));

    const again = await client.submit(pathOf(link), {}, { action: '/fr/compte/verification' });
    assert.equal(again.status, 400, show(again));
    assert.ok(errorSummary(again.text)?.text.includes(t('fr', 'accounts.token.invalid')));
  });
});

describe('rate limits', { timeout: 180_000 }, () => {
  // The translated message, whatever number of minutes it gives.
  const limited = (locale) => new RegExp(t(locale, 'accounts.rate_limited').replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace('{minutes}', '\\d+'));

  // A stranger guessing from one address locks out that address only (account_safety.test.mjs
  // shows the owner getting in from another one, and the softer account-wide limit).
  test('after 5 failed logins from one address, that address is refused for the account, even with the right password, on any server', async () => {
    const email = newEmail('force-brute');
    const userId = await createUser(email);
    const here = visitor();
    const there = new FormClient(twin.url, { localAddress: here.localAddress });
    for (let i = 0; i < 5; i += 1) {
      const res = await (i % 2 ? there : here).submit('/fr/connexion', { email, password: `Essai-numero-${i}-2026` });
      assert.equal(res.status, 401, `attempt ${i + 1}:\n${show(res)}`);
    }
    const res = await here.submit('/fr/connexion', { email, password: PASSWORD });
    assert.equal(res.status, 429, show(res));
    assert.match(res.headers['retry-after'] ?? '', /^[1-9]\d*$/, 'no Retry-After in seconds');
    assert.match(errorSummary(res.text)?.text ?? '', limited('fr'));
    assert.equal(input(res.text, 'email')?.value, email);
    assert.equal((await here.get('/fr/compte')).status, 303, 'the locked account was signed in');

    const english = await there.submit('/en/login', { email, password: PASSWORD });
    assert.equal(english.status, 429, show(english));
    assert.match(errorSummary(english.text)?.text ?? '', limited('en'));
    assert.equal(auditCount('login.succeeded', userId), 0);
  });

  test('registration: 5 attempts per address, then 429 for that address only', async () => {
    const client = visitor();
    for (let i = 0; i < 5; i += 1) {
      const res = await client.submit('/fr/inscription', { email: newEmail('rafale'), password: 'court' });
      assert.equal(res.status, 422, `attempt ${i + 1}:\n${show(res)}`);
    }
    const email = newEmail('rafale');
    const res = await client.submit('/fr/inscription', { email, password: PASSWORD });
    assert.equal(res.status, 429, show(res));
    assert.match(res.headers['retry-after'] ?? '', /^[1-9]\d*$/);
    assert.match(errorSummary(res.text)?.text ?? '', limited('fr'));
    assert.equal(sql(`SELECT count(*) FROM users WHERE email = ${quote(email)}`), '0');
    const neighbour = await visitor().submit('/fr/inscription', { email: newEmail('voisin'), password: 'court' });
    assert.equal(neighbour.status, 422, `another address is limited too:\n${show(neighbour)}`);
  });
});

describe('several processes', { timeout: 180_000 }, () => {
  test('a session started on one server is valid on another, and logging out there ends it everywhere', async () => {
    const { client, email } = await registered();
    const there = new FormClient(twin.url, { localAddress: client.localAddress });
    there.cookie = client.cookie;
    const { text, forms } = await accountPage(there);
    assert.ok(text.includes(email), 'the other server does not know the session');
    const res = await post(there, '/fr/deconnexion', forms.find((f) => f.action === '/fr/deconnexion').fields);
    assert.equal(res.status, 303, show(res));
    assert.equal((await client.get('/fr/compte')).status, 303, 'the session survived a logout on the other server');
  });
});

describe('session cookies on the JSON API', { timeout: 180_000 }, () => {
  const product = (n) => ({
    status: 'draft',
    text: { fr: { name: `Bol numéro ${n}` }, en: { name: `Bowl number ${n}` } },
    variants: [{ sku: `BOWL-${process.pid}-${n}`, price_cents: 2500, stock_on_hand: 1 }],
  });
  const api = (client, method, target, { body, headers = {} } = {}) => request(`${server.url}${target}`, {
    method,
    localAddress: client?.localAddress,
    headers: {
      ...(client?.cookie ? { cookie: `${SESSION_COOKIE}=${client.cookie}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const products = () => Number(sql('SELECT count(*) FROM products'));

  test('no credentials is 401; a customer session is 403 problem+json, audited; without X-CSRF-Token it is 403 too', async () => {
    const { client, id } = await registered();
    const token = await csrfToken(client);
    const before = products();

    const anonymous = await api(null, 'POST', '/api/v1/products', { body: product(1) });
    assert.equal(anonymous.status, 401, show(anonymous));
    const customer = await api(client, 'POST', '/api/v1/products', { body: product(1), headers: { 'x-csrf-token': token } });
    assert.equal(customer.status, 403, show(customer));
    assert.match(customer.headers['content-type'] ?? '', /^application\/problem\+json/);
    assert.equal(JSON.parse(customer.text).status, 403);
    const denied = sql(`SELECT details->>'scope' FROM audit_log WHERE action = 'access.denied' AND actor_id = ${id}`);
    assert.equal(denied, 'catalog:write');

    const tokenless = await api(client, 'POST', '/api/v1/products', { body: product(1) });
    assert.equal(tokenless.status, 403, show(tokenless));
    assert.match(tokenless.text, /X-CSRF-Token/);
    const read = await api(client, 'GET', '/api/v1/products');
    assert.equal(read.status, 200, `a GET with a session cookie needs no token:\n${show(read)}`);
    assert.equal(products(), before, 'a refused request created a product');
  });

  test('a staff session past two-factor writes with its X-CSRF-Token, and only with it', async () => {
    const email = newEmail('catalogue');
    await createUser(email, 'catalog_manager');
    const client = visitor();
    await signIn(client, email);
    const enrolPage = await client.get('/fr/compte/double-authentification');
    const early = await api(client, 'POST', '/api/v1/products', { body: product(2), headers: { 'x-csrf-token': formsOf(enrolPage.text).find((f) => f.fields._csrf)?.fields._csrf ?? '' } });
    assert.equal(early.status, 403, `a staff session before two-factor could write:\n${show(early)}`);

    await enrolTwoFactor(client);
    const token = await csrfToken(client);
    const before = products();
    const forged = await api(client, 'POST', '/api/v1/products', { body: product(3), headers: { 'x-csrf-token': token, origin: 'https://evil.example' } });
    assert.equal(forged.status, 403, show(forged));
    const tokenless = await api(client, 'POST', '/api/v1/products', { body: product(3) });
    assert.equal(tokenless.status, 403, show(tokenless));
    assert.equal(products(), before);
    const res = await api(client, 'POST', '/api/v1/products', { body: product(3), headers: { 'x-csrf-token': token } });
    assert.equal(res.status, 201, show(res));
    assert.equal(products(), before + 1);
  });
});
