// A local fake of the parts of eBay's REST APIs a supplier engine's catalog sync uses, all on one
// origin: the OAuth refresh-token grant, and the Sell Inventory API's getInventoryItems and
// getOffers. It follows developer.ebay.com: "Using a refresh token to update a User access token"
// (POST /identity/v1/oauth2/token, Authorization: Basic base64(client_id:client_secret),
// application/x-www-form-urlencoded grant_type=refresh_token, refresh_token, scope; the answer is
// { access_token, expires_in: 7200, token_type: "User Access Token" } with no new refresh token —
// the refresh token, from the authorization-code grant, lasts 18 months); the Inventory API
// reference (sell_inventory_v1 OpenAPI): getInventoryItems GET /sell/inventory/v1/inventory_item,
// limit 1–200 (default 25), invalid pagination 400 errorId 25706 "You have provided invalid
// pagination values."; the InventoryItems envelope { href, limit, next, prev, size, total,
// inventoryItems } with next/prev only when there is such a page and size = "the total number of
// pages"; getOffers GET /sell/inventory/v1/offer?sku= (required) with marketplace_id and format
// optional ("no practical use"), limit default 100, the Offers envelope (size = offers on the
// page), EbayOfferDetailsWithAll; the scopes sell.inventory.readonly / sell.inventory; "Handling
// errors" (the container { errors: [{ errorId, domain, category, message, longMessage? }] }) and its
// common errors 2001 (429, ACCESS), 2004 (400), 1100 (403); "API call limits" (daily quotas per
// application and resource — no per-second or per-token rate is documented). Wording seen in live
// captures in public code: 401 errorId 1001 "Invalid access token" / "Invalid access token. Check
// the value of the Authorization HTTP request header."; 429 2001 long message "The request limit
// has been reached for the resource."; a SKU with no offer answers getOffers 404 errorId 25713
// "This Offer is not available."; token errors invalid_grant "the provided authorization refresh
// token is invalid or was issued to another client" and invalid_scope "The requested scope is
// invalid, unknown, malformed, or exceeds the scope granted to the client"; 404 2002 "Resource not
// found". The protocol contract shared with the C++ connector wins over the docs where they
// differ, and the fake says so here: a missing or non-Bearer Authorization header is 401 1001
// (docs: 400 errorId 1002 "Missing access token" / 1003 "Token type … is invalid"); the 429
// message is "Too many requests. The request limit has been reached for the resource." (live:
// message "Too many requests." — the long message is added as eBay sends it); the rate limit is a
// token bucket of 5 calls a second (burst 5) per access token; both envelopes carry `offset` and
// absolute next/prev/href URLs on this origin (docs' envelopes have no offset; responses captured
// in public code give host-less paths) and offset counts records (docs: "the page number", though
// captured next links step it by `limit`). Where the docs are silent the fake chooses: the
// invalid_client, invalid_request and unsupported_grant_type wordings; a scope outside the
// consented set is invalid_scope; no Retry-After except from failNext; offer ids, listing ids and
// prices; an offer filtered out by marketplace_id or format answers 404 25713 like a SKU without
// one; the 2002/1100/25001 bodies failNext and unknown routes use. Items are
// generated from their index i: sku "EBAY-i", title "eBay item i", ean ["200" + i in 9 digits +
// check digit], quantity (5·i) mod 30 (setQuantity overrides), an offer unless i mod 5 = 4, priced
// "<10 + i>.99" in the marketplace's currency. Every fake started is closed in an `after` hook.
import { randomBytes } from 'node:crypto';
import { callCountdown, faultQueues, fakeRegistry, jsonServer, listenLocal, readBody, writeAnswer } from './fake_faults.mjs';

const fakes = fakeRegistry();

export const TOKEN_PATH = '/identity/v1/oauth2/token';
export const INVENTORY_PATH = '/sell/inventory/v1/inventory_item';
export const OFFER_PATH = '/sell/inventory/v1/offer';
export const SCOPE_READONLY = 'https://api.ebay.com/oauth/api_scope/sell.inventory.readonly';
export const SCOPE_INVENTORY = 'https://api.ebay.com/oauth/api_scope/sell.inventory';
// What the seller consented to (the fake's choice): asking a refresh for more is invalid_scope.
export const GRANTED_SCOPES = Object.freeze(['https://api.ebay.com/oauth/api_scope', SCOPE_INVENTORY, SCOPE_READONLY,
  'https://api.ebay.com/oauth/api_scope/sell.account', 'https://api.ebay.com/oauth/api_scope/sell.account.readonly',
  'https://api.ebay.com/oauth/api_scope/sell.fulfillment', 'https://api.ebay.com/oauth/api_scope/sell.fulfillment.readonly']);
