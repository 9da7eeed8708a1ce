// bench/rush's shoppers (see bench/rush): `clients` shoppers each fill a guest cart with the
// variant and check out, again and again, until the stop file exists; then the placed and failed
// counts go to the results file. Arguments: the shop's base URL, the product and variant ids, the
// clients, the stop file, the results file, and a file created once the shoppers are under way.
// Clients are node:net keep-alive sockets (bench/lib/keepalive.mjs), as bench/checkout's.
import { existsSync, writeFileSync } from 'node:fs';
import { Connection } from './lib/keepalive.mjs';
import { ORDER_BODY, checkOut, fillCart } from './lib/shoppers.mjs';

const [base, productText, variantText, clientsText, stopFile, out, startedFile] = process.argv.slice(2);
const product = Number(productText);
const variant = Number(variantText);
const body = JSON.stringify({ ...JSON.parse(ORDER_BODY), email: 'rush@example.ca' });
let placed = 0;
let failed = 0;

async function shopper() {
  const connection = new Connection(base);
  try {
    while (!existsSync(stopFile)) {
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
await Promise.all(Array.from({ length: Number(clientsText) }, shopper));
writeFileSync(out, JSON.stringify({ placed, failed }));
