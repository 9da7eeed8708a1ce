// The legal pages, black box: privacy policy, terms of sale, legal notice and cookie policy in
// French and English, filled from the shop's settings (a setting left empty leaves its sentence
// out, never a placeholder), their version on the page, canonical and hreflang, the sitemap, the
// footer of every storefront page and the checkout's sentence that links to them, the version of
// the terms an order records (a new one once a setting the terms show changes), and the back
// office's fields for the settings they need, refused field by field in the staff member's
// language.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backOffice } from '../support/back_office.mjs';
import { checkoutShop, until } from '../support/checkout_fixtures.mjs';
import { FormClient } from '../support/form_client.mjs';
import { fieldOf, formOf, pageText, setField, startTags } from '../support/html.mjs';
import { describe as show, get, startServer } from '../support/server.mjs';
import { findAll, parseXml, textOf } from '../support/xml.mjs';

const PAGES = [
  { name: 'privacy', fr: '/fr/confidentialite', en: '/en/privacy',
    title: { fr: 'Politique de confidentialité', en: 'Privacy policy' } },
  { name: 'terms', fr: '/fr/conditions-de-vente', en: '/en/terms',
    title: { fr: 'Conditions de vente', en: 'Terms of sale' } },
  { name: 'legal_notice', fr: '/fr/mentions-legales', en: '/en/legal-notice',
    title: { fr: 'Mentions légales', en: 'Legal notice' } },
  { name: 'cookies', fr: '/fr/temoins', en: '/en/cookies',
    title: { fr: 'Politique relative aux témoins', en: 'Cookie policy' } },
];
const VERSION = /^\d{4}-\d\d-\d\d\.[0-9a-f]{8}$/;

let server;
let office;
let shop;
let owner;
// The page's text on one line; the spaces pageText puts around links go ("( https://… )" → "(https://…)").
const flat = (html) => pageText(html).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ')
  .replace(/\( /g, '(').replace(/ ([).,])/g, '$1');
const links = (html, rel) => startTags(html, 'link').filter((l) => l.attrs.rel === rel).map((l) => l.attrs);
const footerOf = (html) => /<footer\b[\s\S]*?<\/footer>/.exec(html)?.[0] ?? '';
const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;

// Writes one settings row as the back office would (the pages read the settings at each request).
function setSetting(key, value) {
  office.sql(`INSERT INTO settings (key, value) VALUES (${quote(key)}, ${quote(JSON.stringify(value))}::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`);
}

const EMPTY_ENTITY = { name: '', address: '', gst_number: '', qst_number: '', vat_number: '' };
const EMPTY_CONTACTS = {};

async function page(path) {
  const res = await get(`${server.url}${path}`);
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers['content-type'], /^text\/html/);
  return res.text;
}

// "2026-12-04.3f9a1c2b" from "(réf. 2026-12-04.3f9a1c2b)" / "(ref. …)".
const versionOn = (html) => /\((?:réf|ref)\. ([^)]+)\)/.exec(flat(html))?.[1];

before(async () => {
  server = await startServer();
  office = backOffice(server, { firstAddress: 120 });
  shop = await checkoutShop(server);
  owner = await office.staffMember('owner', 'legal-owner');
  setSetting('shop.name', { fr: 'Atelier Boréal', en: 'Boreal Workshop' });
  setSetting('shop.contact_email', 'bonjour@boreal.example');
  // The layout's name follows the settings within the refresher's interval (settings.shop_name).
  await until('the shop’s new name in the layout', async () => (await get(`${server.url}/fr/`)).text.includes('>Atelier Boréal</a>'));
}, { timeout: 120_000 });
after(async () => {
  await server?.stop();
});

