// bench/rush's shoppers (see bench/rush): `clients` shoppers each fill a guest cart with the
// variant and check out, again and again, until the stop file exists; then the placed and failed
// counts go to the results file. Arguments: the shop's base URL, the product and variant ids, the
// clients, the stop file, the results file, and a file created once the shoppers are under way.
// Clients are node:net keep-alive sockets (bench/lib/keepalive.mjs), as bench/checkout's. With a
// rate (BENCH_RUSH_RATE, orders/s over all shoppers), each shopper starts its orders on a fixed
// schedule instead of at once, and says how many it started late.
import { existsSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from './lib/keepalive.mjs';
import { ORDER_BODY, checkOut, fillCart } from './lib/shoppers.mjs';

const [base, productText, variantText, clientsText, stopFile, out, startedFile] = process.argv.slice(2);
const product = Number(productText);
const variant = Number(variantText);
const body = JSON.stringify({ ...JSON.parse(ORDER_BODY), email: 'rush@example.ca' });
const clients = Number(clientsText);
const rate = Number(process.env.BENCH_RUSH_RATE || 0);
let placed = 0;
let failed = 0;
let late = 0; // orders started more than one interval after their slot (the shop fell behind)

async function shopper(_, index) {
  const connection = new Connection(base);
  // Shopper i starts its k-th order at start + (k + i / clients) × clients / rate seconds.
  const interval = rate > 0 ? (clients / rate) * 1000 : 0;
  const start = Date.now() + (interval * index) / clients;
  try {
    for (let k = 0; !existsSync(stopFile); k++) {
      if (interval > 0) {
        const wait = start + k * interval - Date.now();
        if (wait > 0) await sleep(wait);
        else if (-wait > interval) late++;
      }
      try {
        const headers = await fillCart(connection, base, product, variant);
        const { order } = await checkOut(connection, headers, body);
        if (order) placed++;
        else failed++;
      } catch (error) {
        failed++;
        if (connection.closed) throw error; // a lost connection ends the rush: it is a failure
      }
    }
  } finally {
    connection.close();
  }
}

writeFileSync(startedFile, '');
await Promise.all(Array.from({ length: clients }, shopper));
writeFileSync(out, JSON.stringify({ placed, failed, late, rate }));
