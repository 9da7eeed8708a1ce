// A small bilingual shop for the storefront, SEO and browser suites, created through the public
// contracts: an API token from `comptoir token create`, then the catalog JSON API (/api/v1/…).
// Image files are written into the server's MEDIA_DIR following the media contract: the original
// `products/…/1.jpg` plus its WebP variants `…/1-{w}.webp` for w in 320, 640, 960, 1280 not wider
// than the original.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe as describeResponse, request, runComptoir } from './server.mjs';

// 16×12 pictures encoded by Chromium; the declared sizes below are what the pages announce.
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAMABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAQG/8QAIxAAAAUDAwUAAAAAAAAAAAAAAQIEERIDExQABjEFBxUhUv/EABQBAQAAAAAAAAAAAAAAAAAAAAX/xAAZEQACAwEAAAAAAAAAAAAAAAAAEQECEiH/2gAMAwEAAhEDEQA/ALu3u2EW5PIZ1VRTx7cbJig8pO7gPyGncLbCLbfj8GqoqZFyV4xRaMWZgD6HWYRdQWoJ4KtQmm0rNUxJNw7D75HRb1BavhnK1CmDxvVTHi/LOPrgNFuENZtpvh//2Q==', 'base64');
const WEBP = Buffer.from('UklGRjACAABXRUJQVlA4WAoAAAAgAAAADwAACwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggQgAAABACAJ0BKhAADAABQCYlmAJ0ugADYrEN4vgA/uMZ3+B/Ytvv+ebtX8Rv6oem+fRMQRt+IXg2Ir+ouZsVEdU62cAAAA==', 'base64');
const VARIANT_WIDTHS = [320, 640, 960, 1280];

export async function createToken(server) {
  const result = await runComptoir(['token', 'create', '--name', 'storefront-tests', '--scope', 'catalog:write'], {
    env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url },
  });
  if (result.code !== 0) throw new Error(`comptoir token create exited with ${result.code}:\n${result.output}`);
  const token = result.stdout.trim().split('\n').pop().trim();
  if (!token) throw new Error(`comptoir token create printed no token:\n${result.output}`);
  return token;
}

export function catalogApi(server, token) {
  const call = async (method, target, body) => {
    const res = await request(`${server.url}${target}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${target} failed:\n${describeResponse(res)}`);
    return res.text ? JSON.parse(res.text) : null;
  };
  return {
    get: (target) => call('GET', target),
    post: (target, body) => call('POST', target, body),
    patch: (target, body) => call('PATCH', target, body),
  };
}

// Writes the original and its variants under MEDIA_DIR; returns the API's image object.
export function writeImage(server, imagePath, width, height, alt) {
  const mediaDir = server.env.MEDIA_DIR;
  const file = path.join(mediaDir, imagePath);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JPEG);
  const stem = imagePath.replace(/\.[^./]+$/, '');
  for (const w of VARIANT_WIDTHS) {
    if (w <= width) writeFileSync(path.join(mediaDir, `${stem}-${w}.webp`), WEBP);
  }
  return { path: imagePath, width, height, alt };
}

function text(fr, en) {
  return { fr, en };
}

