// Configuration and secrets: production refuses to start without what it needs or with pending
// migrations; check-config reports without printing secrets; NAME_FILE; no secret in server logs.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  createDatabase, freePort, get, migrate, runComptoir, startPostgres, startServer, tempDir,
} from '../support/server.mjs';

const key = () => randomBytes(32).toString('base64');
const ACTIVE_KEY = key();
const OLD_KEY = key();
const SECRET_KEYS = `k2:${ACTIVE_KEY},k1:${OLD_KEY}`;
const STRIPE = 'sk_test_SECRETVALUE123';
const WEBHOOK = 'whsec_WEBHOOKSECRET456';
const CLERK = 'whsec_CLERKSECRET789';
const SMTP_PASSWORD = 'SMTPPASSWORD321';
const DB_PASSWORD = 'DBPASSWORD654';

// Distinctive pieces of every secret: none may ever be printed or logged.
const FORBIDDEN = ['SECRETVALUE', 'WEBHOOKSECRET', 'CLERKSECRET', SMTP_PASSWORD, DB_PASSWORD,
  ACTIVE_KEY.slice(0, 16), OLD_KEY.slice(0, 16)];

function assertNoSecret(text, where) {
  for (const secret of FORBIDDEN) assert.ok(!text.includes(secret), `${where} contains the secret "${secret}":\n${text}`);
}

let pg; // a private trust-auth cluster, so passwords in URLs are accepted and ignored
let dir;
before(async () => {
  pg = await startPostgres();
  dir = tempDir();
});
after(async () => { await pg?.destroy(); });

async function freshDatabaseUrl({ password = false, migrated = true } = {}) {
  const db = await createDatabase({ adminUrl: pg.url });
  const url = new URL(db.url);
  if (password) url.password = DB_PASSWORD;
  if (migrated) await migrate(url.toString());
  return url.toString();
}

function allSecrets(databaseUrl) {
  return {
    DATABASE_URL: databaseUrl,
    COMPTOIR_SECRET_KEYS: SECRET_KEYS,
    STRIPE_SECRET_KEY: STRIPE,
    STRIPE_WEBHOOK_SECRET: WEBHOOK,
    CLERK_WEBHOOK_SECRET: CLERK,
    SMTP_URL: `smtp://mailer:${SMTP_PASSWORD}@127.0.0.1:2525`,
    MAIL_FROM: 'boutique@shop.example',
  };
}

// `comptoir serve` expected to refuse to start: resolves to its result (fails if it keeps running).
async function serveMustExit(env) {
  const port = await freePort();
  const result = await runComptoir(['serve'], {
    env: { HOST: '127.0.0.1', PORT: port, MEDIA_DIR: dir, ...env }, timeout: 15_000,
  });
  assert.notEqual(result.signal, 'SIGTERM', `serve did not exit by itself within 15 s:\n${result.output}`);
  assert.equal(result.signal, null, `serve crashed (${result.signal}):\n${result.output}`);
  assert.notEqual(result.code, 0, `serve exited 0:\n${result.output}`);
  return result;
}

describe('production refuses unsafe starts', { timeout: 60_000 }, () => {
  test('without DATABASE_URL, BASE_URL and COMPTOIR_SECRET_KEYS it exits non-zero naming each', async () => {
    const result = await serveMustExit({ COMPTOIR_ENV: 'production' });
    for (const name of ['DATABASE_URL', 'BASE_URL', 'COMPTOIR_SECRET_KEYS']) {
      assert.ok(result.output.includes(name), `the message does not name ${name}:\n${result.output}`);
    }
  });

  test('with only COMPTOIR_SECRET_KEYS missing it names that one', async () => {
    const result = await serveMustExit({
      COMPTOIR_ENV: 'production', DATABASE_URL: await freshDatabaseUrl(), BASE_URL: 'https://shop.example',
    });
    assert.ok(result.output.includes('COMPTOIR_SECRET_KEYS'), result.output);
  });

  test('with everything set but migrations pending it refuses and says so', async () => {
    const result = await serveMustExit({
      ...allSecrets(await freshDatabaseUrl({ migrated: false })),
      COMPTOIR_ENV: 'production',
      BASE_URL: 'https://shop.example',
    });
    assert.match(result.output, /migration/i);
    assertNoSecret(result.output, 'the refusal message');
  });

  test('with everything set (some through NAME_FILE) and migrations applied it serves', async () => {
    const keysFile = path.join(dir, 'secret-keys');
    const dbFile = path.join(dir, 'database-url');
    writeFileSync(keysFile, `${SECRET_KEYS}\n`);
    writeFileSync(dbFile, `${await freshDatabaseUrl()}\n`);
    const { DATABASE_URL: _db, COMPTOIR_SECRET_KEYS: _keys, ...rest } = allSecrets('');
    const server = await startServer({
      database: false,
      env: {
        ...rest,
        COMPTOIR_ENV: 'production',
        BASE_URL: 'https://shop.example',
        COMPTOIR_SECRET_KEYS_FILE: keysFile,
        DATABASE_URL_FILE: dbFile,
      },
    });
    try {
      const res = await get(`${server.url}/readyz`);
      assert.equal(res.status, 200, `production /readyz with DATABASE_URL_FILE:\n${server.logText()}`);
    } finally {
      await server.stop();
    }
  });
});

