// A local fake of the parts of Amazon's Selling Partner API (SP-API) and Login with Amazon (LWA) a
// supplier engine uses, all on one origin: the LWA token exchange, FBA inventory summaries and
// Multi-Channel Fulfillment orders (create, get, cancel). It follows the models behind the SP-API
// reference pages (developer-docs.amazon.com/sp-api/reference/getinventorysummaries,
// createfulfillmentorder, getfulfillmentorder, cancelfulfillmentorder), read in
// github.com/amzn/selling-partner-api-models: models/fba-inventory-api-model/fbaInventory.json and
// models/fulfillment-outbound-api-model/fulfillmentOutbound_2020-07-01.json; plus the guides
// "Connecting to the Selling Partner API" (LWA: POST /auth/o2/token, form-encoded grant_type=
// refresh_token, refresh_token, client_id, client_secret; access tokens last one hour), "Cancel a
// fulfillment order" (only from Received or Planning) and "Usage Plans and Rate Limits" (token
// bucket per operation). As documented: the x-amz-access-token header on every call; errors as
// { errors: [{ code, message, details }] }; x-amzn-RequestId and x-amzn-RateLimit-Limit headers;
// inventory in { payload: { granularity, inventorySummaries }, pagination: { nextToken } } with
// pagination absent on the last page and inventoryDetails only when details=true; marketplaceIds
// at most 1; sellerFulfillmentOrderId and displayableOrderId at most 40 characters (the latter
// without two spaces in a row, trimmed), displayableOrderComment at most 1000, sellerSku and
// sellerFulfillmentOrderItemId at most 50; shippingSpeedCategory and FulfillmentOrderStatus enums;
// CreateFulfillmentOrderResponse and CancelFulfillmentOrderResponse with no payload ({}); rates
// 2/s, burst 2 (inventory) or 30 (create, get, cancel). Wording seen in SP-API issue threads:
// 403 Unauthorized "Access to requested resource is denied." and an unknown SKU's "the SellerSKU
// for Item Id: <id> is invalid.". Where the docs are silent the fake chooses, and says so here:
// 50 summaries a page; an opaque nextToken; the LWA error bodies; the 404 "Requested order not
// found" and duplicate-id ("… already exists") wording; every validation failure reported at once,
// `details` naming the field; destinationAddress.city required (docs: everywhere but Japan);
// sellerSkus/startDateTime refused as unsupported; no SigV4 check (no longer required); stock not
// reserved by orders; a 429 carrying x-amzn-RateLimit-Limit (docs: "deprecated and no longer
// returned" on 429) and, from failNext only, Retry-After. Inventory items are generated from their
// index i: sellerSku "AMZ-i", asin "B0" + i in 8 base-36 digits, fulfillable (7·i) mod 50, one unit
// reserved and one unfulfillable (so totalQuantity is fulfillable + 2). Every fake started is
// closed in an `after` hook of the importing test file.
import { randomBytes, randomUUID } from 'node:crypto';
import { callCountdown, faultQueues, fakeRegistry, jsonServer, listenLocal, readBody, writeAnswer } from './fake_faults.mjs';

const fakes = fakeRegistry();

export const PAGE_SIZE = 50; // the fake's choice: the docs give no page size
export const RATE_LIMITS = Object.freeze({ // documented usage plans (requests per second, burst)
  getInventorySummaries: Object.freeze({ rate: 2, burst: 2 }),
  createFulfillmentOrder: Object.freeze({ rate: 2, burst: 30 }),
  getFulfillmentOrder: Object.freeze({ rate: 2, burst: 30 }),
  cancelFulfillmentOrder: Object.freeze({ rate: 2, burst: 30 }),
});
export const ORDER_STATUSES = ['New', 'Received', 'Planning', 'Processing', 'Cancelled', 'Complete', 'CompletePartialled',
  'Unfulfillable', 'Invalid'];
