// Transactional mail through a real SMTP server (npm smtp-server): what the accounts pages write to
// email_outbox is sent by the outbox worker, in the customer's language, as a proper MIME message;
// with the SMTP server away, mail waits in the outbox with its error and nothing is lost.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { FormClient, formsOf } from '../support/form_client.mjs';
import { decodeWord, parseMail, startSmtpCapture } from '../support/smtp_capture.mjs';
import { freePort, sleep, startServer } from '../support/server.mjs';

const PASSWORD = 'Tourtiere-du-Lac-2026';
// At the top level: startSmtpCapture() closes its server in an after() hook of its own.
const capture = await startSmtpCapture();
const { received } = capture;

// The first mail to `address`, raw (parse it with parseMail).
const mailTo = (address, timeout = 15_000) => capture.waitFor(address, () => true, timeout);

let server;
before(async () => {
  // An account-wide login limit of 2, so that a test can trip it and receive the unlock link.
  server = await startServer({ env: { SMTP_URL: capture.url, MAIL_FROM: 'boutique@example.ca', COMPTOIR_RATE_LIMITS: 'login_account=2/1h' } });
});
after(async () => {
  await server?.stop();
});

describe('transactional mail', { timeout: 120_000 }, () => {
  test('registering in French sends a French verification mail whose link confirms the address', async () => {
    const email = `courriel-${process.pid}@example.ca`;
    const client = new FormClient(server.url);
    const res = await client.submit('/fr/inscription', { display_name: 'Élise Gagnon', email, password: PASSWORD });
    assert.equal(res.status, 303);
    const mail = await mailTo(email);
    assert.equal(mail.from, 'boutique@example.ca');
    const { headers, parts } = parseMail(mail.raw);
    assert.equal(headers.to, email);
    assert.equal(decodeWord(headers.subject), 'Confirmez votre adresse courriel');
    assert.match(decodeWord(headers.from), /Comptoir <boutique@example\.ca>/);
    assert.match(headers['message-id'], /^<[^@\s]+@example\.ca>$/);
    assert.ok(!Number.isNaN(Date.parse(headers.date)), headers.date);
    assert.match(headers['content-type'], /^multipart\/alternative/);
    assert.match(parts['text/plain'], /Bonjour Élise Gagnon,/);
    assert.match(parts['text/html'], /<html lang="fr">/);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/fr\/compte\/verification\?token=[0-9a-f]{64})/.exec(parts['text/plain'])?.[1];
    assert.ok(link, parts['text/plain']);
    assert.ok(parts['text/html'].includes(link.replace(/&/g, '&amp;')), 'the HTML part carries the same link');

    const page = await client.get(link.slice(server.url.length));
    const form = formsOf(page.text).find((f) => f.action === '/fr/compte/verification');
    const done = await client.send(form.action, { method: 'POST', form: form.fields });
    assert.equal(done.headers.location, '/fr/connexion?notice=registration_confirmed');
    const sent = execFileSync('psql', [server.database.url, '-X', '-tAc', `SELECT sent_at IS NOT NULL, attempts, payload ? 'link' FROM email_outbox WHERE to_address = '${email}'`], { encoding: 'utf8' }).trim();
    assert.equal(sent, 't|1|f', 'sent once, and the link (a credential) is not kept once sent');
  });

  test('a password reset asked in English is mailed in English', async () => {
    const email = `reset-${process.pid}@example.ca`;
    const client = new FormClient(server.url);
    await client.submit('/en/register', { email, password: PASSWORD });
    await mailTo(email);
    await client.submit('/en/forgot-password', { email });
    const deadline = performance.now() + 15_000;
    let reset;
    while (!reset && performance.now() < deadline) {
      reset = received.filter((m) => m.to.includes(email)).map((m) => parseMail(m.raw)).find((m) => decodeWord(m.headers.subject) === 'Choose a new password');
      if (!reset) await sleep(100);
    }
    assert.ok(reset, 'no reset mail');
    assert.match(reset.parts['text/plain'], /\/en\/reset-password\?token=[0-9a-f]{64}/);
    assert.match(reset.parts['text/plain'], /valid for 60 minutes/);
  });
});

