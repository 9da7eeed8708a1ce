// /metrics in Prometheus text format and the JSON access log line of each request.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { freePort, describe as show, get, startServer } from '../support/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const at = (path) => `${server.url}${path}`;

// Prometheus text exposition → [{ name, labels, value }].
function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels = {};
    for (const label of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[label[1]] = label[2];
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

async function scrape() {
  const res = await get(at('/metrics'));
  assert.equal(res.status, 200, show(res));
  return { res, samples: parseMetrics(res.text) };
}

const okOnHome = (s) => s.name === 'http_requests_total' && s.labels.route === '/fr/' && Object.values(s.labels).includes('200');
const sum = (samples, predicate) => samples.filter(predicate).reduce((total, s) => total + s.value, 0);

describe('/metrics', { timeout: 30_000 }, () => {
  test('is Prometheus text format 0.0.4', async () => {
    const { res } = await scrape();
    assert.match(res.headers['content-type'] ?? '', /^text\/plain;\s*version=0\.0\.4/i);
  });

  test('http_requests_total counts requests by route pattern and status', async () => {
    await get(at('/fr/'));
    const before = sum((await scrape()).samples, okOnHome);
    for (let i = 0; i < 3; i += 1) assert.equal((await get(at('/fr/'))).status, 200);
    const { samples, res } = await scrape();
    const afterCount = sum(samples, okOnHome);
    assert.ok(afterCount - before >= 3, `http_requests_total{route="/fr/",…"200"} went from ${before} to ${afterCount}:\n${res.text}`);
  });

  test('404s are counted with their status, under a pattern rather than the raw path', async () => {
    const token = randomBytes(8).toString('hex');
    assert.equal((await get(at(`/fr/nope-${token}`))).status, 404);
    const { res, samples } = await scrape();
    assert.ok(!res.text.includes(token), 'a raw request path became a metric label (unbounded cardinality)');
    assert.ok(samples.some((s) => s.name === 'http_requests_total' && Object.values(s.labels).includes('404') && s.value >= 1),
      `no http_requests_total sample with status 404:\n${res.text}`);
  });

  test('http_request_duration_seconds is a histogram by route', async () => {
    await get(at('/fr/'));
    const { samples, res } = await scrape();
    const buckets = samples.filter((s) => s.name === 'http_request_duration_seconds_bucket' && s.labels.route === '/fr/');
    assert.ok(buckets.length > 1, `no http_request_duration_seconds_bucket{route="/fr/"}:\n${res.text}`);
    assert.ok(buckets.some((s) => s.labels.le === '+Inf' && s.value >= 1), 'no +Inf bucket with observations');
    assert.ok(samples.some((s) => s.name === 'http_request_duration_seconds_count' && s.labels.route === '/fr/'), 'no _count');
    assert.ok(samples.some((s) => s.name === 'http_request_duration_seconds_sum' && s.labels.route === '/fr/'), 'no _sum');
  });

  test('database pool gauges are exposed', async () => {
    await get(at('/readyz'));
    const { samples, res } = await scrape();
    for (const name of ['db_pool_connections_in_use', 'db_pool_waiting']) {
      const found = samples.filter((s) => s.name === name);
      assert.ok(found.length > 0, `${name} missing:\n${res.text}`);
      assert.ok(found.every((s) => Number.isFinite(s.value) && s.value >= 0), `${name} has a bad value`);
    }
    // Without a replica the primary has a pool for reads beside the one for transactions
    // (DATABASE_READ_POOL_SIZE, one per core by default).
    const reads = samples.find((s) => s.name === 'db_pool_connections_max' && s.labels.pool === 'reads');
    assert.ok(reads && reads.value >= 1, `no db_pool_connections_max{pool="reads"}:\n${res.text}`);
    assert.ok(samples.some((s) => s.name === 'db_pool_connections_max' && s.labels.pool === 'primary'), 'no primary pool');
  });

  test('comptoir_build_info is exposed', async () => {
    const { samples, res } = await scrape();
    const info = samples.find((s) => s.name === 'comptoir_build_info');
    assert.ok(info, `comptoir_build_info missing:\n${res.text}`);
    assert.equal(info.value, 1);
  });
});

describe('access log', { timeout: 30_000 }, () => {
  const accessLines = (id) => server.logs().filter((line) => line.json?.request_id === id);

  test('one JSON line per request with method, route, status, bytes, latency and request id', async () => {
    const res = await get(at('/fr/'), { headers: { 'X-Request-Id': 'trace-me-1' } });
    assert.equal(res.status, 200);
    await server.waitForLog((line) => line.json?.request_id === 'trace-me-1', 5_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = accessLines('trace-me-1');
    assert.equal(lines.length, 1, `expected one access line for trace-me-1, got:\n${lines.map((l) => l.text).join('\n')}`);
    const [{ json, stream }] = lines;
    assert.equal(stream, 'stdout', 'the access log goes to stdout');
    assert.equal(json.method, 'GET');
    assert.equal(json.route, '/fr/');
    assert.equal(Number(json.status), 200);
    assert.ok(Number(json.bytes) > 0, `bytes: ${json.bytes}`);
    const latencyKey = Object.keys(json).find((k) => /^latency/.test(k));
    assert.ok(latencyKey, `no latency field in ${lines[0].text}`);
    assert.ok(Number(json[latencyKey]) >= 0, `latency: ${json[latencyKey]}`);
  });

  test('an unmatched path is logged with its status and without the raw path as the route', async () => {
    const token = randomBytes(6).toString('hex');
    assert.equal((await get(at(`/fr/nope-${token}`), { headers: { 'X-Request-Id': 'trace-me-2' } })).status, 404);
    const line = await server.waitForLog((l) => l.json?.request_id === 'trace-me-2', 5_000);
    assert.equal(Number(line.json.status), 404);
    assert.ok(!String(line.json.route ?? '').includes(token), `route label is the raw path: ${line.text}`);
  });

  test('every stdout line is JSON', async () => {
    const stdout = server.logs().filter((line) => line.stream === 'stdout' && line.text.trim());
    assert.ok(stdout.length > 0);
    const bad = stdout.filter((line) => line.json === null || typeof line.json !== 'object');
    assert.deepEqual(bad.map((l) => l.text), []);
  });
});

describe('METRICS_PORT', { timeout: 60_000 }, () => {
  let apart;
  let metricsPort;
  before(async () => {
    metricsPort = await freePort();
    apart = await startServer({ env: { METRICS_PORT: String(metricsPort) } });
  });
  after(async () => { await apart?.stop(); });

  test('/metrics moves to its own port, with the probes; the public port answers 404 for it', async () => {
    const inside = `http://127.0.0.1:${metricsPort}`;
    assert.equal((await get(`${apart.url}/fr/`)).status, 200);
    const scraped = await get(`${inside}/metrics`);
    assert.equal(scraped.status, 200, show(scraped));
    assert.match(scraped.headers['content-type'] ?? '', /^text\/plain; version=0\.0\.4/);
    assert.ok(parseMetrics(scraped.text).some((s) => s.name === 'http_requests_total' && s.labels.route === '/fr/'),
      'the public port\'s requests are not counted on the metrics port');
    assert.equal((await get(`${apart.url}/metrics`)).status, 404);
    assert.equal((await get(`${inside}/readyz`)).status, 200);
    assert.equal((await get(`${inside}/healthz`)).status, 200);
    assert.equal((await get(`${inside}/fr/`)).status, 404, 'the shop is served on the metrics port');
    assert.equal((await get(`${apart.url}/readyz`)).status, 200, 'the public port lost its probes');
  });
});
