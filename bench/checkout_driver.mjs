// bench/checkout's driver (see bench/checkout for what is measured). Arguments: the shop's base
// URL, the variants as "product variant …" pairs, the orders per run, the clients, the database URL,
// the Stripe webhook secret, the results file, the commit, the runs ("hot spread") and the hot
// variant's stock. It prepares every timed request (carts filled beforehand on node:net keep-alive
// sockets, bench/lib/keepalive.mjs) and checks every answer; the timed requests go through
// bench_replay (bench/lib/replay.mjs), a native client on one thread. On 2 cores shared with the
// shop, Python's http.client took a third of the CPU of the webhooks run, and Node's sockets a
// tenth (both replaced on 2026-12-06).
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { pool } from './lib/keepalive.mjs';
import { replay } from './lib/replay.mjs';
import { ORDER_BODY, checkoutAnswer, fillCart } from './lib/shoppers.mjs';

const [base, variantText, nText, clientsText, dbUrl, secret, out, commit, runs, hotStockText] = process.argv.slice(2);
const pairs = variantText.trim().split(/\s+/).map(Number);
const variants = [];
for (let i = 0; i + 1 < pairs.length; i += 2) variants.push([pairs[i], pairs[i + 1]]);
const n = Number(nText);
const clients = Number(clientsText);
const hotStock = Number(hotStockText);

const sql = (query) => execFileSync('psql', [dbUrl, '-XAtqF', ' ', '-c', query], { encoding: 'utf8' }).trim();
const round = (x) => Math.round(x * 100) / 100;

function summary(times, count, seconds, unit) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return {
    count,
    [`${unit}_per_s`]: Math.round((count / seconds) * 10) / 10,
    p50_ms: round(median),
    p99_ms: round(sorted[Math.floor(0.99 * (sorted.length - 1))]),
    max_ms: round(sorted[sorted.length - 1]),
  };
}

// Per variant: [id, what it holds, the units of its orders that were not cancelled].
function units(used) {
  return sql(`SELECT v.id, v.stock_on_hand, coalesce(sum(l.quantity) FILTER (WHERE o.status <> 'cancelled'), 0)
    FROM variants v LEFT JOIN order_lines l ON l.variant_id = v.id LEFT JOIN orders o ON o.id = l.order_id
    WHERE v.id IN (${used.join(',')}) GROUP BY v.id`).split('\n').map((line) => line.split(' ').map(Number));
}

async function run(kind) {
  const targets = kind === 'hot'
    ? Array.from({ length: n }, () => variants[0])
    : Array.from({ length: n }, (_, i) => variants[i % variants.length]);
  const used = [...new Set(targets.map(([, v]) => v))].sort((a, b) => a - b);
  const stock = kind === 'hot' ? hotStock : 10_000_000;
  sql(`UPDATE variants SET stock_on_hand = ${stock} WHERE id IN (${used.join(',')})`);
  const before = new Map(units(used).map(([variant, , sold]) => [variant, sold]));
  const carts = await pool(base, clients, targets, ([product, variant], c) => fillCart(c, base, product, variant));
  const { seconds, answers: replies } = replay(base, clients,
    carts.map((headers) => ({ method: 'POST', path: '/api/v1/checkout', body: ORDER_BODY, headers })));
  const answers = replies.map(({ status, body, ms }) => ({ order: checkoutAnswer(status, body).order, ms }));
  const placed = answers.filter((a) => a.order).map((a) => a.order);
  const result = summary(answers.map((a) => a.ms), placed.length, seconds, 'orders');
  Object.assign(result, { variants: used.length, attempts: n, refused_sold_out: n - placed.length });
  // Oversold: per variant, the units its orders took against what it held and what is left.
  let oversold = 0;
  let soldTotal = 0;
  for (const [variant, left, soldNow] of units(used)) {
    const sold = soldNow - before.get(variant);
    soldTotal += sold;
    if (sold > stock || left !== stock - sold || left < 0) oversold += Math.max(sold - stock, 0) || 1;
  }
  Object.assign(result, { stock_per_variant: stock, units_sold: soldTotal, oversold });
  if (soldTotal !== placed.length) throw new Error(`${soldTotal} units sold for ${placed.length} orders placed`);
  return { result, placed };
}

