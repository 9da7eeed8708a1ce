// The back office in a real browser (Debian's Chromium through playwright-core), on the demo shop
// `comptoir seed --demo` loads outside production: the demo order manager signs in with the
// printed password and a TOTP code from the printed secret, lands on the screen asked for, reads
// the dashboard, finds an order, ships it with a tracking link, and switches to English; the demo
// order manager refunds a received return; the catalog manager (who works in English) renames a
// product, sees the storefront follow, uploads a picture and switches to French, then renames a
// category and sees the storefront follow (the old address redirecting); the demo admin
// reads and filters the activity log in French and English; the demo owner finds the demo
// customer, disables and enables the account, then sets a handling fee in the settings and reads it
// back in English; the admin prints a paid order's invoice; the catalog manager imports a CSV file
// (dry run, then apply); every screen passes axe-core (WCAG 2.2 AA) with a
// clean console (no CSP violation, no script needed).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations as axe, clickTo as go, launchBrowser, lang, openPage, pathOf, settle } from '../support/browser.mjs';
import { png } from '../support/images.mjs';
import { get, runComptoir, startServer } from '../support/server.mjs';
import { currentStep, totp } from '../support/totp.mjs';

const KEYS = `demo:${Buffer.alloc(32, 5).toString('base64')}`;

let browser;
let server;
let accounts;  // role → { email, password, secret }, as `seed --demo` printed them

before(async () => {
  browser = await launchBrowser();
  server = await startServer({ env: { COMPTOIR_SECRET_KEYS: KEYS } });
  const seeded = await runComptoir(['seed', '--demo'], {
    env: { ...server.env }, timeout: 400_000,
  });
  // A death by a signal leaves no output of its own: name the signal.
  assert.equal(seeded.code, 0, seeded.signal ? `seed --demo killed by ${seeded.signal}\n${seeded.output}` : seeded.output);
  accounts = {};
  for (const line of seeded.stdout.split('\n')) {
    const [role, email, password, secret] = line.trim().split(/\s+/);
    if (email?.endsWith('@comptoir.example')) accounts[role] = { email, password, secret };
  }
  assert.ok(accounts.order_manager?.secret?.length === 32, `no demo accounts printed:\n${seeded.stdout}`);
}, { timeout: 480_000 });
after(async () => {
  await browser?.close();
  await server?.stop();
});

