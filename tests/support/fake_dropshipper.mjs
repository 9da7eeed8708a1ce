// A local fake of a generic dropshipper's side of Comptoir's dropshipper protocol
// (docs/suppliers.md, "Generic dropshipper"), written as a supplier's developer would from that
// page: one URL receives JSON messages ({"type": "ping" | "purchase_order" | "cancel"}) signed
//   Comptoir-Signature: t=<Unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<body>" under the secret>
// and refused (401) when the signature is missing, older than 5 minutes or wrong. A purchase order
// carries `Idempotency-Key: <external id>`: the same key again answers the order already made
// (200) instead of making a second one (201). The supplier sends its news back to the shop with
// the same signature scheme: send(shopUrl, externalId, event).
// Faults: failNext({ status, times, afterProcessing }) — afterProcessing: the message is acted on
// and only its answer replaced, as when a response is lost; `failEvery = n` answers 500 to every
// n-th purchase order before acting on it (n = 20: 5 % of them, for bench/suppliers). Closed in an
// `after` hook.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { fakeRegistry, listenLocal } from './fake_faults.mjs';

const fakes = fakeRegistry();

export function sign(secret, body, at = Math.floor(Date.now() / 1000)) {
  return `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;
}

function verify(header, secret, body) {
  const parts = Object.fromEntries(String(header ?? '').split(',').map((p) => p.trim().split('=')));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return 'malformed';
  if (Math.abs(Date.now() / 1000 - t) > 300) return 'stale';
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(parts.v1, 'hex')) ? 'valid' : 'mismatch';
}

export async function startFakeDropshipper({ secret = 'whsec_dropshipper_test' } = {}) {
  let next = 1000;
  let purchaseOrders = 0;
  const faults = [];
  const fake = {
    url: null,
    secret,
    messages: [], // { headers, body, type, signature } for every message received
    keepMessages: true, // false: only count them (a bench sends tens of thousands)
    received: 0,
    failEvery: 0,
    orders: new Map(), // idempotency key (our external id) → { id, order, cancelled }
    failNext({ status = 500, times = 1, afterProcessing = false } = {}) {
      faults.push({ status, times, afterProcessing });
    },
    // Sends `event` about our order `externalId` to the shop, signed (or as `signature` says).
    async send(shopUrl, externalId, event, { signature, at } = {}) {
      const body = JSON.stringify(event);
      const res = await fetch(`${shopUrl}/api/v1/supplier-orders/${encodeURIComponent(externalId)}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'comptoir-signature': signature ?? sign(secret, body, at) },
        body,
      });
      const text = await res.text();
      return { status: res.status, headers: Object.fromEntries(res.headers), text, json: text ? JSON.parse(text) : null };
    },
    close: () => fakes.close(fake, server),
  };

  function act(message, headers) {
    if (message.type === 'ping') return { status: 200, body: { ok: true } };
    if (message.type === 'purchase_order') {
      const key = headers['idempotency-key'];
      if (!key || key !== message.external_id) return { status: 400, body: { error: 'Idempotency-Key must be the external_id' } };
      if (!Array.isArray(message.items) || message.items.length === 0) return { status: 422, body: { error: 'no items' } };
      const known = fake.orders.get(key);
      if (known) return { status: 200, body: { id: known.id, status: 'accepted' } };
      const id = `DS-${(next += 1)}`;
      fake.orders.set(key, { id, order: message, cancelled: false });
      return { status: 201, body: { id, status: 'accepted' } };
    }
    if (message.type === 'cancel') {
      const found = [...fake.orders.values()].find((o) => o.id === message.number);
      if (!found) return { status: 404, body: { error: 'unknown order' } };
      found.cancelled = true;
      return { status: 200, body: { id: found.id, status: 'cancelled' } };
    }
    return { status: 400, body: { error: `unknown type ${message.type}` } };
  }

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const signature = verify(req.headers['comptoir-signature'], secret, raw);
      let message = null;
      try { message = JSON.parse(raw); } catch { /* answered below */ }
      fake.received += 1;
      if (fake.keepMessages) fake.messages.push({ headers: req.headers, body: message, type: message?.type, signature });
      let result;
      if (req.method !== 'POST') result = { status: 405, body: { error: 'POST only' } };
      else if (signature !== 'valid') result = { status: 401, body: { error: `signature ${signature}` } };
      else if (!message || typeof message !== 'object') result = { status: 400, body: { error: 'not JSON' } };
      else {
        const fault = faults.find((f) => f.times > 0)
          ?? (fake.failEvery > 0 && message.type === 'purchase_order' && (purchaseOrders += 1) % fake.failEvery === 0
            ? { status: 500, times: 1, afterProcessing: false } : undefined);
        if (fault) fault.times -= 1;
        result = fault && !fault.afterProcessing ? { status: fault.status, body: { error: 'fake fault' } } : act(message, req.headers);
        if (fault?.afterProcessing) result = { status: fault.status, body: { error: 'fake fault after processing' } };
      }
      res.writeHead(result.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result.body));
    });
  });
  fake.url = `${await listenLocal(server)}/comptoir/orders`;
  fakes.add(fake);
  return fake;
}
