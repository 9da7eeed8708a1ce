// /healthz (the process is alive) and /readyz (database reachable and migrations current).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { describe as show, get, REPO_ROOT, sleep, startPostgres, startServer } from '../support/server.mjs';

// Polls GET url until `want(status)`; resolves to the last response.
async function pollStatus(url, want, timeout) {
  const deadline = performance.now() + timeout;
  let last = null;
  for (;;) {
    const started = performance.now();
    last = await get(url, { timeout: 5_000 }).catch((error) => ({ status: null, error }));
    last.took = performance.now() - started;
    if (want(last.status) || performance.now() > deadline) return last;
    await sleep(200);
  }
}

describe('a migrated database', { timeout: 60_000 }, () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  test('GET /healthz → 200', async () => {
    const res = await get(`${server.url}/healthz`);
    assert.equal(res.status, 200, show(res));
  });

  test('GET /readyz → 200', async () => {
    const res = await get(`${server.url}/readyz`);
    assert.equal(res.status, 200, show(res));
  });

  test('health answers are not cacheable', async () => {
    for (const route of ['/healthz', '/readyz']) {
      const res = await get(`${server.url}${route}`);
      assert.doesNotMatch(res.headers['cache-control'] ?? '', /max-age=[1-9]|public|immutable/i, `${route}: Cache-Control ${res.headers['cache-control']}`);
    }
  });
});

test('GET /readyz → 503 while migrations are pending (COMPTOIR_ENV=test does not apply them)', { timeout: 60_000 }, async () => {
  const migrations = readdirSync(path.join(REPO_ROOT, 'migrations')).filter((name) => name.endsWith('.sql'));
  assert.ok(migrations.length > 0, 'migrations/ holds no .sql file, so nothing can be pending');
  const server = await startServer({ migrate: false });
  try {
    const health = await get(`${server.url}/healthz`);
    assert.equal(health.status, 200, 'alive even with pending migrations');
    const res = await get(`${server.url}/readyz`);
    assert.equal(res.status, 503, show(res));
  } finally {
    await server.stop();
  }
});

describe('PostgreSQL going away and coming back', { timeout: 120_000 }, () => {
  let pg;
  let server;
  before(async () => {
    pg = await startPostgres();
    server = await startServer({ database: { adminUrl: pg.url } });
  });
  after(async () => {
    await server?.stop();
    await pg?.destroy();
  });

  test('/readyz is 200 while PostgreSQL runs', async () => {
    const res = await get(`${server.url}/readyz`);
    assert.equal(res.status, 200, show(res));
  });

  test('/readyz turns 503 within 5 s of PostgreSQL stopping, and the process stays alive', async () => {
    await pg.stop({ mode: 'fast' });
    const stoppedAt = performance.now();
    const res = await pollStatus(`${server.url}/readyz`, (status) => status === 503, 5_000);
    assert.equal(res.status, 503, `/readyz after PostgreSQL stopped: ${res.error?.message ?? show(res)}`);
    assert.ok(performance.now() - stoppedAt <= 8_000, `took ${performance.now() - stoppedAt} ms`);
    assert.ok(res.took < 5_000, `/readyz took ${res.took} ms to answer with the database down`);

    const health = await get(`${server.url}/healthz`);
    assert.equal(health.status, 200, '/healthz must stay 200: the process is alive');
    assert.equal(server.exitInfo, null, `the server exited when PostgreSQL stopped:\n${server.logText()}`);
  });

  test('/readyz returns to 200 after PostgreSQL restarts (broken connections replaced)', async () => {
    await pg.start();
    const res = await pollStatus(`${server.url}/readyz`, (status) => status === 200, 15_000);
    assert.equal(res.status, 200, `/readyz after PostgreSQL restarted: ${res.error?.message ?? show(res)}`);
  });
});
