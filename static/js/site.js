// Comptoir's storefront script. Every page works without it; it adds two things:
// - the number of items in the cart beside the header's cart link, read from the
//   comptoir_cart_count cookie that cart changes set (a number, nothing else), so that every
//   visitor is sent the same page and only this fills in their count;
// - the Core Web Vitals of this page view (LCP, CLS, INP, measured by Google's web-vitals library,
//   /static/js/vendor/web-vitals.js) sent once to /vitals when the page is hidden: the kind of page
//   and three numbers, no cookie, nothing about the visitor.
(() => {
  'use strict';

  const badge = document.querySelector('[data-cart-count]');
  const found = /(?:^|;\s*)comptoir_cart_count=(\d{1,4})(?:;|$)/.exec(document.cookie);
  const count = found ? Number(found[1]) : 0;
  if (badge && count > 0) {
    const template = count === 1 ? badge.dataset.labelOne : badge.dataset.labelOther;
    const shown = document.createElement('span');
    shown.setAttribute('aria-hidden', 'true');
    shown.textContent = String(count);
    const spoken = document.createElement('span');
    spoken.className = 'visually-hidden';
    spoken.textContent = ` (${(template || '{count}').replace('{count}', String(count))})`;
    badge.replaceChildren(shown, spoken);
    badge.hidden = false;
  }

  const vitals = window.webVitals;
  if (!vitals || typeof navigator.sendBeacon !== 'function') return;
  const page = document.body.dataset.page || 'other';
  const latest = new Map();
  const keep = (metric) => latest.set(metric.name, Math.round(metric.value * 10000) / 10000);
  vitals.onLCP(keep);
  vitals.onCLS(keep);
  vitals.onINP(keep);
  let sent = false;
  const send = () => {
    if (sent || latest.size === 0 || document.visibilityState !== 'hidden') return;
    sent = true;
    const metrics = [...latest].map(([name, value]) => ({ name, value }));
    navigator.sendBeacon('/vitals', JSON.stringify({ page, metrics }));
  };
  // The library reports CLS and INP when the page is hidden; it registers its own listener
  // first, so by the time this one runs the final values are in.
  document.addEventListener('visibilitychange', send);
  addEventListener('pagehide', send);
})();
