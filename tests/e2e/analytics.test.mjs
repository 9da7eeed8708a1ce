// Audience measurement with consent in a real browser (Debian's Chromium through playwright-core),
// against the local fakes of GA4 and Plausible (tests/support/fake_analytics.mjs). Every request
// the browser makes is recorded, so "nothing before consent" is checked, not assumed; the banner,
// Accept and Refuse alike, the events after a yes (view_item, add_to_cart, view_item_list,
// begin_checkout), none after a withdrawal from the footer, the choice kept across pages, and
// axe-core clean with the banner shown, in French and English.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { startFakeAnalytics } from '../support/fake_analytics.mjs';
import { axeViolations, clickTo, launchBrowser, openPage as openPageIn, settle } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';

const ga4 = await startFakeAnalytics({ kind: 'ga4', measurementId: 'G-E2ETEST1', apiSecret: 'mp-e2e' });
const plausible = await startFakeAnalytics({ kind: 'plausible', domain: 'e2e.test' });
let shop;
let shopPlausible;
let browser;
const cup = { sku: `E2E-CUP-${process.pid}`, fr: 'tasse-e2e', en: 'cup-e2e' };

async function stock(server) {
  const api = catalogApi(server, await createToken(server));
  const made = await api.post('/api/v1/products', {
    status: 'active', text: { fr: { name: 'Tasse en grès', slug: cup.fr }, en: { name: 'Stoneware cup', slug: cup.en } },
    variants: [{ sku: cup.sku, price_cents: 1_250, stock_on_hand: 100 }],
  });
  return made.id;
}

before(async () => {
  shop = await startServer({ env: { ANALYTICS: ga4.setting, GA4_API_SECRET: ga4.apiSecret } });
  shopPlausible = await startServer({ env: { ANALYTICS: plausible.setting } });
  cup.id = await stock(shop);
  await stock(shopPlausible);
  browser = await launchBrowser();
}, { timeout: 90_000 });
after(async () => {
  await browser?.close();
  await shop?.stop();
  await shopPlausible?.stop();
});

// A page whose every request is recorded, besides the problems openPage collects.
async function openPage(locale = 'fr-CA') {
  const opened = await openPageIn(browser, locale);
  opened.requests = [];
  opened.page.on('request', (req) => opened.requests.push(req.url()));
  return opened;
}
const toFake = (requests, fake) => requests.filter((url) => url.startsWith(fake.url));
const banner = (page) => page.locator('[data-consent-banner]');
const events = (fake, name) => fake.browserEvents.filter((e) => e.name === name);
const productPath = (lang) => (lang === 'fr' ? `/fr/produit/${cup.fr}` : `/en/product/${cup.en}`);

