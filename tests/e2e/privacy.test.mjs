// The privacy rights in a real browser (Debian's Chromium through playwright-core), without
// JavaScript needed: in French, from the account page to the data page and a download of one's
// data; in English, deleting one's account after a refusal, down to the confirmation page, signed
// out. Each page is checked with axe-core (WCAG 2.2 AA) and has a clean console (no CSP
// violation). Locators go through labels and roles, so they check those too.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { backOffice, STAFF_PASSWORD } from '../support/back_office.mjs';
import { axeViolations, clickTo, launchBrowser, lang, openPage, pathOf, settle } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';

let browser;
let server;
let office;
before(async () => {
  browser = await launchBrowser();
  server = await startServer();
  office = backOffice(server, { firstAddress: 170 });
}, { timeout: 120_000 });
after(async () => {
  await browser?.close();
  await server?.stop();
});

// The page's problems, ignoring the document's own 4xx (a refused form answers 422 on purpose).
const realProblems = (problems) => problems.filter((p) => !/status of 4\d\d/.test(p));

async function signIn(page, email, locale) {
  await page.goto(`${server.url}${locale === 'fr' ? '/fr/connexion' : '/en/login'}`);
  await page.getByLabel(locale === 'fr' ? 'Adresse courriel' : 'Email address').fill(email);
  await page.getByLabel(locale === 'fr' ? 'Mot de passe' : 'Password', { exact: true }).fill(STAFF_PASSWORD);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: locale === 'fr' ? 'Se connecter' : 'Log in' }).click()]);
  await settle(page);
}

describe('privacy in a browser', { timeout: 120_000 }, () => {
  test('in French: from the account page, download one’s data', async () => {
    const email = `donnees-e2e-${process.pid}@example.ca`;
    await office.createUser(email, 'customer', { name: 'Héloïse', locale: 'fr' });
    const { page, problems, close } = await openPage(browser, 'fr-CA');
    try {
      await signIn(page, email, 'fr');
      await page.goto(`${server.url}/fr/compte`);
      await clickTo(page, page.getByRole('link', { name: 'Gérer vos données et votre compte' }), '/fr/compte/donnees');
      assert.match(await lang(page), /^fr/);
      assert.deepEqual(await axeViolations(page), []);

      const exportPanel = page.locator('section.account-panel', { has: page.getByRole('heading', { name: 'Télécharger vos données' }) });
      await exportPanel.getByLabel('Votre mot de passe').fill(STAFF_PASSWORD);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        exportPanel.getByRole('button', { name: 'Télécharger mes données' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^mes-donnees-\d{8}-\d{6}\.json$/);
      const data = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.equal(data.account.email, email);
      assert.equal(data.account.display_name, 'Héloïse');
      assert.equal(pathOf(page), '/fr/compte/donnees', 'the page stays where it was');
      assert.deepEqual(realProblems(problems), []);
    } finally {
      await close();
    }
  });

  test('in English: delete one’s account, refused once without the box ticked', async () => {
    const email = `deletion-e2e-${process.pid}@example.ca`;
    const id = await office.createUser(email, 'customer', { name: 'Sam', locale: 'en' });
    const { page, problems, close } = await openPage(browser, 'en-CA');
    try {
      await signIn(page, email, 'en');
      await page.goto(`${server.url}/en/account/data`);
      const panel = page.locator('section.account-panel', { has: page.getByRole('heading', { name: 'Delete your account' }) });
      await panel.getByLabel('Your password').fill(STAFF_PASSWORD);
      await clickTo(page, panel.getByRole('button', { name: 'Delete my account' }), '/en/account/delete');
      assert.match(await page.getByRole('alert').innerText(), /Tick the box to confirm the deletion/);
      assert.deepEqual(await axeViolations(page), [], 'the refused form is accessible too');

      const again = page.locator('section.account-panel', { has: page.getByRole('heading', { name: 'Delete your account' }) });
      await again.getByLabel('I understand that deleting my account is final').check();
      await again.getByLabel('Your password').fill(STAFF_PASSWORD);
      await clickTo(page, again.getByRole('button', { name: 'Delete my account' }), '/en/account/deleted');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Your account is deleted');
      assert.match(await lang(page), /^en/);
      assert.deepEqual(await axeViolations(page), []);
      assert.equal(office.sql(`SELECT count(*) FROM users WHERE id = ${id}`), '0');

      await page.goto(`${server.url}/en/account`);
      assert.equal(pathOf(page), '/en/login', 'signed out');
      assert.deepEqual(realProblems(problems), []);
    } finally {
      await close();
    }
  });
});