export const TOKEN_LIFETIME = 7200; // seconds, documented
export const INVENTORY_LIMITS = Object.freeze({ min: 1, max: 200, default: 25 }); // documented
export const OFFERS_DEFAULT_LIMIT = 100; // documented ("up to 100 records")
export const RATE_LIMIT = Object.freeze({ rate: 5, burst: 5 }); // the contract's, per access token
const CURRENCIES = { EBAY_CA: 'CAD', EBAY_US: 'USD', EBAY_GB: 'GBP', EBAY_AU: 'AUD', EBAY_DE: 'EUR', EBAY_FR: 'EUR', EBAY_IT: 'EUR', EBAY_ES: 'EUR' };

export const skuOf = (i) => `EBAY-${i}`;
// An EAN-13 in GS1's restricted-circulation prefix 200: "200", i in 9 digits, then the check digit.
export function eanOf(i) {
  const body = `200${String(i).padStart(9, '0').slice(-9)}`;
  const sum = [...body].reduce((s, d, k) => s + Number(d) * (k % 2 === 0 ? 1 : 3), 0);
  return body + ((10 - (sum % 10)) % 10);
}
export const hasOffer = (i) => i % 5 !== 4;

const ok = (body) => ({ status: 200, body });
const ebayError = (status, errorId, domain, category, message, longMessage) => ({
  status, body: { errors: [{ errorId, domain, category, message, ...(longMessage === undefined ? {} : { longMessage }) }] },
});
const invalidToken = () => ebayError(401, 1001, 'OAuth', 'REQUEST', 'Invalid access token',
  'Invalid access token. Check the value of the Authorization HTTP request header.');
const tooMany = () => ebayError(429, 2001, 'ACCESS', 'REQUEST', 'Too many requests. The request limit has been reached for the resource.',
  'The request limit has been reached for the resource.');
const notFound = () => ebayError(404, 2002, 'ACCESS', 'REQUEST', 'Resource not found');
const noOffer = () => ebayError(404, 25713, 'API_INVENTORY', 'REQUEST', 'This Offer is not available.');
const badPagination = (info) => ebayError(400, 25706, 'API_INVENTORY', 'REQUEST', `You have provided invalid pagination values. ${info}`);
const invalidValue = (field) => ebayError(400, 25709, 'API_INVENTORY', 'REQUEST', `Invalid value for ${field}.`);
const oauthError = (status, error, description) => ({ status, body: { error, error_description: description } });
const FAULT_BODIES = {
  400: () => ebayError(400, 2004, 'ACCESS', 'REQUEST', 'Invalid request', 'Request has errors. For help, see the documentation for this API.'),
  401: invalidToken,
  403: () => ebayError(403, 1100, 'ACCESS', 'REQUEST', 'Access denied', 'Insufficient permissions to fulfill the request.'),
  404: notFound,
  429: tooMany,
};