test('development applies pending migrations at start', { timeout: 60_000 }, async () => {
  const server = await startServer({ database: { adminUrl: pg.url }, migrate: false, env: { COMPTOIR_ENV: 'development' } });
  try {
    const res = await get(`${server.url}/readyz`);
    assert.equal(res.status, 200, `/readyz in development after start:\n${server.logText()}`);
  } finally {
    await server.stop();
  }
});

describe('comptoir check-config', { timeout: 60_000 }, () => {
  test('a valid configuration exits 0 and prints no secret value', async () => {
    const result = await runComptoir(['check-config'], {
      env: { ...allSecrets(await freshDatabaseUrl({ password: true })), COMPTOIR_ENV: 'test', BASE_URL: 'https://shop.example' },
    });
    assert.equal(result.code, 0, result.output);
    assert.ok(result.output.includes('STRIPE_SECRET_KEY'), `check-config should list STRIPE_SECRET_KEY:\n${result.output}`);
    assertNoSecret(result.output, 'check-config output');
  });

  const malformedKeys = [
    ['a key of 16 bytes instead of 32', 'k1:MDEyMzQ1Njc4OWFiY2RlZg==', 'MDEyMzQ1Njc4OWFiY2RlZg'],
    ['a key that is not base64', 'k1:!!notbase64-SECRETVALUE!!', 'notbase64'],
    ['no key id', 'SECRETVALUEwithoutcolon', 'withoutcolon'],
  ];
  for (const [name, value, material] of malformedKeys) {
    test(`a malformed COMPTOIR_SECRET_KEYS (${name}) is reported without its key material`, async () => {
      const result = await runComptoir(['check-config'], { env: { COMPTOIR_ENV: 'test', COMPTOIR_SECRET_KEYS: value } });
      assert.notEqual(result.code, 0, `check-config accepted COMPTOIR_SECRET_KEYS=${value}:\n${result.output}`);
      assert.ok(result.output.includes('COMPTOIR_SECRET_KEYS'), result.output);
      assert.ok(!result.output.includes(material), `the key material was printed:\n${result.output}`);
    });
  }

  test('production with missing variables exits non-zero and names them', async () => {
    const result = await runComptoir(['check-config'], { env: { COMPTOIR_ENV: 'production' } });
    assert.notEqual(result.code, 0, result.output);
    for (const name of ['DATABASE_URL', 'BASE_URL', 'COMPTOIR_SECRET_KEYS']) assert.ok(result.output.includes(name), result.output);
  });

  test('STRIPE_SECRET_KEY_FILE is read, shown as coming from a file, and never printed', async () => {
    const file = path.join(dir, 'stripe-key');
    writeFileSync(file, 'sk_test_SECRETVALUE123fromfile\n');
    const result = await runComptoir(['check-config'], { env: { COMPTOIR_ENV: 'test', STRIPE_SECRET_KEY_FILE: file } });
    assert.equal(result.code, 0, result.output);
    const line = result.output.split('\n').find((l) => l.includes('STRIPE_SECRET_KEY'));
    assert.ok(line, `STRIPE_SECRET_KEY not listed:\n${result.output}`);
    assert.match(line, /file/i, `the listing should say the value came from a file: ${line}`);
    assertNoSecret(result.output, 'check-config output');
  });

  test('a malformed COMPTOIR_SECRET_KEYS_FILE is reported like the variable itself', async () => {
    const file = path.join(dir, 'bad-keys');
    writeFileSync(file, 'k1:MDEyMzQ1Njc4OWFiY2RlZg==\n');
    const bad = await runComptoir(['check-config'], { env: { COMPTOIR_ENV: 'test', COMPTOIR_SECRET_KEYS_FILE: file } });
    assert.notEqual(bad.code, 0, `a malformed key file was accepted:\n${bad.output}`);
    writeFileSync(file, `${SECRET_KEYS}\n`);
    const good = await runComptoir(['check-config'], { env: { COMPTOIR_ENV: 'test', COMPTOIR_SECRET_KEYS_FILE: file } });
    assert.equal(good.code, 0, `a valid key file was refused:\n${good.output}`);
    assertNoSecret(good.output, 'check-config output');
  });
});

test('secrets never appear in the server logs', { timeout: 60_000 }, async () => {
  const { DATABASE_URL: databaseUrl, ...secrets } = allSecrets(await freshDatabaseUrl({ password: true }));
  const server = await startServer({ database: { url: databaseUrl }, env: { ...secrets, LOG_LEVEL: 'debug' } });
  try {
    for (const route of ['/fr/', '/api/v1/nope', '/fr/nope', '/readyz', '/metrics']) {
      await get(`${server.url}${route}`, { headers: { Authorization: `Bearer ${STRIPE}`, Cookie: `s=${WEBHOOK}` } });
    }
  } finally {
    await server.stop();
  }
  assert.ok(server.logs().length > 0, 'the server logged nothing at all');
  assertNoSecret(server.logText(), 'the server log');
});
