// Operator commands of the accounts work: `comptoir user create | set-role | list` (the first staff
// users) and `comptoir keys rotate` (personal data re-sealed under a new key).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createDatabase, runComptoir } from '../support/server.mjs';

let db;
const env = () => ({ COMPTOIR_ENV: 'test', DATABASE_URL: db.url });
const user = (args, input) => runComptoir(['user', ...args], { env: env(), input, timeout: 60_000 });

before(async () => {
  db = await createDatabase({ migrated: true });
});
after(async () => {
  await db?.drop();
});

describe('comptoir user', { timeout: 120_000 }, () => {
  test('--help describes the actions and the built-in roles', async () => {
    const res = await runComptoir(['user', '--help']);
    assert.equal(res.code, 0, res.output);
    for (const word of ['create', 'set-role', 'list', 'catalog_manager', 'owner']) {
      assert.ok(res.stdout.includes(word), `help lacks "${word}":\n${res.stdout}`);
    }
  });

  test('create reads the password from standard input and never prints it', async () => {
    const password = 'Sirop-d-erable-2026';
    const res = await user(['create', '--email', 'Gerante@Example.CA', '--role', 'admin'], `${password}\n`);
    assert.equal(res.code, 0, res.output);
    assert.match(res.stdout, /gerante@example\.ca/);
    assert.match(res.stdout, /admin/);
    assert.ok(!res.output.includes(password), 'the password was printed');
  });

  test('list shows the user with its role', async () => {
    const res = await user(['list']);
    assert.equal(res.code, 0, res.output);
    assert.match(res.stdout, /gerante@example\.ca\s+admin/);
  });

  test('a second user with the same email (any case) is refused', async () => {
    const res = await user(['create', '--email', 'GERANTE@example.ca', '--role', 'customer'], 'Autre-mot-de-passe-99\n');
    assert.notEqual(res.code, 0, res.output);
    assert.match(res.stderr, /exists/);
  });

  test('weak passwords are refused with the reason', async () => {
    for (const [password, reason] of [['court', /too short/], ['azertyuiop', /common/], ['client@example.ca', /email/]]) {
      const res = await user(['create', '--email', 'client@example.ca', '--role', 'customer'], `${password}\n`);
      assert.equal(res.code, 2, res.output);
      assert.match(res.stderr, reason);
    }
    const list = await user(['list']);
    assert.ok(!list.stdout.includes('client@example.ca'), 'a refused user was stored');
  });

  test('set-role changes the role; an unknown role or user is an error', async () => {
    const ok = await user(['set-role', '--email', 'gerante@example.ca', '--role', 'catalog_manager']);
    assert.equal(ok.code, 0, ok.output);
    assert.match((await user(['list', '--role', 'catalog_manager'])).stdout, /gerante@example\.ca/);
    const badRole = await user(['set-role', '--email', 'gerante@example.ca', '--role', 'emperor']);
    assert.equal(badRole.code, 2, badRole.output);
    assert.match(badRole.stderr, /no role named 'emperor'/);
    const nobody = await user(['set-role', '--email', 'nobody@example.ca', '--role', 'admin']);
    assert.equal(nobody.code, 1, nobody.output);
  });

  test('usage mistakes exit 2 with a message', async () => {
    for (const args of [[], ['create', '--role', 'admin'], ['create', '--email', 'a@b.ca'], ['frobnicate'], ['list', '--email', 'x']]) {
      const res = await user(args);
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.output}`);
      assert.match(res.stderr, /comptoir: user/);
    }
  });
});

describe('comptoir keys rotate', { timeout: 120_000 }, () => {
  const key = () => randomBytes(32).toString('base64');
  const keys = (...ids) => ids.map((id) => `${id}:${key()}`).join(',');

  test('--help says how to order the keys', async () => {
    const res = await runComptoir(['keys', '--help']);
    assert.equal(res.code, 0, res.output);
    assert.match(res.stdout, /rotate/);
    assert.match(res.stdout, /first/);
  });

  test('without COMPTOIR_SECRET_KEYS there is nothing to rotate to', async () => {
    const res = await runComptoir(['keys', 'rotate'], { env: env() });
    assert.equal(res.code, 2, res.output);
    assert.match(res.stderr, /COMPTOIR_SECRET_KEYS is not set/);
  });

  test('with keys it re-seals what there is, says so, and never prints a key', async () => {
    const secretKeys = keys('k2', 'k1');
    const res = await runComptoir(['keys', 'rotate', '--batch', '100'], { env: { ...env(), COMPTOIR_SECRET_KEYS: secretKeys } });
    assert.equal(res.code, 0, res.output);
    assert.match(res.stdout, /every value is under 'k2'/);
    for (const part of secretKeys.split(',')) assert.ok(!res.output.includes(part.split(':')[1]), 'a key was printed');
  });

  test('usage mistakes exit 2', async () => {
    for (const args of [['keys'], ['keys', 'spin'], ['keys', 'rotate', '--batch', '0'], ['keys', 'rotate', '--fast']]) {
      const res = await runComptoir(args, { env: env() });
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.output}`);
    }
  });
});
