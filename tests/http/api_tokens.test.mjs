// API tokens (issue 11): an optional expiry (comptoir token create --expires), after which a token
// is refused like a revoked one, and revocation checked on the primary even when reads go to a
// replica (DATABASE_READ_URL): a lagging replica must not keep a revoked token working.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { createDatabase, describe as show, request, runComptoir, sleep, startServer } from '../support/server.mjs';

let server;
before(async () => {
  server = await startServer();
}, { timeout: 60_000 });
after(async () => {
  await server?.stop();
});

const comptoir = (databaseUrl, args) => runComptoir(args, { env: { COMPTOIR_ENV: 'test', DATABASE_URL: databaseUrl } });
const read = (target, token) => request(`${target.url}/api/v1/products?status=draft`, { headers: { authorization: `Bearer ${token}` } });

async function createToken(databaseUrl, ...extra) {
  const made = await comptoir(databaseUrl, ['token', 'create', '--name', 'ci', '--scope', 'catalog:read', ...extra]);
  assert.equal(made.code, 0, made.output);
  return made.stdout.trim();
}

// The `token list` line of `token` as { id, columns }.
async function listed(databaseUrl, token) {
  const list = await comptoir(databaseUrl, ['token', 'list']);
  assert.equal(list.code, 0, list.output);
  const [header, ...lines] = list.stdout.trim().split('\n');
  const line = lines.find((l) => l.includes(token.split('_')[1]));
  assert.ok(line, `token list does not show the token:\n${list.stdout}`);
  return { header: header.split(/\s{2,}/), columns: line.trim().split(/\s+/) };
}

describe('token expiry', { timeout: 60_000 }, () => {
  test('a token created with --expires works until then, is listed with its expiry, and then answers 401 like a revoked one', async () => {
    const token = await createToken(server.database.url, '--expires', '3s');
    const live = await read(server, token);
    assert.equal(live.status, 200, show(live));

    const { header, columns } = await listed(server.database.url, token);
    assert.ok(header.includes('EXPIRES'), `no EXPIRES column: ${header.join(' | ')}`);
    const expires = columns.find((c) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(c) && Date.parse(c) > Date.now());
    assert.ok(expires, `no expiry in the future among ${columns.join(' ')}`);
    assert.ok(Date.parse(expires) - Date.now() < 10_000, `expires at ${expires}, not in about 3 s`);

    const forever = await createToken(server.database.url);
    assert.equal((await listed(server.database.url, forever)).columns.filter((c) => c === '-').length, 3, 'a token without --expires shows no expiry');

    await sleep(Math.max(0, Date.parse(expires) - Date.now()) + 1_200);
    const res = await read(server, token);
    assert.equal(res.status, 401, show(res));
    assert.match(res.headers['www-authenticate'] ?? '', /error="invalid_token"/);
    assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
    assert.equal(JSON.parse(res.text).status, 401);
    assert.equal((await read(server, forever)).status, 200, 'a token without expiry stopped working');
  });

  test('--expires takes 45s, 30m, 12h or 90d; anything else is a usage error', async () => {
    for (const bad of ['0d', '-1h', '10', '3w', 'soon', '3651d']) {
      const res = await comptoir(server.database.url, ['token', 'create', '--name', 'x', '--scope', 'catalog:read', '--expires', bad]);
      assert.equal(res.code, 2, `--expires ${bad}: ${res.output}`);
      assert.match(res.stderr, /--expires/);
    }
    const res = await comptoir(server.database.url, ['token', 'create', '--name', 'long', '--scope', 'catalog:read', '--expires=90d']);
    assert.equal(res.code, 0, res.output);
    assert.match(res.stderr, /expiring \d{4}-\d\d-\d\dT/);
  });
});

describe('revocation with a read replica', { timeout: 120_000 }, () => {
  let primary;
  let replica;
  let both;
  let token;
  before(async () => {
    primary = await createDatabase({ migrated: true });
    token = await createToken(primary.url);
    // A replica that has not caught up: a copy of the primary taken while the token was live.
    replica = await createDatabase();
    await replica.drop();
    execFileSync('psql', [primary.adminUrl, '-X', '-q', '-c', `CREATE DATABASE "${replica.name}" TEMPLATE "${primary.name}"`]);
    both = await startServer({ database: { url: primary.url }, env: { DATABASE_READ_URL: replica.url } });
  });
  after(async () => {
    await both?.stop();
    await replica?.drop().catch(() => {});
    await primary?.drop();
  });

  test('a token revoked on the primary stops working at once, whatever the replica still says', async () => {
    assert.equal((await read(both, token)).status, 200);
    const { columns } = await listed(primary.url, token);
    const revoked = await comptoir(primary.url, ['token', 'revoke', columns[0]]);
    assert.equal(revoked.code, 0, revoked.output);
    const stale = execFileSync('psql', [replica.url, '-X', '-q', '-t', '-A', '-c', 'SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL'], { encoding: 'utf8' }).trim();
    assert.equal(stale, '1', 'the replica was expected to lag');
    const res = await read(both, token);
    assert.equal(res.status, 401, `the revoked token was accepted on the replica's word:\n${show(res)}`);
  });
});