// A pagination parameter: the integer it holds, `fallback` when absent, or null when not an integer in range.
function integerParam(value, fallback, min, max = Number.MAX_SAFE_INTEGER) {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

export async function startFakeEbay({
  clientId = 'Comptoir-test-PRD-0123456789-abcdef01', clientSecret = 'PRD-ebaytestsecret',
  refreshToken = 'v^1.1#i^1#r^1#test-refresh', marketplaceId = 'EBAY_CA', itemCount = 3, rateLimits = true,
} = {}) {
  const initial = { clientId, clientSecret, refreshToken, marketplaceId, itemCount, rateLimits };
  const tokens = new Map(); // access token → { expires (ms), scopes }
  const countdown = callCountdown(() => tokens.clear()); // API calls let through before every token issued so far expires
  const buckets = new Map(); // access token → { tokens, at }
  const quantities = new Map(); // sku → quantity set by setQuantity
  const faults = faultQueues();

  // --- OAuth ---------------------------------------------------------------------------------
  function issueToken(scopes) {
    const token = `v^1.1#i^1#p^3#${randomBytes(24).toString('base64url')}`;
    tokens.set(token, { expires: Date.now() + TOKEN_LIFETIME * 1000, scopes });
    fake.tokensIssued += 1;
    return token;
  }

  function basicCredentials(header) {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!m) return null;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? null : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }

  function exchange(method, headers, raw) {
    if (method !== 'POST') return oauthError(405, 'invalid_request', 'the token endpoint only accepts POST');
    if (!/^application\/x-www-form-urlencoded\b/i.test(headers['content-type'] ?? '')) {
      return oauthError(400, 'invalid_request', 'request content type must be application/x-www-form-urlencoded');
    }
    const client = basicCredentials(headers.authorization);
    if (!client || client.id !== fake.clientId || client.secret !== fake.clientSecret) {
      return oauthError(401, 'invalid_client', 'client authentication failed');
    }
    const form = new URLSearchParams(raw);
    if (!form.get('grant_type')) return oauthError(400, 'invalid_request', 'request is missing a required parameter: grant_type');
    if (form.get('grant_type') !== 'refresh_token') {
      return oauthError(400, 'unsupported_grant_type', 'grant type in request is not supported by the authorization server');
    }
    if (!form.get('refresh_token')) return oauthError(400, 'invalid_request', 'request is missing a required parameter: refresh_token');
    if (form.get('refresh_token') !== fake.refreshToken) {
      return oauthError(400, 'invalid_grant', 'the provided authorization refresh token is invalid or was issued to another client');
    }
    const scopes = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (!scopes.some((s) => s === SCOPE_READONLY || s === SCOPE_INVENTORY) || !scopes.every((s) => GRANTED_SCOPES.includes(s))) {
      return oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client');
    }
    return ok({ access_token: issueToken(scopes), expires_in: TOKEN_LIFETIME, token_type: 'User Access Token' });
  }

  // --- inventory -----------------------------------------------------------------------------
  function inventoryItem(i) {
    const sku = skuOf(i);
    return {
      sku, locale: 'en_CA',
      product: { title: `eBay item ${i}`, aspects: {}, ean: [eanOf(i)], imageUrls: [] },
      condition: 'NEW',
      availability: { shipToLocationAvailability: { quantity: quantities.get(sku) ?? (5 * i) % 30 } },
    };
  }

  function indexOfSku(sku) {
    const m = /^EBAY-(0|[1-9]\d*)$/.exec(String(sku));
    const i = m ? Number(m[1]) : -1;
    return i < fake.itemCount ? i : -1;
  }

  const pageUrl = (limit, offset) => `${fake.url}${INVENTORY_PATH}?limit=${limit}&offset=${offset}`;
  function inventory(query) {
    const limit = integerParam(query.limit, INVENTORY_LIMITS.default, INVENTORY_LIMITS.min, INVENTORY_LIMITS.max);
    if (limit === null) return badPagination(`limit must be an integer from ${INVENTORY_LIMITS.min} to ${INVENTORY_LIMITS.max}.`);
    const offset = integerParam(query.offset, 0, 0);
    if (offset === null) return badPagination('offset must be an integer of at least 0.');
    const total = fake.itemCount;
    const inventoryItems = [];
    for (let i = offset; i < Math.min(total, offset + limit); i += 1) inventoryItems.push(inventoryItem(i));
    const body = { href: pageUrl(limit, offset), limit };
    if (offset + limit < total) body.next = pageUrl(limit, offset + limit);
    body.offset = offset;
    if (offset > 0) body.prev = pageUrl(limit, Math.max(0, offset - limit));
    return ok(Object.assign(body, { size: Math.ceil(total / limit), total, inventoryItems }));
  }

  function offerOf(i) {
    if (!hasOffer(i)) return null;
    const sku = skuOf(i);
    return {
      offerId: String(5000000000 + i), sku, marketplaceId: fake.marketplaceId, format: 'FIXED_PRICE',
      availableQuantity: inventoryItem(i).availability.shipToLocationAvailability.quantity,
      pricingSummary: { price: { value: `${10 + i}.99`, currency: CURRENCIES[fake.marketplaceId] ?? 'CAD' } },
      listing: { listingId: String(110000000000 + i), listingStatus: 'ACTIVE' },
      status: 'PUBLISHED',
    };
  }

  function offers(query, search) {
    if (!query.sku) return invalidValue('sku');
    const limit = integerParam(query.limit, OFFERS_DEFAULT_LIMIT, 1);
    if (limit === null) return badPagination('limit must be a positive integer.');
    const offset = integerParam(query.offset, 0, 0);
    if (offset === null) return badPagination('offset must be an integer of at least 0.');
    const i = indexOfSku(query.sku);
    const offer = i < 0 ? null : offerOf(i);
    if (!offer || (query.marketplace_id !== undefined && query.marketplace_id !== fake.marketplaceId)
      || (query.format !== undefined && query.format !== 'FIXED_PRICE')) return noOffer();
    const page = offset === 0 ? [offer] : [];
    return ok({ href: `${fake.url}${OFFER_PATH}${search}`, limit, offset, size: page.length, total: 1, offers: page });
  }

  // --- the HTTP side -------------------------------------------------------------------------
  // Access token and rate limit: an error result, or null when the call may go on.
  function gate(headers) {
    countdown.count(); // expireTokenAfter: the token a client holds ends in the middle of its work
    const token = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
    const held = token && tokens.get(token);
    if (!held || held.expires <= Date.now()) return invalidToken();
    if (!fake.rateLimits) return null;
    const now = Date.now();
    const { rate, burst } = fake.limits;
    const bucket = buckets.get(token) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    buckets.set(token, bucket);
    if (bucket.tokens < 1) return tooMany();
    bucket.tokens -= 1;
    return null;
  }

  function faultAnswer(f, oauth) {
    let result;
    if (oauth) {
      const error = f.status === 401 ? 'invalid_client' : f.status >= 500 ? 'server_error' : 'invalid_request';
      result = oauthError(f.status, error, `fake eBay failNext (${f.status})`);
    } else {
      result = FAULT_BODIES[f.status]?.() ?? ebayError(f.status, 25001, 'API_INVENTORY', 'APPLICATION',
        `A system error has occurred. fake eBay failNext (${f.status}).`);
    }
    return { status: f.status, body: f.body ?? result.body, retryAfter: f.retryAfter };
  }

  function route(method, path, query, search) {
    if (method === 'GET' && path === INVENTORY_PATH) return inventory(query);
    if (method === 'GET' && path === OFFER_PATH) return offers(query, search);
    return notFound();
  }

  async function handle(req, res) {
    const target = new URL(req.url, 'http://fake-ebay');
    const raw = await readBody(req);
    const { method } = req;
    const path = target.pathname;
    const query = Object.fromEntries(target.searchParams);
    let body = raw === '' ? undefined : raw;
    if (raw !== '' && /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
      body = Object.fromEntries(new URLSearchParams(raw));
    } else if (raw !== '' && /^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      try { body = JSON.parse(raw); } catch { /* keep it raw */ }
    }
    fake.requests.push({ method, path, query, headers: req.headers, body });

    const oauth = path === TOKEN_PATH;
    const { result, broken } = await faults.answer(method, path, {
      refused: oauth ? null : gate(req.headers),
      run: () => (oauth ? exchange(method, req.headers, raw) : route(method, path, query, target.search)),
      failAnswer: (fail) => faultAnswer(fail, oauth),
    });
    const headers = { 'content-type': 'application/json' };
    if (result.retryAfter !== undefined) headers['Retry-After'] = String(result.retryAfter);
    writeAnswer(res, result, headers, broken);
  }

  const fake = {
    url: null,
    ...initial, // clientId, clientSecret, refreshToken, marketplaceId, itemCount, rateLimits: a test may change them
    limits: { ...RATE_LIMIT }, // the per-token bucket { rate, burst }; a test may tighten it
    tokensIssued: 0, // access tokens handed out since the start (or the last reset)
    requests: [], // { method, path, query, headers, body } — body parsed when form-encoded or JSON

    // failNext, slowNext and malformedNext (fake_faults.mjs). The next `times` matching requests
    // answer `status` (an eBay error container or, on the token path, an OAuth error, unless `body`
    // is given; Retry-After when `retryAfter` is). `path`: a RegExp or a path prefix.
    // `afterProcessing`: the request runs first, then its answer is lost.
    ...faults.controls,
    // Every access token issued so far stops working: the next API call with one answers 401 1001.
    expireToken() {
      tokens.clear();
    },
    // The same after `calls` more API calls have been let through: a client holding its token then
    // meets a 401 mid-run and must get a new one.
    expireTokenAfter: countdown.start,

    // Inventory item i as getInventoryItems shows it.
    item(i) {
      if (!Number.isInteger(i) || i < 0 || i >= fake.itemCount) throw new RangeError(`fake eBay: no item ${i}`);
      return inventoryItem(i);
    },
    // Item i's offer as getOffers shows it, or null (every fifth item, i mod 5 = 4, has none).
    offer(i) {
      fake.item(i);
      return offerOf(i);
    },
    // Sets one item's shipToLocationAvailability quantity (its offer's availableQuantity follows).
    setQuantity(sku, quantity) {
      if (indexOfSku(sku) < 0) throw new RangeError(`fake eBay: no item with sku ${sku}`);
      if (!Number.isInteger(quantity) || quantity < 0) throw new RangeError(`fake eBay: ${quantity} is not a quantity`);
      quantities.set(sku, quantity);
    },

    // Back to the start: no requests, faults, quantity changes or rate-limit history; options as
    // started. Access tokens already issued stay valid (as a client's cached token would), but
    // tokensIssued counts from 0 again.
    reset() {
      fake.requests.length = 0;
      faults.clear();
      buckets.clear();
      quantities.clear();
      countdown.clear();
      Object.assign(fake, initial, { limits: { ...RATE_LIMIT }, tokensIssued: 0 });
    },

    close: () => fakes.close(fake, server),
  };

  const server = jsonServer(handle, (error) => ({ errors: [{ errorId: 25001, domain: 'API_INVENTORY', category: 'APPLICATION', message: `fake eBay crashed: ${error.message}` }] }));
  fake.url = await listenLocal(server);
  fakes.add(fake);
  return fake;
}
