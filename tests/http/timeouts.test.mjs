// Slow clients cannot hold connections: COMPTOIR_REQUEST_TIMEOUT bounds the arrival of a whole
// request, COMPTOIR_IDLE_TIMEOUT bounds a keep-alive connection waiting for its next request.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { get, RawConnection, rawGet, sleep, startServer } from '../support/server.mjs';

let server;
before(async () => {
  server = await startServer({ env: { COMPTOIR_REQUEST_TIMEOUT: '1s', COMPTOIR_IDLE_TIMEOUT: '1s' } });
});
after(async () => { await server?.stop(); });

const CUT_OFF_WITHIN_MS = 3_000;

// Drips `bytes` one per `interval` until the server closes the connection or `limit` ms pass.
async function drip(conn, bytes, { interval = 200, limit = 6_000 } = {}) {
  const started = performance.now();
  for (let i = 0; !conn.closed && performance.now() - started < limit; i += 1) {
    await conn.write(bytes[i % bytes.length]);
    await sleep(interval);
  }
}

describe('slow clients are cut off (COMPTOIR_REQUEST_TIMEOUT=1s)', { timeout: 30_000 }, () => {
  test('headers sent one byte every 200 ms: closed within 3 s while others are served', async () => {
    const conn = await RawConnection.connect(server.port);
    const started = performance.now();
    try {
      await conn.write('GET /fr/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      const dripping = drip(conn, 'abcdefghij');
      await sleep(400);
      const meanwhile = await get(`${server.url}/healthz`);
      assert.equal(meanwhile.status, 200, 'a normal request must be served while a slow client drips');
      await dripping;
      assert.ok(conn.closed, `the slow connection was still open after ${performance.now() - started} ms`);
      const heldFor = conn.closedAt - started;
      assert.ok(heldFor <= CUT_OFF_WITHIN_MS, `the slow connection was held ${heldFor} ms`);
      assert.doesNotMatch(conn.buffer.toString('latin1'), /^HTTP\/1\.1 200/, 'the incomplete request must not be answered 200');
    } finally {
      conn.close();
    }
  });

  test('a body sent one byte every 200 ms: closed within 3 s', async () => {
    const conn = await RawConnection.connect(server.port);
    const started = performance.now();
    try {
      await conn.write('POST /api/v1/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n');
      await drip(conn, 'x');
      assert.ok(conn.closed, `the slow upload was still open after ${performance.now() - started} ms`);
      assert.ok(conn.closedAt - started <= CUT_OFF_WITHIN_MS, `the slow upload was held ${conn.closedAt - started} ms`);
    } finally {
      conn.close();
    }
  });

  test('a connection that never sends anything: closed within 3 s', async () => {
    const conn = await RawConnection.connect(server.port);
    const started = performance.now();
    try {
      const closedAt = await conn.waitForClose(6_000).catch(() => null);
      assert.ok(closedAt, 'a silent connection was never closed');
      assert.ok(closedAt - started <= CUT_OFF_WITHIN_MS, `the silent connection was held ${closedAt - started} ms`);
    } finally {
      conn.close();
    }
  });

  test('the deadline is per request: a client making a request every 400 ms keeps its connection', async () => {
    const conn = await RawConnection.connect(server.port);
    try {
      for (let i = 0; i < 5; i += 1) {
        await conn.write(rawGet('/healthz'));
        const res = await conn.readResponse();
        assert.equal(res.status, 200, `request ${i + 1} on the same connection`);
        await sleep(400);
      }
    } finally {
      conn.close();
    }
  });
});

describe('idle keep-alive connections are closed (COMPTOIR_IDLE_TIMEOUT=1s)', { timeout: 30_000 }, () => {
  test('open after the response, closed within 3 s of it', async () => {
    const conn = await RawConnection.connect(server.port);
    try {
      await conn.write(rawGet('/healthz'));
      const res = await conn.readResponse();
      assert.equal(res.status, 200);
      const answered = performance.now();
      await sleep(300);
      assert.ok(!conn.closed, 'a keep-alive connection must stay open for the idle timeout');
      const closedAt = await conn.waitForClose(6_000).catch(() => null);
      assert.ok(closedAt, 'the idle connection was never closed');
      assert.ok(closedAt - answered <= CUT_OFF_WITHIN_MS, `idle connection held ${closedAt - answered} ms`);
    } finally {
      conn.close();
    }
  });
});
