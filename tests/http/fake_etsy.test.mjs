// The fake Etsy Open API v3 (support/fake_etsy) checked on its own before the supplier engine's
// suites rely on it: the OAuth refresh grant and its rotating refresh token, the x-api-key and
// Bearer checks, getListingsByShop pages with includes=Inventory and getListingInventory, the rate
// headers and 429, and the fault injection. No comptoir binary is needed.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { TOKEN_PATH, inventoryPath, listingsPath, startFakeEtsy } from '../support/fake_etsy.mjs';

const KEYSTRING = 'etsytestkeystring1234';
const SECRET = 'etsysharedsecret';
const SHOP = 12345678;
const USER = 87654321;
const API_KEY = `${KEYSTRING}:${SECRET}`;
const RATE_HEADERS = ['x-limit-per-second', 'x-remaining-this-second', 'x-limit-per-day', 'x-remaining-today'];
let etsy;
let token;

const refresh = (fields = {}, fake = etsy) => fetch(`${fake.url}${TOKEN_PATH}`, {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'refresh_token', client_id: KEYSTRING, refresh_token: fake.refreshToken, ...fields }),
});
async function accessToken(fake = etsy) {
  const res = await refresh({}, fake);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).access_token;
}
const api = (path, { key = API_KEY, auth = token, fake = etsy, method = 'GET' } = {}) => fetch(`${fake.url}${path}`, {
  method,
  headers: { ...(key === null ? {} : { 'x-api-key': key }), ...(auth === null ? {} : { authorization: `Bearer ${auth}` }) },
});
const listings = (query = '', shop = SHOP) => `${listingsPath(shop)}?state=active${query}`;
async function errorOf(res, status) {
  assert.equal(res.status, status);
  return res.json();
}
const rates = (res) => RATE_HEADERS.map((name) => res.headers.get(name));

before(async () => {
  etsy = await startFakeEtsy();
  token = await accessToken();
});

describe('OAuth refresh grant', () => {
  test('a refresh token buys an access token and a new refresh token; the used one is revoked', async () => {
    etsy.reset();
    assert.deepEqual([etsy.keystring, etsy.sharedSecret, etsy.shopId, etsy.userId, etsy.refreshToken, etsy.listingCount,
      etsy.productsPerListing, etsy.rateLimits], [KEYSTRING, SECRET, SHOP, USER, `${USER}.refresh-test`, 3, 2, true]);
    const first = etsy.refreshToken;
    const res = await refresh();
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual(Object.keys(body), ['access_token', 'token_type', 'expires_in', 'refresh_token']);
    assert.match(body.access_token, new RegExp(`^${USER}\\.[\\w-]{20,}$`));
    assert.match(body.refresh_token, new RegExp(`^${USER}\\.[\\w-]{20,}$`));
    assert.deepEqual([body.token_type, body.expires_in], ['Bearer', 3600]);
    assert.notEqual(body.refresh_token, first);
    assert.equal(etsy.refreshToken, body.refresh_token, 'fake.refreshToken is the one now valid');
    assert.equal(etsy.tokensIssued, 1);
    const [logged] = etsy.requests.slice(-1);
    assert.deepEqual([logged.method, logged.path, logged.body], ['POST', TOKEN_PATH,
      { grant_type: 'refresh_token', client_id: KEYSTRING, refresh_token: first }]);

    assert.deepEqual(await errorOf(await refresh({ refresh_token: first }), 400),
      { error: 'invalid_grant', error_description: 'refresh_token is revoked' });
    const again = await refresh();
    assert.equal(again.status, 200, 'the rotated token works');
    const { access_token: second, refresh_token: third } = await again.json();
    assert.equal(etsy.refreshToken, third);
    assert.equal((await api(listings(), { auth: body.access_token })).status, 200, 'earlier access tokens live on');
    assert.equal((await api(listings(), { auth: second })).status, 200);

    etsy.keepOldRefreshTokens = true;
    assert.equal((await refresh({ refresh_token: first })).status, 200, 'the lenient reading of the docs');
    assert.equal(etsy.tokensIssued, 3);
  });

  test('a wrong client_id is 401 invalid_client; an unknown refresh token 400 invalid_grant', async () => {
    etsy.reset();
    const before = etsy.tokensIssued;
    assert.deepEqual(await errorOf(await refresh({ client_id: 'someoneelse' }), 401),
      { error: 'invalid_client', error_description: 'client_id is invalid' });
    assert.deepEqual(await errorOf(await refresh({ refresh_token: `${USER}.made-up` }), 400),
      { error: 'invalid_grant', error_description: 'refresh_token is invalid' });
    assert.equal((await errorOf(await refresh({ grant_type: 'authorization_code' }), 400)).error, 'unsupported_grant_type');
    assert.equal((await errorOf(await refresh({ refresh_token: '' }), 400)).error, 'invalid_request');
    const json = await fetch(`${etsy.url}${TOKEN_PATH}`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', client_id: KEYSTRING, refresh_token: etsy.refreshToken }),
    });
    assert.equal((await errorOf(json, 400)).error, 'invalid_request', 'the docs ask for a form-encoded body');
    assert.equal(etsy.refreshToken, `${USER}.refresh-test`, 'nothing rotated');
    assert.equal(etsy.tokensIssued, before);
  });
});

