// Request limits: headers over 16 KiB → 431, bodies over COMPTOIR_MAX_BODY → 413, malformed
// requests → 400 without killing the process, and keep-alive.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { describe as show, get, RawConnection, rawGet, rawRequest, startServer } from '../support/server.mjs';

let server; // default limits (16 KiB of headers, 1 MiB of body)
let small; // COMPTOIR_MAX_BODY=1000
before(async () => {
  [server, small] = await Promise.all([startServer(), startServer({ env: { COMPTOIR_MAX_BODY: '1000' } })]);
});
after(async () => { await Promise.all([server?.stop(), small?.stop()]); });

async function assertAlive(target) {
  assert.equal(target.exitInfo, null, `the server exited: ${JSON.stringify(target.exitInfo)}\n${target.logText()}`);
  const res = await get(`${target.url}/healthz`);
  assert.equal(res.status, 200, 'the server must keep answering after a bad request');
}

describe('headers above 16 KiB → 431', { timeout: 30_000 }, () => {
  test('one 20 KiB header', async () => {
    const res = await rawRequest(server.port, rawGet('/fr/', { headers: { 'X-Big': 'a'.repeat(20 * 1024) } }));
    assert.equal(res.status, 431, show(res));
    await assertAlive(server);
  });

  test('24 headers of 1 KiB each', async () => {
    const headers = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`X-Part-${i}`, 'b'.repeat(1024)]));
    const res = await rawRequest(server.port, rawGet('/fr/', { headers }));
    assert.equal(res.status, 431, show(res));
    await assertAlive(server);
  });

  test('a 10 KiB header is still accepted', async () => {
    const res = await rawRequest(server.port, rawGet('/fr/', { headers: { 'X-Medium': 'c'.repeat(10 * 1024) } }));
    assert.equal(res.status, 200, show(res));
  });
});

describe('bodies above the limit → 413', { timeout: 30_000 }, () => {
  test('Content-Length: 2 MiB with the default 1 MiB limit is refused before the body arrives', async () => {
    const head = 'POST /api/v1/anything HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n'
      + `Content-Length: ${2 * 1024 * 1024}\r\n\r\n`;
    const res = await rawRequest(server.port, head + 'x'.repeat(1024));
    assert.equal(res.status, 413, show(res));
    await assertAlive(server);
  });

  test('512 KiB is under the default limit', async () => {
    const res = await rawRequest(server.port, rawGet('/api/v1/anything', { method: 'POST', body: 'y'.repeat(512 * 1024) }));
    assert.ok(res.status !== 413 && res.status < 500, show(res));
  });

  test('COMPTOIR_MAX_BODY=1000: a 2000-byte body → 413', async () => {
    const res = await rawRequest(small.port, rawGet('/api/v1/anything', { method: 'POST', body: 'z'.repeat(2000) }));
    assert.equal(res.status, 413, show(res));
    await assertAlive(small);
  });

  test('a 413 under /api/ is problem+json', async () => {
    const res = await rawRequest(small.port, rawGet('/api/v1/anything', { method: 'POST', body: 'z'.repeat(2000) }));
    assert.equal(res.status, 413, show(res));
    assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/i, show(res));
    assert.equal(JSON.parse(res.text).status, 413);
  });

  test('COMPTOIR_MAX_BODY=1000: a 2000-byte chunked body → 413', async () => {
    const chunk = 'w'.repeat(500);
    const body = `${[1, 2, 3, 4].map(() => `1f4\r\n${chunk}\r\n`).join('')}0\r\n\r\n`;
    const res = await rawRequest(small.port, 'POST /api/v1/anything HTTP/1.1\r\nHost: 127.0.0.1\r\n'
      + `Transfer-Encoding: chunked\r\n\r\n${body}`);
    assert.equal(res.status, 413, show(res));
    await assertAlive(small);
  });

  test('COMPTOIR_MAX_BODY=1000: a 500-byte body is accepted', async () => {
    const res = await rawRequest(small.port, rawGet('/api/v1/anything', { method: 'POST', body: 'v'.repeat(500) }));
    assert.ok(res.status !== 413 && res.status < 500, show(res));
  });
});

describe('malformed requests → 400 and the process lives on', { timeout: 30_000 }, () => {
  const cases = [
    ['a garbage request line', 'GARBAGE\r\n\r\n'],
    ['a header line without a colon', 'GET /fr/ HTTP/1.1\r\nHost: 127.0.0.1\r\nno-colon-here\r\n\r\n'],
    ['a header name with a space', 'GET /fr/ HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: y\r\n\r\n'],
    ['a non-numeric Content-Length', 'POST /api/v1/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n'],
    ['two different Content-Length values', 'POST /api/v1/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde'],
    ['a request line with binary bytes', Buffer.from([0x47, 0x45, 0x54, 0x20, 0x2f, 0x00, 0xff, 0x20, 0x0d, 0x0a, 0x0d, 0x0a])],
  ];
  for (const [name, bytes] of cases) {
    test(name, async () => {
      const res = await rawRequest(server.port, bytes);
      assert.equal(res.status, 400, show(res));
      await assertAlive(server);
    });
  }

  test('a burst of 50 malformed requests does not take the server down', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => rawRequest(server.port, 'GARBAGE\r\n\r\n')));
    assert.ok(results.every((r) => r.status === 400 || r.status === null), results.map((r) => r.status).join(','));
    assert.ok(results.filter((r) => r.status === 400).length >= 45, 'most malformed requests should get a 400');
    await assertAlive(server);
  });
});

describe('keep-alive', { timeout: 30_000 }, () => {
  test('two requests on one connection are both answered', async () => {
    const conn = await RawConnection.connect(server.port);
    try {
      await conn.write(rawGet('/fr/'));
      const first = await conn.readResponse();
      assert.equal(first.status, 200, show(first));
      assert.doesNotMatch(first.headers.connection ?? '', /close/i, 'the first response closed the connection');
      await conn.write(rawGet('/en/'));
      const second = await conn.readResponse();
      assert.equal(second.status, 200, show(second));
      assert.match(second.text, /lang=["']?en/);
    } finally {
      conn.close();
    }
  });

  test('a 404 does not end the connection', async () => {
    const conn = await RawConnection.connect(server.port);
    try {
      await conn.write(rawGet('/fr/nope'));
      assert.equal((await conn.readResponse()).status, 404);
      await conn.write(rawGet('/healthz'));
      assert.equal((await conn.readResponse()).status, 200);
    } finally {
      conn.close();
    }
  });

  test('Connection: close is honoured', async () => {
    const conn = await RawConnection.connect(server.port);
    try {
      await conn.write(rawGet('/healthz', { headers: { Connection: 'close' } }));
      assert.equal((await conn.readResponse()).status, 200);
      await conn.waitForClose(2_000);
    } finally {
      conn.close();
    }
  });
});
