// Starts and stops the real `comptoir` binary, its databases and throwaway PostgreSQL clusters for
// the black-box suites. Everything started here is registered and torn down in an `after` hook of
// the importing test file (and killed on process exit as a last resort).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { after } from 'node:test';
import { adminDatabaseUrl, comptoirBin, PG_BIN_DIR, REPO_ROOT } from './env.mjs';
import { request } from './http.mjs';

export * from './env.mjs';
export * from './http.mjs';

const running = { servers: new Set(), databases: new Set(), clusters: new Set(), dirs: new Set() };

after(async () => {
  for (const server of [...running.servers]) await server.stop({ signal: 'SIGKILL' }).catch(() => {});
  for (const db of [...running.databases]) await db.drop().catch(() => {});
  for (const pg of [...running.clusters]) await pg.destroy().catch(() => {});
  for (const dir of [...running.dirs]) rmSync(dir, { recursive: true, force: true });
});

process.on('exit', () => {
  for (const server of running.servers) server.proc.kill('SIGKILL');
  for (const db of running.databases) db.dropSync();
  for (const pg of running.clusters) pg.destroySync();
  for (const dir of running.dirs) rmSync(dir, { recursive: true, force: true });
});

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Resolves to `promise`'s value, or to 'timeout' after `ms` (the timer never keeps the process up).
export function within(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(resolve, Math.max(0, ms), 'timeout'); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function tempDir(prefix = 'comptoir-test-') {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  running.dirs.add(dir);
  return dir;
}

// A port nobody listens on right now (listen on 0, read it, close).
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// `input`, when given, is written to the child's standard input, which is then closed.
function run(file, args, { env = process.env, timeout = 30_000, cwd, input } = {}) {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env, timeout, cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, signal: error?.signal ?? null, stdout, stderr, output: `${stdout}${stderr}`, error });
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

// `flags` go before the command: `-t -A` for bare values (psqlValues).
async function psql(url, sql, flags = []) {
  const result = await run('psql', [url, '-X', '-q', ...flags, '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
  });
  if (result.code !== 0) throw new Error(`psql ${sql} failed:\n${result.output}`);
  return result.stdout;
}

