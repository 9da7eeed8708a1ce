// /api/docs in a real browser (Debian's Chromium through playwright-core): no WCAG 2.2 A/AA
// violation for axe-core, no CSP violation, no console error, and its anchors lead somewhere.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { requireEnv, startServer } from '../support/server.mjs';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server;
let browser;
before(async () => {
  const executablePath = requireEnv('CHROMIUM_PATH');
  server = await startServer();
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('/api/docs is accessible and clean', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ locale: 'en-CA' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  try {
    const response = await page.goto(`${server.url}/api/docs`);
    assert.equal(response.status(), 200);
    await page.waitForLoadState('load');
    assert.equal(await page.locator('h1').count(), 1);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
    assert.deepEqual(violations, []);
    // Every in-page link names an element of the page.
    const broken = await page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')]
      .map((a) => a.getAttribute('href').slice(1))
      .filter((id) => !document.getElementById(id)));
    assert.deepEqual(broken, []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
