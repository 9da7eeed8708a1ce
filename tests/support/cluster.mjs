// Starts scripts/cluster (nginx, two `comptoir serve` processes, a PostgreSQL primary and its
// streaming replica, all on loopback) for the cluster suite and bench/mixed, and stops it with
// SIGTERM as Ctrl-C would. The cluster's own description of itself (URLs, pids, folders) comes from
// the file its --state option writes once everything answers.
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './env.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const started = new Set();

// TERM, not KILL: scripts/cluster then stops nginx, the processes and PostgreSQL by itself after
// this process is gone (a KILL would leave them running). Its log may be removed under it.
process.on('exit', () => {
  for (const cluster of started) {
    cluster.proc.kill('SIGTERM');
    rmSync(cluster.work, { recursive: true, force: true });
  }
});

// psql -tA against `url`; resolves to the trimmed output, rejects on an error.
export function psql(url, query) {
  return new Promise((resolve, reject) => {
    execFile('psql', [url, '-X', '-q', '-t', '-A', '-F', '|', '-v', 'ON_ERROR_STOP=1', '-c', query],
      { env: { ...process.env, PGCONNECT_TIMEOUT: '10' }, timeout: 30_000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`psql ${query}: ${stderr || error.message}`));
        else resolve(stdout.trim());
      });
  });
}

// `env`: settings for both processes (COMPTOIR_ENV, COMPTOIR_RATE_LIMITS…) on top of the test
// process's environment; `bin`: the comptoir binary; `args`: scripts/cluster's options.
export async function startCluster({ env = {}, bin, args = [], startTimeout = 180_000 } = {}) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'comptoir-cluster-test-'));
  const stateFile = path.join(work, 'state.env');
  const childEnv = { ...process.env, PG_FAST: '1', ...env };
  if (bin) childEnv.COMPTOIR_BIN = bin;
  for (const name of ['DATABASE_URL', 'DATABASE_READ_URL', 'PORT', 'HOST', 'METRICS_PORT', 'BASE_URL']) {
    if (!(name in env)) delete childEnv[name];
  }
  // Its output goes to a file, not a pipe: a script writing to the pipe of a test process that
  // has gone would die of SIGPIPE halfway through stopping everything.
  const outputFile = path.join(work, 'cluster.log');
  const fd = openSync(outputFile, 'a');
  const proc = spawn(path.join(REPO_ROOT, 'scripts', 'cluster'), ['--state', stateFile, ...args],
    { env: childEnv, cwd: REPO_ROOT, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const output = () => readFileSync(outputFile, 'utf8');
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  let exit = null;
  exited.then((value) => { exit = value; });

  const deadline = performance.now() + startTimeout;
  while (!existsSync(stateFile)) {
    if (exit) throw new Error(`scripts/cluster exited (${exit.code ?? exit.signal}) before it was ready:\n${output()}`);
    if (performance.now() > deadline) {
      proc.kill('SIGTERM');
      await exited;
      throw new Error(`scripts/cluster not ready within ${startTimeout} ms:\n${output()}`);
    }
    await sleep(100);
  }
  const state = Object.fromEntries(readFileSync(stateFile, 'utf8').trim().split('\n').map((line) => {
    const eq = line.indexOf('=');
    return [line.slice(0, eq), line.slice(eq + 1)];
  }));
  const cluster = {
    proc,
    work,
    state,
    url: state.CLUSTER_URL,
    a: { name: 'A', url: state.CLUSTER_A_URL, metrics: state.CLUSTER_A_METRICS, pid: Number(state.CLUSTER_A_PID) },
    b: { name: 'B', url: state.CLUSTER_B_URL, metrics: state.CLUSTER_B_METRICS, pid: Number(state.CLUSTER_B_PID) },
    primaryUrl: state.CLUSTER_PRIMARY_URL,
    replicaUrl: state.CLUSTER_REPLICA_URL,
    dir: state.CLUSTER_DIR,
    output,
    // What a `startServer` server offers the fixtures (checkoutShop, backOffice, createToken).
    asServer() {
      return { url: cluster.url, database: { url: cluster.primaryUrl }, env: { MEDIA_DIR: state.CLUSTER_MEDIA_DIR } };
    },
    log: (name) => readFileSync(path.join(state.CLUSTER_DIR, 'logs', name), 'utf8'),
    async stop() {
      started.delete(cluster);
      if (!exit) proc.kill('SIGTERM');
      const result = await exited;
      rmSync(work, { recursive: true, force: true });
      return result;
    },
  };
  started.add(cluster);
  return cluster;
}
