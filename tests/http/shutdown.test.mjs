// Graceful shutdown: on SIGTERM the server stops accepting, completes every request it was sent,
// and exits 0 within COMPTOIR_SHUTDOWN_GRACE (+2 s of slack).
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { RawConnection, rawGet, sleep, startServer, within } from '../support/server.mjs';

const GRACE_MS = 3_000;
const WORKERS = 50;

function connectOutcome(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => { socket.destroy(); resolve('connected'); });
    socket.once('error', (error) => resolve(error.code));
  });
}

// One keep-alive client looping GET /fr/ until `state.stop`; every request it wrote is recorded
// with what came back.
async function worker(port, state) {
  const conn = await RawConnection.connect(port);
  state.connections.push(conn);
  while (!state.stop && !conn.closed) {
    const record = { sentAt: 0, status: null, problem: null };
    const written = await conn.write(rawGet('/fr/'));
    if (!written) break;
    record.sentAt = performance.now();
    state.requests.push(record);
    try {
      const res = await conn.readResponse({ timeout: GRACE_MS + 4_000 });
      record.status = res.status;
      if (res.status !== 200) record.problem = `status ${res.status}`;
      else if (!/<\/html>\s*$/i.test(res.text)) record.problem = 'truncated HTML body';
    } catch (error) {
      const partial = conn.buffer.length > 0;
      record.problem = `${partial ? 'partial response' : 'no response'} (${conn.error?.code ?? (conn.closed ? 'closed' : 'timeout')}): ${error.message.slice(0, 200)}`;
      break;
    }
  }
}

// With one I/O thread each connection runs on the loop itself; with several, on a strand of its own.
for (const threads of [1, 2]) test(`SIGTERM during load completes in-flight requests, refuses new connections, exits 0 (COMPTOIR_THREADS=${threads})`, { timeout: 60_000 }, async (t) => {
  const server = await startServer({ env: { COMPTOIR_SHUTDOWN_GRACE: `${GRACE_MS / 1000}s`, COMPTOIR_THREADS: threads } });
  const state = { stop: false, requests: [], connections: [] };
  try {
    // An idle keep-alive connection and a half-sent request must not hold the process past the bound.
    const idle = await RawConnection.connect(server.port);
    await idle.write(rawGet('/healthz'));
    assert.equal((await idle.readResponse()).status, 200);
    const halfSent = await RawConnection.connect(server.port);
    await halfSent.write('GET /fr/ HTTP/1.1\r\nHost: 127.0.0.1\r\n');

    const workers = Array.from({ length: WORKERS }, () => worker(server.port, state));
    const loadStarted = performance.now();
    while (state.requests.filter((r) => r.status).length < 300 && performance.now() - loadStarted < 10_000) await sleep(20);
    assert.ok(state.requests.filter((r) => r.status === 200).length >= 100, 'the load never got going');

    // Stop issuing requests first, so every recorded request was written before the signal.
    state.stop = true;
    const sigtermAt = performance.now();
    server.proc.kill('SIGTERM');
    const inFlight = state.requests.filter((r) => r.status === null && !r.problem).length;

    let refusedAt = null;
    while (refusedAt === null && performance.now() - sigtermAt < 2_000) {
      const outcome = await connectOutcome(server.port);
      if (outcome === 'ECONNREFUSED') refusedAt = performance.now();
      else await sleep(50);
    }

    await Promise.all(workers);
    const exit = await within(server.exited, GRACE_MS + 2_000 - (performance.now() - sigtermAt));
    const exitedAfter = performance.now() - sigtermAt;

    const failures = state.requests.filter((r) => r.problem);
    t.diagnostic(`${state.requests.length} requests, ${inFlight} in flight at SIGTERM, refused after ${refusedAt - sigtermAt} ms, exit after ${exitedAfter} ms`);
    const summary = failures.slice(0, 10).map((r) => `sent ${r.sentAt - sigtermAt} ms from SIGTERM: ${r.problem}`).join('\n');
    assert.equal(failures.length, 0,
      `${failures.length} of ${state.requests.length} requests sent before SIGTERM (${inFlight} in flight at the signal) did not get a complete 200:\n${summary}\n--- log tail:\n${server.logText().split('\n').slice(-20).join('\n')}`);
    assert.ok(inFlight > 0, 'no request was in flight at SIGTERM: the test proved nothing');

    assert.ok(refusedAt !== null, 'new connections were still accepted 2 s after SIGTERM');
    assert.ok(refusedAt - sigtermAt <= 1_000, `new connections were refused only ${refusedAt - sigtermAt} ms after SIGTERM`);

    assert.notEqual(exit, 'timeout', `the process had not exited ${exitedAfter} ms after SIGTERM (grace ${GRACE_MS} ms)`);
    assert.equal(exit.code, 0, `exit ${JSON.stringify(exit)}\n${server.logText()}`);
    idle.close();
    halfSent.close();
  } finally {
    state.stop = true;
    for (const conn of state.connections) conn.close();
    await server.stop({ signal: 'SIGKILL' });
  }
});

test('SIGINT on an idle server exits 0 promptly', { timeout: 30_000 }, async () => {
  const server = await startServer({ env: { COMPTOIR_SHUTDOWN_GRACE: '10s' } });
  const started = performance.now();
  const code = await server.stop({ signal: 'SIGINT', timeout: 5_000 });
  assert.equal(code, 0, `exit code after SIGINT\n${server.logText()}`);
  assert.ok(performance.now() - started < 3_000, `an idle server took ${performance.now() - started} ms to stop`);
});
