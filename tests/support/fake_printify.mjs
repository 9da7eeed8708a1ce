// A local fake of the parts of Printify's REST API v1 a dropshipping supplier engine uses: shops,
// the shop's products (paginated), orders (submit, list, get, send_to_production, cancel),
// webhooks (create, list, delete) and the events they deliver, signed as Printify signs them.
// It follows Printify's API reference (https://developers.printify.com/, as captured on its
// "Last update Mar 18 2024"): Bearer token and a required User-Agent on every call; base URL /v1/;
// Laravel-style page envelopes whose *_page_url are relative ("/?page=2"); `limit` default 10,
// maximum 100 for products and 10 for orders; order statuses and event topics as documented;
// external_id echoed as metadata.shop_order_id; cancel only from "on-hold" or
// "payment-not-received"; webhook bodies signed `X-Pfy-Signature: sha256=<hex HMAC-SHA256 of the
// body with the webhook's secret>`; 600 requests a minute, 429 past it. Errors use the documented
// envelope { status: "error", code, message, errors: { reason, code } } (order validation: 400,
// code 8103, reason = JSON of { field: [messages] }). Where the docs are silent the fake chooses,
// and says so here: 401/400/404 bodies, Retry-After on 429, the required address fields, orders
// starting "on-hold" (the status a submitted order settles in), send_to_production allowed from
// pending/on-hold/payment-not-received/had-issues, duplicate external_id accepted (set
// `rejectDuplicateExternalId` to refuse), webhook retries immediate (docs: up to 3, then blocked).
// Products are generated on demand from their index i (nothing held in memory, so 10 000 × 10
// variants cost nothing until a page is read): id "5f" + i in 22 hex digits, variant v has
// id 10000 + i·variantsPerProduct + v, sku "PFY-i-v", cost 500 + (37·i mod 2000) + 100·v cents,
// price 2·cost, grams 100 + 10·v, is_available from setProducts' `stock` (default true).
// Every fake started is closed in an `after` hook of the importing test file.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { faultQueues, fakeRegistry, jsonServer, listenLocal, readBody, writeAnswer } from './fake_faults.mjs';

const fakes = fakeRegistry();

export const LIMITS = { products: 100, orders: 10 }; // documented maximum `limit`; the default is 10
export const ORDER_STATUSES = ['pending', 'on-hold', 'sending-to-production', 'in-production', 'canceled', 'fulfilled',
  'partially-fulfilled', 'payment-not-received', 'had-issues'];
export const WEBHOOK_TOPICS = ['shop:disconnected', 'product:deleted', 'product:publish:started', 'order:created',
  'order:updated', 'order:sent-to-production', 'order:shipment:created', 'order:shipment:delivered'];
const CANCELABLE = new Set(['on-hold', 'payment-not-received']); // documented
const SENDABLE = new Set(['pending', 'on-hold', 'payment-not-received', 'had-issues']); // the fake's choice
const ADDRESS_REQUIRED = ['first_name', 'last_name', 'country', 'address1', 'city', 'zip'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', '2XL', '3XL', '4XL', '5XL'];
const BLUEPRINT = 6;
const PRINT_PROVIDER = 99;
const EPOCH = Date.UTC(2024, 0, 1);

// Printify's date format: "2017-04-18 13:24:28+00:00".
const stamp = (ms = Date.now()) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '+00:00');
const hexId = () => randomBytes(12).toString('hex');
const productIdOf = (i) => `5f${i.toString(16).padStart(22, '0')}`;
const failure = (status, code, message, reason) => ({
  status, body: { status: 'error', code, message, ...(reason === undefined ? {} : { errors: { reason, code } }) },
});
const invalid = (fields, code = 8103) => failure(400, code, 'Validation failed.', JSON.stringify(fields));
const notFound = (what) => failure(404, 404, `${what} not found.`);
const ok = (body) => ({ status: 200, body });
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const filled = (v) => typeof v === 'string' && v.trim() !== '';