const results = { commit, clients, driver: 'bench_replay (bench/tools/replay.cpp)', runs: {} };
const allPlaced = [];
for (const kind of runs.split(' ')) {
  const { result: r, placed } = await run(kind);
  results.runs[kind] = r;
  allPlaced.push(...placed);
  console.log(`  ${kind.padEnd(10)} ${r.orders_per_s.toFixed(1).padStart(8)} orders/s   p50 ${r.p50_ms.toFixed(2).padStart(6)} ms   `
    + `p99 ${r.p99_ms.toFixed(2).padStart(6)} ms   ${r.count} placed, ${r.refused_sold_out} refused (sold out), oversold ${r.oversold}`);
}
// Stripe sessions for the orders, as if each had been paid on Stripe's page.
sql("UPDATE orders SET payment_provider = 'stripe', payment_reference = 'cs_bench_' || number "
  + "WHERE email = 'bench@example.ca' AND status = 'pending'");

const events = allPlaced.map(({ number, total, currency }, i) => JSON.stringify({
  id: `evt_bench_${i}`, object: 'event', type: 'checkout.session.completed',
  data: { object: { id: `cs_bench_${number}`, object: 'checkout.session', payment_status: 'paid',
    amount_total: total, currency: currency.toLowerCase(), payment_intent: `pi_bench_${i}`,
    metadata: { order_id: number } } },
}));

// Signed as Stripe signs (t=…,v1=HMAC-SHA256 of "t.body"), right before the run: the time in the
// signature is a real one, which the shop checks against its clock (Stripe's tolerance, 5 min).
function deliverAll() {
  const t = Math.floor(Date.now() / 1000);
  const { seconds, answers } = replay(base, clients, events.map((body) => ({
    method: 'POST', path: '/webhooks/stripe', body,
    headers: {
      'Content-Type': 'application/json',
      'Stripe-Signature': `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`,
    },
  })));
  for (const { status, body } of answers)
    if (status !== 200) throw new Error(`POST /webhooks/stripe: ${status} ${body.subarray(0, 300)}`);
  return { seconds, answers: answers.map(({ body, ms }) => ({ status: JSON.parse(body).status, ms })) };
}
const first = deliverAll();
const again = deliverAll();
const unexpected = (answers, want) => [...new Set(answers.map((a) => a.status))].filter((s) => s !== want);
if (unexpected(first.answers, 'applied').length) throw new Error(`first deliveries answered ${unexpected(first.answers, 'applied')}`);
if (unexpected(again.answers, 'unchanged').length) throw new Error(`repeated deliveries answered ${unexpected(again.answers, 'unchanged')}`);
const paid = Number(sql("SELECT count(*) FROM orders WHERE email = 'bench@example.ca' AND status = 'paid'"));
if (paid !== allPlaced.length) throw new Error(`${paid} orders paid for ${allPlaced.length} placed`);
results.webhooks = summary(first.answers.map((a) => a.ms), events.length, first.seconds, 'events');
results.duplicates = summary(again.answers.map((a) => a.ms), events.length, again.seconds, 'events');
results.load_average = os.loadavg();
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
for (const key of ['webhooks', 'duplicates']) {
  const r = results[key];
  console.log(`  ${key.padEnd(10)} ${r.events_per_s.toFixed(1).padStart(8)} events/s   p50 ${r.p50_ms.toFixed(2).padStart(6)} ms   p99 ${r.p99_ms.toFixed(2).padStart(6)} ms`);
}
console.log(`  load average ${results.load_average.map((x) => x.toFixed(2)).join(' ')}`);
