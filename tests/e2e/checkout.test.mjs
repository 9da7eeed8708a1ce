// The purchase journey in a real browser (Debian's Chromium through playwright-core): product page
// → add to cart → cart → checkout form → payment → order page → mail, in French and in English,
// against the fake Stripe (its hosted page's "Pay" and "Cancel") and a real SMTP capture; the
// manual-payment path of a shop without a Stripe key; the checkout form's error summary, reached
// with the keyboard. Accessibility (axe-core, WCAG 2.2 AA) of the checkout and order pages and a
// clean console (no CSP violation). Locators go through labels and roles, so they check those too.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser, lang, openPage as openPageIn, pathOf, settle } from '../support/browser.mjs';
import { createShop } from '../support/catalog_fixtures.mjs';
import { startFakeStripe } from '../support/fake_stripe.mjs';
import { startServer } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';

const STRIPE_KEY = 'sk_test_comptoir_e2e';
const WEBHOOK_SECRET = 'whsec_comptoir_e2e';
const MAIL_FROM = 'boutique@example.ca';

// One mailbox for the whole file (each customer has their own address). Started here, not in a
// hook: the capture's own `after` must belong to the file, not to the first hook or test.
const capture = await startSmtpCapture();
let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

// Each suite gets its own server, database and shop, so one journey's failure leaves the
// others' results meaningful.
let server;
let stripe = null;
function serveThisSuite(env) {
  before(async () => {
    server = await startServer({ env: { SMTP_URL: capture.url, MAIL_FROM, ...(await env()) } });
    await createShop(server);
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

// openPage from the support module, except that a refused form's own document status (422: the
// right answer to an incomplete form) is not counted as a problem, nor anything the fake Stripe
// page does (its missing favicon): it stands in for Stripe and is not under test.
async function openPage(locale) {
  const opened = await openPageIn(browser, locale);
  const refusedDocuments = new Set();
  opened.page.on('response', (res) => {
    if (res.request().isNavigationRequest() && res.status() >= 400 && res.status() < 500) refusedDocuments.add(res.url());
  });
  const ownStatus = /^console: Failed to load resource: the server responded with a status of 4\d\d .*\((.+)\)$/;
  const problems = {
    get list() {
      return opened.problems.filter((text) => !refusedDocuments.has(text.match(ownStatus)?.[1])
        && !(stripe && text.includes(`(${stripe.url}/`)));
    },
  };
  return { page: opened.page, problems, close: opened.close };
}

// ---- helpers -------------------------------------------------------------------------------------

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function assertNoAxeViolations(page, what) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const report = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  assert.deepEqual(report, [], `axe violations on ${what} (${pathOf(page)})`);
}

// Amounts are formatted with no-break spaces (narrow or not): compare them as plain text.
const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The value next to the term `term` in the page's first description list holding it.
async function fact(page, term) {
  const dt = page.locator('dl dt').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(term)}\\s*$`) }).first();
  return plain(await dt.locator('xpath=following-sibling::dd[1]').innerText());
}

// Clicks `locator` and waits for a page whose URL satisfies `match`.
async function go(page, locator, match) {
  const predicate = typeof match === 'string' ? (url) => url.pathname === match : match;
  await Promise.all([page.waitForURL(predicate, { timeout: 30_000 }), locator.click()]);
  await settle(page);
}

const status = (page) => page.getByRole('status');
const alert = (page) => page.getByRole('alert');
const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? null);

let customers = 0;
const newEmail = (who) => {
  customers += 1;
  return `${who}.${customers}.${Date.now()}@example.ca`;
};

// What each language's pages say, and the product each journey buys.
const FR = {
  tag: 'fr-CA',
  product: '/fr/produit/theiere-en-fonte',
  line: 'Théière en fonte (Petite)',
  addToCart: 'Ajouter au panier',
  cart: '/fr/panier',
  toCheckout: 'Passer la commande',
  checkout: '/fr/commande',
  labels: {
    email: 'Adresse courriel', fullName: 'Nom complet', line1: 'Adresse', city: 'Ville',
    region: 'Province ou pays', postalCode: 'Code postal',
  },
  quebec: 'Québec',
  pay: 'Continuer vers le paiement',
  placeOrder: 'Passer ma commande',
  orders: '/fr/commandes/',
  numberTerm: 'Numéro de commande',
  statusTerm: 'État',
  confirmed: /^Merci ! Votre paiement est reçu et votre commande est confirmée\./,
  paid: 'Payée',
  awaiting: /^Merci ! Votre commande est passée et vos articles sont réservés\./,
  pending: 'En attente de paiement',
  confirmationSubject: (n) => `Commande ${n} confirmée`,
  awaitingSubject: (n) => `Commande ${n} : en attente de votre paiement`,
  emptyCart: 'Votre panier est vide.',
};
const EN = {
  tag: 'en-CA',
  product: '/en/product/stoneware-cup',
  line: 'Stoneware cup',
  addToCart: 'Add to cart',
  cart: '/en/cart',
  toCheckout: 'Proceed to checkout',
  checkout: '/en/checkout',
  labels: {
    email: 'Email address', fullName: 'Full name', line1: 'Address', city: 'City',
    region: 'Province or country', postalCode: 'Postal code',
  },
  quebec: 'Quebec',
  pay: 'Continue to payment',
  orders: '/en/orders/',
  numberTerm: 'Order number',
  statusTerm: 'Status',
  confirmed: /^Thank you! Your payment was received and your order is confirmed\./,
  paid: 'Paid',
  cancelled: /^The payment was not completed and nothing was charged\. Your cart is kept/,
  backToCart: 'Cancel this order and go back to my cart',
  confirmationSubject: (n) => `Order ${n} confirmed`,
};

const isOrderPage = (ui) => (url) => url.pathname.startsWith(ui.orders) && /^cmp-[a-z0-9]+$/.test(url.pathname.slice(ui.orders.length));

// Product page → "add to cart" → the cart shows the line → "proceed to checkout".
async function addToCartAndCheckOut(page, ui, product = ui.product, line = ui.line) {
  await page.goto(`${server.url}${product}`);
  await settle(page);
  await go(page, page.getByRole('button', { name: ui.addToCart }), ui.cart);
  assert.equal(await lang(page), ui.tag);
  const row = page.locator('table tbody tr', { hasText: line.replace(/ \(.*\)$/, '') });
  assert.equal(await row.count(), 1, `the cart shows one line for ${line}`);
  await go(page, page.getByRole('link', { name: ui.toCheckout }), ui.checkout);
  assert.equal(await lang(page), ui.tag);
}

// Fills the checkout form as a customer shipping to Québec; `skip` leaves those fields empty.
async function fillCheckout(page, ui, email, { skip = [] } = {}) {
  const values = { email, fullName: 'Héloïse Tremblay', line1: '1234, rue Saint-Denis', city: 'Montréal', postalCode: 'H2X 1Y4' };
  for (const [key, value] of Object.entries(values)) {
    if (!skip.includes(key)) await page.getByLabel(ui.labels[key], { exact: true }).fill(value);
  }
  const region = page.getByLabel(ui.labels.region, { exact: true });
  await region.selectOption({ label: ui.quebec });
  assert.equal(await region.inputValue(), 'CA-QC');
}

// The order page's number (CMP-…), checked against its URL.
async function orderNumber(page, ui) {
  const number = await fact(page, ui.numberTerm);
  assert.match(number, /^CMP-[A-Z0-9]+$/);
  assert.equal(pathOf(page), `${ui.orders}${number.toLowerCase()}`);
  return number;
}

// "Continue to payment": the checkout creates one Checkout Session and its answer sends the
// browser on to that session's hosted page. Resolves to the fake's session.
async function continueToStripe(page, ui, problems) {
  const known = new Set(stripe.sessions.keys());
  const onStripe = (url) => url.href.startsWith(`${stripe.url}/pay/`);
  await Promise.all([
    page.waitForURL(onStripe, { timeout: 15_000 }).catch(() => {}),
    page.getByRole('button', { name: ui.pay }).click(),
  ]);
  await settle(page);
  const created = [...stripe.sessions.values()].filter((s) => !known.has(s.id));
  assert.equal(created.length, 1, 'the checkout created one Checkout Session');
  assert.equal(page.url(), created[0].url, `the browser did not follow the checkout's redirect to Stripe's page `
    + `and is on ${page.url()}:\n${problems.list.join('\n')}`);
  return created[0];
}

// ---- paying with Stripe --------------------------------------------------------------------------

describe('the purchase journey, paid on Stripe', { timeout: 180_000 }, () => {
  serveThisSuite(async () => {
    stripe = await startFakeStripe({ secretKey: STRIPE_KEY, webhookSecret: WEBHOOK_SECRET });
    return { STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url };
  });
  before(() => {
    stripe.webhookUrl = `${server.url}/webhooks/stripe`;
  });
  after(() => {
    stripe = null;
  });

  for (const ui of [FR, EN]) {
    test(`${ui.tag}: product → cart → checkout → Stripe → confirmed order and mail`, async () => {
      const { page, problems, close } = await openPage(ui.tag);
      try {
        const email = newEmail(`journey-${ui.tag}`);
        await addToCartAndCheckOut(page, ui);
        assert.equal(await page.getByRole('button', { name: ui.pay }).count(), 1, 'the Stripe shop continues to payment');
        const reviewedTotal = await fact(page, 'Total');
        assert.match(reviewedTotal, /\d/);
        assert.equal(await page.locator('table tbody tr', { hasText: ui.line }).count(), 1, 'the summary lists the line');
        await assertNoAxeViolations(page, 'the checkout page');

        await fillCheckout(page, ui, email);
        const session = await continueToStripe(page, ui, problems);
        assert.equal(session.customer_email, email);
        assert.equal(session.locale, ui.tag.slice(0, 2));
        assert.equal(session.amount_total, Number(reviewedTotal.replace(/\D/g, '')), 'Stripe charges the reviewed total');

        await go(page, page.getByRole('button', { name: 'Pay', exact: true }), isOrderPage(ui));
        assert.equal(await lang(page), ui.tag);
        assert.match(plain(await status(page).innerText()), ui.confirmed);
        const number = await orderNumber(page, ui);
        assert.equal(session.metadata.order_id, number);
        assert.equal(await fact(page, ui.statusTerm), ui.paid);
        assert.equal(await fact(page, 'Total'), reviewedTotal, 'the order costs what the checkout showed');
        assert.equal(await page.locator('table tbody tr', { hasText: ui.line }).count(), 1, 'the order lists the line');
        await assertNoAxeViolations(page, 'the order page');

        const mail = await capture.waitFor(email, (m) => m.subject.includes(number));
        assert.equal(mail.subject, ui.confirmationSubject(number));
        const text = plain(mail.parts['text/plain'] ?? '');
        assert.ok(text.includes(number), 'the mail gives the order number');
        assert.ok(text.includes(ui.line), `the mail lists ${ui.line}`);
        assert.ok(text.includes(reviewedTotal), `the mail's text holds the total ${reviewedTotal}:\n${text}`);
        assert.deepEqual(problems.list, []);
      } finally {
        await close();
      }
    });
  }

  test('cancelling on Stripe comes back to the order page with a notice; its button cancels the order, and the cart keeps the item', async () => {
    const ui = EN;
    const { page, problems, close } = await openPage(ui.tag);
    try {
      await addToCartAndCheckOut(page, ui);
      await fillCheckout(page, ui, newEmail('cancel'));
      await continueToStripe(page, ui, problems);
      await go(page, page.getByRole('link', { name: 'Cancel', exact: true }), isOrderPage(ui));
      assert.equal(new URL(page.url()).searchParams.get('cancelled'), '1');
      assert.match(plain(await status(page).innerText()), ui.cancelled);
      await orderNumber(page, ui);
      assert.notEqual(await fact(page, ui.statusTerm), ui.paid);
      await assertNoAxeViolations(page, 'the order page after a cancelled payment');

      await go(page, page.getByRole('button', { name: ui.backToCart }), ui.cart);
      assert.equal(await page.locator('table tbody tr', { hasText: ui.line }).count(), 1, 'the cart still holds the item');
      assert.equal(await page.getByRole('link', { name: ui.toCheckout }).count(), 1, 'and can be checked out again');
      assert.deepEqual(problems.list, []);
    } finally {
      await close();
    }
  });
});

