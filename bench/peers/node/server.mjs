// Comptoir's product page, rendered the way a typical Node.js starter would: Fastify routes, the
// `pg` pool, a few queries per request, HTML from template literals. Same database, same data,
// similar HTML: bench/run measures it with the same wrk settings as `comptoir serve`.
//
//   DATABASE_URL=postgres://… HOST=127.0.0.1 PORT=8090 node server.mjs
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.PG_POOL_SIZE ?? 8),
});

const ROUTES = {
  fr: { product: 'produit', category: 'categorie', lang: 'fr-CA', other: 'en' },
  en: { product: 'product', category: 'category', lang: 'en-CA', other: 'fr' },
};
const LABELS = {
  fr: { home: 'Accueil', add: 'Ajouter au panier', inStock: 'En stock', soldOut: 'Épuisé', description: 'Description', quantity: 'Quantité', sku: 'Réf.', was: 'Prix courant', search: 'Rechercher', products: 'Produits' },
  en: { home: 'Home', add: 'Add to cart', inStock: 'In stock', soldOut: 'Sold out', description: 'Description', quantity: 'Quantity', sku: 'SKU', was: 'Regular price', search: 'Search', products: 'Products' },
};
const VARIANT_WIDTHS = [320, 640, 960, 1280];
const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1';

