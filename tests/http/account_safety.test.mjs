// Account safety (issue 11), black box: a stranger guessing passwords cannot lock the owner out
// (a throttle per account and address, a softer one per account that mails the owner an unlock
// link), the password-change form has its own throttle, and registering tells nobody whether an
// address already has an account. Clerk linking and API tokens are in clerk_webhook.test.mjs and
// api_tokens.test.mjs.
//
// Every visitor connects from its own loopback address (127.0.x.y reaches a server listening on
// 127.0.0.1), as different people would.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { FormClient, formsOf } from '../support/form_client.mjs';
import { loadCatalog, pageText, startTags } from '../support/html.mjs';
import { describe as show, runComptoir, startServer } from '../support/server.mjs';

const PASSWORD = 'Erable-et-sapin-2026';
const messages = { fr: loadCatalog('fr'), en: loadCatalog('en') };
const t = (locale, key) => {
  assert.ok(messages[locale][key], `locales/${locale}.json has no ${key}`);
  return messages[locale][key];
};
// A translated message, whatever number of minutes it gives.
const withMinutes = (locale, key) => new RegExp(t(locale, key).replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace('{minutes}', '\\d+'));

let server;  // the built-in limits
let strict;  // an account-wide login limit of 6, so that a test can trip it
before(async () => {
  server = await startServer();
  strict = await startServer({ env: { COMPTOIR_RATE_LIMITS: 'login_account=6/1h' } });
}, { timeout: 60_000 });
after(async () => {
  await strict?.stop();
  await server?.stop();
});