describe('GA4 with consent', { timeout: 120_000 }, () => {
  for (const [locale, lang, accept, refuse] of [['fr-CA', 'fr', 'Accepter', 'Refuser'], ['en-CA', 'en', 'Accept', 'Refuse']]) {
    test(`${lang}: nothing reaches the analytics host before a choice; the banner shows Accept and Refuse alike; axe clean`, async () => {
      const { page, problems, requests, close } = await openPage(locale);
      try {
        await page.goto(`${shop.url}${productPath(lang)}`);
        await settle(page);
        await banner(page).waitFor({ state: 'visible' });
        assert.deepEqual(toFake(requests, ga4), [], 'no request before consent');
        assert.deepEqual((await page.context().cookies()).map((c) => c.name).filter((n) => n.startsWith('_ga')), []);
        const yes = page.getByRole('button', { name: accept, exact: true });
        const no = page.getByRole('button', { name: refuse, exact: true });
        assert.equal(await yes.count(), 1);
        assert.equal(await no.count(), 1);
        const look = (button) => button.evaluate((el) => {
          const style = getComputedStyle(el);
          const box = el.getBoundingClientRect();
          return { size: style.fontSize, weight: style.fontWeight, background: style.backgroundColor, color: style.color, height: Math.round(box.height), width: Math.round(box.width), top: Math.round(box.top), parent: el.parentElement.className };
        });
        assert.deepEqual(await look(no), await look(yes), 'Refuse looks exactly as Accept does, on the same row');
        assert.deepEqual(await axeViolations(page), []);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  }

  test('Accept: gtag loads, view_item on the product page, add_to_cart on the form, the choice kept across pages', async () => {
    const { page, problems, requests, close } = await openPage('fr-CA');
    ga4.reset();
    try {
      await page.goto(`${shop.url}${productPath('fr')}`);
      await banner(page).waitFor({ state: 'visible' });
      await page.getByRole('button', { name: 'Accepter', exact: true }).click();
      await banner(page).waitFor({ state: 'hidden' });
      await ga4.waitFor(() => events(ga4, 'view_item').length === 1, { what: 'view_item' });
      assert.ok(toFake(requests, ga4).some((url) => url.startsWith(`${ga4.url}/gtag/js?id=G-E2ETEST1`)));
      assert.deepEqual(events(ga4, 'view_item')[0].params, {
        currency: 'CAD', value: 12.5, items: [{ item_id: cup.sku, item_name: 'Tasse en grès', price: 12.5, quantity: 1 }],
      });
      const consent = (await page.context().cookies()).find((c) => c.name === 'comptoir_consent');
      assert.equal(consent.value, 'analytics:granted.v1');
      assert.equal(consent.sameSite, 'Lax');
      assert.ok(consent.expires * 1000 - Date.now() > 180 * 86400 * 1000, 'kept six months');

      await page.fill('#quantity', '2');
      await clickTo(page, page.getByRole('button', { name: 'Ajouter au panier' }), '/fr/panier');
      await ga4.waitFor(() => events(ga4, 'add_to_cart').length === 1, { what: 'add_to_cart' });
      assert.deepEqual(events(ga4, 'add_to_cart')[0].params, {
        currency: 'CAD', value: 25, transport_type: 'beacon', items: [{ item_id: cup.sku, item_name: 'Tasse en grès', price: 12.5, quantity: 2 }],
      });
      // Another page: no banner, measured at once.
      await page.goto(`${shop.url}/fr/produits`);
      await settle(page);
      assert.equal(await banner(page).isVisible(), false);
      await ga4.waitFor(() => events(ga4, 'view_item_list').length === 1, { what: 'view_item_list' });
      assert.ok(events(ga4, 'view_item_list')[0].params.items.some((item) => item.item_id === `product-${cup.id}`));
      await page.goto(`${shop.url}/fr/commande`);
      await settle(page);
      await ga4.waitFor(() => events(ga4, 'begin_checkout').length === 1, { what: 'begin_checkout' });
      assert.deepEqual(events(ga4, 'begin_checkout')[0].params.items, [{ item_id: cup.sku, item_name: 'Tasse en grès', price: 12.5, quantity: 2 }]);
      assert.deepEqual(problems, []);

      // Withdrawal from the footer: the preferences page, a plain form; then nothing more.
      await clickTo(page, page.getByRole('link', { name: 'Préférences de témoins' }), '/fr/temoins');
      await page.getByLabel('Je refuse la mesure d\'audience').check();
      await clickTo(page, page.getByRole('button', { name: 'Enregistrer mon choix' }), '/fr/commande');
      const cookies = await page.context().cookies();
      assert.equal(cookies.find((c) => c.name === 'comptoir_consent').value, 'analytics:denied.v1');
      assert.deepEqual(cookies.map((c) => c.name).filter((n) => n.startsWith('_ga')), [], 'GA\'s cookies went with the withdrawal');
      const counted = ga4.requests.length;
      requests.length = 0;
      await page.goto(`${shop.url}${productPath('fr')}`);
      await settle(page);
      await page.goto(`${shop.url}/fr/produits`);
      await settle(page);
      assert.equal(await banner(page).isVisible(), false, 'the choice is remembered');
      assert.deepEqual(toFake(requests, ga4), [], 'no request after the withdrawal');
      assert.equal(ga4.requests.length, counted);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('Refuse: the banner goes, nothing is loaded, on this page or the next', async () => {
    const { page, problems, requests, close } = await openPage('en-CA');
    try {
      await page.goto(`${shop.url}${productPath('en')}`);
      await banner(page).waitFor({ state: 'visible' });
      await page.getByRole('button', { name: 'Refuse', exact: true }).click();
      await banner(page).waitFor({ state: 'hidden' });
      await page.goto(`${shop.url}/en/products`);
      await settle(page);
      assert.equal(await banner(page).isVisible(), false);
      assert.deepEqual(toFake(requests, ga4), []);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('without JavaScript: no banner, no request, and the footer link still leads to a working form', async () => {
    const context = await browser.newContext({ locale: 'en-CA', javaScriptEnabled: false });
    const page = await context.newPage();
    const requests = [];
    page.on('request', (req) => requests.push(req.url()));
    try {
      await page.goto(`${shop.url}${productPath('en')}`);
      assert.equal(await banner(page).isVisible(), false);
      await clickTo(page, page.getByRole('link', { name: 'Cookie preferences' }), '/en/cookies');
      await page.getByLabel('I accept audience measurement').check();
      await clickTo(page, page.getByRole('button', { name: 'Save my choice' }), `/en/product/${cup.en}`);
      assert.equal((await context.cookies()).find((c) => c.name === 'comptoir_consent').value, 'analytics:granted.v1');
      assert.deepEqual(toFake(requests, ga4), []);
    } finally {
      await context.close();
    }
  });
});

describe('Plausible: an information notice', { timeout: 60_000 }, () => {
  for (const [locale, lang, ok, optOut] of [['fr-CA', 'fr', 'D\'accord', 'Ne pas être compté'], ['en-CA', 'en', 'OK', 'Don\'t count me']]) {
    test(`${lang}: measured without a cookie, the notice offers an opt-out as visible as OK; axe clean`, async () => {
      const { page, problems, close } = await openPage(locale);
      plausible.reset();
      try {
        await page.goto(`${shopPlausible.url}${productPath(lang)}`);
        await banner(page).waitFor({ state: 'visible' });
        await plausible.waitFor(() => events(plausible, 'view_item').length === 1 && events(plausible, 'pageview').length === 1, { what: 'view_item and the pageview' });
        assert.deepEqual(events(plausible, 'view_item')[0].props, { currency: 'CAD', value: '12.5', item_id: cup.sku, item_name: lang === 'fr' ? 'Tasse en grès' : 'Stoneware cup', items: '1' });
        assert.deepEqual((await page.context().cookies()).map((c) => c.name).filter((n) => n !== '__Host-comptoir_session'), []);
        assert.equal(await page.getByRole('button', { name: ok, exact: true }).count(), 1);
        assert.deepEqual(await axeViolations(page), []);
        await page.getByRole('button', { name: optOut, exact: true }).click();
        await banner(page).waitFor({ state: 'hidden' });
        const seen = plausible.requests.length;
        await page.goto(`${shopPlausible.url}${productPath(lang)}`);
        await settle(page);
        assert.equal(plausible.requests.length, seen, 'nothing after opting out');
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  }
});
