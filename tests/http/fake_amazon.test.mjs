// The fake Amazon SP-API + LWA (support/fake_amazon) checked on its own before the supplier
// engine's suites rely on it: the LWA token exchange and its errors, the x-amz-access-token gate
// and expired tokens, FBA inventory summaries and their nextToken pages, Multi-Channel Fulfillment
// order validation and lifecycle (create, get, cancel, advance, ship), the per-token, per-operation
// token-bucket rate limit and the fault injection. No comptoir binary is needed.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { INVENTORY_PATH, ORDERS_PATH, PAGE_SIZE, TOKEN_PATH, asinOf, startFakeAmazon } from '../support/fake_amazon.mjs';

const CLIENT_ID = 'amzn1.application-oa2-client.test';
const CLIENT_SECRET = 'amzn-test-secret';
const REFRESH = 'Atzr|test-refresh';
const MARKETPLACE = 'A2EUQ1WTGCTBG2';
const UNAUTHORIZED = { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] };
const QUOTA = { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] };
let amz;
let token;

const lwa = (fields, fake = amz) => fetch(`${fake.url}${TOKEN_PATH}`, {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: REFRESH, client_id: CLIENT_ID, client_secret: CLIENT_SECRET, ...fields }),
});
async function accessToken(fake = amz) {
  const res = await lwa({}, fake);
  assert.equal(res.status, 200);
  return (await res.json()).access_token;
}
const sp = (path, { method = 'GET', body, auth = token, fake = amz, raw } = {}) => fetch(`${fake.url}${path}`, {
  method,
  headers: {
    ...(auth === null ? {} : { 'x-amz-access-token': auth }),
    ...(body === undefined && raw === undefined ? {} : { 'content-type': 'application/json' }),
  },
  body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
});
const summaries = (extra = '', marketplace = MARKETPLACE) => `${INVENTORY_PATH}?details=true&granularityType=Marketplace&granularityId=${marketplace}&marketplaceIds=${marketplace}${extra}`;
const orderPath = (id, rest = '') => `${ORDERS_PATH}/${encodeURIComponent(id)}${rest}`;
const address = {
  name: 'Élise Tremblay', addressLine1: '1 rue Sainte-Catherine', addressLine2: 'App. 4', city: 'Montréal',
  stateOrRegion: 'QC', postalCode: 'H2X 1Y4', countryCode: 'CA', phone: '514 555 0100',
};
const orderBody = (overrides = {}) => ({
  sellerFulfillmentOrderId: 'cmd-1001', displayableOrderId: '1001', displayableOrderDate: '2024-05-01T12:00:00Z',
  displayableOrderComment: 'Merci pour votre commande', shippingSpeedCategory: 'Standard', destinationAddress: address,
  items: [{ sellerSku: 'AMZ-1', sellerFulfillmentOrderItemId: 'line-1', quantity: 2 }], ...overrides,
});
async function createOrder(overrides) {
  const res = await sp(ORDERS_PATH, { method: 'POST', body: orderBody(overrides) });
  assert.equal(res.status, 200, await res.clone().text());
  assert.deepEqual(await res.json(), {});
  return orderBody(overrides).sellerFulfillmentOrderId;
}
async function errorsOf(res, status = 400) {
  assert.equal(res.status, status);
  return (await res.json()).errors;
}

before(async () => {
  amz = await startFakeAmazon();
  token = await accessToken();
});

