#!/usr/bin/env node
// Takes the screenshots of docs/admin.md: a throw-away shop (its own PostgreSQL database, the demo
// data of `comptoir seed --demo`), the demo owner signed in with a TOTP code, each screen of the
// back office in French at 1280×860 in Debian's Chromium, written to docs/img/admin-*.png.
//
//   COMPTOIR_BIN=build/debug/comptoir COMPTOIR_TEST_DATABASE_URL=postgres://… \
//     CHROMIUM_PATH=/usr/bin/chromium scripts/admin-screenshots.mjs
//
// Run it again when a screen changes, and commit the pictures with the change.
import assert from 'node:assert/strict';
import path from 'node:path';
import { clickTo, launchBrowser, openPage, settle } from '../tests/support/browser.mjs';
import { REPO_ROOT } from '../tests/support/env.mjs';
import { runComptoir, startServer } from '../tests/support/server.mjs';
import { currentStep, totp } from '../tests/support/totp.mjs';

const KEYS = `shots:${Buffer.alloc(32, 9).toString('base64')}`;
const out = (name) => path.join(REPO_ROOT, 'docs', 'img', `admin-${name}.png`);

const server = await startServer({ env: { COMPTOIR_SECRET_KEYS: KEYS } });
const browser = await launchBrowser();
try {
  const seeded = await runComptoir(['seed', '--demo'], { env: { ...server.env }, timeout: 400_000 });
  assert.equal(seeded.code, 0, seeded.output);
  const owner = seeded.stdout.split('\n').map((line) => line.trim().split(/\s+/)).find(([role]) => role === 'owner');
  assert.ok(owner, `no demo owner printed:\n${seeded.stdout}`);
  const [, email, password, secret] = owner;

  const { page, close } = await openPage(browser, 'fr-CA');
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('Adresse courriel').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await clickTo(page, page.getByRole('button', { name: 'Se connecter' }), '/fr/connexion/code');
  await page.getByLabel('Code de vérification').fill(totp(secret, currentStep()));
  await clickTo(page, page.getByRole('button', { name: 'Vérifier' }), '/admin/');

  const shoot = async (name, url, { full = false } = {}) => {
    await page.goto(`${server.url}${url}`);
    await settle(page);
    await page.screenshot({ path: out(name), fullPage: full });
    console.log(`docs/img/admin-${name}.png  ${url}`);
  };
  await shoot('dashboard', '/admin/');
  await shoot('orders', '/admin/orders');
  const order = await page.locator('a[href^="/admin/orders/CMP-"]').first().getAttribute('href');
  await shoot('order', order);
  await page.goto(`${server.url}/admin/orders?status=paid`);
  const paid = await page.locator('a[href^="/admin/orders/CMP-"]').first().getAttribute('href');
  await shoot('invoice', `${paid}/invoice`);
  await shoot('returns', '/admin/returns');
  await shoot('products', '/admin/products');
  const product = await page.locator('#products a[href^="/admin/products/"]').first().getAttribute('href');
  await shoot('product', product);
  await shoot('import', '/admin/products/import');
  const file = [
    'fr_slug;fr_name;en_name;status;sku;fr_variant;en_variant;price;stock',
    'bol-en-gres;Bol en grès;Stoneware bowl;active;BOL-GRES-P;Petit;Small;19,90;12',
    'bol-en-gres;;;;BOL-GRES-G;Grand;Large;24,90;8',
    'tasse-emaillee;Tasse émaillée;Enamel mug;draft;TASSE-EM;;;14,50;30',
    ';;;;BOL-GRES-X;;;douze;',
  ].join('\r\n');
  await page.getByLabel('Fichier CSV').setInputFiles({ name: 'nouveautes.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await Promise.all([page.waitForURL(/\/admin\/products\/import\/\d+$/),
    page.getByRole('button', { name: 'Vérifier le fichier' }).click()]);
  await page.locator('#import-summary').waitFor({ timeout: 30_000 });
  await settle(page);
  await page.screenshot({ path: out('import-checked'), fullPage: false });
  console.log('docs/img/admin-import-checked.png  (a checked import)');
  await shoot('categories', '/admin/categories');
  await shoot('customers', '/admin/customers');
  await shoot('activity', '/admin/activity');
  await shoot('settings', '/admin/settings');
  await close();
} finally {
  await browser.close();
  await server.stop();
}