describe('the API key and token checks', () => {
  test('no x-api-key, the keystring alone or a wrong secret is 403', async () => {
    etsy.reset();
    assert.deepEqual(await errorOf(await api(listings(), { key: null }), 403), { error: 'Invalid API key' });
    assert.deepEqual(await errorOf(await api(listings(), { key: KEYSTRING }), 403), { error: 'Shared secret is required in x-api-key header.' });
    for (const key of [`${KEYSTRING}:wrong`, `other:${SECRET}`, SECRET]) {
      const res = await api(listings(), { key });
      assert.deepEqual(await errorOf(res, 403), { error: 'Invalid API key' }, key);
      assert.deepEqual(rates(res), ['10', '10', '10000', '10000'], 'refused calls do not count');
    }
  });

  test('no token, an unknown one or an expired one is 401 invalid_token', async () => {
    etsy.reset();
    assert.deepEqual(await errorOf(await api(listings(), { auth: null }), 401), { error: 'invalid_token', error_description: 'access token is missing' });
    assert.deepEqual(await errorOf(await api(listings(), { auth: `${USER}.made-up` }), 401), { error: 'invalid_token', error_description: 'access token is invalid' });
    const second = await accessToken();
    etsy.expireToken();
    for (const old of [token, second]) {
      const res = await api(listings(), { auth: old });
      assert.deepEqual(await errorOf(res, 401), { error: 'invalid_token', error_description: 'access token is expired' });
      assert.ok(rates(res).every((value) => /^\d+$/.test(value)), 'the rate headers on a 401 too');
    }
    token = await accessToken();
    assert.equal((await api(listings())).status, 200, 'a refreshed token works');
  });

  test('expireTokenAfter(n) lets n more calls through, then every token issued so far expires', async () => {
    etsy.reset();
    etsy.expireTokenAfter(2);
    token = await accessToken(); // issued after the call: it expires too
    assert.equal((await api(listings())).status, 200);
    assert.equal((await api(listings())).status, 200);
    assert.equal((await errorOf(await api(listings()), 401)).error_description, 'access token is expired');
    token = await accessToken();
    for (let k = 0; k < 3; k += 1) assert.equal((await api(listings())).status, 200, 'only once');
  });
});

