#!/usr/bin/env node
// Takes the screenshots of docs/analytics.md: a throw-away shop (its own PostgreSQL database)
// with ANALYTICS pointed at the local fakes, the consent banner of GA4 and the information notice
// of Plausible as a visitor without a choice sees them on a phone (390 px wide), in French and
// English, in Debian's Chromium, written to docs/img/analytics-*.png.
//
//   COMPTOIR_BIN=build/debug/comptoir COMPTOIR_TEST_DATABASE_URL=postgres://… \
//     CHROMIUM_PATH=/usr/bin/chromium scripts/analytics-screenshots.mjs
//
// Run it again when the banner changes, and commit the pictures with the change.
import path from 'node:path';
import { launchBrowser, openPage, settle } from '../tests/support/browser.mjs';
import { REPO_ROOT } from '../tests/support/env.mjs';
import { startFakeAnalytics } from '../tests/support/fake_analytics.mjs';
import { startServer } from '../tests/support/server.mjs';

const KEYS = `shots:${Buffer.alloc(32, 9).toString('base64')}`;
const out = (name) => path.join(REPO_ROOT, 'docs', 'img', `analytics-${name}.png`);

const ga4 = await startFakeAnalytics({ kind: 'ga4' });
const plausible = await startFakeAnalytics({ kind: 'plausible' });
const shops = {
  ga4: await startServer({ env: { COMPTOIR_SECRET_KEYS: KEYS, ANALYTICS: ga4.setting, GA4_API_SECRET: ga4.apiSecret } }),
  plausible: await startServer({ env: { COMPTOIR_SECRET_KEYS: KEYS, ANALYTICS: plausible.setting } }),
};
const browser = await launchBrowser();
try {
  for (const [kind, server] of Object.entries(shops)) {
    for (const [lang, locale] of [['fr', 'fr-CA'], ['en', 'en-CA']]) {
      const { page, close } = await openPage(browser, locale);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.url}/${lang}/`);
      await page.locator('[data-consent-banner]').waitFor({ state: 'visible' });
      await settle(page);
      await page.screenshot({ path: out(`${kind}-${lang}`) });
      console.log(`docs/img/analytics-${kind}-${lang}.png`);
      await close();
    }
  }
} finally {
  await browser.close();
  for (const server of Object.values(shops)) await server.stop();
  await ga4.close();
  await plausible.close();
}
