// Customer accounts in a real browser (Debian's Chromium through playwright-core): register, log out
// and log in again in French; a staff user in English who must turn on two-step verification
// (TOTP computed here, RFC 6238) before reaching the account, then logs in with a code, is refused a
// replayed code, and logs in once with a recovery code; accessibility (axe-core, WCAG 2.2 AA) of the
// forms and a clean console (no CSP violation). The pages are plain forms: no JavaScript is needed,
// and the locators go through the labels and roles, so they check those too.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, afterEach, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser, lang, openPage as openPageIn, pathOf, settle } from '../support/browser.mjs';
import { runComptoir, sleep, startServer } from '../support/server.mjs';
import { STEP_SECONDS, base32Decode, currentStep, hotp, totp } from '../support/totp.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

// Each suite gets its own server and database, so one journey's failure (or crash) leaves the
// others' results meaningful.
let server;
function serveThisSuite() {
  before(async () => {
    server = await startServer();
  }, { timeout: 120_000 });
  after(async () => {
    await server?.stop();
  });
}
// A server that died mid-run explains every later ERR_CONNECTION_REFUSED: say once how it ended.
const crashReported = new Set();
afterEach(() => {
  if (!server?.exitInfo || crashReported.has(server)) return;
  crashReported.add(server);
  const { code, signal } = server.exitInfo;
  const tail = server.logText().split('\n').slice(-8).join('\n');
  console.error(`comptoir serve exited (${code ?? signal}) during the run; last log lines:\n${tail}`);
});

// openPage from the support module, except that a refused form's own document status (401, 422,
// 429…: the right answer to a wrong password or code) is not counted as a problem.
async function openPage(locale) {
  const opened = await openPageIn(browser, locale);
  const refusedDocuments = new Set();
  opened.page.on('response', (res) => {
    if (res.request().isNavigationRequest() && res.status() >= 400 && res.status() < 500) refusedDocuments.add(res.url());
  });
  const ownStatus = /^console: Failed to load resource: the server responded with a status of 4\d\d .*\((.+)\)$/;
  const problems = {
    // Read at assertion time, after the page settled.
    get list() {
      return opened.problems.filter((text) => !refusedDocuments.has(text.match(ownStatus)?.[1]));
    },
  };
  return { page: opened.page, problems, close: opened.close };
}

// ---- TOTP (RFC 6238 over RFC 4226), as an authenticator app computes it --------------------------

test('the TOTP helper matches the RFC 6238 test vector (SHA-1, T = 59 s)', () => {
  // RFC 6238 appendix B: key "12345678901234567890", 8 digits 94287082 → the last 6 are 287082.
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  assert.equal(hotp(base32Decode(secret), Math.floor(59 / 30)), '287082');
  assert.equal(hotp(base32Decode(secret), Math.floor(1111111109 / 30)), '081804');
});

// ---- helpers -------------------------------------------------------------------------------------

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axeReport(page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
}

// Clicks `locator` (a submit button or a link) and waits for the page at `path`.
async function go(page, locator, path) {
  await Promise.all([page.waitForURL((url) => url.pathname === path, { timeout: 30_000 }), locator.click()]);
  await settle(page);
}

// Submits `locator` and waits for the document the form post answers (its own URL, no redirect).
// A post that gets no answer at all (connection reset: the server died) fails here, by name.
async function submitInPlace(page, locator) {
  const isFormPost = (req) => req.isNavigationRequest() && req.method() === 'POST';
  let onFailed;
  const failed = new Promise((_, reject) => {
    onFailed = (req) => {
      if (isFormPost(req)) reject(new Error(`POST ${req.url()} got no answer (${req.failure()?.errorText}); did the server crash?`));
    };
    page.on('requestfailed', onFailed);
  });
  failed.catch(() => {});
  try {
    const [response] = await Promise.race([
      Promise.all([page.waitForResponse((res) => isFormPost(res.request()), { timeout: 30_000 }), locator.click()]),
      failed,
    ]);
    await settle(page);
    return response;
  } finally {
    page.off('requestfailed', onFailed);
  }
}

const status = (page) => page.getByRole('status');
const alert = (page) => page.getByRole('alert');
const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? null);

let registered = 0;
function customer() {
  registered += 1;
  return {
    name: 'Héloïse Tremblay',
    email: `heloise.${registered}.${Date.now()}@example.ca`,
    password: 'Erables-en-automne-42',
  };
}