describe('getListingsByShop and getListingInventory', () => {
  test('one page of listings in the documented shape, with and without includes=Inventory', async () => {
    etsy.reset();
    const res = await api(listings('&limit=25&offset=0&includes=Inventory'));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    const body = await res.json();
    assert.deepEqual(Object.keys(body), ['count', 'results']);
    assert.equal(body.count, 3);
    assert.deepEqual(body.results.map((l) => l.listing_id), [1000000, 1000001, 1000002]);
    const one = body.results[1];
    const product = (p) => ({
      product_id: 20000100 + p, sku: `ETSY-1-${p}`, is_deleted: false,
      offerings: [{ offering_id: 30000100 + p, quantity: 3 + p, is_enabled: true, is_deleted: false, price: { amount: 1500 + 100 * p, divisor: 100, currency_code: 'CAD' } }],
      property_values: [{ property_id: 513, property_name: 'Option', scale_id: null, scale_name: null, value_ids: [4000 + p], values: [`Option ${p + 1}`] }],
    });
    assert.deepEqual({ ...one, creation_timestamp: 0, created_timestamp: 0, ending_timestamp: 0, original_creation_timestamp: 0,
      last_modified_timestamp: 0, updated_timestamp: 0, state_timestamp: 0 }, {
      listing_id: 1000001, user_id: USER, shop_id: SHOP, title: 'Etsy item 1', description: 'Generated listing 1.', state: 'active',
      creation_timestamp: 0, created_timestamp: 0, ending_timestamp: 0, original_creation_timestamp: 0, last_modified_timestamp: 0,
      updated_timestamp: 0, state_timestamp: 0, quantity: 7, url: 'https://www.etsy.com/listing/1000001/etsy-item-1',
      listing_type: 'physical', has_variations: true, price: { amount: 1500, divisor: 100, currency_code: 'CAD' },
      skus: ['ETSY-1-0', 'ETSY-1-1'],
      inventory: { products: [product(0), product(1)], price_on_property: [513], quantity_on_property: [513], sku_on_property: [513] },
    });
    assert.ok(Number.isInteger(one.creation_timestamp) && one.creation_timestamp >= 946684800);
    assert.deepEqual(one, etsy.listing(1));
    assert.throws(() => etsy.listing(3), RangeError);

    const plain = await (await api(listings('&includes=Images,Shop'))).json();
    assert.equal('inventory' in plain.results[0], false, 'no inventory without includes=Inventory');
    const inv = await api(inventoryPath(1000001));
    assert.deepEqual(await inv.json(), one.inventory);
    assert.equal((await errorOf(await api(inventoryPath(1000003)), 404)).error.length > 0, true);
    const none = await (await api(`${listingsPath(SHOP)}?state=draft`)).json();
    assert.deepEqual(none, { count: 0, results: [] });
  });

  test('offset and limit page through count listings; setQuantity changes one product', async () => {
    const big = await startFakeEtsy({ listingCount: 230, productsPerListing: 1, rateLimits: false });
    const auth = await accessToken(big);
    const sizes = [];
    const ids = new Set();
    for (let offset = 0; ; offset += 100) {
      const body = await (await api(listings(`&limit=100&offset=${offset}&includes=Inventory`), { fake: big, auth })).json();
      assert.equal(body.count, 230);
      sizes.push(body.results.length);
      for (const l of body.results) ids.add(l.listing_id);
      if (offset + 100 >= body.count) break;
    }
    assert.deepEqual(sizes, [100, 100, 30]);
    assert.equal(ids.size, 230);
    const defaults = await (await api(`${listingsPath(SHOP)}?offset=220`, { fake: big, auth })).json();
    assert.deepEqual([defaults.count, defaults.results.length, defaults.results[0].listing_id], [230, 10, 1000220]);
    assert.equal((await (await api(`${listingsPath(SHOP)}`, { fake: big, auth })).json()).results.length, 25, 'limit defaults to 25');
    assert.deepEqual((await (await api(listings('&offset=500'), { fake: big, auth })).json()).results, []);

    const single = big.listing(7);
    assert.deepEqual([single.has_variations, single.inventory.products[0].property_values, single.inventory.price_on_property], [false, [], []]);
    assert.equal(single.quantity, 1); // (3·7 + 0) mod 20
    big.setQuantity('ETSY-7-0', 12);
    const changed = big.listing(7);
    assert.deepEqual([changed.quantity, changed.inventory.products[0].offerings[0].quantity], [12, 12]);
    assert.ok(changed.updated_timestamp > single.updated_timestamp);
    assert.throws(() => big.setQuantity('ETSY-7-1', 1), RangeError);
    assert.throws(() => big.setQuantity('ETSY-7-0', -1), RangeError);
    etsy.setQuantity('ETSY-2-1', 0);
    const two = etsy.listing(2);
    assert.deepEqual([two.quantity, two.inventory.products.map((p) => p.offerings[0].quantity)], [6, [6, 0]]);
    big.reset();
    assert.equal(big.listing(7).quantity, 1);
  });

  test('bad parameters are 400, another shop 404', async () => {
    etsy.reset();
    etsy.rateLimits = false; // more than 10 calls in a second
    for (const query of ['&limit=101', '&limit=0', '&limit=ten', '&offset=-1', '&offset=12001', '&includes=Everything']) {
      const { error } = await errorOf(await api(listings(query)), 400);
      assert.match(error, /limit|offset|includes/, query);
    }
    assert.match((await errorOf(await api(listings('&limit=101')), 400)).error, /between 1 and 100/);
    assert.equal((await errorOf(await api(`${listingsPath(SHOP)}?state=gone`), 400)).error.includes('state'), true);
    assert.deepEqual(await errorOf(await api(listings('', 99999)), 404), { error: 'Shop with shop_id 99999 not found.' });
    assert.equal((await api(listings('', 'abc'))).status, 400);
    assert.equal((await api('/v3/application/nothing')).status, 404);
  });
});