describe('account safety mail', { timeout: 120_000 }, () => {
  // The first mail to `address` whose decoded subject is `subject`.
  const mailWithSubject = async (address, subject) => {
    const found = await capture.waitFor(address, (m) => decodeWord(parseMail(m.raw).headers.subject) === subject);
    return parseMail(found.raw);
  };

  // Registers `email` on the page of `locale` and follows the mailed link: an account with PASSWORD.
  async function registerAndConfirm(email, locale) {
    const [register, verify] = locale === 'fr' ? ['/fr/inscription', '/fr/compte/verification'] : ['/en/register', '/en/account/verify'];
    const client = new FormClient(server.url);
    await client.submit(register, { email, password: PASSWORD });
    const first = parseMail((await mailTo(email)).raw);
    const link = new RegExp(`(http://127\\.0\\.0\\.1:\\d+${verify}\\?token=[0-9a-f]{64})`).exec(first.parts['text/plain'])?.[1];
    assert.ok(link, first.parts['text/plain']);
    const page = await client.get(link.slice(server.url.length));
    const form = formsOf(page.text).find((f) => f.action === verify);
    const done = await client.send(form.action, { method: 'POST', form: form.fields });
    assert.equal(done.headers.location, `${locale === 'fr' ? '/fr/connexion' : '/en/login'}?notice=registration_confirmed`);
  }

  test('registering an address that has an account mails its owner, in their language, a link to log in', async () => {
    const email = `deja-${process.pid}@example.ca`;
    await registerAndConfirm(email, 'en');

    const again = await new FormClient(server.url).submit('/fr/inscription', { email, password: 'Un-autre-essai-2026' });
    assert.equal(again.status, 303);
    const mail = await mailWithSubject(email, 'Someone tried to create an account with your address');
    assert.match(mail.parts['text/plain'], /already has one/);
    assert.ok(mail.parts['text/plain'].includes(`${server.url}/en/login`), mail.parts['text/plain']);
  });

  test('tripping the account-wide login limit mails the owner an unlock link, once', async () => {
    const email = `verrou-${process.pid}@example.ca`;
    await registerAndConfirm(email, 'fr');

    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await new FormClient(server.url).submit('/fr/connexion', { email, password: `Mauvais-${i}-2026` })).status);
    assert.deepEqual(statuses, [401, 401, 429, 429]);
    const mail = await mailWithSubject(email, 'Débloquez votre compte');
    assert.match(mail.parts['text/plain'], /\/fr\/connexion\/deblocage\?token=[0-9a-f]{64}/);
    assert.match(mail.parts['text/plain'], /valable 60 minutes/);
    await sleep(2_500);  // the outbox sends every 2 s: a second mail would have gone by now
    const unlocks = received.filter((m) => m.to.includes(email) && decodeWord(parseMail(m.raw).headers.subject) === 'Débloquez votre compte');
    assert.equal(unlocks.length, 1);
  });
});

describe('when the SMTP server is away', { timeout: 120_000 }, () => {
  test('mail waits in the outbox with its error and a later attempt time; nothing is lost', async () => {
    const closed = await freePort();
    const lonely = await startServer({ env: { SMTP_URL: `smtp://127.0.0.1:${closed}`, MAIL_FROM: 'boutique@example.ca' } });
    try {
      const email = `attente-${process.pid}@example.ca`;
      const res = await new FormClient(lonely.url).submit('/fr/inscription', { email, password: PASSWORD });
      assert.equal(res.status, 303, 'registration must not depend on the mail server');
      const sql = (q) => execFileSync('psql', [lonely.database.url, '-X', '-tAc', q], { encoding: 'utf8' }).trim();
      const deadline = performance.now() + 15_000;
      let row = '';
      while (performance.now() < deadline) {
        row = sql(`SELECT attempts, sent_at IS NULL, last_error IS NOT NULL, next_attempt_at > now() FROM email_outbox WHERE to_address = '${email}'`);
        if (row.startsWith('1|')) break;
        await sleep(100);
      }
      assert.equal(row, '1|t|t|t');
    } finally {
      await lonely.stop();
    }
  });
});