describe('Login with Amazon', () => {
  test('a refresh token is exchanged for an access token', async () => {
    const before = amz.tokensIssued;
    const res = await lwa({});
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.match(body.access_token, /^Atza\|[\w-]{20,}$/);
    assert.deepEqual({ ...body, access_token: 'x' }, { access_token: 'x', token_type: 'bearer', expires_in: 3600 });
    assert.equal(amz.tokensIssued, before + 1);
    const [logged] = amz.requests.slice(-1);
    assert.deepEqual([logged.method, logged.path, logged.body.grant_type, logged.body.client_id], ['POST', TOKEN_PATH, 'refresh_token', CLIENT_ID]);
    assert.deepEqual([amz.clientId, amz.clientSecret, amz.refreshToken, amz.marketplaceId, amz.itemCount, amz.rateLimits],
      [CLIENT_ID, CLIENT_SECRET, REFRESH, MARKETPLACE, 3, true]);
  });

  test('a wrong client is 401 invalid_client, a wrong refresh token 400 invalid_grant', async () => {
    const before = amz.tokensIssued;
    for (const bad of [{ client_id: 'amzn1.application-oa2-client.other' }, { client_secret: 'nope' }]) {
      const res = await lwa(bad);
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    const grant = await lwa({ refresh_token: 'Atzr|revoked' });
    assert.equal(grant.status, 400);
    assert.deepEqual(await grant.json(), { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' });
    assert.equal((await (await lwa({ grant_type: 'client_credentials' })).json()).error, 'unsupported_grant_type');
    const json = await fetch(`${amz.url}${TOKEN_PATH}`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: REFRESH, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
    });
    assert.deepEqual([json.status, (await json.json()).error], [400, 'invalid_request']);
    assert.equal(amz.tokensIssued, before);
  });
});

describe('the access-token gate', () => {
  test('no token or an unknown token is 403 Unauthorized, with the SP-API headers', async () => {
    for (const auth of [null, 'Atza|made-up']) { // null: no header at all
      const res = await sp(summaries(), { auth });
      assert.equal(res.status, 403);
      assert.deepEqual(await res.json(), UNAUTHORIZED);
      assert.match(res.headers.get('x-amzn-requestid'), /^[0-9a-f-]{36}$/);
      assert.equal(res.headers.get('x-amzn-ratelimit-limit'), '2.0');
    }
  });

  test('expireToken() kills every token issued so far; a fresh one works', async () => {
    amz.reset();
    const second = await accessToken();
    assert.equal((await sp(orderPath('nothing'), { auth: second })).status, 404);
    amz.expireToken();
    for (const old of [token, second]) assert.deepEqual(await (await sp(orderPath('nothing'), { auth: old })).json(), UNAUTHORIZED);
    token = await accessToken();
    assert.equal((await sp(orderPath('nothing'))).status, 404);
    assert.equal(amz.tokensIssued, 2);
  });
});

describe('FBA inventory summaries', () => {
  test('one page of summaries in the documented shape', async () => {
    amz.reset();
    const res = await sp(summaries());
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-amzn-ratelimit-limit'), '2.0');
    assert.ok(res.headers.get('x-amzn-requestid'));
    const body = await res.json();
    assert.deepEqual(Object.keys(body), ['payload'], 'no pagination on the last page');
    assert.deepEqual(body.payload.granularity, { granularityType: 'Marketplace', granularityId: MARKETPLACE });
    assert.deepEqual(body.payload.inventorySummaries.map((s) => s.sellerSku), ['AMZ-0', 'AMZ-1', 'AMZ-2']);
    assert.deepEqual(body.payload.inventorySummaries[1], {
      asin: 'B000000001', fnSku: 'X000000001', sellerSku: 'AMZ-1', condition: 'NewItem',
      inventoryDetails: {
        fulfillableQuantity: 7, inboundWorkingQuantity: 0, inboundShippedQuantity: 0, inboundReceivingQuantity: 0,
        reservedQuantity: { totalReservedQuantity: 1, pendingCustomerOrderQuantity: 1, pendingTransshipmentQuantity: 0, fcProcessingQuantity: 0 },
        researchingQuantity: { totalResearchingQuantity: 0, researchingQuantityBreakdown: [] },
        unfulfillableQuantity: {
          totalUnfulfillableQuantity: 1, customerDamagedQuantity: 0, warehouseDamagedQuantity: 1, distributorDamagedQuantity: 0,
          carrierDamagedQuantity: 0, defectiveQuantity: 0, expiredQuantity: 0,
        },
      },
      lastUpdatedTime: '2024-01-01T00:01:00Z', productName: 'Comptoir item 1', totalQuantity: 9,
    });
    assert.deepEqual(body.payload.inventorySummaries[1], amz.item(1));
    assert.equal(asinOf(36), 'B000000010');
    const plain = await (await sp(summaries().replace('details=true', 'details=false'))).json();
    assert.equal('inventoryDetails' in plain.payload.inventorySummaries[0], false, 'details=false omits inventoryDetails');
  });

  test('wrong or missing marketplace parameters are 400 InvalidInput', async () => {
    amz.reset();
    amz.rateLimits = false;
    const bad = [
      `${INVENTORY_PATH}?details=true&granularityType=Marketplace&marketplaceIds=${MARKETPLACE}`,
      `${INVENTORY_PATH}?details=true&granularityType=Marketplace&granularityId=${MARKETPLACE}`,
      summaries('', 'ATVPDKIKX0DER'),
      summaries(`&marketplaceIds=ATVPDKIKX0DER`),
      summaries().replace('granularityType=Marketplace', 'granularityType=Country'),
      summaries('&nextToken=bm9wZQ'),
      summaries('&sellerSkus=AMZ-1'),
    ];
    for (const path of bad) {
      const errors = await errorsOf(await sp(path));
      assert.ok(errors.length >= 1 && errors.every((e) => e.code === 'InvalidInput' && e.message && e.details), path);
    }
    const [missing] = await errorsOf(await sp(bad[0]));
    assert.equal(missing.details, 'granularityId');
  });

  test(`pages of ${PAGE_SIZE} follow nextToken to the end; setStock changes one item`, async () => {
    const big = await startFakeAmazon({ itemCount: 120, rateLimits: false });
    const auth = await accessToken(big);
    const sizes = [];
    const skus = new Set();
    let next;
    do {
      const body = await (await sp(summaries(next ? `&nextToken=${encodeURIComponent(next)}` : ''), { fake: big, auth })).json();
      sizes.push(body.payload.inventorySummaries.length);
      for (const s of body.payload.inventorySummaries) skus.add(s.sellerSku);
      next = body.pagination?.nextToken;
      if (sizes.length < 3) assert.deepEqual(Object.keys(body.pagination), ['nextToken']);
    } while (next);
    assert.deepEqual(sizes, [50, 50, 20]);
    assert.equal(skus.size, 120);
    assert.ok(skus.has('AMZ-119'));
    assert.equal(big.item(119).inventoryDetails.fulfillableQuantity, (7 * 119) % 50);
    assert.throws(() => big.item(120), RangeError);

    big.setStock('AMZ-3', 0);
    const changed = big.item(3);
    assert.deepEqual([changed.inventoryDetails.fulfillableQuantity, changed.totalQuantity], [0, 2]);
    assert.notEqual(changed.lastUpdatedTime, '2024-01-01T00:03:00Z');
    assert.throws(() => big.setStock('AMZ-500', 1), RangeError);
    big.reset();
    assert.equal(big.item(3).inventoryDetails.fulfillableQuantity, 21);
  });
});

describe('Multi-Channel Fulfillment orders', () => {
  test('create validates the CreateFulfillmentOrderRequest and names the field', async () => {
    amz.reset();
    const { displayableOrderComment, ...noComment } = orderBody();
    const cases = [
      [noComment, 'displayableOrderComment'],
      [orderBody({ sellerFulfillmentOrderId: 'x'.repeat(41) }), 'sellerFulfillmentOrderId'],
      [orderBody({ displayableOrderId: 'a  b' }), 'displayableOrderId'],
      [orderBody({ displayableOrderDate: '01/05/2024' }), 'displayableOrderDate'],
      [orderBody({ shippingSpeedCategory: 'Overnight' }), 'shippingSpeedCategory'],
      [orderBody({ destinationAddress: { ...address, city: undefined } }), 'destinationAddress.city'],
      [orderBody({ destinationAddress: { ...address, countryCode: 'Canada' } }), 'destinationAddress.countryCode'],
      [orderBody({ items: [] }), 'items'],
      [orderBody({ items: [{ sellerSku: 'AMZ-1', sellerFulfillmentOrderItemId: 'l', quantity: 0 }] }), 'items[0].quantity'],
      [orderBody({ marketplaceId: 'ATVPDKIKX0DER' }), 'marketplaceId'],
    ];
    for (const [body, field] of cases) {
      const errors = await errorsOf(await sp(ORDERS_PATH, { method: 'POST', body }));
      assert.deepEqual(errors.map((e) => [e.code, e.details]), [['InvalidInput', field]], field);
      assert.match(errors[0].message, new RegExp(field.split('.').pop().replace(/[[\]]/g, '.')), field);
    }
    const unknown = await errorsOf(await sp(ORDERS_PATH, { method: 'POST', body: orderBody({ items: [{ sellerSku: 'AMZ-99', sellerFulfillmentOrderItemId: 'line-9', quantity: 1 }] }) }));
    assert.deepEqual(unknown, [{ code: 'InvalidInput', message: 'the SellerSKU for Item Id: line-9 is invalid.', details: 'items[0].sellerSku' }]);
    const notJson = await errorsOf(await sp(ORDERS_PATH, { method: 'POST', raw: '{"sellerFulfillmentOrderId":' }));
    assert.equal(notJson[0].code, 'InvalidInput');
    assert.equal(amz.orders.size, 0);

    await createOrder();
    const duplicate = await errorsOf(await sp(ORDERS_PATH, { method: 'POST', body: orderBody({ displayableOrderId: '1001-bis' }) }));
    assert.deepEqual(duplicate.map((e) => [e.code, e.details]), [['InvalidInput', 'sellerFulfillmentOrderId']]);
    assert.match(duplicate[0].message, /cmd-1001 already exists/);
    assert.equal(amz.orders.size, 1);
  });

  test('get returns the documented GetFulfillmentOrderResult; unknown ids are 404', async () => {
    amz.reset();
    const started = Date.now() - 1000;
    const id = await createOrder({ sellerFulfillmentOrderId: 'cmd/2002 #1' });
    const res = await sp(orderPath(id));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-amzn-ratelimit-limit'), '2.0');
    const { payload } = await res.json();
    const { receivedDate, statusUpdatedDate } = payload.fulfillmentOrder;
    assert.match(receivedDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.ok(Date.parse(receivedDate) >= started - 1000);
    assert.deepEqual(payload, {
      fulfillmentOrder: {
        sellerFulfillmentOrderId: id, marketplaceId: MARKETPLACE, displayableOrderId: '1001', displayableOrderDate: '2024-05-01T12:00:00Z',
        displayableOrderComment: 'Merci pour votre commande', shippingSpeedCategory: 'Standard', destinationAddress: address,
        receivedDate, fulfillmentOrderStatus: 'Received', statusUpdatedDate,
      },
      fulfillmentOrderItems: [{ sellerSku: 'AMZ-1', sellerFulfillmentOrderItemId: 'line-1', quantity: 2, cancelledQuantity: 0, unfulfillableQuantity: 0 }],
      fulfillmentShipments: [], returnItems: [], returnAuthorizations: [],
    });
    assert.deepEqual(amz.orders.get(id), payload);
    for (const [path, method] of [[orderPath('cmd-404'), 'GET'], [orderPath('cmd-404', '/cancel'), 'PUT']]) {
      assert.deepEqual(await errorsOf(await sp(path, { method }), 404), [{ code: 'NotFound', message: 'Requested order not found', details: '' }]);
    }
  });

  test('cancel works from Received or Planning only; advance and ship drive the lifecycle', async () => {
    amz.reset();
    const kept = await createOrder({ sellerFulfillmentOrderId: 'cmd-1' });
    const planned = await createOrder({ sellerFulfillmentOrderId: 'cmd-2' });
    const picked = await createOrder({ sellerFulfillmentOrderId: 'cmd-3', items: [
      { sellerSku: 'AMZ-0', sellerFulfillmentOrderItemId: 'a', quantity: 1 }, { sellerSku: 'AMZ-2', sellerFulfillmentOrderItemId: 'b', quantity: 3 }] });

    const cancel = (id) => sp(orderPath(id, '/cancel'), { method: 'PUT' });
    let res = await cancel(kept);
    assert.deepEqual([res.status, await res.json()], [200, {}]);
    assert.equal(amz.advance(planned, 'Planning').fulfillmentOrder.fulfillmentOrderStatus, 'Planning');
    assert.equal((await cancel(planned)).status, 200);
    const got = (await (await sp(orderPath(kept))).json()).payload;
    assert.equal(got.fulfillmentOrder.fulfillmentOrderStatus, 'Cancelled');
    assert.equal(got.fulfillmentOrderItems[0].cancelledQuantity, 2);
    const again = await errorsOf(await cancel(kept));
    assert.deepEqual([again[0].code, again[0].details], ['InvalidInput', 'sellerFulfillmentOrderId']);
    assert.match(again[0].message, /cannot be cancelled/);

    amz.advance(picked, 'Processing');
    assert.match((await errorsOf(await cancel(picked)))[0].message, /Processing/);
    const shipment = amz.ship(picked);
    const after = (await (await sp(orderPath(picked))).json()).payload;
    assert.equal(after.fulfillmentOrder.fulfillmentOrderStatus, 'Complete');
    assert.deepEqual(after.fulfillmentShipments, [shipment]);
    assert.deepEqual({ ...shipment, amazonShipmentId: 'x', shippingDate: 'x' }, {
      amazonShipmentId: 'x', fulfillmentCenterId: 'YYZ4', fulfillmentShipmentStatus: 'SHIPPED', shippingDate: 'x',
      fulfillmentShipmentItem: [
        { sellerSku: 'AMZ-0', sellerFulfillmentOrderItemId: 'a', quantity: 1, packageNumber: 1 },
        { sellerSku: 'AMZ-2', sellerFulfillmentOrderItemId: 'b', quantity: 3, packageNumber: 1 },
      ],
      fulfillmentShipmentPackage: [{ packageNumber: 1, carrierCode: 'UPS', trackingNumber: '1Z999AA10000000001' }],
    });
    const other = await createOrder({ sellerFulfillmentOrderId: 'cmd-4' });
    const second = amz.ship(other, { carrierCode: 'CANADA_POST', trackingNumber: '7023210039414604' });
    assert.deepEqual(second.fulfillmentShipmentPackage, [{ packageNumber: 2, carrierCode: 'CANADA_POST', trackingNumber: '7023210039414604' }]);

    assert.throws(() => amz.ship(kept), /Cancelled/);
    assert.throws(() => amz.advance(kept, 'Shipped'), /not one of/);
    assert.throws(() => amz.advance('cmd-404', 'Planning'), /no fulfillment order/);
    const unfulfillable = await createOrder({ sellerFulfillmentOrderId: 'cmd-5' });
    assert.equal(amz.advance(unfulfillable, 'Unfulfillable').fulfillmentOrderItems[0].unfulfillableQuantity, 2);
  });
});

describe('rate limit and faults', () => {
  test('past the burst an operation answers 429 QuotaExceeded, per token and operation', async () => {
    const tight = await startFakeAmazon();
    const auth = await accessToken(tight);
    const inv = () => sp(summaries(), { fake: tight, auth });
    assert.equal((await inv()).status, 200);
    assert.equal((await inv()).status, 200);
    const limited = await inv();
    assert.equal(limited.status, 429);
    assert.deepEqual(await limited.json(), QUOTA);
    assert.equal(limited.headers.get('x-amzn-ratelimit-limit'), '2.0');
    assert.ok(limited.headers.get('x-amzn-requestid'));
    assert.equal(limited.headers.get('retry-after'), null);
    assert.equal((await sp(orderPath('cmd-1'), { fake: tight, auth })).status, 404, 'another operation has its own bucket');
    assert.equal((await sp(summaries(), { fake: tight, auth: await accessToken(tight) })).status, 200, 'another token too');
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal((await inv()).status, 200, 'refilled at 2 a second');

    tight.limits.createFulfillmentOrder = { rate: 0.5, burst: 1 };
    const post = (n) => sp(ORDERS_PATH, { method: 'POST', body: orderBody({ sellerFulfillmentOrderId: `cmd-${n}` }), fake: tight, auth });
    assert.equal((await post(1)).status, 200);
    const second = await post(2);
    assert.deepEqual([second.status, second.headers.get('x-amzn-ratelimit-limit')], [429, '0.5']);

    tight.rateLimits = false;
    for (let k = 0; k < 5; k += 1) assert.equal((await inv()).status, 200);
    tight.reset();
    assert.deepEqual([tight.rateLimits, tight.limits.createFulfillmentOrder], [true, { rate: 2, burst: 30 }]);
  });

  test('failNext, slowNext and malformedNext', async () => {
    amz.reset();
    amz.failNext({ status: 503, times: 2, path: /summaries/ });
    assert.equal((await sp(orderPath('x'))).status, 404, 'other paths unaffected');
    assert.deepEqual(await errorsOf(await sp(summaries()), 503), [{ code: 'ServiceUnavailable', message: 'Service temporarily unavailable. Please try again.', details: '' }]);
    assert.equal((await sp(summaries())).status, 503);
    amz.rateLimits = false;
    assert.equal((await sp(summaries())).status, 200);

    amz.failNext({ status: 429, retryAfter: 7, path: ORDERS_PATH, method: 'GET' });
    const limited = await sp(orderPath('x'));
    assert.deepEqual([limited.status, limited.headers.get('retry-after'), limited.headers.get('x-amzn-ratelimit-limit')], [429, '7', '2.0']);
    assert.deepEqual(await limited.json(), QUOTA);

    amz.failNext({ status: 500, path: ORDERS_PATH, method: 'POST', afterProcessing: true });
    assert.equal((await sp(ORDERS_PATH, { method: 'POST', body: orderBody() })).status, 500);
    assert.ok(amz.orders.has('cmd-1001'), 'the order exists although the answer was lost');

    amz.failNext({ status: 500, path: TOKEN_PATH });
    const lwaDown = await lwa({});
    assert.deepEqual([lwaDown.status, (await lwaDown.json()).error], [500, 'server_error']);
    amz.failNext({ status: 400, body: { errors: [{ code: 'Custom', message: 'given', details: '' }] } });
    assert.equal((await errorsOf(await sp(orderPath('x'))))[0].code, 'Custom');

    amz.slowNext({ ms: 300, path: INVENTORY_PATH });
    const started = performance.now();
    assert.equal((await sp(summaries())).status, 200);
    assert.ok(performance.now() - started >= 290);

    amz.malformedNext({ path: /cmd-1001/ });
    const broken = await sp(orderPath('cmd-1001'));
    assert.equal(broken.status, 200);
    await assert.rejects(broken.json(), SyntaxError);
    assert.equal((await sp(orderPath('cmd-1001'))).status, 200);
  });

  test('requests are recorded and reset clears everything', async () => {
    amz.reset();
    await sp(ORDERS_PATH, { method: 'POST', body: orderBody() });
    await sp(summaries('', MARKETPLACE));
    const [post, get] = amz.requests;
    assert.deepEqual([post.method, post.path, post.body.sellerFulfillmentOrderId, post.headers['x-amz-access-token']], ['POST', ORDERS_PATH, 'cmd-1001', token]);
    assert.deepEqual([get.query, get.body], [{ details: 'true', granularityType: 'Marketplace', granularityId: MARKETPLACE, marketplaceIds: MARKETPLACE }, undefined]);
    const { requests, orders } = amz;
    amz.failNext({ status: 500 });
    amz.setStock('AMZ-1', 40);
    amz.reset();
    assert.deepEqual([requests.length, orders.size, amz.tokensIssued], [0, 0, 0]);
    assert.equal(amz.requests, requests, 'the same array, so references stay valid');
    assert.equal((await sp(orderPath('x'))).status, 404, 'faults cleared; the cached token still works');
    assert.equal(amz.item(1).inventoryDetails.fulfillableQuantity, 7);
  });
});
