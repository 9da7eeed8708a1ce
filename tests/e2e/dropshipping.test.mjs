// Dropshipping in a real browser (Debian's Chromium through playwright-core), in French and in
// English: a customer buys a T-shirt printed on demand (its product page → cart → checkout →
// the fake Stripe's "Pay"); the paid order becomes a supplier order; `comptoir suppliers dispatch`
// sends it to Printify (tests/support/fake_printify.mjs); Printify ships it; the next dispatch
// records the tracking, the shop marks the order shipped, the customer's order page says so and
// the shipped mail carries the tracking number and link.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, openPage, settle } from '../support/browser.mjs';
import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { until } from '../support/checkout_fixtures.mjs';
import { startFakePrintify } from '../support/fake_printify.mjs';
import { startFakeStripe } from '../support/fake_stripe.mjs';
import { runComptoir, sleep, startServer, tempDir } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';

const STRIPE_KEY = 'sk_test_comptoir_dropship';
const WEBHOOK_SECRET = 'whsec_comptoir_dropship';
const capture = await startSmtpCapture();
const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

const UI = {
  fr: {
    tag: 'fr-CA', product: (p) => `/fr/produit/${p.slugs.fr}`, addToCart: 'Ajouter au panier', cart: '/fr/panier',
    toCheckout: 'Passer la commande', checkout: '/fr/commande', pay: 'Continuer vers le paiement', orders: '/fr/commandes/',
    labels: { email: 'Adresse courriel', fullName: 'Nom complet', line1: 'Adresse', city: 'Ville', region: 'Province ou pays', postalCode: 'Code postal' },
    quebec: 'Québec', statusTerm: 'État', paid: 'Payée', shipped: 'Expédiée', shippedSubject: (n) => `Commande ${n} expédiée`,
  },
  en: {
    tag: 'en-CA', product: (p) => `/en/product/${p.slugs.en}`, addToCart: 'Add to cart', cart: '/en/cart',
    toCheckout: 'Proceed to checkout', checkout: '/en/checkout', pay: 'Continue to payment', orders: '/en/orders/',
    labels: { email: 'Email address', fullName: 'Full name', line1: 'Address', city: 'City', region: 'Province or country', postalCode: 'Postal code' },
    quebec: 'Quebec', statusTerm: 'Status', paid: 'Paid', shipped: 'Shipped', shippedSubject: (n) => `Order ${n} has shipped`,
  },
};

async function fact(page, term) {
  const dt = page.locator('dl dt').filter({ hasText: new RegExp(`^\\s*${term}\\s*$`) }).first();
  return plain(await dt.locator('xpath=following-sibling::dd[1]').innerText());
}

async function go(page, locator, match) {
  const predicate = typeof match === 'string' ? (url) => url.pathname === match : match;
  await Promise.all([page.waitForURL(predicate, { timeout: 30_000 }), locator.click()]);
  await settle(page);
}

