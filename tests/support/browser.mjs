// Debian's Chromium through playwright-core, as the browser suites use it.
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { requireEnv } from './env.mjs';

// Without the background-networking flags Chromium keeps calling hosts this closed network refuses.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchBrowser() {
  return chromium.launch({ executablePath: requireEnv('CHROMIUM_PATH'), args: CHROMIUM_ARGS });
}

// A page in a fresh context whose console errors, page errors, failed subresources and CSP
// violations are collected in `problems`.
export async function openPage(browser, locale = 'fr-CA') {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // The browser reports the document's own 404 status; that is the page under test, not a fault.
    if (/status of 404/.test(text) && message.location().url === page.url()) return;
    problems.push(`console: ${text} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (req) => {
    // Leaving a page cancels its pending subresources (net::ERR_ABORTED): navigation, not a fault.
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !res.request().isNavigationRequest()) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return { page, problems, close: () => context.close() };
}

export const lang = (page) => page.evaluate(() => document.documentElement.lang);
export const pathOf = (page) => new URL(page.url()).pathname;

// The load event, then a moment for late console messages and CSP reports.
export async function settle(page) {
  await page.waitForLoadState('load');
  await page.waitForTimeout(200);
}

// What axe-core finds on the page against WCAG 2.2 AA, one line per rule with its elements:
// `assert.deepEqual(await axeViolations(page), [])`.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
}

// Clicks `locator` and waits until the page is at `path` and settled.
export async function clickTo(page, locator, path) {
  await Promise.all([page.waitForURL((url) => url.pathname === path, { timeout: 30_000 }), locator.click()]);
  await settle(page);
}
