// Inviting a staff member, in a real browser (Debian's Chromium through playwright-core) against a
// real SMTP capture: the owner signs in with a TOTP code, opens the invitation screen from the
// accounts list, invites an English-speaking catalog manager; the invitee opens the mail's link
// in their own browser, chooses a password, logs in, is made to enrol two-factor before anything
// else, and goes on to the back office's dashboard, in English. Every page passes axe-core
// (WCAG 2.2 AA) with a clean console.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { STAFF_PASSWORD, backOffice } from '../support/back_office.mjs';
import { axeViolations as axe, clickTo as go, launchBrowser, lang, openPage, pathOf, settle } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { currentStep, totp } from '../support/totp.mjs';

const KEYS = `k1:${Buffer.alloc(32, 61).toString('base64')}`;
const INVITEE_PASSWORD = 'Etagere-en-erable-2026';

// Top level: the capture's `after` hook must belong to the file (smtp_capture.mjs).
const capture = await startSmtpCapture();
let browser;
let server;
let owner;  // { email, secret, … }, signed in with STAFF_PASSWORD

before(async () => {
  browser = await launchBrowser();
  server = await startServer({ env: { COMPTOIR_SECRET_KEYS: KEYS, SMTP_URL: capture.url, MAIL_FROM: 'boutique@example.ca' } });
  owner = await backOffice(server, { firstAddress: 120 }).staffMember('owner', 'proprietaire');
}, { timeout: 120_000 });
after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('inviting a staff member in a browser', { timeout: 300_000 }, () => {
  test('the owner invites; the invitee follows the link, sets a password, enrols two-factor and reaches the dashboard', async () => {
    const email = `catalogue-${process.pid}@example.ca`;
    const office = await openPage(browser, 'fr-CA');
    try {
      const { page } = office;
      await page.goto(`${server.url}/admin/customers`);
      assert.equal(pathOf(page), '/fr/connexion');
      await page.getByLabel('Adresse courriel').fill(owner.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(STAFF_PASSWORD);
      await go(page, page.getByRole('button', { name: 'Se connecter' }), '/fr/connexion/code');
      // Enrolment used this step's code: the next one.
      await page.getByLabel('Code de vérification').fill(totp(owner.secret, currentStep() + 1));
      await go(page, page.getByRole('button', { name: 'Vérifier' }), '/admin/customers');

      await go(page, page.getByRole('link', { name: 'Inviter un membre du personnel' }), '/admin/customers/invite');
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Inviter un membre du personnel');
      assert.deepEqual(await axe(page), [], 'axe on the invitation screen');
      await page.getByLabel('Courriel', { exact: true }).fill(email);
      await page.getByLabel('Nom', { exact: true }).fill('Nadia Roy');
      await page.getByLabel('Rôle').selectOption('catalog_manager');
      await page.getByLabel('Langue').selectOption('en');
      await Promise.all([page.waitForURL((url) => /^\/admin\/customers\/\d+$/.test(url.pathname), { timeout: 30_000 }),
        page.getByRole('button', { name: 'Envoyer l’invitation' }).click()]);
      await settle(page);
      await page.getByRole('status').filter({ hasText: 'Invitation envoyée.' }).waitFor();
      assert.match(await page.locator('#customer-facts').textContent(), /En attente ; le lien est valable jusqu’au/);
      assert.equal(await page.getByRole('button', { name: 'Renvoyer l’invitation' }).count(), 1);
      assert.deepEqual(await axe(page), [], 'axe on the invitee’s account');
      assert.deepEqual(office.problems, []);
    } finally {
      await office.close();
    }

    const mail = await capture.waitFor(email);
    assert.equal(mail.subject, 'You are invited to the shop’s back office');
    const link = /(http:\/\/\S+\/en\/invitation\?token=[0-9a-f]+)/.exec(mail.parts['text/plain'])?.[1];
    assert.ok(link, mail.parts['text/plain']);

    const invitee = await openPage(browser, 'en-CA');
    try {
      const { page } = invitee;
      await page.goto(link);
      await settle(page);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Join the shop’s team');
      assert.equal(await lang(page), 'en-CA');
      assert.deepEqual(await axe(page), [], 'axe on the invitation’s form');
      await page.getByLabel('New password').fill(INVITEE_PASSWORD);
      await go(page, page.getByRole('button', { name: 'Save my password' }), '/en/login');
      await page.getByRole('status').filter({ hasText: 'Your password is saved.' }).waitFor();
      assert.deepEqual(await axe(page), [], 'axe on the login page after the invitation');

      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(INVITEE_PASSWORD);
      await go(page, page.getByRole('button', { name: 'Log in' }), '/en/account/two-factor');
      // Nothing else opens before the second factor.
      await page.goto(`${server.url}/admin/`);
      assert.equal(pathOf(page), '/en/account/two-factor');
      await settle(page);
      assert.deepEqual(await axe(page), [], 'axe on the enrolment page');
      const secret = /<code>([A-Z2-7]{4}(?: [A-Z2-7]{1,4})+)<\/code>/.exec(await page.content())?.[1];
      assert.ok(secret, 'no secret on the enrolment page');
      await page.getByLabel('Verification code').fill(totp(secret, currentStep()));
      await go(page, page.getByRole('button', { name: 'Turn on' }), '/en/account/two-factor');
      await go(page, page.getByRole('link', { name: 'Continue to the back office' }), '/admin/');
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Dashboard');
      assert.equal(await page.locator('.admin-header__who').textContent(), 'Nadia Roy (catalog manager)');
      assert.deepEqual(await axe(page), [], 'axe on the invitee’s dashboard');
      assert.deepEqual(invitee.problems, []);
    } finally {
      await invitee.close();
    }
  });
});
