// A local fake of the parts of Etsy's Open API v3 a supplier engine's catalog sync uses, all on one
// origin: the OAuth 2.0 refresh grant, getListingsByShop (with includes=Inventory) and
// getListingInventory. It follows developers.etsy.com/documentation: "Authentication" (OAuth 2.0
// authorization code grants with PKCE; a refresh grant is POST /v3/public/oauth/token,
// form-encoded grant_type=refresh_token, client_id=<keystring>, refresh_token; the answer
// { access_token, token_type: "Bearer", expires_in: 3600, refresh_token }, both tokens prefixed
// "<user_id>."), "Request Standards" and "URL Syntax" (every call sends `x-api-key: <keystring>:
// <shared secret>` — the keystring alone is no longer enough — and `Authorization: Bearer
// <user_id>.<token>`; limit 1..100, default 25; offset default 0, at most 12000; `count` is the
// total without the limit; errors as { error }), "Rate Limits" (x-limit-per-second,
// x-remaining-this-second, x-limit-per-day, x-remaining-today; QPS checked before QPD; 429 with
// retry-after) and the reference for getListingsByShop (state default active, includes enum
// Shipping/Images/Shop/User/Translations/Inventory/Videos, 200 { count, results }) and
// getListingInventory ({ products: [{ product_id, sku, is_deleted, offerings: [{ offering_id,
// quantity, is_enabled, is_deleted, price: { amount, divisor, currency_code } }], property_values
// }], price_on_property, quantity_on_property, sku_on_property }); a listing's quantity is the sum
// of its offerings' and its price the lowest. Wording seen in etsy/open-api issue threads:
// 401 invalid_token "access token is expired" / "access token is invalid", 400 invalid_grant
// "refresh_token is revoked", 403 "Shared secret is required in x-api-key header." and
// "Invalid API key". Where the docs are silent the fake chooses, and says so here: a used refresh
// token is revoked at once (the docs show the rotation but not the old token's fate; set
// `keepOldRefreshTokens` to keep accepting them); 401 invalid_client for a wrong client_id; the
// token endpoint needs no x-api-key; the other error texts; rate limits counted per application
// (docs: per OAuth token for private calls) over calls that passed the key and token checks, the
// four headers on every API answer, 429s included (docs: on successful ones); a 404 for another
// shop (docs list 400/401/403/500 only); listings stay "active" whatever their quantity; includes
// other than Inventory accepted and ignored. Listings are generated from their index i: listing_id
// 1000000 + i, title "Etsy item i", product p with sku "ETSY-i-p", product_id 20000000 + 100·i + p,
// offering_id 30000000 + 100·i + p, price 1500 + 100·p cents CAD, quantity (3·i + p) mod 20.
// Every fake started is closed in an `after` hook of the importing test file.
import { randomBytes } from 'node:crypto';
import { callCountdown, faultQueues, fakeRegistry, jsonServer, listenLocal, readBody, writeAnswer } from './fake_faults.mjs';

const fakes = fakeRegistry();

export const TOKEN_PATH = '/v3/public/oauth/token';
export const listingsPath = (shopId) => `/v3/application/shops/${shopId}/listings`;
export const inventoryPath = (listingId) => `/v3/application/listings/${listingId}/inventory`;
export const INCLUDES = ['Shipping', 'Images', 'Shop', 'User', 'Translations', 'Inventory', 'Videos'];
export const STATES = ['active', 'inactive', 'sold_out', 'draft', 'expired'];
export const LIMIT_PER_SECOND = 10;
export const LIMIT_PER_DAY = 10_000;
export const MAX_OFFSET = 12_000;
const TOKEN_LIFETIME = 3600;
const CURRENCY = 'CAD';
const OPTION_PROPERTY = 513; // the fake's "Option" property for listings with variations
const EPOCH_S = Date.UTC(2024, 0, 1) / 1000;
const DAY_MS = 86_400_000;

export const listingIdOf = (i) => 1_000_000 + i;
export const skuOf = (i, p) => `ETSY-${i}-${p}`;
const ok = (body) => ({ status: 200, body });
const fail = (status, error) => ({ status, body: { error } });
const oauthError = (status, error, description) => ({ status, body: { error, error_description: description } });
const random = () => randomBytes(24).toString('base64url');
const FORM = /^application\/x-www-form-urlencoded\b/i;

