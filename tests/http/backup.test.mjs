// comptoir backup / restore, and the scheduled backups of `serve`: the demo shop with orders is
// backed up, restored into a new database and a new media folder, and compared (data, pictures,
// a product page); a wrong key, a corrupted or truncated file, or a database that is not empty
// are refused and change nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkoutShop } from '../support/checkout_fixtures.mjs';
import {
  createDatabase, describe as show, get, runComptoir, sleep, startServer, tempDir,
} from '../support/server.mjs';

const KEY = `k1:${randomBytes(32).toString('base64')}`;
const OTHER_KEY = `k1:${randomBytes(32).toString('base64')}`;

// Every row of every table, one INSERT a line, sorted: two databases with the same data give
// the same text whatever order their rows are stored in.
function dataDump(url) {
  const text = execFileSync('pg_dump', ['--data-only', '--inserts', '--rows-per-insert=1', '--no-comments', url],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  // Comments, and psql's \restrict line with its random key, say nothing about the data.
  return text.split('\n').filter((line) => line && !line.startsWith('--') && !line.startsWith('\\')).sort().join('\n');
}

// relative path → SHA-256 of every file under `dir` (hidden entries left out, as backups do).
function checksums(dir) {
  const out = {};
  const walk = (at) => {
    if (!existsSync(at)) return;
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

function publicTables(url) {
  return Number(execFileSync('psql', [url, '-X', '-q', '-t', '-A', '-c',
    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"], { encoding: 'utf8' }).trim());
}

// What differs from one server or request to the next in a page: the origin (BASE_URL is each
// test server's own address), CSP nonces, request ids, CSRF tokens.
function stable(html, origin) {
  return html.replaceAll(origin, 'https://shop.example')
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/name="csrf_token" value="[^"]*"/g, 'name="csrf_token" value=""')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'REQUEST-ID');
}

const env = (database, media, extra = {}) => ({
  COMPTOIR_ENV: 'test', DATABASE_URL: database.url, MEDIA_DIR: media, COMPTOIR_SECRET_KEYS: KEY, ...extra,
});

// The demo shop with two orders, its product page, then the server stopped: nothing changes the
// database any more while it is backed up and compared.
let original; // { database, media, productPath, productPage, orders }
let backupFile;
before(async () => {
  const database = await createDatabase();
  const server = await startServer({ database: { url: database.url }, env: { COMPTOIR_SECRET_KEYS: KEY } });
  const media = server.env.MEDIA_DIR;
  const seeded = await runComptoir(['seed', '--demo'], { env: env(database, media), timeout: 180_000 });
  assert.equal(seeded.code, 0, seeded.output);

  const shop = await checkoutShop(server);
  const [first, second] = shop.sql(`SELECT p.id, v.id, t.slug FROM products p JOIN variants v ON v.product_id = p.id
    JOIN product_translations t ON t.product_id = p.id AND t.locale = 'fr'
    WHERE p.status = 'active' AND v.stock_on_hand > 5 ORDER BY p.id, v.id LIMIT 2`)
    .split('\n').map((line) => {
      const [id, variant, slug] = line.split('|');
      return { id: Number(id), variant: Number(variant), slug };
    });
  const orders = [];
  for (const [product, quantity] of [[first, 2], [second, 1]]) {
    const shopper = await shop.shopper({ name: 'sauvegarde' });
    await shopper.add(product, quantity);
    const res = await shopper.checkout();
    assert.equal(res.status, 201, show(res));
    orders.push(res.json().order.number);
  }
  const productPath = `/fr/produit/${first.slug}`;
  const page = await get(`${server.url}${productPath}`);
  assert.equal(page.status, 200, show(page));
  await server.stop();
  original = { database, media, productPath, productPage: stable(page.text, server.url), orders };
}, { timeout: 300_000 });

after(async () => { await original?.database.drop(); });

describe('comptoir backup and restore: a round trip', { timeout: 300_000 }, () => {
  let restored; // { database, media }

  test('backup writes one encrypted file named by the UTC time, and prints its path', async () => {
    const dir = tempDir('comptoir-backups-');
    const result = await runComptoir(['backup', '--to', dir], { env: env(original.database, original.media), timeout: 120_000 });
    assert.equal(result.code, 0, result.output);
    backupFile = result.stdout.trim();
    assert.equal(path.dirname(backupFile), dir, result.output);
    assert.match(path.basename(backupFile), /^comptoir-\d{8}T\d{6}Z\.backup$/);
    assert.deepEqual(readdirSync(dir), [path.basename(backupFile)], 'a partial file was left behind');
    assert.equal(statSync(backupFile).mode & 0o077, 0, 'a backup is readable by others');
    const bytes = readFileSync(backupFile);
    assert.ok(bytes.subarray(0, 18).toString() === 'comptoir-backup 1\n', 'no magic line');
    assert.equal(bytes.indexOf('PGDMP'), -1, 'the dump is in clear');
    assert.equal(bytes.indexOf(original.orders[0]), -1, 'an order number is in clear');
    assert.match(result.stderr, /0008_|schema/, 'the summary names the schema');
  });

  test('restore --check verifies the file without a database', async () => {
    const result = await runComptoir(['restore', backupFile, '--check'], { env: { COMPTOIR_ENV: 'test', COMPTOIR_SECRET_KEYS: KEY } });
    assert.equal(result.code, 0, result.output);
    assert.match(result.stdout, /intact/);
  });

  test('restore into a new database and media folder gives back the same data and pictures', async () => {
    const database = await createDatabase();
    const media = path.join(tempDir('comptoir-restored-'), 'media'); // not created yet
    restored = { database, media };
    const result = await runComptoir(['restore', backupFile], { env: env(database, media), timeout: 120_000 });
    assert.equal(result.code, 0, result.output);
    assert.equal(dataDump(database.url), dataDump(original.database.url), 'the data differ');
    const pictures = checksums(original.media);
    assert.ok(Object.keys(pictures).length > 50, `too few pictures seeded: ${Object.keys(pictures).length}`);
    assert.deepEqual(checksums(media), pictures, 'the media files differ');
    assert.deepEqual(readdirSync(media).filter((name) => name.startsWith('.')), [], 'the staging folder was left behind');
  });

  test('a server on the restored database and media serves the same product page', async () => {
    assert.ok(restored, 'the restore did not run');
    const server = await startServer({
      database: { url: restored.database.url }, env: { MEDIA_DIR: restored.media, COMPTOIR_SECRET_KEYS: KEY },
    });
    try {
      const page = await get(`${server.url}${original.productPath}`);
      assert.equal(page.status, 200, show(page));
      assert.equal(stable(page.text, server.url), original.productPage);
      const picture = /\/media\/(products\/[^"' ,]+\.webp)/.exec(page.text);
      assert.ok(picture, 'the page shows no picture');
      const served = await get(`${server.url}/media/${picture[1]}`);
      assert.equal(served.status, 200, show(served));
    } finally {
      await server.stop();
      await restored.database.drop();
    }
  });
});

describe('comptoir restore refuses and changes nothing', { timeout: 300_000 }, () => {
  // A new empty database and a media folder for each attempt; both must stay empty.
  async function attempt(file, { key = KEY, args = [] } = {}) {
    const database = await createDatabase();
    const media = tempDir('comptoir-refused-');
    try {
      const result = await runComptoir(['restore', file, ...args], {
        env: env(database, media, { COMPTOIR_SECRET_KEYS: key }), timeout: 120_000,
      });
      return { result, tables: publicTables(database.url), files: readdirSync(media) };
    } finally {
      await database.drop();
    }
  }

  const assertUnchanged = ({ result, tables, files }, message) => {
    assert.equal(result.code, 1, result.output);
    assert.equal(result.signal, null);
    assert.match(result.stderr, message);
    assert.match(result.stderr, /Nothing was changed/);
    assert.equal(tables, 0, 'tables were created');
    assert.deepEqual(files, [], 'files were written into MEDIA_DIR');
  };

  test('the wrong key under the right id', async () => {
    assertUnchanged(await attempt(backupFile, { key: OTHER_KEY }), /does not open with the key 'k1'/);
  });

  test('a key id that COMPTOIR_SECRET_KEYS does not hold is named', async () => {
    const other = `k2:${randomBytes(32).toString('base64')}`;
    assertUnchanged(await attempt(backupFile, { key: other }), /made with the key 'k1'.*does not\s+hold/s);
  });

  test('one altered byte, even in the last part', async () => {
    for (const where of [0.5, 0.999]) {
      const copy = path.join(tempDir('comptoir-corrupt-'), 'altered.backup');
      copyFileSync(backupFile, copy);
      const bytes = readFileSync(copy);
      const at = Math.floor(bytes.length * where);
      bytes[at] ^= 0x20;
      writeFileSync(copy, bytes);
      assertUnchanged(await attempt(copy), /corrupted/);
      const check = await runComptoir(['restore', copy, '--check'], { env: { COMPTOIR_ENV: 'test', COMPTOIR_SECRET_KEYS: KEY } });
      assert.equal(check.code, 1, check.output);
    }
  });

  test('a truncated file', async () => {
    const copy = path.join(tempDir('comptoir-truncated-'), 'short.backup');
    const bytes = readFileSync(backupFile);
    writeFileSync(copy, bytes.subarray(0, bytes.length - 100));
    assertUnchanged(await attempt(copy), /truncated/);
  });

  test('a database that is not empty, without --force', async () => {
    const before = dataDump(original.database.url);
    const media = tempDir('comptoir-refused-');
    const result = await runComptoir(['restore', backupFile], { env: env(original.database, media) });
    assert.equal(result.code, 1, result.output);
    assert.match(result.stderr, /not empty/);
    assert.match(result.stderr, /--force/);
    assert.equal(dataDump(original.database.url), before);
    assert.deepEqual(readdirSync(media), []);
  });

  test('--force replaces what the database and the media folder hold', async () => {
    const expected = dataDump(original.database.url);
    const pictures = checksums(original.media);
    const database = await createDatabase();
    const media = tempDir('comptoir-forced-');
    try {
      assert.equal((await runComptoir(['restore', backupFile], { env: env(database, media), timeout: 120_000 })).code, 0);
      execFileSync('psql', [database.url, '-X', '-q', '-c', "UPDATE orders SET email = 'changed@example.ca'"]);
      writeFileSync(path.join(media, 'stray.jpg'), 'not from the backup');
      const result = await runComptoir(['restore', backupFile, '--force'], { env: env(database, media), timeout: 120_000 });
      assert.equal(result.code, 0, result.output);
      assert.equal(dataDump(database.url), expected);
      assert.deepEqual(checksums(media), pictures);
      const aside = readdirSync(media).filter((name) => name.startsWith('.before-restore-'));
      assert.equal(aside.length, 1, result.output);
      assert.ok(existsSync(path.join(media, aside[0], 'stray.jpg')), 'the old files were not set aside');
    } finally {
      await database.drop();
    }
  });
});

describe('the command line of backup and restore', { timeout: 60_000 }, () => {
  for (const [args, message] of [
    [['backup', '--frobnicate'], /frobnicate/],
    [['backup', '--to'], /--to needs a folder/],
    [['restore'], /name the backup file/],
    [['restore', 'a.backup', 'b.backup'], /one file only/],
    [['restore', 'a.backup', '--force', '--check'], /--check/],
  ]) {
    test(`comptoir ${args.join(' ')} → usage error, exit 2`, async () => {
      const result = await runComptoir(args, { env: { COMPTOIR_ENV: 'test', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
      assert.equal(result.code, 2, result.output);
      assert.match(result.stderr, message);
    });
  }

  test('backup without COMPTOIR_SECRET_KEYS says why it cannot, exit 2', async () => {
    const result = await runComptoir(['backup'], { env: { COMPTOIR_ENV: 'test', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    assert.equal(result.code, 2, result.output);
    assert.match(result.stderr, /COMPTOIR_SECRET_KEYS is not set/);
  });

  test('backup and restore --help describe themselves without a database', async () => {
    for (const name of ['backup', 'restore']) {
      const result = await runComptoir([name, '--help']);
      assert.equal(result.code, 0, result.output);
      assert.match(result.stdout, new RegExp(`comptoir ${name}`));
    }
  });
});

describe('scheduled backups in serve', { timeout: 120_000 }, () => {
  const metric = (text, name) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.split(' ')[1]);
  };

  test('backups follow COMPTOIR_BACKUP_SCHEDULE, COMPTOIR_BACKUP_KEEP prunes them, /metrics shows the last success', async () => {
    const dir = tempDir('comptoir-scheduled-');
    const server = await startServer({
      env: {
        COMPTOIR_SECRET_KEYS: KEY, COMPTOIR_BACKUP_SCHEDULE: 'every 1s', COMPTOIR_BACKUP_KEEP: '2', COMPTOIR_BACKUP_DIR: dir,
      },
    });
    try {
      const backups = () => readdirSync(dir).filter((name) => /^comptoir-.*\.backup$/.test(name));
      const deadline = performance.now() + 30_000;
      let deleted;
      while (!(deleted = server.logs().find((l) => l.json?.msg === 'backup deleted by COMPTOIR_BACKUP_KEEP')) && performance.now() < deadline) await sleep(200);
      assert.ok(deleted, `no backup was ever pruned; log:\n${server.logText()}`);
      assert.ok(backups().length <= 2, `COMPTOIR_BACKUP_KEEP=2 kept ${backups()}`);
      const res = await get(`${server.url}/metrics`);
      const success = metric(res.text, 'backup_last_success_timestamp_seconds');
      assert.ok(success > Date.now() / 1000 - 60, `last success: ${success}`);
      assert.ok(metric(res.text, 'backup_last_size_bytes') > 0);
      assert.equal(metric(res.text, 'backup_last_failure_timestamp_seconds'), 0);
      // The file restores: it is a real backup.
      const check = await runComptoir(['restore', path.join(dir, backups()[0]), '--check'], {
        env: { COMPTOIR_ENV: 'test', COMPTOIR_SECRET_KEYS: KEY },
      });
      assert.equal(check.code, 0, check.output);
    } finally {
      await server.stop();
    }
  });

  test('a failed scheduled backup sets the failure time and is logged', async () => {
    const blocker = path.join(tempDir('comptoir-scheduled-'), 'not-a-folder');
    writeFileSync(blocker, 'a file where the folder should be');
    const server = await startServer({
      env: { COMPTOIR_SECRET_KEYS: KEY, COMPTOIR_BACKUP_SCHEDULE: 'every 1s', COMPTOIR_BACKUP_DIR: blocker },
    });
    try {
      await server.waitForLog((l) => l.json?.msg === 'job failed' && l.json?.job === 'backup.scheduled', 15_000);
      const res = await get(`${server.url}/metrics`);
      assert.ok(metric(res.text, 'backup_last_failure_timestamp_seconds') > Date.now() / 1000 - 60, res.text);
      assert.equal(metric(res.text, 'backup_last_success_timestamp_seconds'), 0);
    } finally {
      await server.stop();
    }
  });
});