// Registers, follows the mailed link (read from the outbox) and logs in: the account page.
async function registerFr(page, who) {
  await page.goto(`${server.url}/fr/inscription`);
  await page.getByLabel('Nom (facultatif)').fill(who.name);
  await page.getByLabel('Adresse courriel').fill(who.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
  await go(page, page.getByRole('button', { name: 'Créer mon compte' }), '/fr/connexion');
  await assertStatus(page, /^Vérifiez vos courriels/);
  const link = execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-c',
    `SELECT payload->>'link' FROM email_outbox WHERE to_address = '${who.email}' AND template = 'accounts.verify_email'`], { encoding: 'utf8' }).trim();
  assert.match(link, /\/fr\/compte\/verification\?token=/);
  await page.goto(link);
  await go(page, page.getByRole('button', { name: 'Confirmer mon adresse' }), '/fr/connexion');
  await assertStatus(page, /^Votre adresse est confirmée/);
  await page.getByLabel('Adresse courriel').fill(who.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
  await go(page, page.getByRole('button', { name: 'Se connecter' }), '/fr/compte');
}

async function createStaff(email, password) {
  const res = await runComptoir(['user', 'create', '--email', email, '--role', 'admin'], {
    env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url },
    input: `${password}\n`,
    timeout: 60_000,
  });
  assert.equal(res.code, 0, res.output);
}

