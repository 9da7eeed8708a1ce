// A database that does not answer in time is not a bug in the page: a statement that runs into
// DATABASE_STATEMENT_TIMEOUT (here: behind a lock an operator holds) gets the translated 503 page,
// or problem+json on the API, with Retry-After, and the shop answers again once the lock is gone.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { describe as show, get, startServer } from '../support/server.mjs';

let server;
before(async () => {
  server = await startServer({ env: { DATABASE_STATEMENT_TIMEOUT: '300ms' } });
});
after(async () => { await server?.stop(); });

// A psql session that takes `lock` inside a transaction and keeps it until release().
async function holdLock(url, lock) {
  const psql = spawn('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  psql.stdout.on('data', (chunk) => { output += chunk; });
  psql.stderr.on('data', (chunk) => { output += chunk; });
  psql.stdin.write(`BEGIN;\n${lock};\nSELECT 'held';\n`);
  const deadline = performance.now() + 10_000;
  while (!output.includes('held')) {
    if (psql.exitCode !== null || performance.now() > deadline) throw new Error(`could not take the lock: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    async release() {
      psql.stdin.end('ROLLBACK;\n');
      await new Promise((resolve) => psql.on('exit', resolve));
    },
  };
}

describe('a statement timeout answers 503, not 500', { timeout: 60_000 }, () => {
  test('search, in French and English, and the API: 503 with Retry-After; served again after', async () => {
    const lock = await holdLock(server.database.url, 'LOCK TABLE products IN ACCESS EXCLUSIVE MODE');
    try {
      const fr = await get(`${server.url}/fr/produits?q=verrou-fr`);
      assert.equal(fr.status, 503, show(fr));
      assert.equal(fr.headers['retry-after'], '5');
      assert.match(fr.headers['content-type'], /^text\/html/);
      assert.equal(fr.headers['cache-control'], 'no-store');
      assert.match(fr.text, /<html lang="fr/);
      assert.match(fr.text, /momentanément indisponible/);

      const en = await get(`${server.url}/en/products?q=lock-en`);
      assert.equal(en.status, 503, show(en));
      assert.match(en.text, /<html lang="en/);
      assert.match(en.text, /temporarily unavailable/);

      const api = await get(`${server.url}/api/v1/products?q=lock-api`, { headers: { Accept: 'application/json' } });
      assert.equal(api.status, 503, show(api));
      assert.equal(api.headers['retry-after'], '5');
      assert.match(api.headers['content-type'], /^application\/problem\+json/);
      const problem = JSON.parse(api.text);
      assert.equal(problem.status, 503);
      assert.equal(problem.code, 'service.unavailable');
      assert.equal(problem.retry_after, 5);
      assert.ok(problem.request_id, 'the problem names the request');
      assert.doesNotMatch(api.text, /SQLSTATE|statement timeout|canceling/i, 'no database internals');
    } finally {
      await lock.release();
    }
    const again = await get(`${server.url}/fr/produits?q=verrou-fr`);
    assert.equal(again.status, 200, show(again));
    const warned = server.logs().find((line) => line.text.includes('"request failed"') && line.text.includes('57014'));
    assert.ok(warned, `the timeout is logged with its SQLSTATE:\n${server.logText()}`);
    assert.ok(!server.logs().some((line) => line.text.includes('unhandled exception')), 'a timeout is not logged as a bug');
  });
});