describe('rate limits and faults', () => {
  test('the four rate headers count down; past 10 a second answers 429 with retry-after', async () => {
    const tight = await startFakeEtsy();
    const auth = await accessToken(tight);
    const call = () => api(listings(), { fake: tight, auth });
    const first = await call();
    assert.deepEqual(rates(first), ['10', '9', '10000', '9999']);
    for (let k = 2; k <= 10; k += 1) assert.equal((await call()).status, 200);
    const limited = await call();
    assert.equal(limited.status, 429);
    assert.match((await limited.json()).error, /per-second/);
    assert.deepEqual(rates(limited), ['10', '0', '10000', '9990']);
    assert.equal(limited.headers.get('retry-after'), '1');
    assert.equal(tight.requests.length, 12, 'the token refresh and 11 calls');
    await new Promise((resolve) => setTimeout(resolve, 1050));
    const later = await call();
    assert.deepEqual([later.status, later.headers.get('x-remaining-this-second'), later.headers.get('x-remaining-today')], [200, '9', '9989']);
    assert.equal((await refresh({}, tight)).status, 200, 'the token endpoint is not limited');

    tight.limitPerDay = 12;
    assert.equal((await call()).status, 200);
    const daily = await call();
    assert.equal(daily.status, 429);
    assert.match((await daily.json()).error, /daily/);
    assert.ok(Number(daily.headers.get('retry-after')) > 80000);
    tight.rateLimits = false;
    for (let k = 0; k < 12; k += 1) assert.equal((await call()).status, 200);
    assert.equal((await call()).headers.get('x-remaining-today'), '0');
    tight.reset();
    assert.deepEqual([tight.rateLimits, tight.limitPerDay], [true, 10000]);
    assert.deepEqual(rates(await call()), ['10', '9', '10000', '9999']);
  });

  test('failNext answers a status, optionally after the request ran', async () => {
    etsy.reset();
    etsy.failNext({ status: 503, times: 2, path: /\/listings$/ });
    assert.equal((await api(inventoryPath(1000000))).status, 200, 'other paths unaffected');
    const down = await api(listings());
    assert.deepEqual(await errorOf(down, 503), { error: 'Server Error' });
    assert.ok(down.headers.get('x-limit-per-second'));
    assert.equal((await api(listings())).status, 503);
    assert.equal((await api(listings())).status, 200);

    etsy.failNext({ status: 429, retryAfter: 7, path: listingsPath(SHOP), method: 'GET' });
    const limited = await api(listings());
    assert.deepEqual([limited.status, limited.headers.get('retry-after')], [429, '7']);
    etsy.failNext({ status: 400, body: { error: 'given' } });
    assert.deepEqual(await errorOf(await api(listings()), 400), { error: 'given' });

    etsy.failNext({ status: 500, path: TOKEN_PATH });
    assert.deepEqual(await errorOf(await refresh(), 500), { error: 'server_error', error_description: 'fake Etsy failNext (500).' });
    assert.equal(etsy.refreshToken, `${etsy.userId}.refresh-test`, 'nothing rotated');
    etsy.failNext({ status: 502, path: TOKEN_PATH, afterProcessing: true });
    assert.equal((await refresh()).status, 502);
    assert.notEqual(etsy.refreshToken, `${etsy.userId}.refresh-test`, 'rotated although the answer was lost');
    assert.equal((await errorOf(await refresh({ refresh_token: `${etsy.userId}.refresh-test` }), 400)).error, 'invalid_grant');
    assert.equal((await refresh()).status, 200, 'fake.refreshToken still works');

    etsy.failNext({ status: 500 });
    assert.equal((await api(listings(), { auth: null })).status, 401, 'the checks come first; the fault waits');
    assert.equal((await api(listings())).status, 500);
  });

  test('slowNext and malformedNext', async () => {
    etsy.reset();
    etsy.slowNext({ ms: 300, path: listingsPath(SHOP) });
    const started = performance.now();
    assert.equal((await api(listings())).status, 200);
    assert.ok(performance.now() - started >= 290);
    etsy.malformedNext({ path: /inventory/ });
    const broken = await api(inventoryPath(1000000));
    assert.equal(broken.status, 200);
    await assert.rejects(broken.json(), SyntaxError);
    assert.equal((await api(inventoryPath(1000000))).status, 200);
    etsy.malformedNext({ path: TOKEN_PATH });
    await assert.rejects((await refresh()).json(), SyntaxError);
  });

  test('requests are recorded and reset clears everything', async () => {
    etsy.reset();
    token = await accessToken();
    await api(listings('&limit=5&includes=Inventory'));
    const [, get] = etsy.requests;
    assert.deepEqual([get.method, get.path, get.query, get.body], ['GET', listingsPath(SHOP), { state: 'active', limit: '5', includes: 'Inventory' }, undefined]);
    assert.deepEqual([get.headers['x-api-key'], get.headers.authorization], [API_KEY, `Bearer ${token}`]);
    const { requests } = etsy;
    etsy.failNext({ status: 500 });
    etsy.setQuantity('ETSY-1-1', 19);
    etsy.expireTokenAfter(0);
    etsy.reset();
    assert.deepEqual([requests.length, etsy.tokensIssued, etsy.refreshToken], [0, 0, `${USER}.refresh-test`]);
    assert.equal(etsy.requests, requests, 'the same array, so references stay valid');
    assert.equal((await api(listings())).status, 200, 'faults cleared; the cached token still works');
    assert.equal(etsy.listing(1).inventory.products[1].offerings[0].quantity, 4);
  });
});
