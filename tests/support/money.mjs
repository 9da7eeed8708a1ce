// The one JSON money shape of every API (api/openapi.json's Money): {amount_cents, currency,
// formatted}. cents() checks the shape and gives the amount, for tests that compare amounts.
import assert from 'node:assert/strict';

export function cents(money) {
  assert.equal(typeof money, 'object', `not a Money object: ${JSON.stringify(money)}`);
  assert.deepEqual(Object.keys(money ?? {}).sort(), ['amount_cents', 'currency', 'formatted'], JSON.stringify(money));
  assert.ok(Number.isInteger(money.amount_cents), JSON.stringify(money));
  assert.match(money.currency, /^[A-Z]{3}$/);
  assert.equal(typeof money.formatted, 'string');
  return money.amount_cents;
}
