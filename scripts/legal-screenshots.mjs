#!/usr/bin/env node
// Takes the screenshots of docs/legal.md: a throw-away shop (its own PostgreSQL database) with the
// demo shop's settings and legal details, its legal notice in French and English, at 1280 px and
// at 390 px (a phone) wide, in Debian's Chromium, written to docs/img/legal-*.png.
//
//   COMPTOIR_BIN=build/debug/comptoir COMPTOIR_TEST_DATABASE_URL=postgres://… \
//     CHROMIUM_PATH=/usr/bin/chromium scripts/legal-screenshots.mjs
//
// Run it again when the legal pages' look changes, and commit the pictures with the change.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { launchBrowser, openPage, settle } from '../tests/support/browser.mjs';
import { REPO_ROOT } from '../tests/support/env.mjs';
import { startServer } from '../tests/support/server.mjs';

const SETTINGS = {
  'shop.name': { fr: 'Comptoir démo', en: 'Comptoir demo' },
  'shop.contact_email': 'bonjour@comptoir.example',
  'legal.entity': {
    name: 'Comptoir démo inc.', address: '123, rue Saint-Paul Ouest\nMontréal (Québec)  H2Y 1Z5',
    gst_number: '123456789RT0001', qst_number: '1234567890TQ0001', vat_number: '', legal_form: 'Société par actions',
    neq: '1234567890', siren: '', siret: '', rcs_city: '', phone: '514 555-0123',
  },
  'legal.contacts': {
    privacy_officer: 'Direction générale', privacy_email: 'vieprivee@comptoir.example', publication_director: '',
    host_name: 'Hébergeur démo inc.', host_address: '1000, rue Sherbrooke Ouest\nMontréal (Québec)  H3A 3G4',
    mediator_name: '', mediator_url: '',
  },
};

const server = await startServer();
const browser = await launchBrowser();
try {
  const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;
  for (const [key, value] of Object.entries(SETTINGS)) {
    execFileSync('psql', [server.database.url, '-X', '-q', '-c',
      `INSERT INTO settings (key, value) VALUES (${quote(key)}, ${quote(JSON.stringify(value))}::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`]);
  }
  for (const [locale, url] of [['fr', '/fr/mentions-legales'], ['en', '/en/legal-notice']]) {
    for (const width of [1280, 390]) {
      const { page, close } = await openPage(browser, `${locale}-CA`);
      await page.setViewportSize({ width, height: width === 1280 ? 860 : 844 });
      await page.goto(`${server.url}${url}`);
      await settle(page);
      const file = path.join(REPO_ROOT, 'docs', 'img', `legal-notice-${locale}-${width}.png`);
      await page.screenshot({ path: file, fullPage: width === 1280 });
      console.log(`docs/img/legal-notice-${locale}-${width}.png  ${url}`);
      await close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
