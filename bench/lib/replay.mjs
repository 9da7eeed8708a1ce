// Runs prepared requests through bench_replay (bench/tools/replay.cpp): `clients` keep-alive
// connections on one native thread, closed loop, each request sent once. The Node driver prepares
// the requests and checks the answers; the timed part costs the machine as little as a client
// can. BENCH_REPLAY_BIN names the program (bench/checkout builds or finds it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rawRequest } from './keepalive.mjs';

// requests: [{ method, path, body, headers }]. Returns { seconds, answers: [{ status, ms,
// body (Buffer) }] }, the answers in the requests' order.
export function replay(base, clients, requests) {
  const program = process.env.BENCH_REPLAY_BIN;
  if (!program) throw new Error('BENCH_REPLAY_BIN is not set');
  const { hostname, port, host } = new URL(base);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-replay-'));
  try {
    const nul = Buffer.from([0]);
    const parts = requests.flatMap((r) => [rawRequest(host, r.method, r.path, r.body ?? null, r.headers ?? {}), nul]);
    writeFileSync(path.join(dir, 'requests'), Buffer.concat(parts));
    const out = execFileSync(program, [hostname, port, String(clients), path.join(dir, 'requests'), path.join(dir, 'answers')],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const { seconds } = JSON.parse(out);
    const data = readFileSync(path.join(dir, 'answers'));
    const answers = [];
    for (let at = 0; at < data.length;) {
      const eol = data.indexOf(10, at);
      const [status, micros, bytes] = data.subarray(at, eol).toString('latin1').split(' ').map(Number);
      answers.push({ status, ms: micros / 1000, body: data.subarray(eol + 1, eol + 1 + bytes) });
      at = eol + 1 + bytes + 1;
    }
    if (answers.length !== requests.length) throw new Error(`bench_replay answered ${answers.length} of ${requests.length} requests`);
    return { seconds, answers };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