function withDatabase(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

// A fresh, randomly named database on the admin server; `drop()` removes it even if still in use.
// `migrated`: a copy of the template that `comptoir migrate` built (migratedTemplate below), the
// same as a fresh database migrated, without applying every migration again.
export async function createDatabase({ adminUrl = adminDatabaseUrl(), migrated = false } = {}) {
  const name = `comptoir_test_${randomBytes(6).toString('hex')}`;
  const template = migrated ? ` TEMPLATE "${await migratedTemplate(adminUrl)}" STRATEGY FILE_COPY` : '';
  await psql(adminUrl, `CREATE DATABASE "${name}"${template}`);
  const dropSql = `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`;
  const db = {
    name,
    url: withDatabase(adminUrl, name),
    adminUrl,
    async drop() {
      running.databases.delete(db);
      await psql(adminUrl, dropSql);
    },
    dropSync() {
      try {
        execFileSync('psql', [adminUrl, '-X', '-q', '-c', dropSql], { stdio: 'ignore', timeout: 10_000 });
      } catch {
        // best effort at exit
      }
    },
  };
  running.databases.add(db);
  return db;
}

// Variables of the public contract (docs/design.md §4) and the server's extensions: never inherited from
// the shell running the tests, so a developer's own settings cannot change what a test sees.
const CONTRACT_VARIABLES = [
  'COMPTOIR_ENV', 'DATABASE_URL', 'HOST', 'PORT', 'BASE_URL', 'COMPTOIR_SECRET_KEYS', 'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE', 'SMTP_URL', 'MAIL_FROM', 'CLERK_WEBHOOK_SECRET', 'SENTRY_DSN',
  'MEDIA_DIR', 'LOG_LEVEL', 'CORS_ALLOWED_ORIGINS', 'COMPTOIR_TRUSTED_PROXIES', 'METRICS_PORT', 'COMPTOIR_REQUEST_TIMEOUT', 'COMPTOIR_IDLE_TIMEOUT',
  'COMPTOIR_SHUTDOWN_GRACE', 'COMPTOIR_MAX_BODY', 'COMPTOIR_BENCH', 'COMPTOIR_THREADS', 'DATABASE_READ_URL',
  'DATABASE_POOL_SIZE', 'DATABASE_READ_POOL_SIZE', 'DATABASE_STATEMENT_TIMEOUT', 'COMPTOIR_TEST_FAULT', 'COMPTOIR_BACKUP_SCHEDULE',
  'COMPTOIR_BACKUP_KEEP', 'COMPTOIR_BACKUP_DIR', 'COMPTOIR_WAF', 'COMPTOIR_WAF_FILE', 'COMPTOIR_PAGE_CACHE_BYTES',
  'GOOGLE_SITE_VERIFICATION', 'BING_SITE_VERIFICATION', 'GOOGLE_SITE_VERIFICATION_HTML',
];
// DATABASE_DRIVER is left out on purpose: `DATABASE_DRIVER=fibers node --test …` runs a suite
// against the fiber driver (it changes how queries run, never what a test sees).

// The environment a child `comptoir` gets: the test process's, minus contract variables, plus
// `overrides` (a value of `undefined` removes a variable).
export function childEnv(overrides = {}) {
  const env = { ...process.env };
  for (const name of CONTRACT_VARIABLES) {
    delete env[name];
    delete env[`${name}_FILE`];
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = String(value);
  }
  return env;
}

// Runs `comptoir ARGS` to completion: { code, signal, stdout, stderr, output }.
export function runComptoir(args, { env = {}, timeout = 30_000, input } = {}) {
  return run(comptoirBin(), args, { env: childEnv(env), timeout, cwd: REPO_ROOT, input });
}

// The migrated database the others copy, one per admin server and set of migration files: named
// after the files' digest, built by `comptoir migrate` under a name of its own and renamed when
// complete, so a test file running alongside either finds it whole or builds its own and loses
// the rename (then drops its copy). Templates of older migration sets are dropped. It accepts no
// connections: CREATE DATABASE … TEMPLATE needs it idle.
const TEMPLATE_PREFIX = 'comptoir_node_template_';
const templates = new Map(); // adminUrl → Promise of the template's name

function migrationsDigest() {
  const dir = path.join(REPO_ROOT, 'migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(`${file}\0`).update(readFileSync(path.join(dir, file))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

async function psqlValues(url, sql) {
  return (await psql(url, sql, ['-t', '-A'])).split('\n').filter(Boolean);
}

async function dropTemplate(adminUrl, name) {
  await psql(adminUrl, `ALTER DATABASE "${name}" IS_TEMPLATE false`);
  await psql(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

function migratedTemplate(adminUrl) {
  if (!templates.has(adminUrl)) {
    const promise = buildTemplate(adminUrl);
    promise.catch(() => templates.delete(adminUrl)); // the next caller tries again
    templates.set(adminUrl, promise);
  }
  return templates.get(adminUrl);
}

async function buildTemplate(adminUrl) {
  const name = `${TEMPLATE_PREFIX}${migrationsDigest()}`;
  const exists = async () =>
    (await psqlValues(adminUrl, `SELECT datname FROM pg_database WHERE datname = '${name}'`)).length > 0;
  if (await exists()) return name;
  const building = `comptoir_node_building_${randomBytes(6).toString('hex')}`;
  await psql(adminUrl, `CREATE DATABASE "${building}"`);
  try {
    await migrate(withDatabase(adminUrl, building));
    await psql(adminUrl, `ALTER DATABASE "${building}" WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
    await psql(adminUrl, `ALTER DATABASE "${building}" RENAME TO "${name}"`);
  } catch (error) {
    await dropTemplate(adminUrl, building).catch(() => {});
    // Another test file renamed its copy first: use that one.
    if (await exists()) return name;
    throw error;
  }
  const stale = await psqlValues(adminUrl,
    `SELECT datname FROM pg_database WHERE datname LIKE '${TEMPLATE_PREFIX}%' AND datname <> '${name}'`);
  for (const old of stale) await dropTemplate(adminUrl, old).catch(() => {});
  return name;
}

export async function migrate(databaseUrl, env = {}) {
  const result = await runComptoir(['migrate'], { env: { COMPTOIR_ENV: 'test', DATABASE_URL: databaseUrl, ...env } });
  if (result.code !== 0) {
    throw new Error(`comptoir migrate exited with ${result.code ?? result.signal}:\n${result.output}`);
  }
  return result;
}

function captureLines(stream, name, sink) {
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (text) => {
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not a JSON line; kept as text
    }
    sink.push({ stream: name, text, json, at: Date.now() });
  });
}

// Spawns `comptoir serve` on a free port against a fresh, migrated database and waits for
// GET /healthz to answer 200. `database`: true (fresh database from COMPTOIR_TEST_DATABASE_URL),
// false (no DATABASE_URL), { adminUrl } (fresh database on that server) or { url } (use as is).
export async function startServer({
  env = {}, database = true, migrate: applyMigrations = true, args = ['serve'], startTimeout = 20_000,
} = {}) {
  comptoirBin(); // fail on a missing binary before creating anything
  const port = await freePort();
  let db = null;
  // A fresh database starts as a copy of the migrated template; one given by URL is migrated here.
  if (database === true) db = await createDatabase({ migrated: applyMigrations });
  else if (database?.adminUrl) db = await createDatabase({ adminUrl: database.adminUrl, migrated: applyMigrations });
  else if (database?.url) db = { url: database.url, drop: async () => {}, dropSync() {} };
  if (db && applyMigrations && database?.url) {
    await migrate(db.url, env.COMPTOIR_ENV ? { COMPTOIR_ENV: env.COMPTOIR_ENV } : {});
  }

  const url = `http://127.0.0.1:${port}`;
  const fullEnv = childEnv({
    COMPTOIR_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: port,
    BASE_URL: url,
    LOG_LEVEL: 'info',
    MEDIA_DIR: tempDir('comptoir-media-'),
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...env,
  });
  const proc = spawn(comptoirBin(), args, { env: fullEnv, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  captureLines(proc.stdout, 'stdout', lines);
  captureLines(proc.stderr, 'stderr', lines);
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  let exitInfo = null;
  exited.then((info) => { exitInfo = info; });

  const logText = () => lines.map((line) => `[${line.stream}] ${line.text}`).join('\n');
  const server = {
    url, port, proc, env: fullEnv, database: db, exited,
    get exitInfo() { return exitInfo; },
    logs: () => lines.slice(),
    logText,
    async waitForLog(predicate, timeout = 5_000) {
      const deadline = performance.now() + timeout;
      for (;;) {
        const found = lines.find(predicate);
        if (found) return found;
        if (performance.now() > deadline) throw new Error(`no matching log line within ${timeout} ms; log:\n${logText()}`);
        await sleep(25);
      }
    },
    // Sends `signal` and waits up to `timeout` ms; kills with SIGKILL after that. Resolves to the exit
    // code (null when ended by a signal). Also drops the server's database.
    async stop({ signal = 'SIGTERM', timeout = 15_000 } = {}) {
      if (!exitInfo) {
        proc.kill(signal);
        if ((await within(exited, timeout)) === 'timeout') proc.kill('SIGKILL');
      }
      const { code } = await exited;
      running.servers.delete(server);
      if (db) await db.drop().catch(() => {});
      return code;
    },
  };
  running.servers.add(server);

  const deadline = performance.now() + startTimeout;
  for (;;) {
    if (exitInfo) {
      running.servers.delete(server);
      throw new Error(`comptoir ${args.join(' ')} exited (${exitInfo.code ?? exitInfo.signal}) before /healthz answered; log:\n${logText()}`);
    }
    const res = await request(`${url}/healthz`, { timeout: 1_000 }).catch(() => null);
    if (res?.status === 200) return server;
    if (performance.now() > deadline) {
      await server.stop({ signal: 'SIGKILL' });
      throw new Error(`comptoir serve did not answer GET /healthz 200 within ${startTimeout} ms; log:\n${logText()}`);
    }
    await sleep(res ? 100 : 50);
  }
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function pgCommand(binary, args) {
  const file = path.join(PG_BIN_DIR, binary);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

async function runPg(binary, args, timeout = 60_000) {
  const [file, argv] = pgCommand(binary, args);
  const result = await run(file, argv, { env: { ...process.env, LC_ALL: 'C' }, timeout, cwd: os.tmpdir() });
  if (result.code !== 0) throw new Error(`${binary} ${args.join(' ')} failed:\n${result.output}`);
  return result;
}

// A throwaway PostgreSQL cluster (trust auth, 127.0.0.1 on a free port, socket in its own temp dir).
// Resolves to { url, port, stop(), start(), destroy() }; `url` is the superuser's admin database.
export async function startPostgres() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'comptoir-pg-'));
  if (asRoot) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const ctl = (...args) => ['-D', data, '-l', path.join(dir, 'postgres.log'), ...args];
  let up = false;
  const cluster = {
    dir,
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await runPg('pg_ctl', ctl('-w', '-t', '60', '-o', options, 'start'));
      up = true;
    },
    async stop({ mode = 'fast' } = {}) {
      if (!up) return;
      await runPg('pg_ctl', ctl('-w', '-t', '60', '-m', mode, 'stop'));
      up = false;
    },
    async destroy() {
      running.clusters.delete(cluster);
      await cluster.stop({ mode: 'immediate' }).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
    destroySync() {
      if (up) {
        const [file, argv] = pgCommand('pg_ctl', ctl('-m', 'immediate', 'stop'));
        try {
          execFileSync(file, argv, { stdio: 'ignore', timeout: 20_000 });
        } catch {
          // best effort at exit
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  running.clusters.add(cluster);
  await runPg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  await cluster.start();
  return cluster;
}

function userIds(name) {
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