// ---- paying offline (no Stripe key) --------------------------------------------------------------

describe('the purchase journey, paid offline (no Stripe key)', { timeout: 180_000 }, () => {
  serveThisSuite(async () => ({}));

  test('fr-CA: product → cart → checkout → "Passer ma commande" → order awaiting payment, mail, empty cart', async () => {
    const ui = FR;
    const { page, problems, close } = await openPage(ui.tag);
    try {
      const email = newEmail('manual');
      await addToCartAndCheckOut(page, ui);
      assert.equal(await page.getByRole('button', { name: ui.pay }).count(), 0, 'no payment page without Stripe');
      const reviewedTotal = await fact(page, 'Total');
      await assertNoAxeViolations(page, 'the checkout page (manual payment)');
      await fillCheckout(page, ui, email);
      await go(page, page.getByRole('button', { name: ui.placeOrder }), isOrderPage(ui));
      assert.equal(await lang(page), ui.tag);
      assert.match(plain(await status(page).innerText()), ui.awaiting);
      const number = await orderNumber(page, ui);
      assert.equal(await fact(page, ui.statusTerm), ui.pending);
      assert.equal(await fact(page, 'Total'), reviewedTotal);
      assert.equal(await page.locator('table tbody tr', { hasText: ui.line }).count(), 1, 'the order lists the line');
      await assertNoAxeViolations(page, 'the order page awaiting payment');

      const mail = await capture.waitFor(email, (m) => m.subject.includes(number));
      assert.equal(mail.subject, ui.awaitingSubject(number));
      const text = plain(mail.parts['text/plain'] ?? '');
      assert.ok(text.includes(ui.line), `the mail lists ${ui.line}`);
      assert.ok(text.includes(reviewedTotal), `the mail's text holds the total ${reviewedTotal}:\n${text}`);
      // The mail's link opens the order (token), in the order's language.
      const link = /https?:\/\/\S+\?t=\S+/.exec(text)?.[0];
      assert.ok(link, `the mail links to the order:\n${text}`);
      assert.equal(new URL(link).pathname, `${ui.orders}${number.toLowerCase()}`);

      await page.goto(`${server.url}${ui.cart}`);
      await settle(page);
      assert.ok((await page.locator('main').innerText()).includes(ui.emptyCart), 'the cart is now empty');
      assert.equal(await page.getByRole('link', { name: ui.toCheckout }).count(), 0);
      assert.deepEqual(problems.list, []);
    } finally {
      await close();
    }
  });

  test('an incomplete checkout form shows an error summary reached with the keyboard, and keeps what was typed', async () => {
    const ui = FR;
    const { page, problems, close } = await openPage(ui.tag);
    try {
      const email = newEmail('incomplete');
      await addToCartAndCheckOut(page, ui, '/fr/produit/tasse-en-gres', 'Tasse en grès');
      await fillCheckout(page, ui, email, { skip: ['line1', 'city'] });
      // Enter in the last text field submits the form (implicit submission), as a keyboard user does.
      const [response] = await Promise.all([
        page.waitForResponse((res) => res.request().isNavigationRequest() && res.request().method() === 'POST'),
        page.getByLabel(ui.labels.postalCode, { exact: true }).press('Enter'),
      ]);
      await settle(page);
      assert.equal(response.status(), 422);
      assert.equal(pathOf(page), ui.checkout);

      const summary = alert(page);
      assert.equal(await summary.count(), 1, 'one error summary (role=alert)');
      const links = summary.getByRole('link');
      const targets = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(targets.sort(), ['#city', '#line1'], 'the summary links to each field in error');
      for (const key of ['line1', 'city']) {
        const field = page.getByLabel(ui.labels[key], { exact: true });
        assert.equal(await field.getAttribute('aria-invalid'), 'true', `${key} is marked invalid`);
        const described = (await field.getAttribute('aria-describedby')) ?? '';
        assert.ok(described.split(' ').includes(`${key}-error`), `${key} is described by its error message`);
      }
      for (const key of ['email', 'fullName', 'postalCode']) {
        assert.equal(await page.getByLabel(ui.labels[key], { exact: true }).getAttribute('aria-invalid'), null, `${key} is not marked invalid`);
      }
      assert.equal(await page.getByLabel(ui.labels.email, { exact: true }).inputValue(), email, 'the typed email is kept');
      assert.equal(await page.getByLabel(ui.labels.fullName, { exact: true }).inputValue(), 'Héloïse Tremblay');
      assert.equal(await page.getByLabel(ui.labels.region, { exact: true }).inputValue(), 'CA-QC');

      // Keyboard: the summary's first link, followed with Enter, puts focus in the field to fix.
      const first = links.first();
      await first.focus();
      const target = (await first.getAttribute('href')).slice(1);
      await page.keyboard.press('Enter');
      assert.equal(await focusedId(page), target, 'the summary link moves focus to its field');
      await assertNoAxeViolations(page, 'the checkout page with errors');

      // Nothing was ordered: the fixed form places the order.
      await page.getByLabel(ui.labels.line1, { exact: true }).fill('1234, rue Saint-Denis');
      await page.getByLabel(ui.labels.city, { exact: true }).fill('Montréal');
      await go(page, page.getByRole('button', { name: ui.placeOrder }), isOrderPage(ui));
      assert.match(plain(await status(page).innerText()), ui.awaiting);
      assert.equal(await page.locator('table tbody tr', { hasText: 'Tasse en grès' }).count(), 1, 'the order lists the line');
      assert.deepEqual(problems.list, []);
    } finally {
      await close();
    }
  });
});