// POSTs `payload` (a string) to `url`; resolves to { status, body }, or { status: 0, error }.
function post(url, payload, headers) {
  return new Promise((resolve) => {
    const req = http.request(url, {
      method: 'POST', agent: false, timeout: 10_000,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
    }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', (error) => resolve({ status: 0, error: error.message }));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`fake Printify: ${url} did not answer within 10 s`)));
    req.on('error', (error) => resolve({ status: 0, error: error.message }));
    req.end(payload);
  });
}

// Printify's page envelope over `total` items, `slice(from, to)` giving the page's data.
function paginate(query, total, max, slice) {
  const limit = query.limit === undefined ? 10 : Number(query.limit);
  const page = query.page === undefined ? 1 : Number(query.page);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    return invalid({ limit: [`The limit must be an integer between 1 and ${max}.`] }, 8100);
  }
  if (!Number.isInteger(page) || page < 1) return invalid({ page: ['The page must be an integer of at least 1.'] }, 8100);
  const lastPage = Math.max(1, Math.ceil(total / limit));
  const start = (page - 1) * limit;
  const data = start < total ? slice(start, Math.min(total, start + limit)) : [];
  const at = (n) => `/?page=${n}`;
  return ok({
    current_page: page, data, first_page_url: at(1), from: data.length ? start + 1 : null, last_page: lastPage,
    last_page_url: at(lastPage), next_page_url: page < lastPage ? at(page + 1) : null, path: '/', per_page: limit,
    prev_page_url: page > 1 ? at(page - 1) : null, to: data.length ? start + data.length : null, total,
  });
}