export const SHIPPING_SPEEDS = ['Standard', 'Expedited', 'Priority', 'ScheduledDelivery'];
export const TOKEN_PATH = '/auth/o2/token';
export const INVENTORY_PATH = '/fba/inventory/v1/summaries';
export const ORDERS_PATH = '/fba/outbound/2020-07-01/fulfillmentOrders';
const CANCELABLE = new Set(['Received', 'Planning']);
const UNSHIPPABLE = new Set(['Cancelled', 'Invalid', 'Unfulfillable']);
const ADDRESS_REQUIRED = ['name', 'addressLine1', 'city', 'stateOrRegion', 'postalCode', 'countryCode'];
const ADDRESS_OPTIONAL = ['addressLine2', 'addressLine3', 'districtOrCounty', 'phone'];
const TOKEN_LIFETIME = 3600;
const EPOCH = Date.UTC(2024, 0, 1);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const FAULT_BODIES = {
  400: ['InvalidInput', 'Invalid input.'], 403: ['Unauthorized', 'Access to requested resource is denied.'],
  404: ['NotFound', 'The requested resource was not found.'],
  429: ['QuotaExceeded', 'You exceeded your quota for the requested resource.'],
  500: ['InternalFailure', 'We encountered an internal error. Please try again.'],
  503: ['ServiceUnavailable', 'Service temporarily unavailable. Please try again.'],
};

// SP-API timestamps as in the docs' examples: "2020-02-07T01:23:30Z".
export const iso = (ms = Date.now()) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const base36 = (n, width) => n.toString(36).toUpperCase().padStart(width, '0').slice(-width);
export const sellerSkuOf = (i) => `AMZ-${i}`;
export const asinOf = (i) => `B0${base36(i, 8)}`;
export const fnSkuOf = (i) => `X0${base36(i, 8)}`;
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const filled = (v) => typeof v === 'string' && v.trim() !== '';
const ok = (body) => ({ status: 200, body });
const spError = (status, code, message, details = '') => ({ status, body: { errors: [{ code, message, details }] } });
const invalidInput = (errors) => ({ status: 400, body: { errors: errors.map(([details, message]) => ({ code: 'InvalidInput', message, details })) } });
const orderNotFound = () => spError(404, 'NotFound', 'Requested order not found');
const lwaError = (status, error, description) => ({ status, body: { error, error_description: description } });
const rateHeader = (rate) => (Number.isInteger(rate) ? rate.toFixed(1) : String(rate));

// The SP-API operation a request names: { op, id? }, or null.
function operationOf(method, path) {
  if (path === INVENTORY_PATH) return method === 'GET' ? { op: 'getInventorySummaries' } : null;
  if (path === ORDERS_PATH) return method === 'POST' ? { op: 'createFulfillmentOrder' } : null;
  const m = /^\/fba\/outbound\/2020-07-01\/fulfillmentOrders\/([^/]+)(\/cancel)?$/.exec(path);
  if (!m) return null;
  let id = m[1];
  try { id = decodeURIComponent(id); } catch { /* keep it raw */ }
  if (m[2]) return method === 'PUT' ? { op: 'cancelFulfillmentOrder', id } : null;
  return method === 'GET' ? { op: 'getFulfillmentOrder', id } : null;
}