async function loginEn(page, email, password, path) {
  await page.goto(`${server.url}/en/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await go(page, page.getByRole('button', { name: 'Log in' }), path);
}

// The secret shown under the QR code: base32 in groups of four.
async function enrolmentSecret(page) {
  const secret = (await page.locator('main code').innerText()).trim();
  assert.match(secret, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})*$/, `the key is not grouped base32: ${secret}`);
  return secret;
}

// A six-digit code no authenticator shows now (nor in the steps around now).
function wrongCode(secret) {
  const step = currentStep();
  const valid = new Set([-1, 0, 1, 2].map((d) => totp(secret, step + d)));
  for (const candidate of ['000000', '111111', '123456', '654321']) if (!valid.has(candidate)) return candidate;
  throw new Error('unreachable');
}

// ---- customer, in French -------------------------------------------------------------------------

describe('a customer account in French', { timeout: 180_000 }, () => {
  serveThisSuite();
  const who = customer();

  test('register, log out, log in again', async () => {
    const { page, problems, close } = await openPage('fr-CA');
    try {
      await registerFr(page, who);
      assert.equal(await lang(page), 'fr-CA');
      assert.ok(await page.getByText(who.email, { exact: true }).isVisible(), 'the email is shown on the account page');
      const cookies = await page.context().cookies();
      const session = cookies.find((c) => c.name === '__Host-comptoir_session');
      assert.ok(session, `no session cookie: ${cookies.map((c) => c.name).join(', ')}`);
      assert.equal(session.secure, true);
      assert.equal(session.httpOnly, true);
      assert.equal(session.path, '/');

      await go(page, page.getByRole('button', { name: 'Se déconnecter', exact: true }), '/fr/connexion');
      await assertStatus(page, 'Vous êtes déconnecté.');
      // Logged out for real: the account page sends back to the login form.
      await page.goto(`${server.url}/fr/compte`);
      assert.equal(pathOf(page), '/fr/connexion');

      await page.getByLabel('Adresse courriel').fill(who.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
      await go(page, page.getByRole('button', { name: 'Se connecter' }), '/fr/compte');
      assert.ok(await page.getByText(who.email, { exact: true }).isVisible(), 'the email is shown on the account page');
      assert.deepEqual(problems.list, []);
    } finally {
      await close();
    }
  });

  test('a wrong password shows an error summary whose link leads to the email field, which keeps what was typed', async () => {
    const { page, problems, close } = await openPage('fr-CA');
    try {
      await page.goto(`${server.url}/fr/connexion`);
      await page.getByLabel('Adresse courriel').fill(who.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill('pas-le-bon-mot-de-passe');
      const response = await submitInPlace(page, page.getByRole('button', { name: 'Se connecter' }));
      assert.equal(pathOf(page), '/fr/connexion');
      assert.equal(response.status(), 401);
      const summary = alert(page);
      assert.equal(await summary.count(), 1);
      assert.match(await summary.innerText(), /L’adresse courriel ou le mot de passe est incorrect\./);
      const email = page.getByLabel('Adresse courriel');
      assert.equal(await email.inputValue(), who.email);
      assert.equal(await page.getByLabel('Mot de passe', { exact: true }).inputValue(), '', 'the password is not sent back');
      assert.equal(await email.getAttribute('aria-invalid'), 'true');
      await summary.getByRole('link').click();
      assert.equal(await focusedId(page), await email.getAttribute('id'), 'the summary link moves focus to the email field');
      assert.deepEqual(problems.list, []);
    } finally {
      await close();
    }
  });
});

async function assertStatus(page, expected) {
  const text = (await status(page).innerText()).trim();
  if (expected instanceof RegExp) assert.match(text, expected);
  else assert.equal(text, expected);
}

// ---- staff, in English: two-step verification ------------------------------------------------------

describe('a staff user and two-step verification in English', { timeout: 180_000 }, () => {
  serveThisSuite();
  const email = `staff.${Date.now()}@example.ca`;
  const password = 'Comptoir-du-quai-2026';
  let secret;
  let enrolStep;
  let usedStep;
  let recoveryCodes = [];

  before(() => createStaff(email, password), { timeout: 60_000 });

  test('the first login requires enrolling: QR code, key, code → recovery codes', async () => {
    const { page, problems, close } = await openPage('en-CA');
    try {
      await loginEn(page, email, password, '/en/account/two-factor');
      assert.equal(await lang(page), 'en-CA');
      await assertStatus(page, /turn on two-step verification to continue/);
      // The account itself stays closed until enrolment.
      await page.goto(`${server.url}/en/account`);
      assert.equal(pathOf(page), '/en/account/two-factor');

      const qr = page.getByRole('img', { name: 'QR code to scan with your authenticator app' });
      assert.equal(await qr.count(), 1);
      assert.equal(await qr.evaluate((el) => el.tagName.toLowerCase()), 'svg');
      secret = await enrolmentSecret(page);
      assert.equal(base32Decode(secret).length >= 16, true, 'at least 128 bits of secret');

      // A wrong code first: the form comes back with the error and the same key.
      await page.getByLabel('Verification code').fill(wrongCode(secret));
      const refused = await submitInPlace(page, page.getByRole('button', { name: 'Turn on' }));
      assert.equal(refused.status(), 422);
      assert.match(await alert(page).innerText(), /This code is wrong/);
      assert.equal(await enrolmentSecret(page), secret, 'the pending key stays the same');

      enrolStep = currentStep();
      await page.getByLabel('Verification code').fill(totp(secret, enrolStep));
      await submitInPlace(page, page.getByRole('button', { name: 'Turn on' }));
      assert.equal(pathOf(page), '/en/account/two-factor');
      await assertStatus(page, 'Two-step verification is on.');
      const list = page.getByRole('region', { name: 'Your recovery codes' }).getByRole('listitem');
      assert.equal(await list.count(), 10);
      recoveryCodes = await list.locator('code').allInnerTexts();
      assert.equal(recoveryCodes.length, 10);
      for (const code of recoveryCodes) assert.match(code, /^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
      assert.equal(new Set(recoveryCodes).size, 10);

      // Staff go on to the back office; their account page says two-step verification is on.
      await go(page, page.getByRole('link', { name: 'Continue to the back office' }), '/admin/');
      await page.goto(`${server.url}/en/account`);
      await settle(page);
      assert.ok(await page.getByText(email, { exact: true }).isVisible());
      assert.ok(await page.getByText('On: a code from your app is asked at every login.').isVisible());
      await go(page, page.getByRole('button', { name: 'Log out', exact: true }), '/en/login');
      await assertStatus(page, 'You are logged out.');
      assert.deepEqual(problems.list, []);
    } finally {
      await close();
    }
  });

  test('the next login asks for a code: a wrong one is refused, a valid one opens the account', async () => {
    assert.ok(secret, 'enrolment did not run');
    const { page, problems, close } = await openPage('en-CA');
    try {
      await loginEn(page, email, password, '/en/login/code');
      // The password alone does not open the account.
      await page.goto(`${server.url}/en/account`);
      assert.equal(pathOf(page), '/en/login/code');

      const code = page.getByLabel('Verification code');
      await code.fill(wrongCode(secret));
      const refused = await submitInPlace(page, page.getByRole('button', { name: 'Verify' }));
      assert.equal(pathOf(page), '/en/login/code');
      assert.equal(refused.status(), 401);
      const summary = alert(page);
      assert.match(await summary.innerText(), /This code is wrong or was already used/);
      assert.equal(await code.getAttribute('aria-invalid'), 'true');
      await summary.getByRole('link').click();
      assert.equal(await focusedId(page), 'code', 'the summary link moves focus to the code field');

      // The enrolment used the step of that moment; one step ahead is always a fresh one the server
      // accepts (it allows ±1 step of clock drift).
      usedStep = currentStep() + 1;
      assert.ok(usedStep > enrolStep);
      await code.fill(totp(secret, usedStep));
      await go(page, page.getByRole('button', { name: 'Verify' }), '/en/account');
      assert.ok(await page.getByText(email, { exact: true }).isVisible());
      await go(page, page.getByRole('button', { name: 'Log out', exact: true }), '/en/login');
      assert.deepEqual(problems.list, []);
    } finally {
      await close();
    }
  });

  test('a code whose step was already used is refused; a recovery code works, once', async () => {
    assert.ok(usedStep, 'the code login did not run');
    const { page, problems, close } = await openPage('en-CA');
    try {
      await loginEn(page, email, password, '/en/login/code');
      const code = page.getByLabel('Verification code');
      // Replay: the very code just used (still inside the ±1 step window).
      assert.ok(usedStep >= currentStep() - 1, 'the replayed code is still within the clock window');
      await code.fill(totp(secret, usedStep));
      await submitInPlace(page, page.getByRole('button', { name: 'Verify' }));
      assert.equal(pathOf(page), '/en/login/code');
      assert.match(await alert(page).innerText(), /This code is wrong or was already used/);

      // A recovery code, typed the way people do (upper case, spaces instead of dashes).
      const [recovery] = recoveryCodes;
      await code.fill(recovery.toUpperCase().replaceAll('-', ' '));
      await go(page, page.getByRole('button', { name: 'Verify' }), '/en/account');
      await go(page, page.getByRole('button', { name: 'Log out', exact: true }), '/en/login');

      await loginEn(page, email, password, '/en/login/code');
      await page.getByLabel('Verification code').fill(recovery);
      await submitInPlace(page, page.getByRole('button', { name: 'Verify' }));
      assert.equal(pathOf(page), '/en/login/code', 'a recovery code works only once');
      assert.match(await alert(page).innerText(), /This code is wrong or was already used/);

      // Another recovery code still works.
      await page.getByLabel('Verification code').fill(recoveryCodes[1]);
      await go(page, page.getByRole('button', { name: 'Verify' }), '/en/account');
      assert.deepEqual(problems.list, []);
    } finally {
      await close();
    }
  });

  test('a later login with a fresh TOTP code (next 30-second step) works', async () => {
    assert.ok(usedStep, 'the code login did not run');
    // The last step used is `usedStep`; a code is accepted for steps after it, up to one step ahead
    // of the server's clock, so wait until the step before `usedStep + 1` has begun.
    const target = usedStep + 1;
    const waitMs = Math.max(0, (target - 1) * STEP_SECONDS * 1000 - Date.now()) + 500;
    if (waitMs > 0) await sleep(waitMs);
    const { page, problems, close } = await openPage('en-CA');
    try {
      await loginEn(page, email, password, '/en/login/code');
      assert.ok(currentStep() + 1 >= target);
      await page.getByLabel('Verification code').fill(totp(secret, Math.max(target, currentStep())));
      await go(page, page.getByRole('button', { name: 'Verify' }), '/en/account');
      assert.deepEqual(problems.list, []);
    } finally {
      await close();
    }
  });
});

// ---- accessibility -------------------------------------------------------------------------------

describe('accessibility of the account pages (axe-core, WCAG 2.2 AA)', { timeout: 180_000 }, () => {
  serveThisSuite();
  async function check(page, problems, what) {
    assert.deepEqual(await axeReport(page), [], `axe violations on ${what}`);
    assert.equal(await page.locator('h1').count(), 1, 'one h1');
    assert.deepEqual(problems.list, []);
  }

  test('the register pages, empty and with errors', async () => {
    for (const [tag, path] of [['fr-CA', '/fr/inscription'], ['en-CA', '/en/register']]) {
      const { page, problems, close } = await openPage(tag);
      try {
        await page.goto(`${server.url}${path}`);
        await settle(page);
        await check(page, problems, path);
      } finally {
        await close();
      }
    }
    const { page, problems, close } = await openPage('fr-CA');
    try {
      await page.goto(`${server.url}/fr/inscription`);
      await page.getByLabel('Adresse courriel').fill('pas-une-adresse');
      await page.getByLabel('Mot de passe', { exact: true }).fill('court');
      await submitInPlace(page, page.getByRole('button', { name: 'Créer mon compte' }));
      assert.equal(await alert(page).count(), 1);
      await check(page, problems, '/fr/inscription with errors');
    } finally {
      await close();
    }
  });

  test('the unlock pages (the link mailed when logins on an account are throttled), empty and with an error', async () => {
    for (const [tag, path, label, submit] of [
      ['fr-CA', '/fr/connexion/deblocage', 'Mot de passe', 'Débloquer et me connecter'],
      ['en-CA', '/en/login/unlock', 'Password', 'Unlock and log in'],
    ]) {
      const { page, problems, close } = await openPage(tag);
      try {
        await page.goto(`${server.url}${path}?token=${'0'.repeat(64)}`);
        await settle(page);
        await check(page, problems, path);
        await page.getByLabel(label, { exact: true }).fill('Mauvais-mot-de-passe-1');
        const response = await submitInPlace(page, page.getByRole('button', { name: submit }));
        assert.equal(response.status(), 400, `POST ${path} with an unknown link answered ${response.status()}`);
        assert.equal(await alert(page).count(), 1);
        await check(page, problems, `${path} with an error`);
      } finally {
        await close();
      }
    }
  });

  test('the login pages, empty and with errors', async () => {
    for (const [tag, path, email, passwordLabel, submit] of [
      ['fr-CA', '/fr/connexion', 'Adresse courriel', 'Mot de passe', 'Se connecter'],
      ['en-CA', '/en/login', 'Email address', 'Password', 'Log in'],
    ]) {
      const { page, problems, close } = await openPage(tag);
      try {
        await page.goto(`${server.url}${path}`);
        await settle(page);
        await check(page, problems, path);
        await page.getByLabel(email).fill('personne@example.ca');
        await page.getByLabel(passwordLabel, { exact: true }).fill('Mauvais-mot-de-passe-1');
        const response = await submitInPlace(page, page.getByRole('button', { name: submit }));
        assert.equal(response.status(), 401, `POST ${path} with a wrong password answered ${response.status()}`);
        assert.equal(await alert(page).count(), 1);
        await check(page, problems, `${path} with errors`);
      } finally {
        await close();
      }
    }
  });

  test('the account page', async () => {
    const { page, problems, close } = await openPage('fr-CA');
    try {
      await registerFr(page, customer());
      await check(page, problems, '/fr/compte');
    } finally {
      await close();
    }
  });

  test('the two-step verification pages (enrolment, with an error, recovery codes, login code)', async () => {
    const email = `staff.a11y.${Date.now()}@example.ca`;
    const password = 'Gardien-du-comptoir-77';
    await createStaff(email, password);
    const { page, problems, close } = await openPage('en-CA');
    try {
      await loginEn(page, email, password, '/en/account/two-factor');
      await check(page, problems, '/en/account/two-factor (enrolment)');
      const secret = await enrolmentSecret(page);
      await page.getByLabel('Verification code').fill(wrongCode(secret));
      await submitInPlace(page, page.getByRole('button', { name: 'Turn on' }));
      await check(page, problems, '/en/account/two-factor with an error');
      await page.getByLabel('Verification code').fill(totp(secret));
      await submitInPlace(page, page.getByRole('button', { name: 'Turn on' }));
      await assertStatus(page, 'Two-step verification is on.');
      await check(page, problems, '/en/account/two-factor (recovery codes)');
      await go(page, page.getByRole('link', { name: 'Continue to the back office' }), '/admin/');
      await page.goto(`${server.url}/en/account`);
      await settle(page);
      await go(page, page.getByRole('button', { name: 'Log out', exact: true }), '/en/login');
      await loginEn(page, email, password, '/en/login/code');
      await check(page, problems, '/en/login/code');
      await page.getByLabel('Verification code').fill(wrongCode(secret));
      await submitInPlace(page, page.getByRole('button', { name: 'Verify' }));
      await check(page, problems, '/en/login/code with an error');
    } finally {
      await close();
    }
  });
});