export async function startFakePrintify({ token = 'printify-test-token', shopId = 1234567, productCount = 3, variantsPerProduct = 2, perMinute = 600 } = {}) {
  const initial = { token, productCount, variantsPerProduct, perMinute };
  let catalog = { productCount, variantsPerProduct, stock: undefined };
  let auth = { token, expired: false };
  const faults = faultQueues();
  const hits = []; // times of the requests admitted in the last minute
  const webhooks = new Map(); // id → { id, topic, url, shop_id, secret }

  // --- the generated catalog ---------------------------------------------------------------
  function variantOf(i, v) {
    const sku = `PFY-${i}-${v}`;
    const cost = 500 + ((37 * i) % 2000) + 100 * v;
    const stock = typeof catalog.stock === 'function' ? catalog.stock(i, v, sku) : catalog.stock?.[sku];
    return {
      id: 10_000 + i * catalog.variantsPerProduct + v, sku, cost, price: 2 * cost, title: SIZES[v] ?? `Size ${v + 1}`,
      grams: 100 + 10 * v, is_enabled: true, is_default: v === 0, is_available: stock === undefined ? true : Boolean(stock),
      is_printify_express_eligible: false, options: [1000 + v],
    };
  }

  function productOf(i) {
    const id = productIdOf(i);
    const variants = Array.from({ length: catalog.variantsPerProduct }, (_, v) => variantOf(i, v));
    const ids = variants.map((variant) => variant.id);
    const created = stamp(EPOCH + i * 60_000);
    return {
      id, title: `Comptoir Tee ${i}`, description: `<p>Generated product ${i}.</p>`, tags: ['Comptoir', 'T-shirts'],
      options: [{ name: 'Sizes', type: 'size', values: variants.map((variant, v) => ({ id: 1000 + v, title: variant.title })) }],
      variants,
      images: [{ src: `https://images.printify.com/mockup/${id}/${ids[0]}/1/product.jpg`, variant_ids: ids, position: 'front', is_default: true }],
      created_at: created, updated_at: created, visible: true, is_locked: false, is_printify_express_eligible: false,
      is_printify_express_enabled: false, is_economy_shipping_eligible: false, is_economy_shipping_enabled: false,
      blueprint_id: BLUEPRINT, user_id: 1, shop_id: shopId, print_provider_id: PRINT_PROVIDER,
      print_areas: [{ variant_ids: ids, placeholders: [{ position: 'front', images: [] }], background: '#ffffff' }],
      sales_channel_properties: [],
    };
  }

  // The index of a product id, or -1.
  function indexOf(productId) {
    const match = /^5f([0-9a-f]{22})$/.exec(String(productId));
    const i = match ? parseInt(match[1], 16) : -1;
    return i < catalog.productCount ? i : -1;
  }

  // One order line item, resolved against the catalog: { i, v, quantity } or { error: [field, message] }.
  function resolveLine(item, k) {
    const at = `line_items.${k}`;
    if (!isObject(item)) return { error: [at, 'Each line item must be an object.'] };
    if (item.blueprint_id !== undefined || item.print_areas !== undefined) {
      return { error: [at, 'fake Printify: creating products with an order is not supported.'] };
    }
    if (!Number.isInteger(item.quantity) || item.quantity < 1) return { error: [`${at}.quantity`, 'The quantity must be an integer of at least 1.'] };
    if (item.sku !== undefined) {
      const match = /^PFY-(\d+)-(\d+)$/.exec(String(item.sku));
      const [i, v] = match ? [Number(match[1]), Number(match[2])] : [-1, -1];
      if (i < 0 || i >= catalog.productCount || v >= catalog.variantsPerProduct) return { error: [`${at}.sku`, `No product variant has the sku ${item.sku}.`] };
      return { i, v, quantity: item.quantity };
    }
    const i = indexOf(item.product_id);
    if (i < 0) return { error: [`${at}.product_id`, item.product_id === undefined ? 'The product_id field is required.' : 'The selected product_id is invalid.'] };
    const v = Number.isInteger(item.variant_id) ? item.variant_id - 10_000 - i * catalog.variantsPerProduct : -1;
    if (v < 0 || v >= catalog.variantsPerProduct) return { error: [`${at}.variant_id`, 'The selected variant_id is invalid.'] };
    return { i, v, quantity: item.quantity };
  }

  // --- orders ------------------------------------------------------------------------------
  function validateOrder(body) {
    if (!isObject(body)) return { body: ['The request body must be a JSON object.'] };
    const errors = {};
    const need = (good, field, message = `The ${field.split('.').pop()} field is required.`) => {
      if (!good) (errors[field] ??= []).push(message);
    };
    need(filled(body.external_id), 'external_id');
    if (body.label !== undefined) need(typeof body.label === 'string', 'label', 'The label must be a string.');
    need([1, 2, 3, 4].includes(body.shipping_method), 'shipping_method', 'The shipping_method must be 1, 2, 3 or 4.');
    if (body.send_shipping_notification !== undefined) {
      need(typeof body.send_shipping_notification === 'boolean', 'send_shipping_notification', 'The send_shipping_notification field must be true or false.');
    }
    const address = body.address_to;
    need(isObject(address), 'address_to');
    if (isObject(address)) {
      for (const field of ADDRESS_REQUIRED) need(filled(address[field]), `address_to.${field}`);
      if (filled(address.country)) need(/^[A-Z]{2}$/.test(address.country), 'address_to.country', 'The country must be an ISO 3166-1 alpha-2 code.');
      if (address.email !== undefined && address.email !== '') need(/^[^@\s]+@[^@\s]+$/.test(address.email), 'address_to.email', 'The email must be a valid email address.');
    }
    need(Array.isArray(body.line_items) && body.line_items.length > 0, 'line_items');
    const lines = Array.isArray(body.line_items) ? body.line_items.map(resolveLine) : [];
    for (const line of lines) if (line.error) need(false, ...line.error);
    if (fake.rejectDuplicateExternalId && filled(body.external_id) && fake.ordersByExternalId(body.external_id).length > 0) {
      need(false, 'external_id', 'The external id has already been taken.');
    }
    return Object.keys(errors).length > 0 ? errors : lines;
  }

  function createOrder(body) {
    const checked = validateOrder(body);
    if (!Array.isArray(checked)) return invalid(checked);
    const line_items = checked.map(({ i, v, quantity }) => {
      const variant = variantOf(i, v);
      return {
        product_id: productIdOf(i), quantity, variant_id: variant.id, print_provider_id: PRINT_PROVIDER,
        cost: variant.cost * quantity, shipping_cost: 400 + 100 * (quantity - 1), status: 'on-hold',
        metadata: { title: `Comptoir Tee ${i}`, price: variant.price, variant_label: variant.title, sku: variant.sku, country: 'United States' },
        sent_to_production_at: null, fulfilled_at: null,
      };
    });
    const id = hexId();
    const connect = hexId();
    const order = {
      id, address_to: { ...body.address_to }, line_items,
      metadata: { order_type: 'api', shop_order_id: body.external_id, shop_order_label: body.label ?? body.external_id, shop_fulfilled_at: '1970-01-01 00:00:00+00:00' },
      total_price: line_items.reduce((sum, line) => sum + line.metadata.price * line.quantity, 0),
      total_shipping: line_items.reduce((sum, line) => sum + line.shipping_cost, 0), total_tax: 0,
      status: 'on-hold', shipping_method: body.shipping_method, is_printify_express: body.shipping_method === 3,
      is_economy_shipping: body.shipping_method === 4, shipments: [], created_at: stamp(), sent_to_production_at: null,
      fulfilled_at: null, printify_connect: { url: `https://printify.com/connect/${connect}`, id: connect },
    };
    fake.orders.set(id, order);
    return { ...ok({ id }), after: () => dispatch('order:created', order) };
  }

  // Moves `order` (and its line items) to `status`; returns the events it causes.
  function setStatus(order, status) {
    const now = stamp();
    const events = [['order:updated', { status }]];
    order.status = status;
    if (['sending-to-production', 'in-production', 'fulfilled', 'partially-fulfilled'].includes(status) && !order.sent_to_production_at) {
      order.sent_to_production_at = now;
      events.push(['order:sent-to-production', {}]);
    }
    if (status === 'fulfilled') order.fulfilled_at ??= now;
    const lineStatus = { pending: 'on-hold', 'payment-not-received': 'on-hold', 'had-issues': 'has-issues' }[status] ?? status;
    order.line_items.forEach((line, k) => {
      line.status = status === 'partially-fulfilled' ? (k === 0 ? 'fulfilled' : 'in-production') : lineStatus;
      if (order.sent_to_production_at) line.sent_to_production_at ??= order.sent_to_production_at;
      if (line.status === 'fulfilled') line.fulfilled_at ??= now;
    });
    return events;
  }

  function orderAction(order, action) {
    if (action === 'cancel') {
      if (!CANCELABLE.has(order.status)) return failure(400, 8253, `Order can not be canceled: its status is ${order.status}, not on-hold or payment-not-received.`);
    } else if (!SENDABLE.has(order.status)) {
      return failure(400, 8252, `Order can not be sent to production: its status is ${order.status}.`);
    }
    const events = setStatus(order, action === 'cancel' ? 'canceled' : 'sending-to-production');
    return { ...ok(order), after: () => dispatchAll(order, events) };
  }

  // --- webhooks ----------------------------------------------------------------------------
  async function deliverOne(hook, event) {
    const payload = JSON.stringify(event);
    const headers = hook.secret ? { 'x-pfy-signature': `sha256=${createHmac('sha256', hook.secret).update(payload).digest('hex')}` } : {};
    let answer;
    for (let attempt = 0; attempt <= fake.webhookRetries; attempt += 1) {
      answer = await post(hook.url, payload, { 'user-agent': 'Printify-Webhooks (fake)', ...headers });
      fake.deliveries.push({ webhookId: hook.id, topic: hook.topic, url: hook.url, event, attempt, ...answer });
      if (answer.status >= 200 && answer.status < 300) break;
    }
    return answer;
  }

  // Sends event `type` about `order` to every webhook of that topic; resolves to the events sent.
  async function dispatch(type, order, data = {}) {
    const event = { id: randomUUID(), type, created_at: stamp(), resource: { id: order.id, type: 'order', data: { shop_id: shopId, ...data } } };
    fake.events.push(event);
    for (const hook of webhooks.values()) if (hook.topic === type) await deliverOne(hook, event);
    return event;
  }
  const dispatchAll = async (order, events) => {
    const sent = [];
    for (const [type, data] of events) sent.push(await dispatch(type, order, data));
    return sent;
  };

  function createWebhook(body) {
    const errors = {};
    if (!isObject(body) || !WEBHOOK_TOPICS.includes(body.topic)) errors.topic = [`The topic must be one of ${WEBHOOK_TOPICS.join(', ')}.`];
    if (!isObject(body) || !/^https?:\/\/\S+$/.test(body.url ?? '')) errors.url = ['The url must be a valid URL.'];
    if (isObject(body) && body.secret !== undefined && typeof body.secret !== 'string') errors.secret = ['The secret must be a string.'];
    if (Object.keys(errors).length > 0) return invalid(errors, 8100);
    const hook = { topic: body.topic, url: body.url, shop_id: String(shopId), id: hexId() };
    webhooks.set(hook.id, { ...hook, secret: body.secret ?? null });
    return ok(hook);
  }
  const publicHook = ({ secret, ...hook }) => hook;

  // --- the HTTP side -----------------------------------------------------------------------
  // UA, token and rate limit: an error result, or null when the request may go on.
  function gate(headers) {
    if (!filled(headers['user-agent'])) return failure(400, 400, 'The User-Agent header is required.');
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
    if (!bearer || bearer[1] !== auth.token || auth.expired) return failure(401, 401, 'Unauthenticated.');
    const now = Date.now();
    while (hits.length > 0 && hits[0] <= now - 60_000) hits.shift();
    if (hits.length >= fake.perMinute) {
      return { ...failure(429, 429, 'Too Many Requests.'), retryAfter: Math.max(1, Math.ceil((hits[0] + 60_000 - now) / 1000)) };
    }
    hits.push(now);
    return null;
  }

  const faultAnswer = (f) => ({
    status: f.status, body: f.body ?? failure(f.status, f.status, `fake Printify failNext (${f.status}).`).body, retryAfter: f.retryAfter,
  });

  function route(method, path, query, body, bodyError) {
    if (method === 'GET' && path === '/v1/shops.json') return ok([{ id: shopId, title: 'Comptoir test shop', sales_channel: 'custom_integration' }]);
    const shop = /^\/v1\/shops\/([^/]+)\/(.+)$/.exec(path);
    if (!shop) return notFound('Route');
    if (shop[1] !== String(shopId)) return notFound('Shop');
    if (method === 'POST' && bodyError) return bodyError;
    const rest = shop[2];
    let m;
    if (method === 'GET' && rest === 'products.json') {
      return paginate(query, catalog.productCount, LIMITS.products, (from, to) => Array.from({ length: to - from }, (_, k) => productOf(from + k)));
    }
    if (method === 'GET' && (m = /^products\/([^/]+)\.json$/.exec(rest))) {
      const i = indexOf(m[1]);
      return i < 0 ? notFound('Product') : ok(productOf(i));
    }
    if (method === 'GET' && rest === 'orders.json') {
      const list = [...fake.orders.values()].reverse()
        .filter((o) => (query.status === undefined || o.status === query.status)
          && (query.sku === undefined || o.line_items.some((line) => line.metadata.sku === query.sku)));
      return paginate(query, list.length, LIMITS.orders, (from, to) => list.slice(from, to));
    }
    if (method === 'POST' && rest === 'orders.json') return createOrder(body);
    if ((m = /^orders\/([^/]+?)(?:\/(send_to_production|cancel))?\.json$/.exec(rest)) && method === (m[2] ? 'POST' : 'GET')) {
      const order = fake.orders.get(m[1]);
      if (!order) return notFound('Order');
      return m[2] ? orderAction(order, m[2]) : ok(order);
    }
    if (rest === 'webhooks.json' && method === 'GET') return ok([...webhooks.values()].map(publicHook));
    if (rest === 'webhooks.json' && method === 'POST') return createWebhook(body);
    if (method === 'DELETE' && (m = /^webhooks\/([^/]+)\.json$/.exec(rest))) {
      return webhooks.delete(m[1]) ? ok({ id: m[1] }) : notFound('Webhook');
    }
    return notFound('Route');
  }

  async function handle(req, res) {
    const target = new URL(req.url, 'http://fake-printify');
    const raw = await readBody(req);
    let body = raw === '' ? undefined : raw;
    let bodyError = null;
    if (raw !== '') {
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        bodyError = failure(400, 400, 'The request body must be JSON (Content-Type: application/json).');
      } else {
        try { body = JSON.parse(raw); } catch { bodyError = failure(400, 400, "The request can't be parsed as valid JSON."); }
      }
    }
    const { method } = req;
    const path = target.pathname;
    const query = Object.fromEntries(target.searchParams);
    fake.requests.push({ method, path, query, headers: req.headers, body });

    const { result, broken } = await faults.answer(method, path, {
      refused: gate(req.headers), run: () => route(method, path, query, body, bodyError), failAnswer: faultAnswer,
    });
    const headers = { 'content-type': 'application/json' };
    if (result.retryAfter !== undefined) headers['retry-after'] = String(result.retryAfter);
    writeAnswer(res, result, headers, broken);
    if (result.after) await result.after().catch(() => {});
  }

  const fake = {
    url: null,
    shopId,
    token,
    perMinute, // the rate limit in force; a test may lower it
    webhookRetries: 3, // retries after a non-2xx webhook answer (documented: up to 3)
    rejectDuplicateExternalId: false, // the docs do not say a duplicate external_id is refused
    requests: [], // { method, path, query, headers, body } — body parsed when JSON
    orders: new Map(), // order id → Printify's order object
    webhooks, // id → { id, topic, url, shop_id, secret }
    events: [], // every event made, delivered or not
    deliveries: [], // every webhook POST attempt: { webhookId, topic, url, event, attempt, status, body|error }

    ordersByExternalId: (externalId) => [...fake.orders.values()].filter((o) => o.metadata.shop_order_id === externalId),

    // failNext, slowNext and malformedNext (fake_faults.mjs): the next `times` matching requests
    // answer `status` (Printify's error envelope unless `body` is given; retry-after when
    // `retryAfter` is), are answered `ms` later, or answer 200 with half of their JSON body.
    // failNext's `afterProcessing`: the request runs first (an order is created) and only its
    // answer is replaced, as when a response is lost.
    ...faults.controls,
    expireToken() {
      auth.expired = true;
    },
    setToken(newToken) {
      auth = { token: newToken, expired: false };
      fake.token = newToken;
    },

    // Fulfils the order with one shipment; sends order:shipment:created, then order:updated.
    async ship(orderId, { carrier = 'usps', number = `9400${Date.now()}`, url = null } = {}) {
      const order = fake.orders.get(orderId);
      if (!order) throw new Error(`fake Printify: no order ${orderId}`);
      if (order.status === 'canceled') throw new Error(`fake Printify: order ${orderId} is canceled`);
      order.shipments.push({ carrier, number, url, delivered_at: null });
      const events = setStatus(order, 'fulfilled');
      const data = { shipped_at: stamp(), carrier: { code: carrier, tracking_number: number, tracking_url: url }, skus: order.line_items.map((line) => line.metadata.sku) };
      return dispatchAll(order, [['order:shipment:created', data], ...events]);
    },
    // Moves the order to any documented status; sends order:updated (and order:sent-to-production
    // the first time it reaches production).
    async advance(orderId, status) {
      const order = fake.orders.get(orderId);
      if (!order) throw new Error(`fake Printify: no order ${orderId}`);
      if (!ORDER_STATUSES.includes(status)) throw new Error(`fake Printify: ${status} is not one of ${ORDER_STATUSES.join(', ')}`);
      return dispatchAll(order, setStatus(order, status));
    },
    // `stock`: (productIndex, variantIndex, sku) => truthy when available, or { [sku]: truthy }.
    setProducts({ productCount: count = catalog.productCount, variantsPerProduct: per = catalog.variantsPerProduct, stock } = {}) {
      catalog = { productCount: count, variantsPerProduct: per, stock };
    },
    product(i) {
      if (!Number.isInteger(i) || i < 0 || i >= catalog.productCount) throw new RangeError(`fake Printify: no product ${i}`);
      return productOf(i);
    },

    reset() {
      fake.requests.length = 0;
      fake.events.length = 0;
      fake.deliveries.length = 0;
      fake.orders.clear();
      webhooks.clear();
      hits.length = 0;
      faults.clear();
      catalog = { productCount: initial.productCount, variantsPerProduct: initial.variantsPerProduct, stock: undefined };
      fake.setToken(initial.token);
      Object.assign(fake, { perMinute: initial.perMinute, webhookRetries: 3, rejectDuplicateExternalId: false });
    },

    close: () => fakes.close(fake, server),
  };

  const server = jsonServer(handle, (error) => ({ status: 'error', code: 500, message: `fake Printify crashed: ${error.message}` }));
  fake.url = await listenLocal(server);
  fakes.add(fake);
  return fake;
}