describe('the four pages', { timeout: 60_000 }, () => {
  for (const p of PAGES) {
    for (const locale of ['fr', 'en']) {
      test(`${p[locale]}: its title, its version, canonical and hreflang`, async () => {
        const html = await page(p[locale]);
        assert.match(html, new RegExp(`<html lang="${locale}-CA">`));
        assert.match(html, new RegExp(`<h1 id="page-heading">${p.title[locale]}</h1>`));
        assert.match(html, new RegExp(`<title>${p.title[locale]} – ${locale === 'fr' ? 'Atelier Boréal' : 'Boreal Workshop'}</title>`));
        const version = versionOn(html);
        assert.match(version ?? '', VERSION, flat(html).slice(0, 400));
        assert.match(flat(html), locale === 'fr' ? /Version du \d{1,2} \S+ \d{4} \(réf\./ : /Version of \S+ \d{1,2}, \d{4} \(ref\./);
        assert.equal(links(html, 'canonical')[0]?.href, `${server.url}${p[locale]}`);
        const alternates = Object.fromEntries(links(html, 'alternate').map((l) => [l.hreflang, l.href]));
        assert.deepEqual(alternates, {
          'fr-CA': `${server.url}${p.fr}`, 'en-CA': `${server.url}${p.en}`, 'x-default': `${server.url}${p.fr}`,
        });
        // The language switcher leads to the same page in the other language.
        const other = locale === 'fr' ? 'en' : 'fr';
        assert.ok(startTags(html, 'a').some((a) => a.attrs.href === p[other] && a.attrs.hreflang === other));
        // The same version in both languages: one hash covers both texts.
        assert.equal(versionOn(await page(p[other])), version);
        assert.doesNotMatch(html, /\{\{|XXX/);
      });
    }
  }

  test('the settings are in the text; an empty one leaves its sentence out or says so plainly', async () => {
    setSetting('legal.entity', EMPTY_ENTITY);
    setSetting('legal.contacts', EMPTY_CONTACTS);
    let fr = flat(await page('/fr/mentions-legales'));
    assert.match(fr, /Le site .* \(boutique Atelier Boréal\) est édité par Atelier Boréal\./);
    assert.match(fr, /Aucun numéro d’immatriculation n’est publié pour le moment\./);
    assert.match(fr, /Le nom et l’adresse de l’hébergeur du site n’ont pas encore été publiés\./);
    assert.match(fr, /Le directeur de la publication est le représentant légal de Atelier Boréal\./);
    assert.doesNotMatch(fr, /NEQ|SIRET|Téléphone/);
    let privacy = flat(await page('/en/privacy'));
    assert.match(privacy, /the person with the highest authority within Boreal Workshop acts as the person in charge/);
    assert.match(privacy, /write to bonjour@boreal\.example/);

    setSetting('legal.entity', {
      ...EMPTY_ENTITY, name: 'Atelier Boréal inc.', address: '12, rue des Forges\nTrois-Rivières (Québec)  G9A 2G4',
      gst_number: '123456789RT0001', qst_number: '1234567890TQ0001', neq: '1234567890', siren: '732829320',
      siret: '73282932000074', rcs_city: 'Lyon', phone: '819 555-0142', legal_form: 'Société par actions',
    });
    setSetting('legal.contacts', {
      privacy_officer: 'Léa Gagnon, présidente', privacy_email: 'vieprivee@boreal.example',
      publication_director: 'Léa Gagnon', host_name: 'Nuage Québec inc.', host_address: '1 place Ville-Marie\nMontréal',
      mediator_name: 'Médiateur du commerce électronique', mediator_url: 'https://mediateur.example',
    });
    fr = flat(await page('/fr/mentions-legales'));
    for (const part of ['est édité par Atelier Boréal inc., Société par actions.',
      'Adresse : 12, rue des Forges, Trois-Rivières (Québec) G9A 2G4', 'Téléphone : 819 555-0142',
      'Numéro d’entreprise du Québec (NEQ) : 1234567890',
      'registre du commerce et des sociétés (RCS) de Lyon sous le numéro 732829320', 'SIRET : 73282932000074',
      'Numéro de TPS/TVH : 123456789RT0001', 'Numéro de TVQ : 1234567890TQ0001',
      'Le directeur de la publication est Léa Gagnon.', 'Le site est hébergé par Nuage Québec inc., 1 place Ville-Marie, Montréal.']) {
      assert.ok(fr.includes(part), `"${part}" not in: ${fr}`);
    }
    const en = flat(await page('/en/legal-notice'));
    assert.ok(en.includes('Québec enterprise number (NEQ): 1234567890'), en);
    assert.ok(en.includes('The site is hosted by Nuage Québec inc.'), en);
    privacy = flat(await page('/fr/confidentialite'));
    assert.ok(privacy.includes('La personne responsable de la protection des renseignements personnels est : Léa Gagnon, présidente.'), privacy);
    assert.ok(privacy.includes('écrivez à vieprivee@boreal.example'), privacy);
    assert.ok(privacy.includes('Nuage Québec inc., qui héberge le site'), privacy);
    const terms = flat(await page('/en/terms'));
    assert.ok(terms.includes('within 30 days after your order ships'), 'the return window from the settings');
    assert.ok(terms.includes('the consumer mediator we belong to: Médiateur du commerce électronique (https://mediateur.example)'), terms);
    assert.ok(terms.includes('GST/HST: 123456789RT0001'), terms);
    assert.ok(terms.includes('14 days to withdraw'), terms);
    const cookies = await page('/fr/temoins');
    assert.match(cookies, /<code>__Host-comptoir_session<\/code>/);

    setSetting('returns.window_days', 0);
    assert.ok(flat(await page('/fr/conditions-de-vente')).includes('la boutique n’accepte pas de retour'));
    setSetting('returns.window_days', 30);
  });
});

describe('links to the pages', { timeout: 60_000 }, () => {
  test('every storefront page’s footer lists the four pages in its language', async () => {
    const product = await shop.product({ fr: 'Lampe', en: 'Lamp', price: 3_000, stock: 5 });
    const visitor = new FormClient(server.url);
    for (const [path, locale] of [['/fr/', 'fr'], ['/en/', 'en'], ['/fr/produits', 'fr'], [`/en/product/${product.slugs.en}`, 'en'],
      ['/fr/panier', 'fr'], ['/en/cart', 'en'], ['/fr/connexion', 'fr'], ['/en/nope', 'en'], ['/fr/temoins', 'fr']]) {
      const res = await visitor.get(path);
      assert.ok([200, 404].includes(res.status), `${path}: ${show(res)}`);
      const footer = footerOf(res.text);
      assert.match(footer, new RegExp(`<nav class="site-footer__legal" aria-label="${locale === 'fr' ? 'Informations légales' : 'Legal information'}">`), path);
      const hrefs = startTags(footer, 'a').map((a) => a.attrs.href);
      assert.deepEqual(hrefs, PAGES.map((p) => p[locale]), path);
    }
    const french = flat(footerOf((await visitor.get('/fr/')).text));
    assert.match(french, /Confidentialité Conditions de vente Mentions légales Témoins/);
    const english = flat(footerOf((await visitor.get('/en/')).text));
    assert.match(english, /Privacy Terms of sale Legal notice Cookies/);
  });

  test('the checkout says, next to its button, that ordering accepts the terms, with both links', async () => {
    const product = await shop.product({ fr: 'Pot', en: 'Pot', price: 1_500, stock: 5 });
    for (const [locale, cartPath, checkoutPath, sentence] of [
      ['fr', '/fr/panier', '/fr/commande', /En passant votre commande, vous acceptez nos conditions de vente et reconnaissez avoir pris connaissance de notre politique de confidentialité\./],
      ['en', '/en/cart', '/en/checkout', /By placing your order, you accept our terms of sale and acknowledge our privacy policy\./]]) {
      const visitor = new FormClient(server.url);
      const productPath = locale === 'fr' ? `/fr/produit/${product.slugs.fr}` : `/en/product/${product.slugs.en}`;
      const added = await visitor.submit(productPath, { quantity: '1' }, { action: cartPath });
      assert.equal(added.status, 303, show(added));
      const res = await visitor.get(checkoutPath);
      assert.equal(res.status, 200, show(res));
      const form = /<form[^>]*action="[^"]*"[^>]*>[\s\S]*?<\/form>/g;
      const checkoutForm = [...res.text.matchAll(form)].map((m) => m[0]).find((f) => f.includes(`action="${checkoutPath}"`));
      assert.ok(checkoutForm, 'no checkout form');
      const note = /<p class="form-note">([\s\S]*?)<\/p>\s*<button type="submit"/.exec(checkoutForm);
      assert.ok(note, `no sentence right before the button:\n${checkoutForm}`);
      assert.match(flat(note[1]), sentence);
      const hrefs = startTags(note[1], 'a').map((a) => a.attrs.href);
      assert.deepEqual(hrefs, [PAGES[1][locale], PAGES[0][locale]]);
    }
  });

  test('the sitemap lists the four pages in each language, with their alternates', async () => {
    for (const locale of ['fr', 'en']) {
      const res = await get(`${server.url}/sitemap-${locale}-1.xml`);
      assert.equal(res.status, 200, show(res));
      const urls = findAll(parseXml(res.text), 'url');
      for (const p of PAGES) {
        const url = urls.find((u) => textOf(findAll(u, 'loc')[0]) === `${server.url}${p[locale]}`);
        assert.ok(url, `${p[locale]} is not in the sitemap`);
        const alternates = Object.fromEntries(findAll(url, 'xhtml:link').map((l) => [l.attrs.hreflang, l.attrs.href]));
        assert.deepEqual(alternates, {
          'fr-CA': `${server.url}${p.fr}`, 'en-CA': `${server.url}${p.en}`, 'x-default': `${server.url}${p.fr}`,
        });
      }
    }
  });
});

describe('the terms an order accepted', { timeout: 90_000 }, () => {
  test('an order records the terms in force; a changed setting makes a new version for the next one', async () => {
    const product = await shop.product({ fr: 'Vase', en: 'Vase', price: 2_500, stock: 10 });
    const shown = versionOn(await page('/fr/conditions-de-vente'));
    const buyer = await shop.shopper({ locale: 'en' });
    await buyer.add(product, 1);
    const placed = await buyer.checkout();
    assert.equal(placed.status, 201, show(placed));
    const order = placed.json().order;
    assert.equal(order.terms_version, shown, 'the JSON says which terms were accepted');
    assert.equal(shop.sql(`SELECT terms_version FROM orders WHERE number = '${order.number}'`), shown);
    // Its text is on record in both languages, as the page showed it.
    assert.equal(shop.sql(`SELECT string_agg(locale, ',' ORDER BY locale) FROM legal_versions
      WHERE document = 'terms' AND version = '${shown}'`), 'en,fr');
    const recorded = shop.sql(`SELECT body FROM legal_versions WHERE document = 'terms' AND version = '${shown}' AND locale = 'fr'`);
    assert.ok(recorded.includes('Les présentes conditions de vente régissent'), recorded.slice(0, 200));

    // The legal name changes: the terms show it, so they are a new version, and the old one stays.
    const entity = JSON.parse(office.sql("SELECT value::text FROM settings WHERE key = 'legal.entity'"));
    setSetting('legal.entity', { ...entity, name: 'Atelier Boréal SENC' });
    const now = versionOn(await page('/en/terms'));
    assert.match(now, VERSION);
    assert.notEqual(now, shown);
    const next = await shop.shopper({ locale: 'fr' });
    await next.add(product, 1);
    const second = await next.checkout();
    assert.equal(second.status, 201, show(second));
    assert.equal(second.json().order.terms_version, now);
    assert.equal(shop.sql(`SELECT terms_version FROM orders WHERE number = '${order.number}'`), shown, 'a placed order keeps its terms');
    assert.equal(Number(shop.sql("SELECT count(DISTINCT version) FROM legal_versions WHERE document = 'terms'")) >= 2, true);

    // The back office's order page says which terms the customer accepted.
    const admin = await owner.client.get(`/admin/orders/${order.number}`);
    assert.equal(admin.status, 200, show(admin));
    assert.ok(flat(admin.text).includes(`Conditions de vente acceptées ${shown}`), flat(admin.text).slice(0, 2000));
  });

  test('the order placed from the checkout page records the terms too', async () => {
    const product = await shop.product({ fr: 'Bol', en: 'Bowl', price: 1_200, stock: 10 });
    const shown = versionOn(await page('/en/terms'));
    const visitor = new FormClient(server.url, { localAddress: '127.0.130.7' });
    const added = await visitor.submit(`/en/product/${product.slugs.en}`, { quantity: '1' }, { action: '/en/cart' });
    assert.equal(added.status, 303, show(added));
    const email = `form-${process.pid}@example.ca`;
    const placed = await visitor.submit('/en/checkout', {
      email, full_name: 'Élise Tremblay', line1: '1200 rue Saint-Denis', city: 'Montréal', postal_code: 'H2X 3J6', region: 'CA-QC',
    }, { action: '/en/checkout' });
    assert.equal(placed.status, 303, show(placed));
    assert.equal(shop.sql(`SELECT terms_version FROM orders WHERE email = '${email}'`), shown);
  });
});

describe('the back office’s legal settings', { timeout: 60_000 }, () => {
  async function settingsForm() {
    const res = await owner.client.get('/admin/settings');
    assert.equal(res.status, 200, show(res));
    return formOf(res.text, 'settings');
  }
  const post = (form, changes) => {
    let { fields } = form;
    for (const [name, value] of Object.entries(changes)) fields = setField(fields, name, value);
    return owner.client.send(form.action, { method: 'POST', form: fields });
  };

  test('the new fields are saved in one shape, audited, and shown on the pages', async () => {
    const form = await settingsForm();
    for (const name of ['neq', 'siren', 'siret', 'rcs_city', 'phone', 'legal_form', 'privacy_officer', 'privacy_email',
      'publication_director', 'host_name', 'host_address', 'mediator_name', 'mediator_url']) {
      assert.notEqual(fieldOf(form.fields, name), undefined, `no ${name} field`);
    }
    const saved = await post(form, {
      neq: '11 4567 8901', siren: '552 100 554', siret: '552 100 554 00013', rcs_city: 'Paris',
      host_name: 'Hébergeur Atlantique', host_address: '2 quai de la Fosse\r\nNantes',
    });
    assert.equal(saved.status, 303, show(saved));
    const shown = formOf((await owner.client.get(saved.headers.location)).text, 'settings');
    assert.equal(fieldOf(shown.fields, 'neq'), '1145678901');
    assert.equal(fieldOf(shown.fields, 'siret'), '55210055400013');
    const audit = JSON.parse(office.sql(`SELECT details::text FROM audit_log WHERE action = 'settings.updated'
      AND actor_id = ${owner.id} ORDER BY id DESC LIMIT 1`));
    assert.deepEqual(audit.changes['legal.neq'], { before: '1234567890', after: '1145678901' });
    assert.deepEqual(audit.changes['contacts.host_name'], { before: 'Nuage Québec inc.', after: 'Hébergeur Atlantique' });
    const notice = flat(await page('/fr/mentions-legales'));
    assert.ok(notice.includes('Numéro d’entreprise du Québec (NEQ) : 1145678901'), notice);
    assert.ok(notice.includes('(RCS) de Paris sous le numéro 552100554'), notice);
    assert.ok(notice.includes('hébergé par Hébergeur Atlantique, 2 quai de la Fosse, Nantes.'), notice);
  });

  for (const locale of ['fr', 'en']) {
    test(`malformed numbers are refused field by field, in ${locale === 'fr' ? 'French' : 'English'}, and nothing is written`, async () => {
      office.sql(`UPDATE users SET locale = '${locale}' WHERE id = ${owner.id}`);
      try {
        const before = office.sql("SELECT value::text FROM settings WHERE key = 'legal.entity'");
        const res = await post(await settingsForm(), {
          neq: '12345', siren: '732829321', siret: '73282932000074', phone: 'sur demande', privacy_email: 'personne',
          mediator_url: 'mediateur.example',
        });
        assert.equal(res.status, 422, show(res));
        const text = flat(res.text);
        const messages = locale === 'fr' ? [
          ['neq', /Numéro d’entreprise du Québec \(NEQ\) : un NEQ compte 10 chiffres/],
          ['siren', /SIREN : un SIREN compte 9 chiffres et doit passer la clé de contrôle/],
          ['phone', /Téléphone : un numéro de téléphone de 6 à 20 chiffres/],
          ['privacy_email', /Courriel pour la vie privée : ce n’est pas une adresse courriel/],
          ['mediator_url', /Site du médiateur : une adresse web commençant par https:\/\//],
        ] : [
          ['neq', /Québec enterprise number \(NEQ\): a NEQ is 10 digits/],
          ['siren', /SIREN: a SIREN is 9 digits and must pass its check digit/],
          ['phone', /Phone: a phone number of 6 to 20 digits/],
          ['privacy_email', /Privacy email: not an email address/],
          ['mediator_url', /Mediator’s website: a web address starting with https:\/\//],
        ];
        for (const [id, message] of messages) {
          assert.match(res.text, new RegExp(`href="#s-${id}"`), id);
          assert.match(text, message, id);
          assert.match(res.text, new RegExp(`id="s-${id}"[^>]*aria-invalid="true"`), `${id} is marked invalid`);
        }
        // A valid SIRET is not refused on its own, even beside a broken SIREN.
        assert.doesNotMatch(res.text, /href="#s-siret"/);
        assert.equal(office.sql("SELECT value::text FROM settings WHERE key = 'legal.entity'"), before);
      } finally {
        office.sql(`UPDATE users SET locale = 'fr' WHERE id = ${owner.id}`);
      }
    });
  }

  test('a SIRET of another company than the SIREN is refused', async () => {
    const res = await post(await settingsForm(), { siren: '732829320', siret: '55210055400013' });
    assert.equal(res.status, 422, show(res));
    assert.match(flat(res.text), /SIRET : le SIRET doit commencer par le SIREN/);
  });
});
