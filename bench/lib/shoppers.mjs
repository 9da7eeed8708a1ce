// What a shopper does in bench/checkout and bench/rush, through the shop's JSON API as the
// storefront's script does: a guest cart with one line, then an order by offline payment.
export const ORDER_BODY = JSON.stringify({
  email: 'bench@example.ca',
  region: 'CA-QC',
  shipping_address: {
    full_name: 'Marie Tremblay', line1: '123, rue Saint-Denis', city: 'Montréal', postal_code: 'H2X 1K4',
  },
});

// A new guest cart holding one unit of the variant; resolves to the headers that check it out
// (its session cookie, CSRF token and origin).
export async function fillCart(connection, base, product, variant) {
  const cart = await connection.request('GET', '/api/v1/cart');
  if (cart.status !== 200) throw new Error(`GET /api/v1/cart: ${cart.status} ${cart.body}`);
  const cookie = cart.headers['set-cookie'][0]?.split(';')[0];
  if (!cookie) throw new Error('GET /api/v1/cart set no cookie');
  const headers = {
    Cookie: cookie,
    'X-CSRF-Token': JSON.parse(cart.body).csrf_token,
    Origin: base,
    'Content-Type': 'application/json',
  };
  const added = await connection.request('POST', '/api/v1/cart/items',
    JSON.stringify({ product_id: product, variant_id: variant, quantity: 1 }), headers);
  if (added.status !== 201) throw new Error(`POST /api/v1/cart/items: ${added.status} ${added.body.subarray(0, 300)}`);
  return headers;
}

// Places the cart's order: { status, order } (see checkoutAnswer()).
export async function checkOut(connection, headers, body = ORDER_BODY) {
  const res = await connection.request('POST', '/api/v1/checkout', body, headers);
  return checkoutAnswer(res.status, res.body);
}

// What an answer to POST /api/v1/checkout says: { status, order } (order: number, total in cents,
// currency; null when refused as sold out, 409). Any other answer than 201 and 409 throws.
export function checkoutAnswer(status, body) {
  if (status === 409) return { status, order: null };
  if (status !== 201) throw new Error(`POST /api/v1/checkout: ${status} ${body.subarray(0, 300)}`);
  const { order } = JSON.parse(body);
  return { status, order: { number: order.number, total: order.totals.total.amount_cents, currency: order.currency } };
}