const formatters = new Map();
function money(cents, currency, locale) {
  const key = `${locale}:${currency}`;
  if (!formatters.has(key)) formatters.set(key, new Intl.NumberFormat(ROUTES[locale].lang, { style: 'currency', currency }));
  return formatters.get(key).format(Number(cents) / 100);
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

function srcset(path, width) {
  const stem = path.replace(/\.[^./]+$/, '');
  return VARIANT_WIDTHS.filter((w) => w <= width).map((w) => `/media/${stem}-${w}.webp ${w}w`).join(', ');
}

const Q_PRODUCT = {
  name: 'product',
  text: `SELECT p.id, p.brand, p.primary_category_id, p.options, t.name, t.short_description,
                t.description, t.meta_title, t.meta_description, o.slug AS other_slug
           FROM product_translations t
           JOIN products p ON p.id = t.product_id
           LEFT JOIN product_translations o ON o.product_id = p.id AND o.locale = $3
          WHERE t.locale = $1 AND t.slug = $2 AND p.status = 'active'`,
};
const Q_VARIANTS = {
  name: 'variants',
  text: `SELECT id, sku, option_values, price_cents, compare_at_cents, currency, stock_on_hand,
                track_inventory
           FROM variants WHERE product_id = $1 ORDER BY position, id`,
};
const Q_IMAGES = {
  name: 'images',
  text: 'SELECT path, width, height, alt FROM product_images WHERE product_id = $1 ORDER BY position, id',
};
const Q_BREADCRUMBS = {
  name: 'breadcrumbs',
  text: `WITH RECURSIVE up AS (
           SELECT id, parent_id, 0 AS depth FROM categories WHERE id = $1
           UNION ALL
           SELECT c.id, c.parent_id, up.depth + 1 FROM categories c JOIN up ON c.id = up.parent_id)
         SELECT t.name, t.slug FROM up
           JOIN category_translations t ON t.category_id = up.id AND t.locale = $2
          ORDER BY up.depth DESC`,
};

function renderProduct(locale, slug, product, variants, images, crumbs) {
  const r = ROUTES[locale];
  const l = LABELS[locale];
  const url = `/${locale}/${r.product}/${slug}`;
  const otherUrl = product.other_slug ? `/${r.other}/${ROUTES[r.other].product}/${product.other_slug}` : `/${r.other}/`;
  const available = (v) => !v.track_inventory || v.stock_on_hand > 0;
  const cheapest = variants.reduce((a, b) => (Number(b.price_cents) < Number(a.price_cents) ? b : a), variants[0]);
  const inStock = variants.some(available);
  const option = (product.options ?? [])[0];
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org', '@type': 'Product', name: product.name, description: product.short_description,
    sku: cheapest.sku, brand: { '@type': 'Brand', name: product.brand },
    image: images.map((i) => `${BASE_URL}/media/${i.path}`),
    offers: { '@type': 'Offer', price: (Number(cheapest.price_cents) / 100).toFixed(2), priceCurrency: cheapest.currency,
      availability: inStock ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock', url: `${BASE_URL}${url}` },
  }).replace(/</g, '\\u003c');
  const [main, ...thumbs] = images;
  const img = (i, lazy) => `<img src="/media/${esc(i.path)}" srcset="${esc(srcset(i.path, i.width))}" sizes="(min-width: 60rem) 50vw, 100vw" width="${i.width}" height="${i.height}" alt="${esc(i.alt?.[locale])}" loading="${lazy ? 'lazy' : 'eager'}">`;
  const price = (v) => (v.compare_at_cents
    ? `${esc(money(v.price_cents, v.currency, locale))} <s><span class="visually-hidden">${l.was}</span> ${esc(money(v.compare_at_cents, v.currency, locale))}</s>`
    : esc(money(v.price_cents, v.currency, locale)));
  const choices = variants.length > 1
    ? `<fieldset class="variant-choice"><legend>${esc(option?.name?.[locale] ?? '')}</legend>${variants.map((v, i) => `
<div class="variant-choice__option"><input type="radio" name="variant_id" id="variant-${v.id}" value="${v.id}"${i === 0 ? ' checked' : ''}${available(v) ? '' : ' disabled'}>
<label for="variant-${v.id}"><span class="variant-choice__label">${esc(Object.values(v.option_values ?? {})[0]?.[locale] ?? v.sku)}</span> <span class="variant-choice__price">${price(v)}</span> <span class="stock">${available(v) ? l.inStock : l.soldOut}</span></label></div>`).join('')}
</fieldset>`
    : `<input type="hidden" name="variant_id" value="${variants[0].id}">`;
  return `<!doctype html>
<html lang="${r.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(product.meta_title || product.name)} | Comptoir</title>
<meta name="description" content="${esc(product.meta_description || product.short_description)}">
<link rel="canonical" href="${BASE_URL}${url}">
<link rel="alternate" hreflang="${r.lang}" href="${BASE_URL}${url}">
<link rel="alternate" hreflang="${ROUTES[r.other].lang}" href="${BASE_URL}${otherUrl}">
<link rel="alternate" hreflang="x-default" href="${BASE_URL}/fr/">
<meta property="og:type" content="product">
<meta property="og:title" content="${esc(product.name)}">
<meta property="og:url" content="${BASE_URL}${url}">
${main ? `<meta property="og:image" content="${BASE_URL}/media/${esc(main.path)}">` : ''}
<link rel="stylesheet" href="/static/css/site.css">
<script type="application/ld+json">${jsonLd}</script>
</head>
<body>
<a class="skip-link" href="#main">Aller au contenu</a>
<header class="site-header"><div class="container site-header__inner">
<a class="site-name" href="/${locale}/">Comptoir</a>
<nav class="site-nav"><a href="/${locale}/${locale === 'fr' ? 'produits' : 'products'}">${l.products}</a></nav>
<form class="site-search" role="search" action="/${locale}/${locale === 'fr' ? 'produits' : 'products'}" method="get"><label for="q">${l.search}</label><input id="q" type="search" name="q"><button type="submit">${l.search}</button></form>
<nav class="locale-switcher"><a href="${otherUrl}" hreflang="${r.other}" lang="${r.other}">${r.other === 'fr' ? 'Français' : 'English'}</a></nav>
</div></header>
<main id="main" class="container">
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/${locale}/">${l.home}</a></li>${crumbs.map((c) => `<li><a href="/${locale}/${r.category}/${esc(c.slug)}">${esc(c.name)}</a></li>`).join('')}<li aria-current="page">${esc(product.name)}</li></ol></nav>
<article class="product">
<div class="product__gallery">
${main ? img(main, false) : ''}
${thumbs.length ? `<ul class="product__thumbnails">${thumbs.map((t) => `<li>${img(t, true)}</li>`).join('')}</ul>` : ''}
</div>
<div class="product__summary">
<h1 id="product-name">${esc(product.name)}</h1>
<p class="product__brand">${esc(product.brand)}</p>
<p class="price">${price(cheapest)}</p>
<p class="stock">${inStock ? l.inStock : l.soldOut}</p>
<p class="lead">${esc(product.short_description)}</p>
<form class="add-to-cart" action="/${locale}/${locale === 'fr' ? 'panier' : 'cart'}" method="post">
${choices}
<div class="field field--quantity"><label for="quantity">${l.quantity}</label><input id="quantity" name="quantity" type="number" min="1" max="99" value="1"></div>
<button class="button" type="submit"${inStock ? '' : ' disabled'}>${l.add}</button>
</form>
<p class="product__sku">${l.sku} ${esc(cheapest.sku)}</p>
</div>
<section class="product__description"><h2>${l.description}</h2>
${String(product.description).split(/\n\s*\n/).map((p) => `<p>${esc(p)}</p>`).join('\n')}
</section>
</article>
</main>
<footer class="site-footer"><div class="container"><p>Comptoir</p></div></footer>
</body>
</html>
`;
}

const app = Fastify({ logger: false });

app.get('/healthz', async () => ({ status: 'ok' }));

for (const locale of ['fr', 'en']) {
  app.get(`/${locale}/${ROUTES[locale].product}/:slug`, async (request, reply) => {
    const { slug } = request.params;
    const found = await pool.query({ ...Q_PRODUCT, values: [locale, slug, ROUTES[locale].other] });
    if (found.rowCount === 0) return reply.code(404).type('text/html; charset=utf-8').send('<!doctype html><title>404</title><h1>Introuvable</h1>');
    const product = found.rows[0];
    const [variants, images, crumbs] = await Promise.all([
      pool.query({ ...Q_VARIANTS, values: [product.id] }),
      pool.query({ ...Q_IMAGES, values: [product.id] }),
      product.primary_category_id
        ? pool.query({ ...Q_BREADCRUMBS, values: [product.primary_category_id, locale] })
        : { rows: [] },
    ]);
    if (variants.rowCount === 0) return reply.code(404).send();
    return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=60')
      .send(renderProduct(locale, slug, product, variants.rows, images.rows, crumbs.rows));
  });
}

const shutdown = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8090) });
