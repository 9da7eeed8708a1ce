// The fake GA4 and Plausible the analytics suites point ANALYTICS at, checked on their own before
// anything relies on them: the Measurement Protocol's and the Events API's documented request
// formats (what is accepted, what is refused and why), the fault queue, and the stand-in scripts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ga4Problems, plausibleProblems, startFakeAnalytics } from '../support/fake_analytics.mjs';
import { request } from '../support/http.mjs';

const ga4 = await startFakeAnalytics({ kind: 'ga4', measurementId: 'G-SELF1234', apiSecret: 'self-secret' });
const plausible = await startFakeAnalytics({ kind: 'plausible', domain: 'self.test' });

const purchase = {
  client_id: '123.456',
  events: [{ name: 'purchase', params: { currency: 'CAD', transaction_id: 'CMP-1', value: 12.34, items: [{ item_id: 'SKU', price: 12.34, quantity: 1 }] } }],
};
const mp = (query, body) => request(`${ga4.url}/mp/collect?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const event = (body, headers = { 'user-agent': 'Comptoir/test' }) => request(`${plausible.url}/api/event`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('fake GA4', () => {
  test('a valid Measurement Protocol body is accepted (204) and recorded', async () => {
    const res = await mp('measurement_id=G-SELF1234&api_secret=self-secret', purchase);
    assert.equal(res.status, 204);
    assert.equal(ga4.serverEvents.at(-1).name, 'purchase');
    assert.equal(ga4.serverEvents.at(-1).params.value, 12.34);
  });

  test('a wrong key or id, or a malformed body, is refused and said', async () => {
    assert.equal((await mp('measurement_id=G-SELF1234&api_secret=nope', purchase)).status, 403);
    assert.equal((await mp('measurement_id=G-OTHER&api_secret=self-secret', purchase)).status, 403);
    assert.equal((await mp('measurement_id=G-SELF1234&api_secret=self-secret', { events: purchase.events })).status, 400);
    assert.deepEqual(ga4Problems({ client_id: '1.2', events: [] }), ['events must hold 1 to 25 events']);
    assert.deepEqual(ga4Problems({ client_id: '1.2', events: [{ name: 'session_start', params: {} }] }), ['reserved event name session_start']);
    assert.deepEqual(ga4Problems({ client_id: '1.2', events: [{ name: 'purchase', params: { value: '12.34', currency: 'CAD' } }] }),
      ['purchase: transaction_id is required', 'purchase: value must be a number']);
    assert.deepEqual(ga4Problems(purchase), []);
  });

  test('failNext answers the next requests with the status, then accepts again', async () => {
    ga4.failNext({ status: 503, times: 2, path: '/mp/collect' });
    assert.equal((await mp('measurement_id=G-SELF1234&api_secret=self-secret', purchase)).status, 503);
    assert.equal((await mp('measurement_id=G-SELF1234&api_secret=self-secret', purchase)).status, 503);
    assert.equal((await mp('measurement_id=G-SELF1234&api_secret=self-secret', purchase)).status, 204);
  });

  test('serves a gtag.js stand-in for its measurement id only, and takes its beacons', async () => {
    const script = await request(`${ga4.url}/gtag/js?id=G-SELF1234`);
    assert.equal(script.status, 200);
    assert.match(script.headers['content-type'], /javascript/);
    assert.match(script.text, /dataLayer/);
    assert.equal((await request(`${ga4.url}/gtag/js?id=G-NOPE`)).status, 404);
    const beacon = await request(`${ga4.url}/g/collect?v=2&tid=G-SELF1234&en=view_item`, { method: 'POST', body: '{"currency":"CAD"}' });
    assert.equal(beacon.status, 204);
    assert.deepEqual(ga4.browserEvents.at(-1), { name: 'view_item', tid: 'G-SELF1234', params: { currency: 'CAD' } });
    assert.ok(ga4.requests.length >= 4);
  });
});

describe('fake Plausible', () => {
  test('a valid event is accepted (202), long or short field names', async () => {
    const long = await event({ name: 'Purchase', url: 'https://self.test/fr/commande', domain: 'self.test', props: { order: 'CMP-1' }, revenue: { currency: 'CAD', amount: 12.34 } });
    assert.equal(long.status, 202);
    assert.deepEqual(plausible.serverEvents.at(-1).revenue, { currency: 'CAD', amount: 12.34 });
    const short = await event({ n: 'pageview', u: 'https://self.test/', d: 'self.test' });
    assert.equal(short.status, 202);
  });

  test('refuses (400, with errors) what the Events API refuses', async () => {
    const noAgent = await event({ name: 'x', url: 'https://self.test/', domain: 'self.test' }, {});
    assert.equal(noAgent.status, 400);
    assert.deepEqual(JSON.parse(noAgent.text).errors.user_agent, ['is required']);
    assert.equal((await event({ name: 'x', url: 'https://self.test/', domain: 'other.test' })).status, 400);
    assert.deepEqual(plausibleProblems({ name: 'x', url: 'https://self.test/', domain: 'self.test', props: { n: 3 } }, 'self.test', 'ua'), { props: ['values must be strings'] });
    assert.deepEqual(plausibleProblems({ name: 'x', url: 'nope', domain: 'self.test' }, 'self.test', 'ua'), { url: ['is required'] });
    assert.deepEqual(plausibleProblems({ name: 'x', url: 'https://a/', domain: 'self.test', revenue: { currency: 'cad', amount: 1 } }, 'self.test', 'ua'), { revenue: ['invalid'] });
  });

  test('failNext applies to server events; the stand-in script is served', async () => {
    plausible.failNext({ status: 500, path: '/api/event' });
    assert.equal((await event({ name: 'x', url: 'https://self.test/', domain: 'self.test' })).status, 500);
    assert.equal((await event({ name: 'x', url: 'https://self.test/', domain: 'self.test' })).status, 202);
    const script = await request(`${plausible.url}/js/script.js`);
    assert.equal(script.status, 200);
    assert.match(script.text, /window\.plausible = trigger/);
  });
});
