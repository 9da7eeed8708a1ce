// The fake eBay (support/fake_ebay) checked on its own before the supplier engine's suites rely on
// it: the OAuth refresh-token grant and its errors, the Bearer gate and expired tokens, the Sell
// Inventory API's getInventoryItems pages (followed through `next`) and getOffers, the per-token
// rate limit and the fault injection. No comptoir binary is needed.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  INVENTORY_PATH, OFFER_PATH, SCOPE_INVENTORY, SCOPE_READONLY, TOKEN_PATH, eanOf, startFakeEbay,
} from '../support/fake_ebay.mjs';

const CLIENT_ID = 'Comptoir-test-PRD-0123456789-abcdef01';
const CLIENT_SECRET = 'PRD-ebaytestsecret';
const REFRESH = 'v^1.1#i^1#r^1#test-refresh';
const INVALID_TOKEN = { errors: [{ errorId: 1001, domain: 'OAuth', category: 'REQUEST', message: 'Invalid access token',
  longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.' }] };
const TOO_MANY = { errors: [{ errorId: 2001, domain: 'ACCESS', category: 'REQUEST',
  message: 'Too many requests. The request limit has been reached for the resource.',
  longMessage: 'The request limit has been reached for the resource.' }] };
const NO_OFFER = { errors: [{ errorId: 25713, domain: 'API_INVENTORY', category: 'REQUEST', message: 'This Offer is not available.' }] };
const INVALID_SCOPE = { error: 'invalid_scope',
  error_description: 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client' };
let ebay;
let token;

const basic = (id = CLIENT_ID, secret = CLIENT_SECRET) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
// The refresh-token grant; a field set to undefined is left out of the form.
function exchange(fields = {}, { fake = ebay, auth = basic() } = {}) {
  const form = { grant_type: 'refresh_token', refresh_token: REFRESH, scope: SCOPE_READONLY, ...fields };
  return fetch(`${fake.url}${TOKEN_PATH}`, {
    method: 'POST',
    headers: auth === null ? {} : { authorization: auth },
    body: new URLSearchParams(Object.entries(form).filter(([, v]) => v !== undefined)),
  });
}
async function accessToken(fake = ebay) {
  const res = await exchange({}, { fake });
  assert.equal(res.status, 200);
  return (await res.json()).access_token;
}
const api = (target, { auth = token, fake = ebay, method = 'GET', scheme = 'Bearer' } = {}) => fetch(`${fake.url}${target}`, {
  method, headers: auth === null ? {} : { authorization: `${scheme} ${auth}` },
});
const offersOf = (sku, marketplace = 'EBAY_CA') => `${OFFER_PATH}?sku=${encodeURIComponent(sku)}&marketplace_id=${marketplace}`;
async function errorsOf(res, status) {
  assert.equal(res.status, status);
  return (await res.json()).errors;
}
// An EAN-13 is valid when its weighted digit sum (1, 3, 1, 3, … from the left) is a multiple of 10.
const validEan = (ean) => /^\d{13}$/.test(ean) && [...ean].reduce((s, d, k) => s + Number(d) * (k % 2 === 0 ? 1 : 3), 0) % 10 === 0;

before(async () => {
  ebay = await startFakeEbay({ rateLimits: false });
  token = await accessToken();
});

describe('OAuth refresh-token grant', () => {
  test('a refresh token and a Basic client give a User access token, and no new refresh token', async () => {
    const before = ebay.tokensIssued;
    const res = await exchange();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    const body = await res.json();
    assert.match(body.access_token, /^v\^1\.1#i\^1#p\^3#[\w-]{20,}$/);
    assert.deepEqual({ ...body, access_token: 'x' }, { access_token: 'x', expires_in: 7200, token_type: 'User Access Token' });
    assert.equal(ebay.tokensIssued, before + 1);
    const [logged] = ebay.requests.slice(-1);
    assert.deepEqual([logged.method, logged.path, logged.headers.authorization], ['POST', TOKEN_PATH, basic()]);
    assert.deepEqual(logged.body, { grant_type: 'refresh_token', refresh_token: REFRESH, scope: SCOPE_READONLY });
    for (const scope of [SCOPE_INVENTORY, `https://api.ebay.com/oauth/api_scope ${SCOPE_READONLY}`]) {
      assert.equal((await exchange({ scope })).status, 200, scope);
    }
    assert.deepEqual([ebay.clientId, ebay.clientSecret, ebay.refreshToken, ebay.marketplaceId, ebay.itemCount],
      [CLIENT_ID, CLIENT_SECRET, REFRESH, 'EBAY_CA', 3]);
  });

  test('bad Basic credentials are 401 invalid_client', async () => {
    const before = ebay.tokensIssued;
    for (const auth of [basic(CLIENT_ID, 'wrong'), basic('Other-app-PRD-1', CLIENT_SECRET), null, `Bearer ${token}`]) {
      const res = await exchange({}, { auth });
      assert.equal(res.status, 401, String(auth));
      assert.deepEqual(await res.json(), { error: 'invalid_client', error_description: 'client authentication failed' });
    }
    assert.equal(ebay.tokensIssued, before);
  });

  test('a bad refresh token is 400 invalid_grant; other malformed grants are invalid_request', async () => {
    const before = ebay.tokensIssued;
    const grant = await exchange({ refresh_token: 'v^1.1#i^1#r^1#revoked' });
    assert.equal(grant.status, 400);
    assert.deepEqual(await grant.json(), { error: 'invalid_grant',
      error_description: 'the provided authorization refresh token is invalid or was issued to another client' });
    const missing = await exchange({ refresh_token: undefined });
    assert.deepEqual([missing.status, (await missing.json()).error], [400, 'invalid_request']);
    const other = await exchange({ grant_type: 'client_credentials' });
    assert.deepEqual([other.status, (await other.json()).error], [400, 'unsupported_grant_type']);
    const json = await fetch(`${ebay.url}${TOKEN_PATH}`, {
      method: 'POST', headers: { authorization: basic(), 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: REFRESH, scope: SCOPE_READONLY }),
    });
    assert.deepEqual([json.status, (await json.json()).error], [400, 'invalid_request']);
    assert.equal(ebay.tokensIssued, before);
  });

  test('a missing, insufficient or unconsented scope is 400 invalid_scope', async () => {
    const before = ebay.tokensIssued;
    for (const scope of [undefined, '', 'https://api.ebay.com/oauth/api_scope',
      `${SCOPE_READONLY} https://api.ebay.com/oauth/api_scope/sell.finances`, 'sell.inventory.readonly']) {
      const res = await exchange({ scope });
      assert.equal(res.status, 400, String(scope));
      assert.deepEqual(await res.json(), INVALID_SCOPE);
    }
    assert.equal(ebay.tokensIssued, before);
  });
});

describe('the access token', () => {
  test('no token, another scheme or an unknown token is 401 with error 1001', async () => {
    for (const [auth, scheme] of [[null, 'Bearer'], [token, 'Basic'], ['v^1.1#i^1#p^3#made-up', 'Bearer']]) {
      const res = await api(INVENTORY_PATH, { auth, scheme });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), INVALID_TOKEN);
    }
    assert.equal((await api(INVENTORY_PATH)).status, 200);
  });

  test('expireToken() ends every token issued so far; expireTokenAfter(n) after n more calls', async () => {
    ebay.reset();
    const second = await accessToken();
    assert.equal((await api(INVENTORY_PATH, { auth: second })).status, 200);
    ebay.expireToken();
    for (const old of [token, second]) assert.deepEqual(await (await api(INVENTORY_PATH, { auth: old })).json(), INVALID_TOKEN);
    token = await accessToken();
    assert.equal(ebay.tokensIssued, 2);
    ebay.expireTokenAfter(2);
    assert.equal((await api(INVENTORY_PATH)).status, 200);
    assert.equal((await api(offersOf('EBAY-1'))).status, 200);
    assert.equal((await api(INVENTORY_PATH)).status, 401, 'the token ended mid-run');
    token = await accessToken();
    assert.equal((await api(INVENTORY_PATH)).status, 200, 'and only once');
  });
});

describe('getInventoryItems', () => {
  test('one page in the documented shape, items generated from their index', async () => {
    ebay.reset();
    const res = await api(INVENTORY_PATH);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual(Object.keys(body), ['href', 'limit', 'offset', 'size', 'total', 'inventoryItems'], 'no next or prev');
    assert.deepEqual({ ...body, inventoryItems: [] }, {
      href: `${ebay.url}${INVENTORY_PATH}?limit=25&offset=0`, limit: 25, offset: 0, size: 1, total: 3, inventoryItems: [] });
    assert.deepEqual(body.inventoryItems[1], {
      sku: 'EBAY-1', locale: 'en_CA',
      product: { title: 'eBay item 1', aspects: {}, ean: ['2000000000015'], imageUrls: [] },
      condition: 'NEW', availability: { shipToLocationAvailability: { quantity: 5 } },
    });
    assert.deepEqual(body.inventoryItems, [0, 1, 2].map((i) => ebay.item(i)));
    assert.deepEqual(body.inventoryItems.map((it) => it.availability.shipToLocationAvailability.quantity), [0, 5, 10]);
    for (const i of [0, 1, 7, 42, 999, 123456789]) assert.ok(validEan(eanOf(i)), eanOf(i));
    assert.throws(() => ebay.item(3), RangeError);
  });

  test('pages follow `next` on the same origin to the end; setQuantity changes one item', async () => {
    const big = await startFakeEbay({ itemCount: 7, rateLimits: false });
    const auth = await accessToken(big);
    const sizes = [];
    const skus = [];
    let target = `${INVENTORY_PATH}?limit=3`;
    while (target) {
      const body = await (await api(target, { fake: big, auth })).json();
      sizes.push(body.inventoryItems.length);
      skus.push(...body.inventoryItems.map((it) => it.sku));
      assert.deepEqual([body.limit, body.total, body.size], [3, 7, 3]);
      if (body.offset === 3) assert.equal(body.prev, `${big.url}${INVENTORY_PATH}?limit=3&offset=0`);
      if (body.next) {
        assert.ok(body.next.startsWith(`${big.url}${INVENTORY_PATH}?`), body.next);
        const next = new URL(body.next);
        target = next.pathname + next.search; // as the connector follows it
      } else target = null;
    }
    assert.deepEqual(sizes, [3, 3, 1]);
    assert.deepEqual(skus, [0, 1, 2, 3, 4, 5, 6].map((i) => `EBAY-${i}`));
    assert.equal(big.item(6).availability.shipToLocationAvailability.quantity, 0);

    big.setQuantity('EBAY-3', 0);
    big.setQuantity('EBAY-2', 29);
    assert.equal(big.item(3).availability.shipToLocationAvailability.quantity, 0);
    assert.equal(big.offer(2).availableQuantity, 29);
    const page = await (await api(`${INVENTORY_PATH}?limit=2&offset=2`, { fake: big, auth })).json();
    assert.deepEqual(page.inventoryItems.map((it) => it.availability.shipToLocationAvailability.quantity), [29, 0]);
    assert.throws(() => big.setQuantity('EBAY-7', 1), RangeError);
    assert.throws(() => big.setQuantity('EBAY-1', -1), RangeError);
    big.reset();
    assert.equal(big.item(3).availability.shipToLocationAvailability.quantity, 15);
  });

  test('limit above 200 or a bad limit or offset is 400 error 25706', async () => {
    ebay.reset();
    for (const query of ['limit=201', 'limit=0', 'limit=ten', 'offset=-1', 'offset=1.5', 'limit=25&offset=x']) {
      const [error] = await errorsOf(await api(`${INVENTORY_PATH}?${query}`), 400);
      assert.deepEqual([error.errorId, error.domain, error.category], [25706, 'API_INVENTORY', 'REQUEST'], query);
      assert.match(error.message, /^You have provided invalid pagination values\./);
    }
    assert.equal((await (await api(`${INVENTORY_PATH}?limit=200`)).json()).limit, 200);
    const past = await (await api(`${INVENTORY_PATH}?limit=2&offset=10`)).json();
    assert.deepEqual([past.inventoryItems, past.next, past.prev], [[], undefined, `${ebay.url}${INVENTORY_PATH}?limit=2&offset=8`]);
  });
});

describe('getOffers', () => {
  test('an item with an offer answers it in the documented shape; marketplace_id is optional', async () => {
    ebay.reset();
    const target = offersOf('EBAY-1');
    const res = await api(target);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual(body, {
      href: `${ebay.url}${target}`, limit: 100, offset: 0, size: 1, total: 1,
      offers: [{
        offerId: '5000000001', sku: 'EBAY-1', marketplaceId: 'EBAY_CA', format: 'FIXED_PRICE', availableQuantity: 5,
        pricingSummary: { price: { value: '11.99', currency: 'CAD' } },
        listing: { listingId: '110000000001', listingStatus: 'ACTIVE' }, status: 'PUBLISHED',
      }],
    });
    assert.deepEqual(body.offers[0], ebay.offer(1));
    const bare = await (await api(`${OFFER_PATH}?sku=EBAY-0`)).json();
    assert.deepEqual(bare.offers[0].pricingSummary.price, { value: '10.99', currency: 'CAD' });
  });

  test('an item without an offer, an unknown SKU or another marketplace is 404 error 25713', async () => {
    ebay.reset();
    ebay.itemCount = 10;
    assert.equal(ebay.offer(4), null);
    assert.equal(ebay.offer(9), null);
    assert.equal(ebay.item(4).sku, 'EBAY-4', 'the item exists, its offer does not');
    for (const target of [offersOf('EBAY-4'), offersOf('EBAY-9'), offersOf('EBAY-99'), offersOf('NOPE'), offersOf('EBAY-1', 'EBAY_US')]) {
      const res = await api(target);
      assert.equal(res.status, 404, target);
      assert.deepEqual(await res.json(), NO_OFFER);
    }
    const [missing] = await errorsOf(await api(OFFER_PATH), 400);
    assert.deepEqual([missing.errorId, missing.message], [25709, 'Invalid value for sku.']);
    const [route] = await errorsOf(await api(`${INVENTORY_PATH}/EBAY-1/nothing`), 404);
    assert.deepEqual([route.errorId, route.message], [2002, 'Resource not found']);
    assert.equal((await api(INVENTORY_PATH, { method: 'DELETE' })).status, 404);
  });
});

describe('rate limit and faults', () => {
  test('past 5 calls a second a token meets 429 error 2001', async () => {
    const tight = await startFakeEbay();
    assert.equal(tight.rateLimits, true);
    const auth = await accessToken(tight);
    for (let k = 0; k < 5; k += 1) assert.equal((await api(INVENTORY_PATH, { fake: tight, auth })).status, 200, `call ${k + 1}`);
    const limited = await api(offersOf('EBAY-1'), { fake: tight, auth });
    assert.equal(limited.status, 429);
    assert.deepEqual(await limited.json(), TOO_MANY);
    assert.equal(limited.headers.get('retry-after'), null);
    assert.equal((await exchange({}, { fake: tight })).status, 200, 'the token endpoint is not limited');
    assert.equal((await api(INVENTORY_PATH, { fake: tight, auth: await accessToken(tight) })).status, 200, 'another token has its own');
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal((await api(INVENTORY_PATH, { fake: tight, auth })).status, 200, 'refilled at 5 a second');
    tight.rateLimits = false;
    for (let k = 0; k < 8; k += 1) assert.equal((await api(INVENTORY_PATH, { fake: tight, auth })).status, 200);
    tight.limits.burst = 1;
    tight.reset();
    assert.deepEqual([tight.rateLimits, tight.limits], [true, { rate: 5, burst: 5 }]);
  });

  test('failNext answers an error container (or an OAuth error), optionally after running', async () => {
    ebay.reset();
    ebay.failNext({ status: 503, times: 2, path: INVENTORY_PATH });
    assert.equal((await api(offersOf('EBAY-1'))).status, 200, 'other paths unaffected');
    const [down] = await errorsOf(await api(INVENTORY_PATH), 503);
    assert.deepEqual([down.errorId, down.domain, down.category], [25001, 'API_INVENTORY', 'APPLICATION']);
    assert.equal((await api(INVENTORY_PATH)).status, 503);
    assert.equal((await api(INVENTORY_PATH)).status, 200);

    ebay.failNext({ status: 429, retryAfter: 7, path: /\/offer$/, method: 'GET' });
    const limited = await api(offersOf('EBAY-1'));
    assert.deepEqual([limited.status, limited.headers.get('retry-after')], [429, '7']);
    assert.deepEqual(await limited.json(), TOO_MANY);
    ebay.failNext({ status: 401 });
    assert.deepEqual(await (await api(INVENTORY_PATH)).json(), INVALID_TOKEN);
    ebay.failNext({ status: 400, body: { errors: [{ errorId: 99999, message: 'given' }] } });
    assert.equal((await errorsOf(await api(INVENTORY_PATH), 400))[0].errorId, 99999);

    ebay.failNext({ status: 500, path: TOKEN_PATH, method: 'POST', afterProcessing: true });
    const issued = ebay.tokensIssued;
    const lost = await exchange();
    assert.deepEqual([lost.status, await lost.json()], [500, { error: 'server_error', error_description: 'fake eBay failNext (500)' }]);
    assert.equal(ebay.tokensIssued, issued + 1, 'the token was issued although the answer was lost');
    ebay.failNext({ status: 503, path: TOKEN_PATH, method: 'GET' });
    assert.equal((await exchange()).status, 200, 'the method filter applies');
  });

  test('slowNext delays an answer; malformedNext cuts it in half', async () => {
    ebay.reset();
    ebay.slowNext({ ms: 300, path: OFFER_PATH });
    let started = performance.now();
    assert.equal((await api(INVENTORY_PATH)).status, 200);
    assert.ok(performance.now() - started < 250, 'another path is not slowed');
    started = performance.now();
    assert.equal((await api(offersOf('EBAY-2'))).status, 200);
    assert.ok(performance.now() - started >= 290);

    ebay.malformedNext({ path: INVENTORY_PATH });
    const broken = await api(INVENTORY_PATH);
    assert.equal(broken.status, 200);
    await assert.rejects(broken.json(), SyntaxError);
    assert.equal((await (await api(INVENTORY_PATH)).json()).total, 3);
    ebay.malformedNext({ path: TOKEN_PATH });
    await assert.rejects((await exchange()).json(), SyntaxError);
  });

  test('requests are recorded and reset clears everything but issued tokens', async () => {
    ebay.reset();
    await api(`${INVENTORY_PATH}?limit=2&offset=0`);
    await api(offersOf('EBAY-1'));
    const [list, offer] = ebay.requests;
    assert.deepEqual([list.method, list.path, list.query, list.body, list.headers.authorization],
      ['GET', INVENTORY_PATH, { limit: '2', offset: '0' }, undefined, `Bearer ${token}`]);
    assert.deepEqual(offer.query, { sku: 'EBAY-1', marketplace_id: 'EBAY_CA' });
    const { requests } = ebay;
    ebay.failNext({ status: 500 });
    ebay.slowNext({ ms: 5000 });
    ebay.setQuantity('EBAY-1', 20);
    ebay.expireTokenAfter(0);
    ebay.itemCount = 50;
    ebay.reset();
    assert.deepEqual([requests.length, ebay.tokensIssued, ebay.itemCount], [0, 0, 3]);
    assert.equal(ebay.requests, requests, 'the same array, so references stay valid');
    const res = await api(INVENTORY_PATH);
    assert.equal(res.status, 200, 'faults and the pending expiry cleared; the cached token still works');
    assert.equal((await res.json()).inventoryItems[1].availability.shipToLocationAvailability.quantity, 5);
  });
});
