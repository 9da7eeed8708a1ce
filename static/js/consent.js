// Audience measurement with consent (docs/analytics.md). Loaded on every storefront page only
// when ANALYTICS is set; the server renders the same page for everyone, and this script decides,
// from the comptoir_consent cookie, whether to reveal the banner and whether to load the service.
//
// GA4 (consent): nothing is loaded, set or sent before the visitor accepts.
// Plausible (cookieless; information notice): measured unless the visitor opted out.
// The choice is read again before each event, so a withdrawal stops events at once.
(function () {
  'use strict';

  var me = document.currentScript;
  if (!me) return;
  var provider = me.getAttribute('data-analytics');
  var site = me.getAttribute('data-site');
  var serviceScript = me.getAttribute('data-service-script');
  var COOKIE = 'comptoir_consent';
  var MAX_AGE = 183 * 24 * 3600; // six months

  function readChoice() {
    var parts = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (parts[i].slice(0, eq) !== COOKIE) continue;
      var value = parts[i].slice(eq + 1);
      if (value === 'analytics:granted.v1') return 'granted';
      if (value === 'analytics:denied.v1') return 'denied';
    }
    return null;
  }

  function storeChoice(choice) {
    document.cookie = COOKIE + '=analytics:' + choice + '.v1; Max-Age=' + MAX_AGE +
      '; Path=/; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
  }

  function allowed() {
    var choice = readChoice();
    return provider === 'ga4' ? choice === 'granted' : choice !== 'denied';
  }

  // GA4's cookies go with a withdrawal: on this host and each parent domain gtag.js may use.
  function forgetGoogleCookies() {
    var names = (document.cookie ? document.cookie.split('; ') : []).map(function (part) {
      return part.slice(0, part.indexOf('='));
    }).filter(function (name) { return name === '_ga' || name.indexOf('_ga_') === 0; });
    var labels = location.hostname.split('.');
    names.forEach(function (name) {
      document.cookie = name + '=; Max-Age=0; Path=/';
      for (var i = 0; i < labels.length - 1; i++)
        document.cookie = name + '=; Max-Age=0; Path=/; Domain=.' + labels.slice(i).join('.');
    });
  }

  var loaded = false;
  function loadService() {
    if (loaded || !allowed()) return;
    loaded = true;
    if (provider === 'ga4') {
      window.dataLayer = window.dataLayer || [];
      window.gtag = function () { window.dataLayer.push(arguments); };
      // Measurement only: nothing for advertising.
      window.gtag('consent', 'default', {
        analytics_storage: 'granted', ad_storage: 'denied',
        ad_user_data: 'denied', ad_personalization: 'denied'
      });
      window.gtag('js', new Date());
      // _ga cookies for 13 months at most (the cookie policy says so), not gtag's two years.
      window.gtag('config', site, { cookie_expires: 395 * 24 * 3600 });
    } else {
      window.plausible = window.plausible || function () {
        (window.plausible.q = window.plausible.q || []).push(arguments);
      };
    }
    var script = document.createElement('script');
    script.async = true;
    script.src = serviceScript;
    if (provider === 'plausible') script.setAttribute('data-domain', site);
    document.head.appendChild(script);
    trackPage();
  }

  // One e-commerce event, if the visitor still allows it. `beacon`: it must survive the page
  // being left (the add-to-cart form's submit).
  function send(name, params, beacon) {
    if (!loaded || !allowed()) return;
    if (provider === 'ga4') {
      var data = Object.assign({}, params);
      if (beacon) data.transport_type = 'beacon';
      window.gtag('event', name, data);
      return;
    }
    var props = { currency: params.currency || '', value: String(params.value || '') };
    if (params.items && params.items.length) {
      props.item_id = params.items[0].item_id;
      props.item_name = params.items[0].item_name;
      props.items = String(params.items.length);
    }
    if (params.item_list_name) props.item_list_name = params.item_list_name;
    window.plausible(name, { props: props });
  }

  function itemOf(element, quantity) {
    return {
      item_id: element.getAttribute('data-item-id'),
      item_name: element.getAttribute('data-item-name'),
      item_variant: element.getAttribute('data-item-variant') || undefined,
      price: Number(element.getAttribute('data-item-price')),
      quantity: quantity
    };
  }

  function value(items) {
    var cents = items.reduce(function (sum, item) {
      return sum + Math.round(item.price * 100) * item.quantity;
    }, 0);
    return cents / 100;
  }

  function productItem(form) {
    var quantityField = form.querySelector('input[name="quantity"]');
    var quantity = Math.max(1, parseInt(quantityField ? quantityField.value : '1', 10) || 1);
    var variant = form.querySelector('input[name="variant_id"]:checked[data-item-id]');
    var item = itemOf(form, quantity);
    if (variant) {
      item.item_id = variant.getAttribute('data-item-id');
      item.price = Number(variant.getAttribute('data-item-price'));
      item.item_variant = variant.getAttribute('data-item-variant') || undefined;
    }
    return item;
  }

  function trackPage() {
    var product = document.querySelector('form[data-analytics-item]');
    if (product) {
      var currency = product.getAttribute('data-currency');
      var item = productItem(product);
      send('view_item', { currency: currency, value: value([item]), items: [item] });
      product.addEventListener('submit', function () {
        var added = productItem(product);
        send('add_to_cart', { currency: currency, value: value([added]), items: [added] }, true);
      });
    }
    var cards = document.querySelectorAll('[data-analytics-card]');
    if (cards.length) {
      var heading = document.querySelector('h1');
      var listName = heading ? heading.textContent.trim() : '';
      var listed = Array.prototype.map.call(cards, function (card) { return itemOf(card, 1); });
      send('view_item_list', {
        currency: cards[0].getAttribute('data-currency'),
        item_list_name: listName,
        items: listed
      });
    }
    var checkout = document.querySelector('[data-analytics-checkout]');
    if (checkout) {
      var lines = [];
      try { lines = JSON.parse(checkout.getAttribute('data-items') || '[]'); } catch (e) { lines = []; }
      send('begin_checkout', {
        currency: checkout.getAttribute('data-currency'),
        value: Number(checkout.getAttribute('data-value')),
        items: lines
      });
    }
  }

  function revealBanner() {
    var banner = document.querySelector('[data-consent-banner]');
    if (!banner) return;
    banner.hidden = false;
    Array.prototype.forEach.call(banner.querySelectorAll('[data-consent-choice]'), function (button) {
      button.addEventListener('click', function () {
        var choice = button.getAttribute('data-consent-choice');
        storeChoice(choice);
        banner.hidden = true;
        if (choice === 'granted') loadService();
        else forgetGoogleCookies();
      });
    });
  }

  function start() {
    var choice = readChoice();
    if (choice === 'denied') forgetGoogleCookies();
    if (choice === null) revealBanner();
    loadService();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