describe('a dropshipped order, from the storefront to Printify and back', { timeout: 240_000 }, () => {
  let browser;
  let server;
  let stripe;
  let printify;
  let dir;
  let shopsFile;
  let product;
  const env = { COMPTOIR_ENV: 'test' };
  const sql = (query) => execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();
  const suppliers = async (...args) => {
    const done = await runComptoir(['suppliers', ...args, '--shops', shopsFile, '--shop', 'atelier'], { env, timeout: 60_000 });
    assert.equal(done.code, 0, done.output);
    return done.stdout;
  };

  before(async () => {
    browser = await launchBrowser();
    stripe = await startFakeStripe({ secretKey: STRIPE_KEY, webhookSecret: WEBHOOK_SECRET });
    printify = await startFakePrintify({ productCount: 1, variantsPerProduct: 2 });
    const keys = `k1:${randomBytes(32).toString('base64')}`;
    server = await startServer({ env: { COMPTOIR_SECRET_KEYS: keys, SMTP_URL: capture.url, MAIL_FROM: 'atelier@example.ca',
      STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url } });
    stripe.webhookUrl = `${server.url}/webhooks/stripe`;
    const api = catalogApi(server, await createToken(server));
    const made = await api.post('/api/v1/products', {
      status: 'active', fulfillment_type: 'PRINT_ON_DEMAND',
      text: { fr: { name: 'T-shirt sérigraphié' }, en: { name: 'Screen-printed T-shirt' } },
      variants: [{ sku: 'PFY-0-1', price_cents: 3_500, stock_on_hand: 0, track_inventory: false }],
    });
    product = { slugs: { fr: made.text.fr.slug, en: made.text.en.slug } };

    dir = tempDir('comptoir-dropship-');
    fs.writeFileSync(path.join(dir, 'atelier.keys'), `${keys}\n`, { mode: 0o600 });
    shopsFile = path.join(dir, 'comptoir-shops.json');
    fs.writeFileSync(shopsFile, JSON.stringify([{ id: 'atelier', database_url: server.database.url, secret_keys_file: 'atelier.keys' }]));
    fs.writeFileSync(path.join(dir, 'printify.json'), JSON.stringify({ token: printify.token }));
    await suppliers('add', '--type', 'printify', '--name', 'Printify', '--api-base', printify.url, '--account', String(printify.shopId),
      '--credentials-file', path.join(dir, 'printify.json'));
    assert.match(await suppliers('sync'), /1 mapped by SKU/);
  }, { timeout: 120_000 });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const ui of Object.values(UI)) {
    test(`${ui.tag}: bought in the shop, made and shipped by Printify, shipped in the shop with the tracking mail`, async () => {
      const { page, problems, close } = await openPage(browser, ui.tag);
      try {
        const email = `dropship.${ui.tag}.${Date.now()}@example.ca`;
        await page.goto(`${server.url}${ui.product(product)}`);
        await settle(page);
        await go(page, page.getByRole('button', { name: ui.addToCart }), ui.cart);
        await go(page, page.getByRole('link', { name: ui.toCheckout }), ui.checkout);
        const fields = { email, fullName: 'Héloïse Tremblay', line1: '1234, rue Saint-Denis', city: 'Montréal', postalCode: 'H2X 1Y4' };
        for (const [key, value] of Object.entries(fields)) await page.getByLabel(ui.labels[key], { exact: true }).fill(value);
        await page.getByLabel(ui.labels.region, { exact: true }).selectOption({ label: ui.quebec });
        await Promise.all([page.waitForURL((url) => url.href.startsWith(`${stripe.url}/pay/`), { timeout: 15_000 }),
          page.getByRole('button', { name: ui.pay }).click()]);
        await go(page, page.getByRole('button', { name: 'Pay', exact: true }), (url) => url.pathname.startsWith(ui.orders));
        assert.equal(await fact(page, ui.statusTerm), ui.paid);
        const number = (await fact(page, ui.tag.startsWith('fr') ? 'Numéro de commande' : 'Order number'));
        assert.match(number, /^CMP-/);

        // The payment made the supplier order; the engine sends it to Printify.
        await until('the supplier order exists', () => sql(`SELECT s.state FROM supplier_orders s JOIN orders o ON o.id = s.order_id
          WHERE o.number = '${number}'`) === 'PENDING');
        assert.match(await suppliers('dispatch'), /1 sent/);
        const [made] = printify.orders.size ? [...printify.orders.values()].filter((o) => o.metadata.shop_order_label === number) : [];
        assert.ok(made, 'Printify has the order');
        assert.deepEqual([made.address_to.first_name, made.address_to.last_name, made.address_to.city], ['Héloïse', 'Tremblay', 'Montréal']);

        // Printify ships; the next dispatch learns it; the shop ships the order and mails the customer.
        await printify.ship(made.id, { carrier: 'canada_post', number: '7023210039414604' });
        await sleep(1_100);
        assert.match(await suppliers('dispatch'), /1 shipped/);
        await until('the shop shipped the order', () => sql(`SELECT status FROM orders WHERE number = '${number}'`) === 'fulfilled');
        await page.reload();
        await settle(page);
        assert.equal(await fact(page, ui.statusTerm), ui.shipped);
        const mail = await capture.waitFor(email, (m) => m.subject === ui.shippedSubject(number));
        const text = plain(mail.parts['text/plain'] ?? '');
        assert.ok(text.includes('7023210039414604'), `the mail gives the tracking number:\n${text}`);
        assert.ok(text.includes('canadapost-postescanada.ca'), `and Canada Post's tracking link:\n${text}`);
        assert.deepEqual(problems.filter((p) => !p.includes(stripe.url)), []);
      } finally {
        await close();
      }
    });
  }
});