// The shop every storefront suite uses. Resolves to the names, slugs and ids the tests check.
export async function createShop(server) {
  const api = catalogApi(server, await createToken(server));
  const kitchen = await api.post('/api/v1/categories', {
    position: 1, featured: true,
    text: text(
      { name: 'Cuisine', slug: 'cuisine', description: 'Tout pour cuisiner et servir.', meta_title: 'Articles de cuisine', meta_description: 'Ustensiles, théières et tasses choisis avec soin.' },
      { name: 'Kitchen', slug: 'kitchen', description: 'Everything to cook and serve.', meta_title: 'Kitchenware', meta_description: 'Utensils, teapots and cups chosen with care.' }),
  });
  const tea = await api.post('/api/v1/categories', {
    parent_id: kitchen.id, position: 1,
    text: text({ name: 'Thé', slug: 'the', description: 'Théières et tasses.' },
      { name: 'Tea', slug: 'tea', description: 'Teapots and cups.' }),
  });
  const livingRoom = await api.post('/api/v1/categories', {
    position: 3,
    text: text({ name: 'Salon', slug: 'salon-ancien' }, { name: 'Living room', slug: 'living-room' }),
  });
  await api.patch(`/api/v1/categories/${livingRoom.id}/translations/fr`, { slug: 'salon' });
  const garden = await api.post('/api/v1/categories', {
    position: 2,
    text: text({ name: 'Jardin', slug: 'jardin', description: 'Pots et outils.' },
      { name: 'Garden', slug: 'garden', description: 'Pots and tools.' }),
  });

  const teapot = await api.post('/api/v1/products', {
    status: 'active', brand: 'Fonderie Laval', featured: true, popularity: 50,
    primary_category_id: tea.id, category_ids: [tea.id],
    options: [{ code: 'size', name: { fr: 'Taille', en: 'Size' } }],
    text: text(
      { name: 'Théière en fonte', slug: 'theiere-en-fonte', short_description: 'Une théière qui garde la chaleur.', description: 'Fonte émaillée, fabriquée au Québec.\n\nContenance de 1,2 litre.' },
      { name: 'Cast iron teapot', slug: 'cast-iron-teapot', short_description: 'A teapot that keeps the heat.', description: 'Enamelled cast iron, made in Quebec.\n\nHolds 1.2 litres.' }),
    variants: [
      { sku: 'TEA-POT-S', gtin: '4006381333931', option_values: { size: { fr: 'Petite', en: 'Small' } }, price_cents: 4999, compare_at_cents: 5999, stock_on_hand: 3, position: 1 },
      { sku: 'TEA-POT-L', option_values: { size: { fr: 'Grande', en: 'Large' } }, price_cents: 6999, stock_on_hand: 0, position: 2 },
    ],
    images: [
      { ...writeImage(server, 'products/teapot/1.jpg', 1000, 800, { fr: 'Théière noire vue de face', en: 'Black teapot, front view' }), position: 1 },
      { ...writeImage(server, 'products/teapot/2.jpg', 640, 480, { fr: 'Couvercle de la théière', en: 'The teapot lid' }), position: 2 },
    ],
  });
  const cup = await api.post('/api/v1/products', {
    status: 'active', featured: true, popularity: 80, primary_category_id: tea.id, category_ids: [tea.id],
    text: text(
      { name: 'Tasse en grès', slug: 'tasse-gres', short_description: 'Une tasse solide pour le thé.', description: 'Grès tourné à la main.', meta_title: 'Tasse en grès artisanale', meta_description: 'Une tasse en grès tournée à la main, pour le thé de tous les jours.' },
      { name: 'Stoneware cup', slug: 'stoneware-cup', short_description: 'A sturdy cup for tea.', description: 'Hand-thrown stoneware.', meta_title: 'Handmade stoneware cup', meta_description: 'A hand-thrown stoneware cup for everyday tea.' }),
    variants: [{ sku: 'CUP-01', gtin: '036000291452', price_cents: 1299, stock_on_hand: 10 }],
    images: [{ ...writeImage(server, 'products/cup/1.jpg', 800, 800, { fr: 'Tasse en grès beige', en: 'Beige stoneware cup' }), position: 1 }],
  });
  // The slug changes: the old one must keep answering with a 301.
  await api.patch(`/api/v1/products/${cup.id}/translations/fr`, { slug: 'tasse-en-gres' });

  const hostileName = '</script><script>alert(1)</script> Mug';
  const hostile = await api.post('/api/v1/products', {
    status: 'active', category_ids: [kitchen.id], primary_category_id: kitchen.id,
    text: text({ name: hostileName, slug: 'tasse-piege', short_description: '<b>pas du HTML</b>' },
      { name: hostileName, slug: 'trap-mug', short_description: '<b>not HTML</b>' }),
    variants: [{ sku: 'TRAP-01', price_cents: 500, stock_on_hand: 1 }],
  });
  const draft = await api.post('/api/v1/products', {
    status: 'draft', category_ids: [tea.id],
    text: text({ name: 'Bouilloire', slug: 'bouilloire' }, { name: 'Kettle', slug: 'kettle' }),
    variants: [{ sku: 'KETTLE-01', price_cents: 8999, stock_on_hand: 4 }],
  });
  const archived = await api.post('/api/v1/products', {
    status: 'archived', category_ids: [tea.id],
    text: text({ name: 'Ancienne tasse', slug: 'ancienne-tasse' }, { name: 'Old cup', slug: 'old-cup' }),
    variants: [{ sku: 'OLD-01', price_cents: 999, stock_on_hand: 4 }],
  });
  // 26 pots: two pages of the garden category (24 per page).
  const pots = [];
  for (let n = 1; n <= 26; n += 1) {
    pots.push(await api.post('/api/v1/products', {
      status: 'active', category_ids: [garden.id], primary_category_id: garden.id,
      text: text({ name: `Pot de fleurs no ${n}`, slug: `pot-de-fleurs-${n}` }, { name: `Flower pot no ${n}`, slug: `flower-pot-${n}` }),
      variants: [{ sku: `POT-${String(n).padStart(2, '0')}`, price_cents: 1000 + n * 100, stock_on_hand: n % 3 }],
    }));
  }
  return { api, kitchen, tea, garden, livingRoom, teapot, cup, hostile, hostileName, draft, archived, pots };
}