const sqlOn = (target) => (query) => execFileSync('psql', [target.database.url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();
const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;

let serial = 0;
const newEmail = (tag) => `${tag}-${process.pid}-${(serial += 1)}@example.ca`;

let visitors = 0;
function visitor(target = server) {
  visitors += 1;
  return new FormClient(target.url, { localAddress: `127.0.${60 + Math.floor(visitors / 250)}.${(visitors % 250) + 1}` });
}

// A customer with the password PASSWORD, made by the operator command (the password on stdin).
async function createUser(target, email, locale = 'fr') {
  const made = await runComptoir(['user', 'create', '--email', email, '--role', 'customer', '--locale', locale], {
    env: { COMPTOIR_ENV: 'test', DATABASE_URL: target.database.url }, input: `${PASSWORD}\n`, timeout: 60_000,
  });
  assert.equal(made.code, 0, made.output);
  return Number(sqlOn(target)(`SELECT id FROM users WHERE email = ${quote(email)}`));
}

const errorText = (res) => pageText(/<div class="error-summary" role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(res.text)?.[1] ?? '').trim();
const mainText = (res) => pageText(res.text.slice(res.text.indexOf('<main'), res.text.indexOf('</main>')));
const mails = (target, email, template) => sqlOn(target)(`SELECT coalesce(payload->>'link', '-') || ' ' || locale FROM email_outbox WHERE to_address = ${quote(email)} AND template = ${quote(template)} ORDER BY id`).split('\n').filter(Boolean).map((line) => {
  const [link, locale] = line.split(' ');
  return { link, locale };
});
const auditCount = (target, action, userId) => Number(sqlOn(target)(`SELECT count(*) FROM audit_log WHERE action = ${quote(action)} AND target_id = ${quote(userId)}`));
const wrong = (i) => `Mauvais-essai-${i}-2026`;

describe('login throttles: a stranger cannot lock the owner out', { timeout: 180_000 }, () => {
  test('five failures from one address lock that address out of the account, even with the right password; the owner from another address gets in', async () => {
    const email = newEmail('cible');
    const userId = await createUser(server, email);
    const stranger = visitor();
    for (let i = 0; i < 5; i += 1) {
      const res = await stranger.submit('/fr/connexion', { email, password: wrong(i) });
      assert.equal(res.status, 401, `attempt ${i + 1}:\n${show(res)}`);
    }
    const locked = await stranger.submit('/fr/connexion', { email, password: PASSWORD });
    assert.equal(locked.status, 429, show(locked));
    assert.match(locked.headers['retry-after'] ?? '', /^[1-9]\d*$/);
    assert.match(errorText(locked), withMinutes('fr', 'accounts.rate_limited'));
    const english = await stranger.submit('/en/login', { email, password: PASSWORD });
    assert.equal(english.status, 429, show(english));
    assert.match(errorText(english), withMinutes('en', 'accounts.rate_limited'));

    for (const [path, next] of [['/fr/connexion', '/fr/compte'], ['/en/login', '/en/account']]) {
      const owner = visitor();
      const res = await owner.submit(path, { email, password: PASSWORD });
      assert.equal(res.status, 303, `the owner was locked out by a stranger (${path}):\n${show(res)}`);
      assert.equal(res.headers.location, next);
    }
    assert.equal(auditCount(server, 'login.succeeded', userId), 2);
    assert.equal(mails(server, email, 'accounts.unlock_login').length, 0, 'an unlock link was mailed below the account-wide limit');
  });

  test('past the softer account-wide limit, everyone is refused and the owner is mailed one unlock link, in their language', async () => {
    const sql = sqlOn(strict);
    const email = newEmail('assiege');
    const userId = await createUser(strict, email, 'en');
    // Three addresses, two guesses each: no pair reaches its own limit, the account's (6) is spent.
    for (let i = 0; i < 3; i += 1) {
      const stranger = visitor(strict);
      for (let j = 0; j < 2; j += 1) {
        const res = await stranger.submit('/fr/connexion', { email, password: wrong(i * 2 + j) });
        assert.equal(res.status, 401, show(res));
      }
    }
    assert.equal(mails(strict, email, 'accounts.unlock_login').length, 0);
    const refused = await visitor(strict).submit('/fr/connexion', { email, password: wrong(7) });
    assert.equal(refused.status, 429, show(refused));
    assert.match(refused.headers['retry-after'] ?? '', /^[1-9]\d*$/);
    assert.match(errorText(refused), withMinutes('fr', 'accounts.login.locked'));
    const english = await visitor(strict).submit('/en/login', { email, password: wrong(8) });
    assert.equal(english.status, 429, show(english));
    assert.match(errorText(english), withMinutes('en', 'accounts.login.locked'));
    // An address without an account gets the same page once its own bucket is spent: the words
    // do not say whether a mail went out.
    const nobody = newEmail('personne');
    for (let i = 0; i < 3; i += 1) {
      const stranger = visitor(strict);
      for (let j = 0; j < 2; j += 1) assert.equal((await stranger.submit('/fr/connexion', { email: nobody, password: wrong(j) })).status, 401);
    }
    const unknown = await visitor(strict).submit('/fr/connexion', { email: nobody, password: wrong(7) });
    assert.equal(unknown.status, 429, show(unknown));
    const words = (res) => errorText(res).replace(/\d+/g, 'N');
    assert.equal(words(unknown), words(refused));

    const owner = visitor(strict);
    const blocked = await owner.submit('/fr/connexion', { email, password: PASSWORD });
    assert.equal(blocked.status, 429, `the account-wide limit let a login through:\n${show(blocked)}`);

    const sent = mails(strict, email, 'accounts.unlock_login');
    assert.equal(sent.length, 1, 'one unlock link per lock, however many refusals');
    assert.equal(sent[0].locale, 'en', 'the mail is in the owner\'s language');
    assert.match(sent[0].link, new RegExp(`^${strict.url}/en/login/unlock\\?token=[0-9a-f]{64}$`));
    assert.equal(auditCount(strict, 'login.locked', userId), 1);
    const token = new URL(sent[0].link).searchParams.get('token');
    const path = sent[0].link.slice(strict.url.length);

    // Following the link only shows a form (mail scanners fetch links).
    for (let i = 0; i < 2; i += 1) {
      const page = await owner.get(path);
      assert.equal(page.status, 200, show(page));
      assert.ok(mainText(page).includes(t('en', 'accounts.unlock.intro')));
      const form = formsOf(page.text).find((f) => f.action === '/en/login/unlock');
      assert.equal(form?.fields.token, token);
      assert.ok(startTags(page.text, 'input').some((tag) => tag.attrs.name === 'password'), 'no password field');
    }
    const french = await owner.get(`/fr/connexion/deblocage?token=${token}`);
    assert.equal(french.status, 200, show(french));
    assert.ok(mainText(french).includes(t('fr', 'accounts.unlock.intro')));

    const mistyped = await owner.submit(path, { password: wrong(9) }, { action: '/en/login/unlock' });
    assert.equal(mistyped.status, 401, show(mistyped));
    assert.ok(errorText(mistyped).includes(t('en', 'accounts.unlock.wrong_password')), errorText(mistyped));
    assert.equal(sql(`SELECT count(*) FROM email_tokens WHERE user_id = ${userId} AND purpose = 'unlock_login' AND used_at IS NULL`), '1', 'a mistyped password used up the link');

    const res = await owner.submit(path, { password: PASSWORD }, { action: '/en/login/unlock' });
    assert.equal(res.status, 303, show(res));
    assert.equal(res.headers.location, '/en/account');
    const account = await owner.get('/en/account');
    assert.equal(account.status, 200, 'the unlock link did not sign the owner in');
    assert.ok(mainText(account).includes(email));
    assert.equal(auditCount(strict, 'login.unlocked', userId), 1);

    // Every login bucket of the account is empty again: the owner gets in from anywhere.
    const elsewhere = await visitor(strict).submit('/fr/connexion', { email, password: PASSWORD });
    assert.equal(elsewhere.status, 303, show(elsewhere));
    const replay = await visitor(strict).submit(path, { password: PASSWORD }, { action: '/en/login/unlock' });
    assert.equal(replay.status, 400, show(replay));
    assert.ok(errorText(replay).includes(t('en', 'accounts.token.invalid')));
  });

  test('a wrong current password on the password form does not lock logins, and failed logins do not lock the form', async () => {
    const email = newEmail('formulaire');
    await createUser(server, email);
    const owner = visitor();
    const signedIn = await owner.submit('/fr/connexion', { email, password: PASSWORD });
    assert.equal(signedIn.status, 303, show(signedIn));
    for (let i = 0; i < 5; i += 1) {
      const res = await owner.submit('/fr/compte', { current_password: wrong(i), new_password: 'Nouveau-depart-2027' }, { action: '/fr/compte/mot-de-passe' });
      assert.equal(res.status, 422, `attempt ${i + 1}:\n${show(res)}`);
    }
    const limited = await owner.submit('/fr/compte', { current_password: PASSWORD, new_password: 'Nouveau-depart-2027' }, { action: '/fr/compte/mot-de-passe' });
    assert.equal(limited.status, 429, `the password form has no throttle of its own:\n${show(limited)}`);
    const login = await visitor().submit('/fr/connexion', { email, password: PASSWORD });
    assert.equal(login.status, 303, `wrong current passwords locked the logins:\n${show(login)}`);

    // The other way round: a stranger spends their logins, the owner still changes the password.
    const other = newEmail('formulaire');
    await createUser(server, other);
    const second = visitor();
    assert.equal((await second.submit('/fr/connexion', { email: other, password: PASSWORD })).status, 303);
    const stranger = visitor();
    for (let i = 0; i < 6; i += 1) await stranger.submit('/fr/connexion', { email: other, password: wrong(i) });
    const changed = await second.submit('/en/account', { current_password: PASSWORD, new_password: 'Nouveau-depart-2027' }, { action: '/en/account/password' });
    assert.equal(changed.status, 303, `failed logins locked the password form:\n${show(changed)}`);
  });
});

describe('registration does not tell whether an email is known', { timeout: 180_000 }, () => {
  const sql = (query) => sqlOn(server)(query);

  // POSTs the registration form; resolves to the answer and the page it redirects to.
  async function register(path, email, password = PASSWORD) {
    const client = visitor();
    const res = await client.submit(path, { display_name: 'Jeanne Untel', email, password });
    const landing = res.status === 303 ? await client.get(res.headers.location) : null;
    return { client, res, landing };
  }

  for (const [locale, path, login] of [['fr', '/fr/inscription', '/fr/connexion'], ['en', '/en/register', '/en/login']]) {
    test(`${locale}: a new email and a known one get the same answer; the owner is mailed instead of told`, async () => {
      const known = newEmail('connu');
      const ownerId = await createUser(server, known, locale);
      const hash = sql(`SELECT password_hash FROM users WHERE id = ${ownerId}`);
      const fresh = newEmail('nouveau');
      const answers = [];
      for (const email of [fresh, known]) {
        const { client, res, landing } = await register(path, email, 'Un-autre-mot-2026');
        assert.equal(res.status, 303, `${email}:\n${show(res)}`);
        assert.equal(res.headers.location, `${login}?notice=registration_sent`);
        assert.equal(landing.status, 200, show(landing));
        assert.ok(mainText(landing).includes(t(locale, 'accounts.notice.registration_sent')));
        assert.equal((await client.get(locale === 'fr' ? '/fr/compte' : '/en/account')).status, 303, 'a registration signed the visitor in');
        answers.push({ status: res.status, location: res.headers.location, cookie: 'set-cookie' in res.headers, page: mainText(landing).replace(email, 'EMAIL') });
      }
      assert.deepEqual(answers[0], answers[1], 'a known email is answered differently');

      const attempt = mails(server, known, 'accounts.registration_attempt');
      assert.equal(attempt.length, 1, 'the owner of the known address is not told');
      assert.equal(attempt[0].locale, locale);
      assert.equal(attempt[0].link, `${server.url}${login}`);
      assert.equal(mails(server, known, 'accounts.verify_email').length, 0);
      assert.equal(sql(`SELECT password_hash FROM users WHERE id = ${ownerId}`), hash, 'the known account changed');
      assert.equal(auditCount(server, 'user.registration_attempted', ownerId), 1);

      const link = mails(server, fresh, 'accounts.verify_email');
      assert.equal(link.length, 1);
      assert.equal(sql(`SELECT count(*) FROM users WHERE email = ${quote(fresh)} AND password_hash IS NULL`), '1', 'the new account has a password before its link is followed');
      // Before the link is followed the chosen password opens nothing, as for the known address.
      for (const email of [fresh, known]) {
        const res = await visitor().submit(login, { email, password: 'Un-autre-mot-2026' });
        assert.equal(res.status, 401, `${email}:\n${show(res)}`);
      }
    });
  }

  test('the mailed link finishes the registration; the other links of the address stop working', async () => {
    const email = newEmail('lien');
    const first = await register('/fr/inscription', email, 'Premier-mot-de-passe-1');
    const second = await register('/fr/inscription', email, 'Second-mot-de-passe-2');
    assert.equal(first.res.status, 303);
    assert.equal(second.res.status, 303);
    assert.equal(mails(server, email, 'accounts.registration_attempt').length, 0, 'an unconfirmed registration counts as an account');
    const [one, two] = mails(server, email, 'accounts.verify_email').map((m) => m.link.slice(server.url.length));
    assert.ok(one && two, 'each registration is mailed its own link');

    const client = visitor();
    const page = await client.get(two);
    assert.equal(page.status, 200, show(page));
    const done = await client.submit(two, {}, { action: '/fr/compte/verification' });
    assert.equal(done.status, 303, show(done));
    assert.equal(done.headers.location, '/fr/connexion?notice=registration_confirmed');
    const landing = await client.get(done.headers.location);
    assert.ok(mainText(landing).includes(t('fr', 'accounts.notice.registration_confirmed')));
    assert.equal(sql(`SELECT email_verified_at IS NOT NULL FROM users WHERE email = ${quote(email)}`), 't');

    const stale = await visitor().submit(one, {}, { action: '/fr/compte/verification' });
    assert.equal(stale.status, 400, `a second registration link still works:\n${show(stale)}`);
    assert.equal((await visitor().submit('/fr/connexion', { email, password: 'Premier-mot-de-passe-1' })).status, 401);
    const login = await client.submit('/fr/connexion', { email, password: 'Second-mot-de-passe-2' });
    assert.equal(login.status, 303, show(login));
    assert.equal(login.headers.location, '/fr/compte');
  });
});