// From `path` of the back office to the login page and back, as `who` with a TOTP code. A code is
// taken once (replays are refused): signing the same account in again within one 30 s step waits
// for the next code, as a person would.
const stepsUsed = new Map();
async function signInTo(page, path, who) {
  while ((stepsUsed.get(who.email) ?? -1) >= currentStep()) await new Promise((resolve) => setTimeout(resolve, 500));
  await page.goto(`${server.url}${path}`);
  assert.equal(pathOf(page), '/fr/connexion');
  await page.getByLabel('Adresse courriel').fill(who.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
  await go(page, page.getByRole('button', { name: 'Se connecter' }), '/fr/connexion/code');
  const step = currentStep();
  stepsUsed.set(who.email, step);
  await page.getByLabel('Code de vérification').fill(totp(who.secret, step));
  await go(page, page.getByRole('button', { name: 'Vérifier' }), path);
}

describe('the back office in a browser', { timeout: 300_000 }, () => {
  test('the order manager signs in with a TOTP code, reads the dashboard, ships an order and switches to English', async () => {
    const { page, problems, close } = await openPage(browser, 'fr-CA');
    try {
      const who = accounts.order_manager;
      await page.goto(`${server.url}/admin/orders`);
      assert.equal(pathOf(page), '/fr/connexion');
      await page.getByLabel('Adresse courriel').fill(who.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
      await go(page, page.getByRole('button', { name: 'Se connecter' }), '/fr/connexion/code');
      const step = currentStep();
      stepsUsed.set(who.email, step);
      await page.getByLabel('Code de vérification').fill(totp(who.secret, step));
      await go(page, page.getByRole('button', { name: 'Vérifier' }), '/admin/orders');
      assert.equal(await lang(page), 'fr-CA');
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Commandes');
      assert.deepEqual(await axe(page), [], 'axe on the orders list');

      await go(page, page.getByRole('link', { name: 'Tableau de bord' }), '/admin/');
      const chart = page.getByRole('img', { name: /Ventes nettes par jour/ });
      assert.equal(await chart.count(), 1, 'no accessible sales chart');
      assert.deepEqual(await axe(page), [], 'axe on the dashboard');

      // A paid order, from the dashboard's count of paid orders.
      await go(page, page.getByRole('link', { name: /^Payée/ }), '/admin/orders');
      const first = page.locator('#orders tbody a').first();
      const number = await first.textContent();
      await go(page, first, `/admin/orders/${number}`);
      assert.deepEqual(await axe(page), [], 'axe on an order');
      await page.getByLabel('Lien de suivi (facultatif)').fill('https://suivi.example/E2E');
      await go(page, page.getByRole('button', { name: 'Expédier' }), `/admin/orders/${number}`);
      assert.match(await page.getByRole('status').textContent(), /Commande expédiée/);
      assert.match(await page.locator('.facts').first().textContent(), /Expédiée/);

      await go(page, page.getByRole('button', { name: 'English' }), `/admin/orders/${number}`);
      assert.equal(await lang(page), 'en-CA');
      assert.match(await page.getByRole('heading', { level: 1 }).textContent(), /^Order CMP-/);
      assert.deepEqual(await axe(page), [], 'axe in English');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('the order manager refunds a received return: one click past the confirmation, the return and its order follow', async () => {
    const { page, problems, close } = await openPage(browser, 'fr-CA');
    try {
      const who = accounts.order_manager;
      await page.goto(`${server.url}/admin/returns?state=received`);
      await page.getByLabel('Adresse courriel').fill(who.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
      await go(page, page.getByRole('button', { name: 'Se connecter' }), '/fr/connexion/code');
      // The first test used this step's code: the next one.
      const step = currentStep() + 1;
      stepsUsed.set(who.email, step);
      await page.getByLabel('Code de vérification').fill(totp(who.secret, step));
      await go(page, page.getByRole('button', { name: 'Vérifier' }), '/admin/returns');
      // The first test switched the order manager to English: it stays on their account.
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Returns');
      assert.deepEqual(await axe(page), [], 'axe on the returns list');
      const first = page.locator('#returns tbody th a').first();
      const rma = await first.textContent();
      await go(page, first, `/admin/returns/${rma}`);
      assert.deepEqual(await axe(page), [], 'axe on a return');
      await page.getByLabel('I confirm this refund: it cannot be undone.').check();
      await go(page, page.getByRole('button', { name: 'Refund', exact: true }), `/admin/returns/${rma}`);
      assert.match(await page.getByRole('status').textContent(), /Return refunded/);
      assert.match(await page.locator('.facts').first().textContent(), /Refunded/);
      const order = await page.locator('.facts a').first().getAttribute('href');
      await go(page, page.locator('.facts a').first(), order);
      assert.match(await page.locator('.facts').first().textContent(), /refunded/i);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('the catalog manager renames a product, sees the storefront follow, and uploads a picture', async () => {
    const { page, problems, close } = await openPage(browser, 'fr-CA');
    try {
      const who = accounts.catalog_manager;
      await page.goto(`${server.url}/admin/products`);
      await page.getByLabel('Adresse courriel').fill(who.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
      await go(page, page.getByRole('button', { name: 'Se connecter' }), '/fr/connexion/code');
      const step = currentStep();
      stepsUsed.set(who.email, step);
      await page.getByLabel('Code de vérification').fill(totp(who.secret, step));
      await go(page, page.getByRole('button', { name: 'Vérifier' }), '/admin/products');
      // The demo catalog manager works in English (their account's language).
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Products');
      assert.deepEqual(await axe(page), [], 'axe on the products list');

      await page.getByLabel('Status').selectOption('active');
      await go(page, page.getByRole('button', { name: 'Filter' }), '/admin/products');
      const first = page.locator('#products tbody th a').first();
      const href = await first.getAttribute('href');
      await go(page, first, href);
      assert.deepEqual(await axe(page), [], 'axe on a product');
      const name = `Renamed in the browser ${process.pid}`;
      await page.getByLabel('Name', { exact: true }).nth(1).fill(name);  // the English column
      await go(page, page.getByRole('button', { name: 'Save the product' }), href);
      assert.match(await page.getByRole('status').textContent(), /Product saved/);
      const storefront = await page.getByRole('link', { name: 'See it in the English shop' }).getAttribute('href');
      const shown = await get(`${server.url}${storefront}`);
      assert.equal(shown.status, 200);
      assert.ok(shown.text.includes(name), 'the English storefront does not show the new name');

      await page.getByLabel('Picture file').setInputFiles({ name: 'bol.png', mimeType: 'image/png', buffer: png(320, 240) });
      await page.locator('#upload').getByLabel('Alternative text (French)').fill('Un bol vu de haut');
      await page.locator('#upload').getByLabel('Alternative text (English)').fill('A bowl seen from above');
      await go(page, page.getByRole('button', { name: 'Upload' }), href);
      assert.match(await page.getByRole('status').textContent(), /Picture added/);
      assert.equal(await page.locator('.admin-images img[alt="A bowl seen from above"]').count(), 1);
      assert.deepEqual(await axe(page), [], 'axe on a product with its picture');
      await go(page, page.getByRole('button', { name: 'Français' }), href);
      assert.match(await page.getByRole('heading', { level: 1 }).textContent(), /^Produit — /);
      assert.deepEqual(await axe(page), [], 'axe on a product in French');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('the catalog manager renames a category and moves it down; the storefront follows at once', async () => {
    const { page, problems, close } = await openPage(browser, 'fr-CA');
    try {
      await signInTo(page, '/admin/categories', accounts.catalog_manager);
      // The account's language: French after the journey above, English on its own.
      if ((await lang(page)).startsWith('en')) await go(page, page.getByRole('button', { name: 'Français' }), '/admin/categories');
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Catégories');
      assert.deepEqual(await axe(page), [], 'axe on the category tree');

      const first = page.locator('#categories tbody th a').first();
      const href = await first.getAttribute('href');
      await go(page, first, href);
      assert.deepEqual(await axe(page), [], 'axe on a category');
      const oldLink = await page.getByRole('link', { name: 'Voir dans la boutique (français)' }).getAttribute('href');
      const name = `Renommée dans le navigateur ${process.pid}`;
      await page.getByLabel('Nom', { exact: true }).first().fill(name);  // the French column
      await page.getByLabel('Adresse (slug)').first().fill(`renommee-${process.pid}`);
      await go(page, page.getByRole('button', { name: 'Enregistrer la catégorie' }), href);
      assert.match(await page.getByRole('status').textContent(), /Catégorie enregistrée/);
      const storefront = await page.getByRole('link', { name: 'Voir dans la boutique (français)' }).getAttribute('href');
      assert.equal(storefront, `/fr/categorie/renommee-${process.pid}`);
      const shown = await get(`${server.url}${storefront}`);
      assert.equal(shown.status, 200);
      assert.ok(shown.text.includes(name), 'the French storefront does not show the new name');
      const old = await get(`${server.url}${oldLink}`);
      assert.equal(old.status, 301);
      assert.equal(old.headers.location, storefront);

      // Down one place among its siblings, from its page.
      const down = page.getByRole('button', { name: 'Descendre' });
      if (await down.count()) {
        await go(page, down, href);
        assert.match(await page.getByRole('status').textContent(), /Ordre des catégories enregistré/);
      }
      assert.deepEqual(await axe(page), [], 'axe on a category after saving');
      await go(page, page.getByRole('button', { name: 'English' }), href);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `Category — ${await page.getByLabel('Name', { exact: true }).nth(1).inputValue()}`);
      assert.deepEqual(await axe(page), [], 'axe on a category in English');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('the admin reads the activity log, filters it and finds it in English too', async () => {
    const { page, problems, close } = await openPage(browser, 'fr-CA');
    try {
      await signInTo(page, '/admin/activity', accounts.admin);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Journal d’activité');
      assert.equal(await page.getByRole('link', { name: 'Journal d’activité' }).getAttribute('aria-current'), 'page');
      assert.deepEqual(await axe(page), [], 'axe on the activity log');

      await page.getByLabel('Action', { exact: true }).fill('login.');
      await Promise.all([page.waitForURL((url) => url.searchParams.get('action') === 'login.'),
        page.getByRole('button', { name: 'Filtrer' }).click()]);
      await settle(page);
      const rows = page.locator('#activity tbody tr');
      assert.ok(await rows.count() >= 1, 'no sign-in listed');
      assert.match(await rows.first().textContent(), /login\.succeeded/);
      assert.ok((await rows.first().textContent()).includes(accounts.admin.email), 'the sign-in is not the admin’s');
      assert.equal(await page.getByRole('link', { name: 'Télécharger en CSV' }).getAttribute('href'), '/admin/activity.csv?action=login.');
      assert.deepEqual(await axe(page), [], 'axe on the filtered log');

      await go(page, page.getByRole('button', { name: 'English' }), '/admin/activity');
      await page.getByRole('heading', { level: 1, name: 'Activity log' }).waitFor();
      assert.equal(await lang(page), 'en-CA');
      assert.equal(await page.getByLabel('Action', { exact: true }).inputValue(), 'login.');
      assert.deepEqual(await axe(page), [], 'axe on the log in English');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('the owner finds a customer, opens their account, disables it and enables it again, in French and English', async () => {
    const { page, problems, close } = await openPage(browser, 'fr-CA');
    try {
      const shopper = accounts.customer;
      await signInTo(page, '/admin/customers', accounts.owner);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Clients et personnel');
      assert.deepEqual(await axe(page), [], 'axe on the accounts list');

      await page.getByLabel('Rechercher').fill(shopper.email);
      await Promise.all([page.waitForURL((url) => url.searchParams.get('q') === shopper.email),
        page.getByRole('button', { name: 'Filtrer' }).click()]);
      await settle(page);
      const link = page.getByRole('link', { name: shopper.email });
      const path = await link.getAttribute('href');
      await go(page, link, path);
      assert.match(await page.locator('#customer-facts').textContent(), /Claire Client/);
      assert.deepEqual(await axe(page), [], 'axe on an account');

      await page.getByLabel('Je confirme : désactiver ce compte et fermer ses sessions.').check();
      await go(page, page.getByRole('button', { name: 'Désactiver le compte' }), path);
      await page.getByRole('status').filter({ hasText: 'Compte désactivé' }).waitFor();
      assert.match(await page.locator('#customer-facts').textContent(), /Désactivé depuis le/);
      assert.deepEqual(await axe(page), [], 'axe on a disabled account');

      await go(page, page.getByRole('button', { name: 'English' }), path);
      await page.getByRole('button', { name: 'Enable the account' }).waitFor();
      assert.equal(await lang(page), 'en-CA');
      await page.getByLabel('I confirm: enable this account again.').check();
      await go(page, page.getByRole('button', { name: 'Enable the account' }), path);
      await page.getByRole('status').filter({ hasText: 'Account enabled again.' }).waitFor();
      assert.deepEqual(await axe(page), [], 'axe on the account in English');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
  test('the owner sets a handling fee in the settings and reads it back in English', async () => {
    const { page, problems, close } = await openPage(browser, 'fr-CA');
    try {
      await signInTo(page, '/admin/settings', accounts.owner);
      // The owner may have switched to English in an earlier journey: back to French first.
      const french = page.getByRole('button', { name: 'Français' });
      if (await french.count()) await go(page, french, '/admin/settings');
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Paramètres');
      assert.equal(await page.getByLabel('Numéro de TPS/TVH').inputValue(), '123456789RT0001');
      assert.deepEqual(await axe(page), [], 'axe on the settings');

      await page.getByLabel('Frais de manutention par commande (CAD)').fill('1,50');
      await page.getByLabel('Numéro de TVQ').fill('12345');
      await go(page, page.getByRole('button', { name: 'Enregistrer les paramètres' }), '/admin/settings');
      await page.getByRole('heading', { name: 'Des paramètres sont à corriger' }).waitFor();
      assert.equal(await page.getByLabel('Numéro de TVQ').getAttribute('aria-invalid'), 'true');
      assert.deepEqual(await axe(page), [], 'axe on refused settings');

      await page.getByLabel('Numéro de TVQ').fill('1234567890 TQ 0001');
      await go(page, page.getByRole('button', { name: 'Enregistrer les paramètres' }), '/admin/settings');
      await page.getByRole('status').filter({ hasText: 'Paramètres enregistrés' }).waitFor();

      await go(page, page.getByRole('button', { name: 'English' }), '/admin/settings');
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      assert.equal(await page.getByLabel('Handling fee per order (CAD)').inputValue(), '1.50');
      assert.equal(await page.getByLabel('QST number').inputValue(), '1234567890TQ0001');
      assert.deepEqual(await axe(page), [], 'axe on the settings in English');
      // The refused form's 422 is the browser's console line for the answer we asked for.
      assert.deepEqual(problems.filter((p) => !/status of 422 .*\/admin\/settings\)$/.test(p)), []);
    } finally {
      await close();
    }
  });
  test('the admin opens a paid order’s invoice and packing slip; printing leaves the back office out', async () => {
    const { page, problems, close } = await openPage(browser, 'fr-CA');
    try {
      await signInTo(page, '/admin/orders', accounts.admin);
      await page.goto(`${server.url}/admin/orders?status=paid`);
      await settle(page);
      const first = page.locator('a[href^="/admin/orders/CMP-"]').first();
      const order = await first.getAttribute('href');
      await page.goto(`${server.url}${order}/invoice`);
      await settle(page);
      const paper = page.locator('article.document--invoice');
      assert.match(await paper.textContent(), /123456789RT0001/);
      assert.deepEqual(await axe(page), [], 'axe on an invoice');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.admin-nav').isVisible(), false, 'no navigation on paper');
      assert.equal(await page.locator('.admin-header').isVisible(), false, 'no header on paper');
      assert.equal(await paper.isVisible(), true);
      await page.emulateMedia({ media: 'screen' });
      await page.goto(`${server.url}${order}/packing-slip?lang=en`);
      await settle(page);
      assert.equal(await page.locator('article.document--packing-slip').getAttribute('lang'), 'en');
      assert.deepEqual(await axe(page), [], 'axe on a packing slip');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('the catalog manager imports a CSV file: the dry run, then the apply; the storefront shows the new product', async () => {
    const { page, problems, close } = await openPage(browser, 'fr-CA');
    try {
      await signInTo(page, '/admin/products/import', accounts.catalog_manager);
      if ((await lang(page)).startsWith('en')) await go(page, page.getByRole('button', { name: 'Français' }), '/admin/products/import');
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Importer des produits');
      assert.deepEqual(await axe(page), [], 'axe on the import page');

      const id = process.pid;
      const file = [
        'fr_slug;fr_name;en_name;status;sku;fr_variant;en_variant;price;stock',
        `bol-navigateur-${id};Bol du navigateur ${id};Browser bowl ${id};active;NAV-${id}-S;Petit;Small;19,90;5`,
        `bol-navigateur-${id};;;;NAV-${id}-L;Grand;Large;24,90;5`,
        `;;;;NAV-${id}-X;;;douze;`,
      ].join('\r\n');
      await page.getByLabel('Fichier CSV').setInputFiles({ name: 'navigateur.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
      await Promise.all([page.waitForURL(/\/admin\/products\/import\/\d+$/),
        page.getByRole('button', { name: 'Vérifier le fichier' }).click()]);
      // The page's script follows the dry run and reloads once it is over.
      await page.locator('#import-summary').waitFor({ timeout: 30_000 });
      await settle(page);
      assert.equal(await page.locator('#import-status').textContent(), 'Vérifié, non appliqué');
      assert.equal(await page.locator('[data-outcome="created"].admin-import-count').textContent(), '2');
      assert.equal(await page.locator('[data-outcome="refused"].admin-import-count').textContent(), '1');
      assert.match(await page.locator('#line-4').textContent(), /price : Pas un prix : douze/);
      assert.deepEqual(await axe(page), [], 'axe on a checked import');
      const storefront = `${server.url}/en/product/browser-bowl-${id}`;
      assert.equal((await get(storefront)).status, 404, 'a dry run writes nothing');

      const here = pathOf(page);
      await go(page, page.getByRole('button', { name: 'Appliquer l’import' }), here);
      await page.locator('#import-status', { hasText: /^Appliqué$/ }).waitFor({ timeout: 30_000 });
      await settle(page);
      assert.deepEqual(await axe(page), [], 'axe on an applied import');
      const shown = await get(storefront);
      assert.equal(shown.status, 200);
      assert.ok(shown.text.includes(`Browser bowl ${id}`), 'the storefront does not show the imported product');

      await go(page, page.getByRole('button', { name: 'English' }), here);
      assert.equal(await page.locator('#import-status').textContent(), 'Applied');
      assert.deepEqual(await axe(page), [], 'axe on an import in English');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
