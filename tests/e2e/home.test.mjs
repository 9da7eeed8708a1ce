// The home pages in a real browser (Debian's Chromium through playwright-core): locale redirect,
// skip link, language switcher, accessibility (axe-core, WCAG 2.2 AA: the homes, the error page and
// the legal pages) and a clean console.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser, lang, openPage as openPageIn, pathOf, settle } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';

let server;
let browser;
const openPage = (locale) => openPageIn(browser, locale);
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('home page in a browser', { timeout: 60_000 }, () => {
  test('a French browser visiting / lands on /fr/ with lang="fr-CA"', async () => {
    const { page, problems, close } = await openPage('fr-CA');
    try {
      const response = await page.goto(`${server.url}/`);
      assert.equal(response.status(), 200);
      assert.equal(pathOf(page), '/fr/');
      assert.equal(await lang(page), 'fr-CA');
      await settle(page);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('an English browser visiting / lands on /en/ with lang="en-CA"', async () => {
    const { page, problems, close } = await openPage('en-US');
    try {
      await page.goto(`${server.url}/`);
      assert.equal(pathOf(page), '/en/');
      assert.equal(await lang(page), 'en-CA');
      await settle(page);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('the first Tab focuses a visible skip link that leads to the main content', async () => {
    const { page, problems, close } = await openPage();
    try {
      await page.goto(`${server.url}/fr/`);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const box = el.getBoundingClientRect();
        return { tag: el.tagName, href: el.getAttribute('href'), width: box.width, height: box.height, text: el.textContent.trim() };
      });
      assert.equal(focused.tag, 'A', `Tab focused a ${focused.tag}`);
      assert.match(focused.href ?? '', /^#.+/, `the first focusable link is not a skip link: ${focused.href}`);
      assert.ok(focused.text.length > 0, 'the skip link has no text');
      assert.ok(focused.width > 1 && focused.height > 1, `the focused skip link is not visible (${focused.width}×${focused.height})`);
      const target = focused.href.slice(1);
      assert.ok(await page.evaluate((id) => Boolean(document.getElementById(id)), target), `#${target} does not exist`);
      await page.keyboard.press('Enter');
      // The fragment navigation commits after the key press returns: wait for it (a busy machine
      // took longer than the next line).
      await page.waitForFunction((hash) => window.location.hash === hash, `#${target}`, { timeout: 5_000 })
        .catch(() => {});
      assert.equal(new URL(page.url()).hash, `#${target}`);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('the language switcher leads to the same page in the other language and back', async () => {
    const { page, problems, close } = await openPage();
    try {
      await page.goto(`${server.url}/fr/`);
      await Promise.all([page.waitForURL('**/en/'), page.locator('a[hreflang="en"]').first().click()]);
      assert.equal(pathOf(page), '/en/');
      assert.equal(await lang(page), 'en-CA');
      await Promise.all([page.waitForURL('**/fr/'), page.locator('a[hreflang="fr"]').first().click()]);
      assert.equal(pathOf(page), '/fr/');
      assert.equal(await lang(page), 'fr-CA');
      await settle(page);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('an unknown page shows the translated 404 in the browser', async () => {
    const { page, problems, close } = await openPage('en-US');
    try {
      const response = await page.goto(`${server.url}/en/nope`);
      assert.equal(response.status(), 404);
      assert.equal(await lang(page), 'en-CA');
      await settle(page);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});

describe('accessibility (axe-core, WCAG 2.2 AA)', { timeout: 60_000 }, () => {
  // The legal pages (docs/legal.md): each document once, in one language or the other.
  for (const path of ['/fr/', '/en/', '/fr/nope', '/en/nope', '/fr/confidentialite', '/en/terms',
    '/fr/mentions-legales', '/en/cookies']) {
    test(`${path} has no axe violations`, async () => {
      const { page, problems, close } = await openPage();
      try {
        await page.goto(`${server.url}${path}`);
        await settle(page);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
        const report = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
        assert.deepEqual(report, [], `axe violations on ${path}`);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  }
});