// A query value as a documented integer (digits only) within [min, max], or null.
function integer(value, fallback, min, max) {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

export async function startFakeEtsy({
  keystring = 'etsytestkeystring1234', sharedSecret = 'etsysharedsecret', shopId = 12345678, userId = 87654321,
  refreshToken = `${userId}.refresh-test`, listingCount = 3, productsPerListing = 2, rateLimits = true,
} = {}) {
  if (!Number.isInteger(productsPerListing) || productsPerListing < 1 || productsPerListing > 100) {
    throw new RangeError('fake Etsy: productsPerListing must be 1..100');
  }
  const initial = { keystring, sharedSecret, shopId, userId, refreshToken, listingCount, productsPerListing, rateLimits };
  const tokens = new Map(); // access token → expiry (ms); 0 once expired by a test control
  const revoked = new Set(); // refresh tokens rotated out
  const quantities = new Map(); // sku → { quantity, at (epoch s) } set by setQuantity
  const faults = faultQueues();
  const hits = { second: [], day: [] }; // times (ms) of the API calls counted against the limits
  const countdown = callCountdown(() => expireAll()); // API calls let through before every token issued so far expires

  // --- OAuth -------------------------------------------------------------------------------
  function exchange(method, headers, raw) {
    if (method !== 'POST') return oauthError(405, 'invalid_request', 'The token endpoint only accepts POST.');
    if (!FORM.test(headers['content-type'] ?? '')) {
      return oauthError(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(raw);
    for (const field of ['grant_type', 'client_id']) {
      if (!form.get(field)) return oauthError(400, 'invalid_request', `${field} is required`);
    }
    if (form.get('client_id') !== fake.keystring) return oauthError(401, 'invalid_client', 'client_id is invalid');
    if (form.get('grant_type') !== 'refresh_token') {
      return oauthError(400, 'unsupported_grant_type', `grant_type ${form.get('grant_type')} is not supported`);
    }
    const given = form.get('refresh_token');
    if (!given) return oauthError(400, 'invalid_request', 'refresh_token is required');
    const old = revoked.has(given);
    if (given !== fake.refreshToken && !(old && fake.keepOldRefreshTokens)) {
      return oauthError(400, 'invalid_grant', old ? 'refresh_token is revoked' : 'refresh_token is invalid');
    }
    revoked.add(fake.refreshToken);
    fake.refreshToken = `${fake.userId}.${random()}`;
    const accessToken = `${fake.userId}.${random()}`;
    tokens.set(accessToken, Date.now() + TOKEN_LIFETIME * 1000);
    fake.tokensIssued += 1;
    return ok({ access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_LIFETIME, refresh_token: fake.refreshToken });
  }
  const expireAll = () => { for (const token of tokens.keys()) tokens.set(token, 0); };

  // --- the generated catalog ---------------------------------------------------------------
  const money = (amount) => ({ amount, divisor: 100, currency_code: CURRENCY });
  function productOf(i, p) {
    const sku = skuOf(i, p);
    const set = quantities.get(sku);
    return {
      product_id: 20_000_000 + 100 * i + p, sku, is_deleted: false,
      offerings: [{
        offering_id: 30_000_000 + 100 * i + p, quantity: set ? set.quantity : (3 * i + p) % 20, is_enabled: true,
        is_deleted: false, price: money(1500 + 100 * p),
      }],
      property_values: fake.productsPerListing > 1 ? [{
        property_id: OPTION_PROPERTY, property_name: 'Option', scale_id: null, scale_name: null,
        value_ids: [4000 + p], values: [`Option ${p + 1}`],
      }] : [],
    };
  }
  function inventoryOf(i) {
    const products = Array.from({ length: fake.productsPerListing }, (_, p) => productOf(i, p));
    const varies = fake.productsPerListing > 1 ? [OPTION_PROPERTY] : [];
    return { products, price_on_property: varies, quantity_on_property: varies, sku_on_property: varies };
  }
  function listingOf(i, withInventory = true) {
    const inventory = inventoryOf(i);
    const offerings = inventory.products.flatMap((product) => product.offerings);
    const created = EPOCH_S + i * 60;
    const updated = Math.max(created, ...inventory.products.map((product) => quantities.get(product.sku)?.at ?? 0));
    const listing = {
      listing_id: listingIdOf(i), user_id: fake.userId, shop_id: fake.shopId, title: `Etsy item ${i}`,
      description: `Generated listing ${i}.`, state: 'active', creation_timestamp: created, created_timestamp: created,
      ending_timestamp: created + 120 * 86_400, original_creation_timestamp: created, last_modified_timestamp: updated,
      updated_timestamp: updated, state_timestamp: created,
      quantity: offerings.reduce((sum, offering) => sum + offering.quantity, 0),
      url: `https://www.etsy.com/listing/${listingIdOf(i)}/etsy-item-${i}`, listing_type: 'physical',
      has_variations: fake.productsPerListing > 1, price: money(Math.min(...offerings.map((o) => o.price.amount))),
      skus: inventory.products.map((product) => product.sku),
    };
    return withInventory ? { ...listing, inventory } : listing;
  }
  function indexOfSku(sku) {
    const m = /^ETSY-(0|[1-9]\d*)-(0|[1-9]\d*)$/.exec(String(sku));
    return m && Number(m[1]) < fake.listingCount && Number(m[2]) < fake.productsPerListing ? Number(m[1]) : -1;
  }

  function listings(query, params) {
    const state = query.state ?? 'active';
    if (!STATES.includes(state)) return fail(400, `state must be one of ${STATES.join(', ')} (given: ${state})`);
    const limit = integer(query.limit, 25, 1, 100);
    if (limit === null) return fail(400, `limit must be an integer between 1 and 100 (given: ${query.limit})`);
    const offset = integer(query.offset, 0, 0, MAX_OFFSET);
    if (offset === null) return fail(400, `offset must be an integer between 0 and ${MAX_OFFSET} (given: ${query.offset})`);
    const includes = params.getAll('includes').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    const unknown = includes.find((v) => !INCLUDES.includes(v));
    if (unknown) return fail(400, `includes must be among ${INCLUDES.join(', ')} (given: ${unknown})`);
    const total = state === 'active' ? fake.listingCount : 0;
    const results = [];
    for (let i = offset; i < Math.min(total, offset + limit); i += 1) results.push(listingOf(i, includes.includes('Inventory')));
    return ok({ count: total, results });
  }

  function route(method, path, query, params) {
    let m;
    if ((m = /^\/v3\/application\/shops\/([^/]+)\/listings$/.exec(path)) && method === 'GET') {
      if (!/^[1-9]\d*$/.test(m[1])) return fail(400, `shop_id must be a positive integer (given: ${m[1]})`);
      if (Number(m[1]) !== fake.shopId) return fail(404, `Shop with shop_id ${m[1]} not found.`);
      return listings(query, params);
    }
    if ((m = /^\/v3\/application\/listings\/([^/]+)\/inventory$/.exec(path)) && method === 'GET') {
      const i = /^[1-9]\d*$/.test(m[1]) ? Number(m[1]) - listingIdOf(0) : -1;
      if (i < 0 || i >= fake.listingCount) return fail(404, `Listing with listing_id ${m[1]} not found.`);
      return ok(inventoryOf(i));
    }
    return fail(404, `fake Etsy: no route for ${method} ${path}`);
  }

  // --- the HTTP side -----------------------------------------------------------------------
  // API key, access token and rate limits: an error result, or null when the call may go on.
  function gate(headers) {
    countdown.count(); // expireTokenAfter: the token a client holds ends in the middle of its work
    const key = headers['x-api-key'];
    if (key === fake.keystring) return fail(403, 'Shared secret is required in x-api-key header.');
    if (key !== `${fake.keystring}:${fake.sharedSecret}`) return fail(403, 'Invalid API key');
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
    if (!bearer) return oauthError(401, 'invalid_token', 'access token is missing');
    const expiry = tokens.get(bearer[1]);
    if (expiry === undefined) return oauthError(401, 'invalid_token', 'access token is invalid');
    if (expiry <= Date.now()) return oauthError(401, 'invalid_token', 'access token is expired');
    const now = Date.now();
    while (hits.second.length > 0 && hits.second[0] <= now - 1000) hits.second.shift();
    while (hits.day.length > 0 && hits.day[0] <= now - DAY_MS) hits.day.shift();
    if (fake.rateLimits) {
      const wait = (oldest, span) => Math.max(1, Math.ceil((oldest + span - now) / 1000));
      if (hits.second.length >= fake.limitPerSecond) return { ...fail(429, 'Too many requests: the per-second limit is reached.'), retryAfter: wait(hits.second[0], 1000) };
      if (hits.day.length >= fake.limitPerDay) return { ...fail(429, 'Too many requests: the daily limit is reached.'), retryAfter: wait(hits.day[0], DAY_MS) };
    }
    hits.second.push(now);
    hits.day.push(now);
    return null;
  }
  function rateHeaders() {
    const now = Date.now();
    const inSecond = hits.second.filter((t) => t > now - 1000).length;
    const inDay = hits.day.filter((t) => t > now - DAY_MS).length;
    return {
      'x-limit-per-second': String(fake.limitPerSecond), 'x-remaining-this-second': String(Math.max(0, fake.limitPerSecond - inSecond)),
      'x-limit-per-day': String(fake.limitPerDay), 'x-remaining-today': String(Math.max(0, fake.limitPerDay - inDay)),
    };
  }

  function faultAnswer(f, oauth) {
    const body = f.body ?? (oauth
      ? { error: f.status >= 500 ? 'server_error' : 'invalid_request', error_description: `fake Etsy failNext (${f.status}).` }
      : { error: f.status >= 500 ? 'Server Error' : `fake Etsy failNext (${f.status}).` });
    return { status: f.status, body, retryAfter: f.retryAfter };
  }

  async function handle(req, res) {
    const target = new URL(req.url, 'http://fake-etsy');
    const raw = await readBody(req);
    const { method } = req;
    const path = target.pathname;
    const query = Object.fromEntries(target.searchParams);
    let body = raw === '' ? undefined : raw;
    if (raw !== '' && FORM.test(req.headers['content-type'] ?? '')) body = Object.fromEntries(new URLSearchParams(raw));
    else if (raw !== '' && /^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      try { body = JSON.parse(raw); } catch { /* keep the raw text */ }
    }
    fake.requests.push({ method, path, query, headers: req.headers, body });

    const oauth = path === TOKEN_PATH;
    const { result, broken } = await faults.answer(method, path, {
      refused: oauth ? null : gate(req.headers),
      run: () => (oauth ? exchange(method, req.headers, raw) : route(method, path, query, target.searchParams)),
      failAnswer: (failure) => faultAnswer(failure, oauth),
    });
    const headers = { 'content-type': 'application/json', ...(oauth ? { 'cache-control': 'no-store' } : rateHeaders()) };
    if (result.retryAfter !== undefined) headers['retry-after'] = String(result.retryAfter);
    writeAnswer(res, result, headers, broken);
  }

  const fake = {
    url: null,
    ...initial, // keystring, sharedSecret, shopId, userId, refreshToken (the valid one), listingCount, productsPerListing, rateLimits
    limitPerSecond: LIMIT_PER_SECOND, // a test may tighten them
    limitPerDay: LIMIT_PER_DAY,
    keepOldRefreshTokens: false, // true: refresh tokens rotated out keep working
    tokensIssued: 0, // access tokens handed out since the start (or the last reset)
    requests: [], // { method, path, query, headers, body } — body parsed when form-encoded or JSON

    // failNext, slowNext and malformedNext (fake_faults.mjs). The next `times` matching requests
    // answer `status` ({ error } on API paths, an OAuth error on the token path, unless `body` is
    // given; retry-after when `retryAfter` is). `path`: a RegExp or a path prefix.
    // `afterProcessing`: the request runs first (a refresh rotates the token), then its answer is
    // lost. API calls meet the key, token and rate checks first.
    ...faults.controls,
    // Every access token issued so far expires: the next API call with one answers 401.
    expireToken() {
      expireAll();
    },
    // The same after `calls` more API calls: a client holding its token then meets a 401 mid-run
    // and must refresh (with the refresh token it was last given).
    expireTokenAfter: countdown.start,

    // Listing i as getListingsByShop shows it with includes=Inventory.
    listing(i) {
      if (!Number.isInteger(i) || i < 0 || i >= fake.listingCount) throw new RangeError(`fake Etsy: no listing ${i}`);
      return listingOf(i);
    },
    // Sets one product's offering quantity (the listing's quantity and updated timestamps follow).
    setQuantity(sku, quantity) {
      if (indexOfSku(sku) < 0) throw new RangeError(`fake Etsy: no product with sku ${sku}`);
      if (!Number.isInteger(quantity) || quantity < 0) throw new RangeError(`fake Etsy: ${quantity} is not a quantity`);
      quantities.set(sku, { quantity, at: Math.floor(Date.now() / 1000) });
    },

    // Back to the start: no requests, faults, quantity changes or rate-limit history; options and
    // the refresh token as started. Access tokens already issued stay valid (as a client's cached
    // token would), but tokensIssued counts from 0 again.
    reset() {
      fake.requests.length = 0;
      faults.clear();
      hits.second.length = 0;
      hits.day.length = 0;
      quantities.clear();
      revoked.clear();
      countdown.clear();
      Object.assign(fake, initial, { limitPerSecond: LIMIT_PER_SECOND, limitPerDay: LIMIT_PER_DAY, keepOldRefreshTokens: false, tokensIssued: 0 });
    },

    close: () => fakes.close(fake, server),
  };

  const server = jsonServer(handle, (error) => ({ error: `fake Etsy crashed: ${error.message}` }));
  fake.url = await listenLocal(server);
  fakes.add(fake);
  return fake;
}