export async function startFakeAmazon({
  clientId = 'amzn1.application-oa2-client.test', clientSecret = 'amzn-test-secret', refreshToken = 'Atzr|test-refresh',
  marketplaceId = 'A2EUQ1WTGCTBG2', itemCount = 3, rateLimits = true,
} = {}) {
  const initial = { clientId, clientSecret, refreshToken, marketplaceId, itemCount, rateLimits };
  const tokens = new Map(); // access token → expiry (ms)
  const countdown = callCountdown(() => tokens.clear()); // SP-API calls let through before every token issued so far expires
  const buckets = new Map(); // `${token} ${operation}` → { tokens, at }
  const stock = new Map(); // sellerSku → { quantity, at } set by setStock
  const faults = faultQueues();
  let packages = 0; // the last packageNumber handed out

  // --- LWA ---------------------------------------------------------------------------------
  function issueToken() {
    const token = `Atza|${randomBytes(24).toString('base64url')}`;
    tokens.set(token, Date.now() + TOKEN_LIFETIME * 1000);
    fake.tokensIssued += 1;
    return token;
  }
  const validToken = (token) => typeof token === 'string' && (tokens.get(token) ?? 0) > Date.now();

  function exchange(method, headers, raw) {
    if (method !== 'POST') return lwaError(405, 'invalid_request', 'The token endpoint only accepts POST.');
    if (!/^application\/x-www-form-urlencoded\b/i.test(headers['content-type'] ?? '')) {
      return lwaError(400, 'invalid_request', 'The request must be application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(raw);
    for (const field of ['grant_type', 'client_id', 'client_secret']) {
      if (!form.get(field)) return lwaError(400, 'invalid_request', `The request is missing a required parameter : ${field}`);
    }
    if (form.get('client_id') !== fake.clientId || form.get('client_secret') !== fake.clientSecret) {
      return lwaError(401, 'invalid_client', 'Client authentication failed');
    }
    if (form.get('grant_type') !== 'refresh_token') {
      return lwaError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server');
    }
    if (!form.get('refresh_token')) return lwaError(400, 'invalid_request', 'The request is missing a required parameter : refresh_token');
    if (form.get('refresh_token') !== fake.refreshToken) {
      return lwaError(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
    }
    return ok({ access_token: issueToken(), token_type: 'bearer', expires_in: TOKEN_LIFETIME });
  }

  // --- inventory ---------------------------------------------------------------------------
  function summaryOf(i, details = true) {
    const sku = sellerSkuOf(i);
    const set = stock.get(sku);
    const fulfillable = set ? set.quantity : (7 * i) % 50;
    const summary = { asin: asinOf(i), fnSku: fnSkuOf(i), sellerSku: sku, condition: 'NewItem' };
    if (details) {
      summary.inventoryDetails = {
        fulfillableQuantity: fulfillable, inboundWorkingQuantity: 0, inboundShippedQuantity: 0, inboundReceivingQuantity: 0,
        reservedQuantity: { totalReservedQuantity: 1, pendingCustomerOrderQuantity: 1, pendingTransshipmentQuantity: 0, fcProcessingQuantity: 0 },
        researchingQuantity: { totalResearchingQuantity: 0, researchingQuantityBreakdown: [] },
        unfulfillableQuantity: {
          totalUnfulfillableQuantity: 1, customerDamagedQuantity: 0, warehouseDamagedQuantity: 1, distributorDamagedQuantity: 0,
          carrierDamagedQuantity: 0, defectiveQuantity: 0, expiredQuantity: 0,
        },
      };
    }
    return Object.assign(summary, {
      lastUpdatedTime: set ? set.at : iso(EPOCH + i * 60_000), productName: `Comptoir item ${i}`, totalQuantity: fulfillable + 2,
    });
  }

  // The index of a seller SKU in the catalog, or -1.
  function indexOfSku(sku) {
    const m = /^AMZ-(0|[1-9]\d*)$/.exec(String(sku));
    const i = m ? Number(m[1]) : -1;
    return i < fake.itemCount ? i : -1;
  }

  const pageToken = (offset) => Buffer.from(`inventory:${offset}`).toString('base64url');
  function offsetOf(token) {
    const m = /^[A-Za-z0-9_-]+$/.test(token) ? /^inventory:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8')) : null;
    const offset = m ? Number(m[1]) : -1;
    return offset > 0 && offset < fake.itemCount ? offset : -1;
  }

  function inventory(query, params) {
    const errors = [];
    if (query.granularityType !== 'Marketplace') errors.push(['granularityType', 'granularityType is required and must be Marketplace.']);
    if (query.granularityId !== fake.marketplaceId) {
      errors.push(['granularityId', `granularityId ${query.granularityId ?? '(missing)'} is not a marketplace of this selling partner.`]);
    }
    const marketplaces = params.getAll('marketplaceIds').flatMap((v) => v.split(','));
    if (marketplaces.length !== 1) errors.push(['marketplaceIds', 'marketplaceIds is required and takes exactly one marketplace ID.']);
    else if (marketplaces[0] !== fake.marketplaceId) errors.push(['marketplaceIds', `marketplaceIds ${marketplaces[0]} is not a marketplace of this selling partner.`]);
    for (const field of ['sellerSkus', 'startDateTime']) {
      if (query[field] !== undefined) errors.push([field, `fake Amazon: ${field} is not supported.`]);
    }
    const offset = query.nextToken === undefined ? 0 : offsetOf(query.nextToken);
    if (offset < 0) errors.push(['nextToken', 'The nextToken is invalid or expired.']);
    if (errors.length > 0) return invalidInput(errors);
    const end = Math.min(fake.itemCount, offset + fake.pageSize);
    const details = query.details === 'true';
    const inventorySummaries = [];
    for (let i = offset; i < end; i += 1) inventorySummaries.push(summaryOf(i, details));
    const body = { payload: { granularity: { granularityType: 'Marketplace', granularityId: fake.marketplaceId }, inventorySummaries } };
    if (end < fake.itemCount) body.pagination = { nextToken: pageToken(end) };
    return ok(body);
  }

  // --- fulfillment orders ------------------------------------------------------------------
  function validateOrder(body) {
    const errors = [];
    const need = (good, field, message) => {
      if (!good) errors.push([field, message]);
      return good;
    };
    const text = (value, field, max) => need(value !== undefined, field, `${field} is required.`)
      && need(filled(value), field, `${field} must be a non-empty string.`)
      && need(value.length <= max, field, `${field} must be at most ${max} characters long.`);
    text(body.sellerFulfillmentOrderId, 'sellerFulfillmentOrderId', 40);
    if (text(body.displayableOrderId, 'displayableOrderId', 40)) {
      need(!/ {2}/.test(body.displayableOrderId), 'displayableOrderId', 'displayableOrderId cannot contain two spaces in a row.');
    }
    if (need(body.displayableOrderDate !== undefined, 'displayableOrderDate', 'displayableOrderDate is required.')) {
      need(typeof body.displayableOrderDate === 'string' && ISO_8601.test(body.displayableOrderDate) && !Number.isNaN(Date.parse(body.displayableOrderDate)),
        'displayableOrderDate', 'displayableOrderDate must be an ISO 8601 date-time.');
    }
    text(body.displayableOrderComment, 'displayableOrderComment', 1000);
    need(SHIPPING_SPEEDS.includes(body.shippingSpeedCategory), 'shippingSpeedCategory', `shippingSpeedCategory must be one of ${SHIPPING_SPEEDS.join(', ')}.`);
    if (body.marketplaceId !== undefined) {
      need(body.marketplaceId === fake.marketplaceId, 'marketplaceId', `marketplaceId ${body.marketplaceId} is not a marketplace of this selling partner.`);
    }
    const address = body.destinationAddress;
    if (need(isObject(address), 'destinationAddress', 'destinationAddress is required and must be an Address object.')) {
      for (const field of ADDRESS_REQUIRED) text(address[field], `destinationAddress.${field}`, 500);
      if (filled(address.countryCode)) need(/^[A-Z]{2}$/.test(address.countryCode), 'destinationAddress.countryCode', 'destinationAddress.countryCode must be an ISO 3166-1 alpha-2 code.');
      for (const field of ADDRESS_OPTIONAL) {
        if (address[field] !== undefined) need(typeof address[field] === 'string', `destinationAddress.${field}`, `destinationAddress.${field} must be a string.`);
      }
    }
    const itemIds = new Set();
    if (need(Array.isArray(body.items) && body.items.length > 0, 'items', 'items is required and must list at least one item.')) {
      body.items.forEach((item, k) => {
        const at = `items[${k}]`;
        if (!need(isObject(item), at, `${at} must be an object.`)) return;
        const skuOk = text(item.sellerSku, `${at}.sellerSku`, 50);
        if (text(item.sellerFulfillmentOrderItemId, `${at}.sellerFulfillmentOrderItemId`, 50)) {
          need(!itemIds.has(item.sellerFulfillmentOrderItemId), `${at}.sellerFulfillmentOrderItemId`, `sellerFulfillmentOrderItemId ${item.sellerFulfillmentOrderItemId} is used twice.`);
          itemIds.add(item.sellerFulfillmentOrderItemId);
        }
        need(Number.isInteger(item.quantity) && item.quantity >= 1, `${at}.quantity`, `${at}.quantity must be an integer of at least 1.`);
        if (skuOk) need(indexOfSku(item.sellerSku) >= 0, `${at}.sellerSku`, `the SellerSKU for Item Id: ${item.sellerFulfillmentOrderItemId} is invalid.`);
      });
    }
    if (filled(body.sellerFulfillmentOrderId) && fake.orders.has(body.sellerFulfillmentOrderId)) {
      need(false, 'sellerFulfillmentOrderId', `A fulfillment order with sellerFulfillmentOrderId ${body.sellerFulfillmentOrderId} already exists.`);
    }
    return errors;
  }

  function createOrder(body) {
    if (!isObject(body)) return invalidInput([['body', 'The request body must be a CreateFulfillmentOrderRequest object.']]);
    const errors = validateOrder(body);
    if (errors.length > 0) return invalidInput(errors);
    const now = iso();
    const order = {
      fulfillmentOrder: {
        sellerFulfillmentOrderId: body.sellerFulfillmentOrderId, marketplaceId: fake.marketplaceId,
        displayableOrderId: body.displayableOrderId.trim(), displayableOrderDate: body.displayableOrderDate,
        displayableOrderComment: body.displayableOrderComment, shippingSpeedCategory: body.shippingSpeedCategory,
        destinationAddress: { ...body.destinationAddress }, receivedDate: now, fulfillmentOrderStatus: 'Received', statusUpdatedDate: now,
      },
      fulfillmentOrderItems: body.items.map((item) => ({
        sellerSku: item.sellerSku, sellerFulfillmentOrderItemId: item.sellerFulfillmentOrderItemId, quantity: item.quantity,
        cancelledQuantity: 0, unfulfillableQuantity: 0,
      })),
      fulfillmentShipments: [], returnItems: [], returnAuthorizations: [],
    };
    fake.orders.set(body.sellerFulfillmentOrderId, order);
    return ok({});
  }

  function setStatus(order, status) {
    order.fulfillmentOrder.fulfillmentOrderStatus = status;
    order.fulfillmentOrder.statusUpdatedDate = iso();
    for (const item of order.fulfillmentOrderItems) {
      if (status === 'Cancelled') item.cancelledQuantity = item.quantity;
      if (status === 'Unfulfillable') item.unfulfillableQuantity = item.quantity;
    }
    return order;
  }

  function cancelOrder(id) {
    const order = fake.orders.get(id);
    if (!order) return orderNotFound();
    const status = order.fulfillmentOrder.fulfillmentOrderStatus;
    if (!CANCELABLE.has(status)) {
      return spError(400, 'InvalidInput', `The fulfillment order ${id} cannot be cancelled: its status is ${status}, not Received or Planning.`, 'sellerFulfillmentOrderId');
    }
    setStatus(order, 'Cancelled');
    return ok({});
  }

  // --- the HTTP side -----------------------------------------------------------------------
  // Access token and rate limit: an error result, or null when the request may go on.
  function gate(headers, operation) {
    const token = headers['x-amz-access-token'];
    countdown.count(); // expireTokenAfter: the token a client holds ends in the middle of its work
    if (!validToken(token)) return spError(403, 'Unauthorized', 'Access to requested resource is denied.');
    const limit = operation && fake.limits[operation.op];
    if (!fake.rateLimits || !limit) return null;
    const now = Date.now();
    const key = `${token} ${operation.op}`;
    const bucket = buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.rate);
    bucket.at = now;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) return spError(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
    bucket.tokens -= 1;
    return null;
  }

  function faultAnswer(f, lwa) {
    const [code, message] = FAULT_BODIES[f.status] ?? ['InternalFailure', `fake Amazon failNext (${f.status}).`];
    const body = f.body ?? (lwa
      ? { error: f.status >= 500 ? 'server_error' : 'invalid_request', error_description: `fake Amazon failNext (${f.status}).` }
      : { errors: [{ code, message, details: '' }] });
    return { status: f.status, body, retryAfter: f.retryAfter };
  }

  function route(operation, query, params, body, bodyError) {
    if (!operation) return spError(404, 'NotFound', 'The requested resource was not found.');
    switch (operation.op) {
      case 'getInventorySummaries': return inventory(query, params);
      case 'createFulfillmentOrder': return bodyError ?? createOrder(body);
      case 'getFulfillmentOrder': {
        const order = fake.orders.get(operation.id);
        return order ? ok({ payload: order }) : orderNotFound();
      }
      default: return cancelOrder(operation.id);
    }
  }

  async function handle(req, res) {
    const target = new URL(req.url, 'http://fake-amazon');
    const raw = await readBody(req);
    const { method } = req;
    const path = target.pathname;
    const query = Object.fromEntries(target.searchParams);
    const type = req.headers['content-type'] ?? '';
    let body = raw === '' ? undefined : raw;
    let bodyError = null;
    if (raw !== '') {
      if (/^application\/x-www-form-urlencoded\b/i.test(type)) body = Object.fromEntries(new URLSearchParams(raw));
      else if (!/^application\/json\b/i.test(type)) bodyError = invalidInput([['body', 'The request body must be JSON (Content-Type: application/json).']]);
      else {
        try { body = JSON.parse(raw); } catch { bodyError = invalidInput([['body', 'The request body is not valid JSON.']]); }
      }
    }
    fake.requests.push({ method, path, query, headers: req.headers, body });

    const lwa = path === TOKEN_PATH;
    const operation = lwa ? null : operationOf(method, path);
    const { result, broken } = await faults.answer(method, path, {
      refused: lwa ? null : gate(req.headers, operation),
      run: () => (lwa ? exchange(method, req.headers, raw) : route(operation, query, target.searchParams, body, bodyError)),
      failAnswer: (fail) => faultAnswer(fail, lwa),
    });
    const headers = { 'content-type': lwa ? 'application/json;charset=UTF-8' : 'application/json' };
    if (!lwa) {
      headers['x-amzn-RequestId'] = randomUUID();
      const limit = operation && fake.limits[operation.op];
      if (limit) headers['x-amzn-RateLimit-Limit'] = rateHeader(limit.rate);
    }
    if (result.retryAfter !== undefined) headers['Retry-After'] = String(result.retryAfter);
    writeAnswer(res, result, headers, broken);
  }

  function mustOrder(id) {
    if (!fake.orders.has(id)) throw new Error(`fake Amazon: no fulfillment order ${id}`);
    return fake.orders.get(id);
  }

  const fake = {
    url: null,
    ...initial, // clientId, clientSecret, refreshToken, marketplaceId, itemCount, rateLimits: a test may change them
    pageSize: PAGE_SIZE,
    limits: structuredClone(RATE_LIMITS), // operation → { rate, burst }; a test may tighten them
    tokensIssued: 0, // access tokens handed out since the start (or the last reset)
    requests: [], // { method, path, query, headers, body } — body parsed when JSON or form-encoded
    orders: new Map(), // sellerFulfillmentOrderId → the GET payload { fulfillmentOrder, fulfillmentOrderItems, … }

    // failNext, slowNext and malformedNext (fake_faults.mjs). The next `times` matching requests
    // answer `status` (an SP-API or, on the token path, an LWA error body unless `body` is given;
    // Retry-After when `retryAfter` is). `path`: a RegExp or a path prefix. `afterProcessing`: the
    // request runs first, then its answer is lost.
    ...faults.controls,
    // Every access token issued so far stops working: the next SP-API call with one answers 403.
    expireToken() {
      tokens.clear();
    },
    // The same after `calls` more SP-API calls have been let through: a client holding its token
    // then meets a 403 mid-run and must get a new one.
    expireTokenAfter: countdown.start,

    // The inventory summary of item i as the API shows it (with details).
    item(i) {
      if (!Number.isInteger(i) || i < 0 || i >= fake.itemCount) throw new RangeError(`fake Amazon: no item ${i}`);
      return summaryOf(i);
    },
    // Sets one item's fulfillable quantity (totalQuantity follows) and its lastUpdatedTime.
    setStock(sku, quantity) {
      if (indexOfSku(sku) < 0) throw new RangeError(`fake Amazon: no item with sellerSku ${sku}`);
      if (!Number.isInteger(quantity) || quantity < 0) throw new RangeError(`fake Amazon: ${quantity} is not a stock level`);
      stock.set(sku, { quantity, at: iso() });
    },
    // Moves an order to any documented FulfillmentOrderStatus; returns the stored order.
    advance(id, status) {
      const order = mustOrder(id);
      if (!ORDER_STATUSES.includes(status)) throw new Error(`fake Amazon: ${status} is not one of ${ORDER_STATUSES.join(', ')}`);
      return setStatus(order, status);
    },
    // Ships what is left of the order in one SHIPPED shipment with one package; status Complete.
    ship(id, { carrierCode = 'UPS', trackingNumber } = {}) {
      const order = mustOrder(id);
      const status = order.fulfillmentOrder.fulfillmentOrderStatus;
      if (UNSHIPPABLE.has(status)) throw new Error(`fake Amazon: order ${id} is ${status}`);
      packages += 1;
      const packageNumber = packages;
      const shipment = {
        amazonShipmentId: `D${base36(packageNumber * 7919, 8)}`, fulfillmentCenterId: 'YYZ4', fulfillmentShipmentStatus: 'SHIPPED',
        shippingDate: iso(),
        fulfillmentShipmentItem: order.fulfillmentOrderItems
          .filter((item) => item.quantity - item.cancelledQuantity - item.unfulfillableQuantity > 0)
          .map((item) => ({
            sellerSku: item.sellerSku, sellerFulfillmentOrderItemId: item.sellerFulfillmentOrderItemId,
            quantity: item.quantity - item.cancelledQuantity - item.unfulfillableQuantity, packageNumber,
          })),
        fulfillmentShipmentPackage: [{ packageNumber, carrierCode, trackingNumber: trackingNumber ?? `1Z999AA1${String(packageNumber).padStart(10, '0')}` }],
      };
      order.fulfillmentShipments.push(shipment);
      setStatus(order, 'Complete');
      return shipment;
    },

    // Back to the start: no orders, requests, faults, stock changes or rate-limit history; options
    // as started. Access tokens already issued stay valid (as a client's cached token would), but
    // tokensIssued counts from 0 again.
    reset() {
      fake.requests.length = 0;
      fake.orders.clear();
      faults.clear();
      buckets.clear();
      stock.clear();
      packages = 0;
      countdown.clear();
      Object.assign(fake, initial, { pageSize: PAGE_SIZE, limits: structuredClone(RATE_LIMITS), tokensIssued: 0 });
    },

    close: () => fakes.close(fake, server),
  };

  const server = jsonServer(handle, (error) => ({ errors: [{ code: 'InternalFailure', message: `fake Amazon crashed: ${error.message}`, details: '' }] }));
  fake.url = await listenLocal(server);
  fakes.add(fake);
  return fake;
}
